import StatsJSON

/// One `resources/list` entry.
public struct MCPResource: Sendable {
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

    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("uri", .string(uri))
        object.appendUnchecked("name", .string(name))
        object.appendUnchecked("title", .string(title))
        object.appendUnchecked("description", .string(description))
        object.appendUnchecked("mimeType", .string(mimeType))
        return .object(object)
    }
}

/// `resources/list`.
public enum ResourcesList: MCPMethod {
    public static let name = "resources/list"
    public static func parse(_ params: JSONObject?) -> Swift.Result<PageParams, RPCError> { PageParams.parse(params) }

    public struct Result: MCPResult {
        public var resources: [MCPResource]
        public var cache: CacheHints?

        public init(resources: [MCPResource], cache: CacheHints?) {
            self.resources = resources
            self.cache = cache
        }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("resources", .array(resources.map(\.json)))
            cache?.write(to: &result)
            return result
        }
    }
}

/// `resources/templates/list`: always empty.
public enum ResourcesTemplatesList: MCPMethod {
    public static let name = "resources/templates/list"
    public static func parse(_ params: JSONObject?) -> Swift.Result<PageParams, RPCError> { PageParams.parse(params) }

    public struct Result: MCPResult {
        public var cache: CacheHints?

        public init(cache: CacheHints?) { self.cache = cache }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("resourceTemplates", .array([]))
            cache?.write(to: &result)
            return result
        }
    }
}

/// `resources/read`: one text content; an unknown URI is -32602 with `data.uri`.
public enum ResourcesRead: MCPMethod {
    public static let name = "resources/read"

    public struct Params: Sendable {
        public var uri: String
    }

    public static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError> {
        guard case let .string(uri)? = params?["uri"] else {
            return .failure(.invalidParams("resources/read needs a string `uri`"))
        }
        return .success(Params(uri: uri))
    }

    public static func notFound(_ uri: String) -> RPCError {
        .invalidParams("Resource not found: \(uri)", data: ["uri": .string(uri)])
    }

    public struct Result: MCPResult {
        public var uri: String
        public var mimeType: String
        public var text: String
        public var cache: CacheHints?

        public init(uri: String, mimeType: String, text: String, cache: CacheHints?) {
            self.uri = uri
            self.mimeType = mimeType
            self.text = text
            self.cache = cache
        }

        public var json: JSONObject {
            var content = JSONObject()
            content.appendUnchecked("uri", .string(uri))
            content.appendUnchecked("mimeType", .string(mimeType))
            content.appendUnchecked("text", .string(text))
            var result = JSONObject()
            result.appendUnchecked("contents", .array([.object(content)]))
            cache?.write(to: &result)
            return result
        }
    }
}
