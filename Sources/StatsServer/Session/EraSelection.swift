import StatsJSON
import StatsProtocol

/// How one request is served, decided from its `params._meta` (SPEC §7.3): the era is chosen per request.
///
/// - `2026-07-28` in `_meta["io.modelcontextprotocol/protocolVersion"]` → stateless;
/// - a handshake-era version there → served on its own at that version, without the initialize gate, shaped
///   like a handshake-era result;
/// - a non-string value → -32602; any other string → -32022;
/// - no version → the handshake era, behind the initialize gate (except `server/discover`, answered
///   statelessly even without `_meta`: a client uses it to pick an era).
/// `io.modelcontextprotocol/clientCapabilities` is not required. An invalid `logLevel` in `_meta` → -32602.
enum Envelope {
    case none
    case stateless(logLevel: LogLevel?)
    case pinned(version: String, logLevel: LogLevel?)

    init(params: JSONObject?) throws(RPCError) {
        guard let meta = requestMeta(params), let rawVersion = meta[MCPVersion.protocolVersionMetaKey] else {
            self = .none
            return
        }
        guard case let .string(version) = rawVersion else {
            throw .invalidParams("_meta[\"\(MCPVersion.protocolVersionMetaKey)\"] must be a string")
        }
        guard MCPVersion.isSupported(version) else { throw .unsupportedProtocolVersion(requested: version) }
        var level: LogLevel? = nil
        if let rawLevel = meta[MCPVersion.logLevelMetaKey] {
            guard case let .string(name) = rawLevel, let parsed = LogLevel(name: name) else {
                throw .invalidParams("_meta[\"\(MCPVersion.logLevelMetaKey)\"] must be one of \(LogLevel.namesList)")
            }
            level = parsed
        }
        self = version == MCPVersion.stateless ? .stateless(logLevel: level) : .pinned(version: version, logLevel: level)
    }
}

/// What a handler needs to know about the request it serves besides its params.
struct RequestEnvironment {
    /// Served in the 2026-07-28 era (result decorated, cacheable lists carry `ttlMs`/`cacheScope`).
    var stateless: Bool
    /// The threshold of log notifications for this request (nil: none are sent).
    var logLevel: LogLevel?
    /// The client's capabilities: the request's `_meta` ones in the stateless era; in the handshake era
    /// those of the `_meta` when present, else those `initialize` declared.
    var client: ClientCapabilities
    var cacheTTLMilliseconds: Int64

    /// `ttlMs`/`cacheScope` for cacheable results, stateless era only.
    var cache: CacheHints? { stateless ? CacheHints(ttlMilliseconds: cacheTTLMilliseconds) : nil }
}

extension MCPServer {
    /// Every 2026-07-28 result carries `resultType` and `_meta["io.modelcontextprotocol/serverInfo"]`.
    func decorateStateless(_ result: JSONValue) -> JSONValue {
        guard case var .object(object) = result else { return result }
        object["resultType"] = "complete"
        var info = JSONObject()
        info.appendUnchecked("name", .string(identity.name))
        info.appendUnchecked("version", .string(identity.version))
        var meta = object["_meta"]?.objectValue ?? JSONObject()
        meta[MCPVersion.serverInfoMetaKey] = .object(info)
        object["_meta"] = .object(meta)
        return .object(object)
    }
}
