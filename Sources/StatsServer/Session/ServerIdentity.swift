import StatsProtocol

/// How the server names itself (`serverInfo`, and `_meta["io.modelcontextprotocol/serverInfo"]`).
public struct ServerIdentity: Sendable {
    public var name: String
    public var title: String
    public var version: String

    public init(name: String = "stats-mcp", title: String = "Stats MCP: outreach-campaign analytics", version: String) {
        self.name = name
        self.title = title
        self.version = version
    }

    /// `serverInfo` of `initialize`.
    var serverInfo: Implementation { Implementation(name: name, title: title, version: version) }
}
