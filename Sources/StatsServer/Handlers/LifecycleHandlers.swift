import StatsJSON
import StatsProtocol

/// `initialize`, `ping` (answered in `MCPServer`) and `server/discover`.
extension MCPServer {
    /// What the server declares to a client with these capabilities: `prompts`/`completions` when the
    /// backend has prompts, and the MCP Apps extension to a client that declares it.
    func capabilities(for client: ClientCapabilities) -> ServerCapabilities {
        let apps = backend.uiApp != nil && MCPApps.isSupported(by: client)
        return ServerCapabilities(prompts: servesPrompts, completions: servesPrompts, extensions: apps ? [MCPApps.extensionID] : [])
    }

    func initialize(_ params: Initialize.Params) -> Result<Initialize.Result, RPCError> {
        lock.lock()
        if initialized {
            lock.unlock()
            return .failure(.invalidRequest("already initialized: initialize may be sent only once per connection"))
        }
        initialized = true
        sessionClient = params.capabilities
        lock.unlock()
        let version = MCPVersion.isHandshake(params.protocolVersion) ? params.protocolVersion : MCPVersion.latestHandshake
        return .success(Initialize.Result(
            protocolVersion: version, capabilities: capabilities(for: params.capabilities), serverInfo: identity.serverInfo,
            instructions: backend.instructions))
    }

    func discover(_ environment: RequestEnvironment) -> ServerDiscover.Result {
        ServerDiscover.Result(
            supportedVersions: MCPVersion.all, capabilities: capabilities(for: environment.client),
            instructions: backend.instructions, cache: CacheHints(ttlMilliseconds: cacheTTLMilliseconds))
    }
}
