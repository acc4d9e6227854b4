import StatsJSON

/// `logging/setLevel` (handshake era only): the threshold of `notifications/message`.
public enum LoggingSetLevel: MCPMethod {
    public static let name = "logging/setLevel"
    public typealias Result = EmptyResult

    public struct Params: Sendable {
        public var level: LogLevel
    }

    public static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError> {
        guard case let .string(name)? = params?["level"], let level = LogLevel(name: name) else {
            return .failure(.invalidParams("logging/setLevel needs `level`, one of \(LogLevel.namesList)"))
        }
        return .success(Params(level: level))
    }
}

/// `notifications/message`: one log line for the client.
public enum LogMessageNotification {
    public static let method = "notifications/message"

    public static func params(level: LogLevel, logger: String, data: JSONValue) -> JSONObject {
        var p = JSONObject()
        p.appendUnchecked("level", .string(level.name))
        p.appendUnchecked("logger", .string(logger))
        p.appendUnchecked("data", data)
        return p
    }
}
