import StatsJSON

/// Severity of a log notification (MCP `notifications/message` levels, RFC 5424 order).
public enum LogLevel: Int, Sendable, Comparable, CaseIterable {
    case debug, info, notice, warning, error, critical, alert, emergency

    public var name: String {
        switch self {
        case .debug: return "debug"
        case .info: return "info"
        case .notice: return "notice"
        case .warning: return "warning"
        case .error: return "error"
        case .critical: return "critical"
        case .alert: return "alert"
        case .emergency: return "emergency"
        }
    }

    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.name == name }) else { return nil }
        self = level
    }

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}

/// What a running request may do besides returning its result: log, report progress, notice cancellation.
/// The server builds one per request; the backend never touches stdout itself.
public struct RequestContext: Sendable {
    /// Emits a `notifications/message` when the client asked for logs at this level (no-op otherwise).
    public var log: @Sendable (LogLevel, JSONValue) -> Void
    /// Emits `notifications/progress` (progress, total, message) when the request carried a progressToken.
    public var progress: @Sendable (Double, Double?, String?) -> Void
    /// True once the client cancelled this request (`notifications/cancelled`).
    public var isCancelled: @Sendable () -> Bool

    public init(
        log: @escaping @Sendable (LogLevel, JSONValue) -> Void = { _, _ in },
        progress: @escaping @Sendable (Double, Double?, String?) -> Void = { _, _, _ in },
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.log = log
        self.progress = progress
        self.isCancelled = isCancelled
    }
}

/// The outcome of `tools/call` for a known tool.
public struct ToolCallOutcome: Sendable {
    /// `structuredContent`: the tool's output, or `{"error": {...}}` for a tool error.
    public var structuredContent: JSONValue
    public var isError: Bool
    /// `structuredContent` already serialized as compact JSON, when the backend has it (it is the
    /// text of a successful result), so the server need not serialize the tree again.
    public var serialized: RawJSON?
    private var message: String?

    public init(structuredContent: JSONValue, isError: Bool, text: String, serialized: RawJSON? = nil) {
        self.structuredContent = structuredContent
        self.isError = isError
        self.message = text
        self.serialized = serialized
    }

    /// A successful result whose text is its compact JSON (nothing is decoded until `text` is read).
    public init(result: JSONValue, serialized: RawJSON) {
        self.structuredContent = result
        self.isError = false
        self.serialized = serialized
        self.message = nil
    }

    /// The text block: compact JSON of `structuredContent` on success; message and hint in plain words on error.
    public var text: String {
        message ?? String(decoding: serialized?.bytes ?? JSON.bytes(structuredContent), as: UTF8.self)
    }

    /// The text block as a JSON string literal, escaped straight from the serialized bytes.
    public var textLiteral: JSONValue {
        guard message == nil, let serialized else { return .string(text) }
        return .raw(RawJSON(JSONWriter.stringLiteral(utf8: serialized.bytes)))
    }
}

/// A readable resource (`resources/list` entry).
public struct ResourceDescriptor: Sendable {
    public var uri: String
    public var name: String
    public var title: String
    public var description: String
    public var mimeType: String

    public init(uri: String, name: String, title: String, description: String, mimeType: String) {
        self.uri = uri
        self.name = name
        self.title = title
        self.description = description
        self.mimeType = mimeType
    }
}

/// Everything the protocol layer needs from the product: tool definitions, tool calls, resources.
/// The server state machine (`MCPServer`) depends only on this, so it is tested with a fake backend.
public protocol ToolBackend: Sendable {
    /// The `tools/list` entries, in their fixed order (each an object with name, title, description,
    /// inputSchema, outputSchema, annotations).
    func toolDefinitions() -> [JSONValue]
    /// Runs a tool; nil when no tool has this name (the server answers -32602).
    func callTool(name: String, arguments: JSONObject, context: RequestContext) -> ToolCallOutcome?
    func resources() -> [ResourceDescriptor]
    /// The text of a resource, nil for an unknown URI.
    func readResource(uri: String) -> String?
    /// A short guide for the model (`instructions`).
    var instructions: String { get }
    /// Called (on the worker) before the first request that needs the store, so the store can load
    /// while `initialize` is answered; may report progress through `context`.
    func prepare(context: RequestContext)
}
