import StatsJSON

/// `completion/complete`: proposals for a prompt argument (SPEC §7.4).
public enum CompletionComplete: MCPMethod {
    public static let name = "completion/complete"
    /// The most values one answer proposes (MCP allows up to 100; SPEC §7.4 asks for at most 10).
    public static let maxValues = 10

    public enum Reference: Sendable, Equatable {
        case prompt(name: String)
        case resource(uri: String)
    }

    public struct Params: Sendable {
        public var ref: Reference
        public var argumentName: String
        /// What the user typed so far.
        public var value: String
        /// `context.arguments`: values already given for the prompt's other arguments.
        public var contextArguments: [String: String]
    }

    public static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError> {
        guard case let .object(ref)? = params?["ref"], case let .string(type)? = ref["type"] else {
            return .failure(.invalidParams("completion/complete needs `ref` with a string `type` (ref/prompt or ref/resource)"))
        }
        let reference: Reference
        switch (type, ref["name"], ref["uri"]) {
        case let ("ref/prompt", .string(name)?, _): reference = .prompt(name: name)
        case let ("ref/resource", _, .string(uri)?): reference = .resource(uri: uri)
        default:
            return .failure(.invalidParams("completion/complete `ref` must be {type: \"ref/prompt\", name} or {type: \"ref/resource\", uri}"))
        }
        guard case let .object(argument)? = params?["argument"], case let .string(argumentName)? = argument["name"],
            case let .string(value)? = argument["value"]
        else {
            return .failure(.invalidParams("completion/complete needs `argument` with string `name` and `value`"))
        }
        var context: [String: String] = [:]
        if case let .object(contextObject)? = params?["context"] {
            switch stringMap(contextObject["arguments"], what: "completion/complete `context.arguments`") {
            case let .success(map): context = map
            case let .failure(error): return .failure(error)
            }
        }
        return .success(Params(ref: reference, argumentName: argumentName, value: value, contextArguments: context))
    }

    public struct Result: MCPResult {
        /// At most `maxValues` proposals.
        public var values: [String]
        /// How many values matched in all.
        public var total: Int

        /// Keeps the first `maxValues` of `matches`.
        public init(matches: [String]) {
            values = Array(matches.prefix(CompletionComplete.maxValues))
            total = matches.count
        }

        public var json: JSONObject {
            var completion = JSONObject()
            completion.appendUnchecked("values", .array(values.map { .string($0) }))
            completion.appendUnchecked("total", .int(Int64(total)))
            completion.appendUnchecked("hasMore", .bool(total > values.count))
            var result = JSONObject()
            result.appendUnchecked("completion", .object(completion))
            return result
        }
    }
}
