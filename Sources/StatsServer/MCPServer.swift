import Foundation
import StatsJSON
import StatsProtocol

/// How the server names itself (`serverInfo`, and `_meta["io.modelcontextprotocol/serverInfo"]`).
public struct ServerIdentity: Sendable {
    public var name: String
    public var title: String
    public var version: String

    public init(name: String = "stats-mcp", title: String = "Stats MCP: outreach-campaign analytics", version: String) {
        self.name = name
        self.title = title
        self.version = version
    }
}

/// A unit of work made by `MCPServer.receive`, to be run by `MCPServer.execute` in arrival order.
public struct ServerWork: Sendable {
    enum Item: Sendable {
        /// A response that is already known (parse error, invalid request, oversize line).
        case ready(JSONValue)
        case request(PendingRequest)
        case batch([BatchEntry])
    }

    let item: Item

    /// The number of requests (not notifications) this work answers.
    public var requestCount: Int {
        switch item {
        case .ready: return 0
        case .request: return 1
        case let .batch(entries): return entries.count
        }
    }
}

struct PendingRequest: Sendable {
    let id: RequestID
    let method: String
    let params: JSONObject?
    let ticket: RequestTicket
    let inBatch: Bool
}

enum BatchEntry: Sendable {
    case ready(JSONValue)
    case request(PendingRequest)
}

/// The life of one request: cancellation, progress monotonicity, and "no notification after the response".
final class RequestTicket: @unchecked Sendable {
    let id: RequestID
    let method: String
    private let lock = NSLock()
    private var cancelled = false
    private var finished = false
    private var lastProgress: Double? = nil

    init(id: RequestID, method: String) {
        self.id = id
        self.method = method
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Marks the request cancelled unless its response is already on its way.
    func cancel() {
        lock.lock()
        if !finished { cancelled = true }
        lock.unlock()
    }

    /// Ends the request; true when its response must be sent (it was not cancelled). Waits for a
    /// notification being written for it, so every notification precedes the response.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return !cancelled
    }

    /// Runs `write` (emitting a notification) only while the request is live; for progress also only
    /// when `progress` is strictly greater than the last one sent.
    func whileLive(progress: Double? = nil, _ write: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled, !finished else { return }
        if let progress {
            guard progress.isFinite else { return }
            if let last = lastProgress, progress <= last { return }
            lastProgress = progress
        }
        write()
    }
}

/// The MCP session state machine (SPEC §7): one JSON-RPC line in, zero or more lines out.
///
/// Split in two so a transport can run requests on a worker thread while its reader thread keeps
/// reading (and applies `notifications/cancelled` at once):
/// - `receive(line:)` (reader thread): parses and classifies a line, handles `notifications/cancelled`
///   immediately, registers requests so they can be cancelled, and returns the work to do (nil when there
///   is nothing to answer: blank line, notification, client response).
/// - `execute(_:emit:)` (one worker thread, in arrival order): runs the work; `emit` receives each
///   outgoing message as one complete line (compact JSON followed by `\n`): notifications first, then
///   the response.
/// `handle(line:)` does both at once (tests, one-shot use).
///
/// Decisions where SPEC is silent (see also README):
/// - Handshake-era log notifications (`notifications/message`) are sent only after the client chose a
///   threshold with `logging/setLevel` (or when the server was created with `defaultLogLevel`), so a client
///   that never asked for logs gets none. In the stateless era the threshold is the request's
///   `_meta["io.modelcontextprotocol/logLevel"]`, and without it nothing is sent.
/// - The era is chosen per request from `params._meta["io.modelcontextprotocol/protocolVersion"]`:
///   `2026-07-28` → stateless; a handshake-era version → served on its own at that version, without the
///   initialize gate, shaped like a handshake-era result; a non-string value → -32602; any other string
///   → -32022. `io.modelcontextprotocol/clientCapabilities` is not required. An invalid `logLevel` in
///   `_meta` → -32602.
/// - `server/discover` without the 2026-07-28 `_meta` is answered all the same (a client uses it to pick an era).
/// - In the stateless era, `resources/list`, `resources/read` and `resources/templates/list` also carry
///   `ttlMs` and `cacheScope: "public"` (required by the 2026-07-28 schema for cacheable results).
/// - `tools/call` with `"arguments": null` is -32602 (non-object arguments); a `cursor: null` on a list
///   method counts as absent, any other cursor is -32602 (we never issue one).
/// - `isError` is always present on a `tools/call` result (`false` on success).
/// - Reused request ids are not rejected; `notifications/cancelled` cancels every pending request with
///   that id (never `initialize`).
public final class MCPServer: @unchecked Sendable {
    public typealias Emit = @Sendable ([UInt8]) -> Void

    public let backend: any ToolBackend
    public let identity: ServerIdentity
    /// `ttlMs` of cacheable stateless-era results.
    public let cacheTTLMilliseconds: Int64

    private let lock = NSLock()
    private var initialized = false
    private var sessionLogLevel: LogLevel?
    private var prepared = false
    private var pending: [RequestID: [RequestTicket]] = [:]
    private var toolCache: (definitions: [JSONValue], names: Set<String>)?

    static let handshakeMethods: Set<String> = [
        "initialize", "ping", "logging/setLevel", "tools/list", "tools/call",
        "resources/list", "resources/read", "resources/templates/list",
    ]
    static let statelessMethods: Set<String> = [
        "server/discover", "tools/list", "tools/call", "resources/list", "resources/read", "resources/templates/list",
    ]

    public init(
        backend: any ToolBackend,
        identity: ServerIdentity,
        defaultLogLevel: LogLevel? = nil,
        cacheTTLMilliseconds: Int64 = 300_000
    ) {
        self.backend = backend
        self.identity = identity
        self.sessionLogLevel = defaultLogLevel
        self.cacheTTLMilliseconds = cacheTTLMilliseconds
    }

    // MARK: Receiving (reader thread)

    /// Parses one line (without its `\n`; a trailing `\r` must already be stripped, as `LineSplitter`
    /// does). Returns nil when nothing is to be answered.
    public func receive(line: [UInt8]) -> ServerWork? {
        line.withUnsafeBufferPointer { receive(line: $0) }
    }

    public func receive(line: UnsafeBufferPointer<UInt8>) -> ServerWork? {
        var start = 0
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { start = 3 }
        var blank = true
        for i in start..<line.count where line[i] != 0x20 && line[i] != 0x09 {
            blank = false
            break
        }
        if blank { return nil }
        let value: JSONValue
        do {
            value = try JSON.parse(UnsafeBufferPointer(rebasing: line[start...]))
        } catch let error as JSONParseError {
            return ServerWork(item: .ready(RPCMessage.error(id: nil, .parseError(error.description))))
        } catch {
            return ServerWork(item: .ready(RPCMessage.error(id: nil, .parseError())))
        }
        return receive(message: value)
    }

    /// Classifies an already parsed line.
    public func receive(message value: JSONValue) -> ServerWork? {
        if case let .array(elements) = value {
            if elements.isEmpty {
                return ServerWork(item: .ready(RPCMessage.error(id: nil, .invalidRequest("empty batch"))))
            }
            var entries: [BatchEntry] = []
            for element in elements {
                switch IncomingMessage.classify(element) {
                case let .request(id, method, params):
                    entries.append(.request(register(id: id, method: method, params: params, inBatch: true)))
                case let .notification(method, params):
                    notify(method: method, params: params)
                case .clientResponse:
                    break
                case let .invalid(id, error):
                    entries.append(.ready(RPCMessage.error(id: id, error)))
                }
            }
            return entries.isEmpty ? nil : ServerWork(item: .batch(entries))
        }
        switch IncomingMessage.classify(value) {
        case let .request(id, method, params):
            return ServerWork(item: .request(register(id: id, method: method, params: params, inBatch: false)))
        case let .notification(method, params):
            notify(method: method, params: params)
            return nil
        case .clientResponse:
            return nil
        case let .invalid(id, error):
            return ServerWork(item: .ready(RPCMessage.error(id: id, error)))
        }
    }

    /// The answer to a line longer than the maximum message size: -32600 with id null.
    public func oversizeLine(maxMessageBytes: Int) -> ServerWork {
        ServerWork(item: .ready(RPCMessage.error(
            id: nil, .invalidRequest("message longer than the maximum of \(maxMessageBytes) bytes"))))
    }

    private func register(id: RequestID, method: String, params: JSONObject?, inBatch: Bool) -> PendingRequest {
        let ticket = RequestTicket(id: id, method: method)
        lock.lock()
        pending[id, default: []].append(ticket)
        lock.unlock()
        return PendingRequest(id: id, method: method, params: params, ticket: ticket, inBatch: inBatch)
    }

    private func unregister(_ ticket: RequestTicket) {
        lock.lock()
        if var tickets = pending[ticket.id] {
            tickets.removeAll { $0 === ticket }
            pending[ticket.id] = tickets.isEmpty ? nil : tickets
        }
        lock.unlock()
    }

    /// Notifications are never answered. Only `notifications/cancelled` does something, at once.
    private func notify(method: String, params: JSONObject?) {
        guard method == "notifications/cancelled", let raw = params?["requestId"], let id = RequestID(json: raw) else {
            return
        }
        lock.lock()
        let tickets = pending[id] ?? []
        lock.unlock()
        for ticket in tickets where ticket.method != "initialize" { ticket.cancel() }
    }

    /// Number of requests received and not yet answered (or dropped after cancellation).
    public var pendingRequestCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return pending.values.reduce(0) { $0 + $1.count }
    }

    // MARK: Executing (worker thread)

    /// Runs received work; `emit` gets each outgoing line (compact JSON + `\n`), in order.
    public func execute(_ work: ServerWork, emit: @escaping Emit) {
        switch work.item {
        case let .ready(response):
            emit(Self.line(response))
        case let .request(request):
            if let response = run(request, emit: emit) { emit(Self.line(response)) }
        case let .batch(entries):
            var responses: [JSONValue] = []
            for entry in entries {
                switch entry {
                case let .ready(response): responses.append(response)
                case let .request(request):
                    if let response = run(request, emit: emit) { responses.append(response) }
                }
            }
            if !responses.isEmpty { emit(Self.line(.array(responses))) }
        }
    }

    /// Receives and executes one line at once; returns the lines written (without `\n`).
    public func handle(line: [UInt8]) -> [[UInt8]] {
        guard let work = receive(line: line) else { return [] }
        let sink = LineSink()
        execute(work) { sink.append($0) }
        return sink.lines.map { Array($0.dropLast()) }
    }

    public func handle(_ line: String) -> [String] {
        handle(line: Array(line.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func line(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter(capacity: 512)
        writer.write(value)
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    /// Runs one request; the response, or nil when it was cancelled.
    private func run(_ request: PendingRequest, emit: @escaping Emit) -> JSONValue? {
        defer { unregister(request.ticket) }
        if request.ticket.isCancelled {
            _ = request.ticket.finish()
            return nil
        }
        let outcome = dispatch(request, emit: emit)
        guard request.ticket.finish() else { return nil }
        switch outcome {
        case let .success(result): return RPCMessage.result(id: request.id, result)
        case let .failure(error): return RPCMessage.error(id: request.id, error)
        }
    }

    // MARK: Dispatch

    enum Envelope {
        case none
        case stateless(logLevel: LogLevel?)
        case pinned(version: String, logLevel: LogLevel?)
    }

    func envelope(_ params: JSONObject?) -> Result<Envelope, RPCError> {
        guard case let .object(meta)? = params?["_meta"], let rawVersion = meta[MCPVersion.protocolVersionMetaKey] else {
            return .success(.none)
        }
        guard case let .string(version) = rawVersion else {
            return .failure(.invalidParams("_meta[\"\(MCPVersion.protocolVersionMetaKey)\"] must be a string"))
        }
        guard MCPVersion.isSupported(version) else {
            return .failure(.unsupportedProtocolVersion(requested: version))
        }
        var level: LogLevel? = nil
        if let rawLevel = meta[MCPVersion.logLevelMetaKey] {
            guard case let .string(name) = rawLevel, let parsed = LogLevel(name: name) else {
                return .failure(.invalidParams(
                    "_meta[\"\(MCPVersion.logLevelMetaKey)\"] must be one of \(LogLevel.allCases.map(\.name).joined(separator: ", "))"))
            }
            level = parsed
        }
        return .success(version == MCPVersion.stateless ? .stateless(logLevel: level) : .pinned(version: version, logLevel: level))
    }

    private func dispatch(_ request: PendingRequest, emit: @escaping Emit) -> Result<JSONValue, RPCError> {
        let method = request.method
        if method == "initialize" && request.inBatch {
            return .failure(.invalidRequest("initialize must not be part of a batch"))
        }
        let envelope: Envelope
        switch self.envelope(request.params) {
        case let .success(e): envelope = e
        case let .failure(error): return .failure(error)
        }
        switch envelope {
        case let .stateless(logLevel):
            guard Self.statelessMethods.contains(method) else { return .failure(.methodNotFound(method)) }
            let result = serve(request, logLevel: logLevel, stateless: true, emit: emit)
            return result.map(decorateStateless)
        case let .pinned(_, logLevel):
            guard Self.handshakeMethods.contains(method) else { return .failure(.methodNotFound(method)) }
            return serveHandshake(request, gated: false, logLevel: logLevel, emit: emit)
        case .none:
            if method == "server/discover" {
                // Discovery is how a client learns which era to speak: answer it even without `_meta`.
                return serve(request, logLevel: nil, stateless: true, emit: emit).map(decorateStateless)
            }
            guard Self.handshakeMethods.contains(method) else { return .failure(.methodNotFound(method)) }
            return serveHandshake(request, gated: true, logLevel: nil, emit: emit)
        }
    }

    private func serveHandshake(_ request: PendingRequest, gated: Bool, logLevel: LogLevel?, emit: @escaping Emit)
        -> Result<JSONValue, RPCError>
    {
        switch request.method {
        case "initialize": return initialize(request.params)
        case "ping": return .success(.object(JSONObject()))
        default: break
        }
        lock.lock()
        let isInitialized = initialized
        let threshold = logLevel ?? sessionLogLevel
        lock.unlock()
        if gated && !isInitialized {
            return .failure(.invalidRequest("server not initialized: send initialize first (only ping is served before it)"))
        }
        if request.method == "logging/setLevel" { return setLevel(request.params) }
        return serve(request, logLevel: threshold, stateless: false, emit: emit)
    }

    /// The methods common to both eras.
    private func serve(_ request: PendingRequest, logLevel: LogLevel?, stateless: Bool, emit: @escaping Emit)
        -> Result<JSONValue, RPCError>
    {
        let params = request.params ?? JSONObject()
        switch request.method {
        case "server/discover":
            return .success(discoverResult())
        case "tools/list":
            if let error = rejectCursor(params) { return .failure(error) }
            var result = JSONObject()
            result.appendUnchecked("tools", .array(tools().definitions))
            if stateless { addCacheHints(&result) }
            return .success(.object(result))
        case "tools/call":
            return callTool(request, params: params, logLevel: logLevel, emit: emit)
        case "resources/list":
            if let error = rejectCursor(params) { return .failure(error) }
            var result = JSONObject()
            result.appendUnchecked("resources", .array(backend.resources().map(Self.resourceJSON)))
            if stateless { addCacheHints(&result) }
            return .success(.object(result))
        case "resources/templates/list":
            if let error = rejectCursor(params) { return .failure(error) }
            var result = JSONObject()
            result.appendUnchecked("resourceTemplates", .array([]))
            if stateless { addCacheHints(&result) }
            return .success(.object(result))
        case "resources/read":
            guard case let .string(uri)? = params["uri"] else {
                return .failure(.invalidParams("resources/read needs a string `uri`"))
            }
            guard let text = backend.readResource(uri: uri) else {
                return .failure(.invalidParams("Resource not found: \(uri)", data: ["uri": .string(uri)]))
            }
            let mimeType = backend.resources().first { $0.uri.utf8.elementsEqual(uri.utf8) }?.mimeType ?? "text/plain"
            var content = JSONObject()
            content.appendUnchecked("uri", .string(uri))
            content.appendUnchecked("mimeType", .string(mimeType))
            content.appendUnchecked("text", .string(text))
            var result = JSONObject()
            result.appendUnchecked("contents", .array([.object(content)]))
            if stateless { addCacheHints(&result) }
            return .success(.object(result))
        default:
            return .failure(.methodNotFound(request.method))
        }
    }

    // MARK: Methods

    private func initialize(_ params: JSONObject?) -> Result<JSONValue, RPCError> {
        guard case let .string(requested)? = params?["protocolVersion"] else {
            return .failure(.invalidParams("initialize needs a string `protocolVersion`"))
        }
        lock.lock()
        if initialized {
            lock.unlock()
            return .failure(.invalidRequest("already initialized: initialize may be sent only once per connection"))
        }
        initialized = true
        lock.unlock()
        let version = MCPVersion.isHandshake(requested) ? requested : MCPVersion.latestHandshake
        var serverInfo = JSONObject()
        serverInfo.appendUnchecked("name", .string(identity.name))
        serverInfo.appendUnchecked("title", .string(identity.title))
        serverInfo.appendUnchecked("version", .string(identity.version))
        var result = JSONObject()
        result.appendUnchecked("protocolVersion", .string(version))
        result.appendUnchecked("capabilities", Self.capabilities)
        result.appendUnchecked("serverInfo", .object(serverInfo))
        let instructions = backend.instructions
        if !instructions.isEmpty { result.appendUnchecked("instructions", .string(instructions)) }
        return .success(.object(result))
    }

    private func setLevel(_ params: JSONObject?) -> Result<JSONValue, RPCError> {
        guard case let .string(name)? = params?["level"], let level = LogLevel(name: name) else {
            return .failure(.invalidParams(
                "logging/setLevel needs `level`, one of \(LogLevel.allCases.map(\.name).joined(separator: ", "))"))
        }
        lock.lock()
        sessionLogLevel = level
        lock.unlock()
        return .success(.object(JSONObject()))
    }

    private func discoverResult() -> JSONValue {
        var result = JSONObject()
        result.appendUnchecked("supportedVersions", .array(MCPVersion.all.map { .string($0) }))
        result.appendUnchecked("capabilities", Self.capabilities)
        let instructions = backend.instructions
        if !instructions.isEmpty { result.appendUnchecked("instructions", .string(instructions)) }
        addCacheHints(&result)
        return .object(result)
    }

    private func callTool(_ request: PendingRequest, params: JSONObject, logLevel: LogLevel?, emit: @escaping Emit)
        -> Result<JSONValue, RPCError>
    {
        guard case let .string(name)? = params["name"] else {
            return .failure(.invalidParams("tools/call needs a string `name`"))
        }
        let arguments: JSONObject
        switch params["arguments"] {
        case nil: arguments = JSONObject()
        case let .object(object)?: arguments = object
        case let other?: return .failure(.invalidParams("tools/call `arguments` must be an object, not \(other.typeName)"))
        }
        guard tools().names.contains(name) else { return .failure(.invalidParams("Unknown tool: \(name)")) }
        let context = makeContext(request, params: params, logLevel: logLevel, emit: emit)
        lock.lock()
        let needsPrepare = !prepared
        prepared = true
        lock.unlock()
        if needsPrepare { backend.prepare(context: context) }
        if request.ticket.isCancelled { return .failure(.internalError("cancelled")) }  // never sent
        guard let outcome = backend.callTool(name: name, arguments: arguments, context: context) else {
            return .failure(.invalidParams("Unknown tool: \(name)"))
        }
        var text = JSONObject()
        text.appendUnchecked("type", "text")
        text.appendUnchecked("text", outcome.textLiteral)
        var result = JSONObject()
        result.appendUnchecked("content", .array([.object(text)]))
        result.appendUnchecked("structuredContent", outcome.serialized.map { .raw($0) } ?? outcome.structuredContent)
        result.appendUnchecked("isError", .bool(outcome.isError))
        return .success(.object(result))
    }

    private func makeContext(_ request: PendingRequest, params: JSONObject, logLevel: LogLevel?, emit: @escaping Emit)
        -> RequestContext
    {
        let ticket = request.ticket
        var progressToken: JSONValue? = nil
        if case let .object(meta)? = params["_meta"], let token = meta["progressToken"] {
            switch token {
            case .string, .int: progressToken = token
            default: break
            }
        }
        let log: @Sendable (LogLevel, JSONValue) -> Void
        if let threshold = logLevel {
            let logger = identity.name
            log = { level, data in
                guard level >= threshold else { return }
                ticket.whileLive {
                    var p = JSONObject()
                    p.appendUnchecked("level", .string(level.name))
                    p.appendUnchecked("logger", .string(logger))
                    p.appendUnchecked("data", data)
                    emit(Self.line(RPCMessage.notification(method: "notifications/message", params: p)))
                }
            }
        } else {
            log = { _, _ in }
        }
        let progress: @Sendable (Double, Double?, String?) -> Void
        if let progressToken {
            progress = { value, total, message in
                ticket.whileLive(progress: value) {
                    var p = JSONObject()
                    p.appendUnchecked("progressToken", progressToken)
                    p.appendUnchecked("progress", Self.number(value))
                    if let total, total.isFinite { p.appendUnchecked("total", Self.number(total)) }
                    if let message { p.appendUnchecked("message", .string(message)) }
                    emit(Self.line(RPCMessage.notification(method: "notifications/progress", params: p)))
                }
            }
        } else {
            progress = { _, _, _ in }
        }
        return RequestContext(log: log, progress: progress, isCancelled: { ticket.isCancelled })
    }

    // MARK: Helpers

    /// Whole numbers as JSON integers (`3`, not `3.0`), others as they are.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 9.0e15 { return .int(Int64(value)) }
        return .double(value)
    }

    private func tools() -> (definitions: [JSONValue], names: Set<String>) {
        lock.lock()
        if let cached = toolCache {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let definitions = backend.toolDefinitions()
        var names = Set<String>()
        for definition in definitions {
            if case let .string(name)? = definition["name"] { names.insert(name) }
        }
        lock.lock()
        toolCache = (definitions, names)
        lock.unlock()
        return (definitions, names)
    }

    private func rejectCursor(_ params: JSONObject) -> RPCError? {
        guard let cursor = params["cursor"], !cursor.isNull else { return nil }
        return .invalidParams("Invalid cursor: this server returns every item in one page and never issues a cursor")
    }

    private func addCacheHints(_ result: inout JSONObject) {
        result.appendUnchecked("ttlMs", .int(cacheTTLMilliseconds))
        result.appendUnchecked("cacheScope", "public")
    }

    /// Every 2026-07-28 result carries `resultType` and `_meta["io.modelcontextprotocol/serverInfo"]`.
    private func decorateStateless(_ result: JSONValue) -> JSONValue {
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

    static let capabilities: JSONValue = [
        "tools": ["listChanged": false],
        "logging": [:],
        "resources": [:],
    ]

    static func resourceJSON(_ resource: ResourceDescriptor) -> JSONValue {
        var object = JSONObject()
        object.appendUnchecked("uri", .string(resource.uri))
        object.appendUnchecked("name", .string(resource.name))
        object.appendUnchecked("title", .string(resource.title))
        object.appendUnchecked("description", .string(resource.description))
        object.appendUnchecked("mimeType", .string(resource.mimeType))
        return .object(object)
    }
}

/// Collects emitted lines (tests, `handle`).
public final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]] = []

    public init() {}

    public func append(_ line: [UInt8]) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }

    public var lines: [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
