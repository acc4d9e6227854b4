/// MCP protocol revisions and the reserved `_meta` keys this server reads and writes.
public enum MCPVersion {
    /// The stateless revision: no `initialize`, the version travels in every request's `_meta`.
    public static let stateless = "2026-07-28"
    /// Revisions negotiated by `initialize`, newest first.
    public static let handshake: [String] = ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]
    /// The answer to an `initialize` asking for a version we do not know.
    public static let latestHandshake = "2025-11-25"
    /// Every supported revision, newest first (`server/discover` and -32022 `data.supported`).
    public static let all: [String] = [stateless] + handshake

    public static func isHandshake(_ version: String) -> Bool { handshake.contains(version) }
    public static func isSupported(_ version: String) -> Bool { all.contains(version) }

    /// `params._meta` key naming the request's protocol version (2026-07-28).
    public static let protocolVersionMetaKey = "io.modelcontextprotocol/protocolVersion"
    /// `params._meta` key with the log level the client wants for this request (2026-07-28).
    public static let logLevelMetaKey = "io.modelcontextprotocol/logLevel"
    /// `params._meta` key with the client's capabilities (2026-07-28; read leniently, never required).
    public static let clientCapabilitiesMetaKey = "io.modelcontextprotocol/clientCapabilities"
    /// `result._meta` key identifying the server on every 2026-07-28 result.
    public static let serverInfoMetaKey = "io.modelcontextprotocol/serverInfo"
}
