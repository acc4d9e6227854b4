import StatsJSON

/// `tools/list`: every tool in one page, in a fixed order.
public enum ToolsList: MCPMethod {
    public static let name = "tools/list"
    public static func parse(_ params: JSONObject?) -> Swift.Result<PageParams, RPCError> { PageParams.parse(params) }

    public struct Result: MCPResult {
        /// The tool definitions as served (name, title, description, schemas, annotations, `_meta`).
        public var tools: [JSONValue]
        public var cache: CacheHints?

        public init(tools: [JSONValue], cache: CacheHints?) {
            self.tools = tools
            self.cache = cache
        }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("tools", .array(tools))
            cache?.write(to: &result)
            return result
        }
    }
}

/// `tools/call`.
public enum ToolsCall: MCPMethod {
    public static let name = "tools/call"

    public struct Params: Sendable {
        public var name: String
        /// Omitted `arguments` means `{}`.
        public var arguments: JSONObject
        /// `_meta.progressToken` when it is a string or an integer.
        public var progressToken: JSONValue?
    }

    public static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError> {
        guard case let .string(tool)? = params?["name"] else {
            return .failure(.invalidParams("tools/call needs a string `name`"))
        }
        let arguments: JSONObject
        switch params?["arguments"] {
        case nil: arguments = JSONObject()
        case let .object(object)?: arguments = object
        case let other?: return .failure(.invalidParams("tools/call `arguments` must be an object, not \(other.typeName)"))
        }
        var progressToken: JSONValue? = nil
        if let token = requestMeta(params)?["progressToken"] {
            switch token {
            case .string, .int: progressToken = token
            default: break
            }
        }
        return .success(Params(name: tool, arguments: arguments, progressToken: progressToken))
    }

    public static func unknownTool(_ name: String) -> RPCError { .invalidParams("Unknown tool: \(name)") }

    public struct Result: MCPResult {
        /// The text block's `text` (a JSON string, possibly pre-escaped raw bytes).
        public var text: JSONValue
        public var structuredContent: JSONValue
        /// Always written (`false` on success).
        public var isError: Bool

        public init(text: JSONValue, structuredContent: JSONValue, isError: Bool) {
            self.text = text
            self.structuredContent = structuredContent
            self.isError = isError
        }

        public var json: JSONObject {
            var block = JSONObject()
            block.appendUnchecked("type", "text")
            block.appendUnchecked("text", text)
            var result = JSONObject()
            result.appendUnchecked("content", .array([.object(block)]))
            result.appendUnchecked("structuredContent", structuredContent)
            result.appendUnchecked("isError", .bool(isError))
            return result
        }
    }
}

/// `notifications/progress`.
public enum ProgressNotification {
    public static let method = "notifications/progress"
}

/// `notifications/cancelled`: `params.requestId` names the request to stop.
public enum CancelledNotification {
    public static let method = "notifications/cancelled"

    public static func requestID(_ params: JSONObject?) -> RequestID? {
        guard let raw = params?["requestId"] else { return nil }
        return RequestID(json: raw)
    }
}
