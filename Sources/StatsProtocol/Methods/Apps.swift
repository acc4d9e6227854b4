import StatsJSON

/// The MCP Apps extension (`io.modelcontextprotocol/ui`, specification 2026-01-26): a tool names a `ui://`
/// resource in `_meta.ui.resourceUri`; the host renders that HTML document and sends it the tool's result.
public enum MCPApps {
    public static let extensionID = "io.modelcontextprotocol/ui"
    /// The mimeType of an app document.
    public static let mimeType = "text/html;profile=mcp-app"

    /// True when the client declares the extension (`extensions["io.modelcontextprotocol/ui"]` is an object)
    /// and, if it lists `mimeTypes`, lists ours.
    public static func isSupported(by client: ClientCapabilities) -> Bool {
        guard let settings = client.extensionSettings(extensionID) else { return false }
        guard case let .array(types)? = settings["mimeTypes"] else { return true }
        return types.contains { $0.stringValue == mimeType }
    }

    /// A tool definition with `_meta.ui.resourceUri` added (other `_meta` members kept).
    public static func linking(_ definition: JSONValue, to resourceURI: String) -> JSONValue {
        guard case var .object(object) = definition else { return definition }
        var meta = object["_meta"]?.objectValue ?? JSONObject()
        meta["ui"] = ["resourceUri": .string(resourceURI)]
        object["_meta"] = .object(meta)
        return .object(object)
    }
}
