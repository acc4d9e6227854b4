import StatsJSON

/// One MCP request method: its wire name, its params read from a request, and its result written as JSON.
/// One file per method family (`Lifecycle`, `Discover`, `Tools`, `Resources`, `Prompts`, `Completion`,
/// `Logging`); the server's handlers take `Params` and return `Result`.
public protocol MCPMethod {
    associatedtype Params: Sendable
    associatedtype Result: MCPResult
    /// The JSON-RPC `method` string.
    static var name: String { get }
    /// Reads `params` (nil when the request had none); a malformed value is -32602.
    static func parse(_ params: JSONObject?) -> Swift.Result<Params, RPCError>
}

/// A method result: the `result` member of a response.
public protocol MCPResult: Sendable {
    var json: JSONObject { get }
}

/// The params of a method that takes none (unknown members are ignored, as MCP allows `_meta` anywhere).
public struct NoParams: Sendable {
    public init() {}
}

/// `{}`.
public struct EmptyResult: MCPResult {
    public init() {}
    public var json: JSONObject { JSONObject() }
}

/// `ttlMs` and `cacheScope` of a cacheable 2026-07-28 result (absent in the handshake era).
public struct CacheHints: Sendable, Equatable {
    public var ttlMilliseconds: Int64
    public var scope: String

    public init(ttlMilliseconds: Int64, scope: String = "public") {
        self.ttlMilliseconds = ttlMilliseconds
        self.scope = scope
    }

    func write(to object: inout JSONObject) {
        object.appendUnchecked("ttlMs", .int(ttlMilliseconds))
        object.appendUnchecked("cacheScope", .string(scope))
    }
}

/// The params of a list method: an optional `cursor` (a `null` cursor counts as absent). This server
/// answers every list in one page and never issues a cursor, so any cursor is -32602.
public struct PageParams: Sendable {
    public var cursor: JSONValue?

    public static func parse(_ params: JSONObject?) -> Swift.Result<PageParams, RPCError> {
        guard let cursor = params?["cursor"], !cursor.isNull else { return .success(PageParams(cursor: nil)) }
        return .failure(.invalidParams("Invalid cursor: this server returns every item in one page and never issues a cursor"))
    }
}

/// The request `_meta` object, when present.
public func requestMeta(_ params: JSONObject?) -> JSONObject? {
    if case let .object(meta)? = params?["_meta"] { return meta }
    return nil
}

/// Which methods exist in which era (SPEC §7.3, §7.4). `ping`, `initialize` and `logging/setLevel` do not
/// exist in the 2026-07-28 era; `server/discover` exists only there (it is also answered without its `_meta`).
public enum MCPMethods {
    /// Methods served in both eras.
    public static let common: [String] = [
        ToolsList.name, ToolsCall.name, ResourcesList.name, ResourcesRead.name, ResourcesTemplatesList.name,
    ]
    /// Served in both eras when the server offers prompts (capabilities `prompts` and `completions`).
    public static let prompts: [String] = [PromptsList.name, PromptsGet.name, CompletionComplete.name]
    public static let handshakeOnly: [String] = [Initialize.name, Ping.name, LoggingSetLevel.name]
    public static let statelessOnly: [String] = [ServerDiscover.name]

    public static func handshake(withPrompts: Bool) -> Set<String> {
        Set(handshakeOnly + common + (withPrompts ? prompts : []))
    }

    public static func stateless(withPrompts: Bool) -> Set<String> {
        Set(statelessOnly + common + (withPrompts ? prompts : []))
    }
}
