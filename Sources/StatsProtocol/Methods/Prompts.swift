import StatsJSON

/// One argument of a prompt (`prompts/list`).
public struct PromptArgument: Sendable {
    public var name: String
    public var description: String
    public var required: Bool

    public init(name: String, description: String, required: Bool) {
        self.name = name
        self.description = description
        self.required = required
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("name", .string(name))
        object.appendUnchecked("description", .string(description))
        object.appendUnchecked("required", .bool(required))
        return .object(object)
    }
}

/// One `prompts/list` entry.
public struct Prompt: Sendable {
    public var name: String
    public var title: String
    public var description: String
    public var arguments: [PromptArgument]

    public init(name: String, title: String, description: String, arguments: [PromptArgument]) {
        self.name = name
        self.title = title
        self.description = description
        self.arguments = arguments
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("name", .string(name))
        object.appendUnchecked("title", .string(title))
        object.appendUnchecked("description", .string(description))
        object.appendUnchecked("arguments", .array(arguments.map(\.json)))
        return .object(object)
    }
}

/// One message of a rendered prompt (text content only).
public struct PromptMessage: Sendable, Equatable {
    public enum Role: String, Sendable { case user, assistant }

    public var role: Role
    public var text: String

    public init(role: Role, text: String) {
        self.role = role
        self.text = text
    }

    public var json: JSONValue {
        var content = JSONObject()
        content.appendUnchecked("type", "text")
        content.appendUnchecked("text", .string(text))
        var object = JSONObject()
        object.appendUnchecked("role", .string(role.rawValue))
        object.appendUnchecked("content", .object(content))
        return .object(object)
    }
}

/// `prompts/list`.
public enum PromptsList: MCPMethod {
    public static let name = "prompts/list"
    public static func parse(_ params: JSONObject?) -> Swift.Result<PageParams, RPCError> { PageParams.parse(params) }

    public struct Result: MCPResult {
        public var prompts: [Prompt]
        public var cache: CacheHints?

        public init(prompts: [Prompt], cache: CacheHints?) {
            self.prompts = prompts
            self.cache = cache
        }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("prompts", .array(prompts.map(\.json)))
            cache?.write(to: &result)
            return result
        }
    }
}

/// `prompts/get`: an unknown prompt or a missing required argument is -32602.
public enum PromptsGet: MCPMethod {
    public static let name = "prompts/get"

    public struct Params: Sendable {
        public var name: String
        /// Argument values by name; an empty string counts as omitted (as for tool arguments, SPEC §4).
        public var arguments: [String: String]

        public init(name: String, arguments: [String: String]) {
            self.name = name
            self.arguments = arguments
        }
    }

    public static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError> {
        guard case let .string(prompt)? = params?["name"] else {
            return .failure(.invalidParams("prompts/get needs a string `name`"))
        }
        switch stringMap(params?["arguments"], what: "prompts/get `arguments`") {
        case let .success(arguments): return .success(Params(name: prompt, arguments: arguments))
        case let .failure(error): return .failure(error)
        }
    }

    public struct Result: MCPResult {
        public var description: String
        public var messages: [PromptMessage]

        public init(description: String, messages: [PromptMessage]) {
            self.description = description
            self.messages = messages
        }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("description", .string(description))
            result.appendUnchecked("messages", .array(messages.map(\.json)))
            return result
        }
    }
}

/// An object of string values (`prompts/get` arguments, completion context); absent or `null` = empty;
/// `null` or `""` members are left out.
func stringMap(_ value: JSONValue?, what: String) -> Swift.Result<[String: String], RPCError> {
    var out: [String: String] = [:]
    switch value {
    case nil, .null?: return .success(out)
    case let .object(object)?:
        for member in object.members {
            switch member.value {
            case let .string(text): if !text.isEmpty { out[member.key] = text }
            case .null: break
            default: return .failure(.invalidParams("\(what): `\(member.key)` must be a string"))
            }
        }
        return .success(out)
    case let other?:
        return .failure(.invalidParams("\(what) must be an object of strings, not \(other.typeName)"))
    }
}
