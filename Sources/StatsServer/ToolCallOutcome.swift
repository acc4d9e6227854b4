import StatsJSON
import StatsProtocol
import StatsTools

/// The outcome of `tools/call` for a known tool.
public struct ToolCallOutcome: Sendable {
    /// `structuredContent`: the tool's output, or `{"error": {...}}` for a tool error.
    public var structuredContent: JSONValue
    public var isError: Bool
    /// `structuredContent` already serialized as compact JSON, when the backend has it (it is the
    /// text of a successful result), so the server need not serialize the tree again.
    public var serialized: RawJSON?
    /// The tool's answer as its typed output value (nil for a tool error).
    public var answer: (any OutputValue)?
    private var message: String?

    public init(structuredContent: JSONValue, isError: Bool, text: String, serialized: RawJSON? = nil) {
        self.structuredContent = structuredContent
        self.isError = isError
        self.message = text
        self.serialized = serialized
    }

    /// A successful result whose text is its compact JSON (nothing is decoded until `text` is read).
    public init(answer: any OutputValue, result: JSONValue, serialized: RawJSON) {
        self.answer = answer
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
