import StatsJSON

/// One JSON-RPC message, classified (JSON-RPC 2.0 as profiled by MCP; SPEC §7.2).
public enum IncomingMessage: Sendable {
    /// A request: it gets exactly one response (unless cancelled).
    case request(id: RequestID, method: String, params: JSONObject?)
    /// A notification: never answered, known or unknown.
    case notification(method: String, params: JSONObject?)
    /// A response from the client (`result` or `error` and no `method`): ignored, whatever its id.
    case clientResponse
    /// Not a valid request: answered with `error`, echoing `id` when it could be read (else `null`).
    case invalid(id: RequestID?, error: RPCError)

    /// Classifies one parsed message (one element of a batch, or a whole line that is not an array).
    ///
    /// Order of checks: client responses first; then the id (`null`, fractional or out-of-range ids
    /// make the message invalid with id `null`); then `jsonrpc` must be exactly "2.0"; `method` must be a
    /// string; then `params`, if present, must be an object: an array is -32602 (a structured value of the
    /// wrong kind), anything else -32600. A notification's params are not checked (it is never answered).
    public static func classify(_ value: JSONValue) -> IncomingMessage {
        guard case let .object(object) = value else {
            return .invalid(id: nil, error: .invalidRequest("a message must be a JSON object"))
        }
        let method = object["method"]
        if method == nil, object["result"] != nil || object["error"] != nil {
            return .clientResponse
        }
        var id: RequestID? = nil
        let hasID: Bool
        if let rawID = object["id"] {
            hasID = true
            guard let parsed = RequestID(json: rawID) else {
                return .invalid(id: nil, error: .invalidRequest("id must be a string or an integer (64-bit), not \(describe(rawID))"))
            }
            id = parsed
        } else {
            hasID = false
        }
        guard case let .string(version)? = object["jsonrpc"], version == "2.0" else {
            return .invalid(id: id, error: .invalidRequest("jsonrpc must be \"2.0\""))
        }
        guard case let .string(methodName)? = method else {
            return .invalid(id: id, error: .invalidRequest(method == nil ? "method is missing" : "method must be a string"))
        }
        var params: JSONObject? = nil
        if let rawParams = object["params"] {
            switch rawParams {
            case let .object(o): params = o
            case .array:
                if let id { return .invalid(id: id, error: .invalidParams("params must be an object, not an array")) }
            default:
                if let id { return .invalid(id: id, error: .invalidRequest("params must be an object")) }
            }
        }
        if hasID, let id { return .request(id: id, method: methodName, params: params) }
        return .notification(method: methodName, params: params)
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .double: return "a fractional or out-of-range number"
        default: return "a value of type \(value.typeName)"
        }
    }
}

/// Compact JSON-RPC envelopes.
public enum RPCMessage {
    public static func result(id: RequestID, _ result: JSONValue) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("jsonrpc", "2.0")
        object.appendUnchecked("id", id.json)
        object.appendUnchecked("result", result)
        return .object(object)
    }

    /// An error response; `id` nil is written as `"id": null`.
    public static func error(id: RequestID?, _ error: RPCError) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("jsonrpc", "2.0")
        object.appendUnchecked("id", id?.json ?? .null)
        object.appendUnchecked("error", error.json)
        return .object(object)
    }

    public static func notification(method: String, params: JSONObject) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("jsonrpc", "2.0")
        object.appendUnchecked("method", .string(method))
        object.appendUnchecked("params", .object(params))
        return .object(object)
    }
}
