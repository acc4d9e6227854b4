import StatsCore
import StatsProtocol

/// `resources/list` and `resources/read` (`resources/templates/list` is answered in `MCPServer`).
extension MCPServer {
    /// The backend's resources, plus the chart app for a client that declares MCP Apps.
    func listResources(_ environment: RequestEnvironment) -> ResourcesList.Result {
        var resources = backend.resources()
        if let app = backend.uiApp, MCPApps.isSupported(by: environment.client) { resources.append(app.resource) }
        return ResourcesList.Result(resources: resources, cache: environment.cache)
    }

    /// The chart app is readable whatever the client declared (a host may fetch it ahead of time); it is
    /// listed and linked from tools only for clients that declare the extension.
    func readResource(_ params: ResourcesRead.Params, _ environment: RequestEnvironment) -> Result<ResourcesRead.Result, RPCError> {
        let uri = params.uri
        if let app = backend.uiApp, Identifiers.sameBytes(app.resource.uri, uri) {
            return .success(ResourcesRead.Result(uri: uri, mimeType: app.resource.mimeType, text: app.html, cache: environment.cache))
        }
        guard let text = backend.readResource(uri: uri) else { return .failure(ResourcesRead.notFound(uri)) }
        let mimeType = backend.resources().first { Identifiers.sameBytes($0.uri, uri) }?.mimeType ?? "text/plain"
        return .success(ResourcesRead.Result(uri: uri, mimeType: mimeType, text: text, cache: environment.cache))
    }
}
