import StatsJSON

/// A tool error (SPEC §6): a normal `tools/call` result with `isError: true`.
public struct ToolError: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case invalidArgument = "invalid_argument"
        case notFound = "not_found"
        case workspaceMismatch = "workspace_mismatch"
        case forbidden
        case unauthorized
        case storeUnavailable = "store_unavailable"
        case storeBusy = "store_busy"
        case `internal`
    }

    public var code: Code
    public var message: String
    public var field: String?
    public var hint: String?

    public init(_ code: Code, _ message: String, field: String? = nil, hint: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.hint = hint
    }

    /// `{"error": {"code", "message", "field"?, "hint"?}}`
    public var structuredContent: JSONValue {
        var error = JSONObject()
        error["code"] = .string(code.rawValue)
        error["message"] = .string(message)
        if let field { error["field"] = .string(field) }
        if let hint { error["hint"] = .string(hint) }
        return ["error": .object(error)]
    }

    /// The text block: the message verbatim, then the hint.
    public var text: String {
        var text = "Error (\(code.rawValue)): \(message)"
        if let hint { text += "\nHint: \(hint)" }
        return text
    }
}
