import StatsJSON

/// `initialize` (handshake era only; SPEC §7.3).
public enum Initialize: MCPMethod {
    public static let name = "initialize"

    public struct Params: Sendable {
        public var protocolVersion: String
        /// The client's `capabilities` (an empty object when absent or not an object).
        public var capabilities: ClientCapabilities
    }

    public static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError> {
        guard case let .string(version)? = params?["protocolVersion"] else {
            return .failure(.invalidParams("initialize needs a string `protocolVersion`"))
        }
        return .success(Params(protocolVersion: version, capabilities: ClientCapabilities(json: params?["capabilities"])))
    }

    public struct Result: MCPResult {
        public var protocolVersion: String
        public var capabilities: ServerCapabilities
        public var serverInfo: Implementation
        public var instructions: String?

        public init(protocolVersion: String, capabilities: ServerCapabilities, serverInfo: Implementation, instructions: String?) {
            self.protocolVersion = protocolVersion
            self.capabilities = capabilities
            self.serverInfo = serverInfo
            self.instructions = instructions
        }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("protocolVersion", .string(protocolVersion))
            result.appendUnchecked("capabilities", capabilities.json)
            result.appendUnchecked("serverInfo", serverInfo.json)
            if let instructions, !instructions.isEmpty { result.appendUnchecked("instructions", .string(instructions)) }
            return result
        }
    }
}

/// `ping` (handshake era only) → `{}`.
public enum Ping: MCPMethod {
    public static let name = "ping"
    public typealias Result = EmptyResult
    public static func parse(_ params: JSONObject?) -> Swift.Result<NoParams, RPCError> { .success(NoParams()) }
}

/// `serverInfo` (and, name and version only, `_meta["io.modelcontextprotocol/serverInfo"]`).
public struct Implementation: Sendable {
    public var name: String
    public var title: String?
    public var version: String

    public init(name: String, title: String?, version: String) {
        self.name = name
        self.title = title
        self.version = version
    }

    public var json: JSONValue {
        var object = JSONObject()
        object.appendUnchecked("name", .string(name))
        if let title { object.appendUnchecked("title", .string(title)) }
        object.appendUnchecked("version", .string(version))
        return .object(object)
    }
}

/// What the server declares (`initialize` and `server/discover`).
public struct ServerCapabilities: Sendable, Equatable {
    public var tools = true
    public var logging = true
    public var resources = true
    public var prompts = false
    public var completions = false
    /// Extension ids declared under `extensions` (e.g. `io.modelcontextprotocol/ui`), each as `{}`.
    public var extensions: [String] = []

    public init(prompts: Bool = false, completions: Bool = false, extensions: [String] = []) {
        self.prompts = prompts
        self.completions = completions
        self.extensions = extensions
    }

    public var json: JSONValue {
        var object = JSONObject()
        if tools { object.appendUnchecked("tools", ["listChanged": false]) }
        if logging { object.appendUnchecked("logging", [:]) }
        if resources { object.appendUnchecked("resources", [:]) }
        if prompts { object.appendUnchecked("prompts", ["listChanged": false]) }
        if completions { object.appendUnchecked("completions", [:]) }
        if !extensions.isEmpty {
            var ext = JSONObject()
            for id in extensions { ext.appendUnchecked(id, [:]) }
            object.appendUnchecked("extensions", .object(ext))
        }
        return .object(object)
    }
}

/// The client's capabilities: from `initialize` (handshake era) or from a request's
/// `_meta["io.modelcontextprotocol/clientCapabilities"]` (2026-07-28). Read leniently: anything that is
/// not an object counts as "nothing declared".
public struct ClientCapabilities: Sendable {
    public var raw: JSONObject

    public init(json: JSONValue?) {
        if case let .object(object)? = json { raw = object } else { raw = JSONObject() }
    }

    /// The capabilities carried by a request's `_meta`, nil when it carries none.
    public static func fromMeta(_ params: JSONObject?) -> ClientCapabilities? {
        guard let value = requestMeta(params)?[MCPVersion.clientCapabilitiesMetaKey] else { return nil }
        return ClientCapabilities(json: value)
    }

    /// The settings object of a declared extension (`extensions[id]`), nil when not declared.
    public func extensionSettings(_ id: String) -> JSONObject? {
        guard case let .object(extensions)? = raw["extensions"], case let .object(settings)? = extensions[id] else { return nil }
        return settings
    }
}
