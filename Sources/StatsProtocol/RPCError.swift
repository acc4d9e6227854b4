import StatsJSON

/// A JSON-RPC error object. Codes -32020…-32099 are never used except -32022 (MCP 2026-07-28).
public struct RPCError: Error, Sendable, Equatable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public static let parseErrorCode = -32700
    public static let invalidRequestCode = -32600
    public static let methodNotFoundCode = -32601
    public static let invalidParamsCode = -32602
    public static let internalErrorCode = -32603
    public static let unsupportedProtocolVersionCode = -32022

    /// -32700: the line is not valid JSON (or not UTF-8, or nested too deeply).
    public static func parseError(_ detail: String? = nil) -> RPCError {
        RPCError(code: parseErrorCode, message: detail.map { "Parse error: \($0)" } ?? "Parse error")
    }

    /// -32600: valid JSON that is not a valid request.
    public static func invalidRequest(_ detail: String? = nil) -> RPCError {
        RPCError(code: invalidRequestCode, message: detail.map { "Invalid request: \($0)" } ?? "Invalid request")
    }

    /// -32601.
    public static func methodNotFound(_ method: String) -> RPCError {
        RPCError(code: methodNotFoundCode, message: "Method not found: \(method)")
    }

    /// -32602.
    public static func invalidParams(_ message: String, data: JSONValue? = nil) -> RPCError {
        RPCError(code: invalidParamsCode, message: message, data: data)
    }

    /// -32603, never with a stack trace or a file path.
    public static func internalError(_ message: String = "Internal error") -> RPCError {
        RPCError(code: internalErrorCode, message: message)
    }

    /// -32022 with `data: {supported, requested}` (MCP 2026-07-28).
    public static func unsupportedProtocolVersion(requested: String, supported: [String] = MCPVersion.all) -> RPCError {
        var data = JSONObject()
        data.appendUnchecked("supported", .array(supported.map { .string($0) }))
        data.appendUnchecked("requested", .string(requested))
        return RPCError(code: unsupportedProtocolVersionCode, message: "Unsupported protocol version", data: .object(data))
    }

    /// The `error` member of a response.
    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("code", .int(Int64(code)))
        object.appendUnchecked("message", .string(message))
        if let data { object.appendUnchecked("data", data) }
        return .object(object)
    }
}
