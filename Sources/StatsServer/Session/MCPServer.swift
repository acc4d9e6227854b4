import Foundation
import StatsJSON
import StatsProtocol

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
/// Era selection: `EraSelection.swift`; one handler file per method family under `Handlers/`.
///
/// Decisions where SPEC is silent (see also README):
/// - Handshake-era log notifications (`notifications/message`) are sent only after the client chose a
///   threshold with `logging/setLevel` (or when the server was created with `defaultLogLevel`), so a client
///   that never asked for logs gets none. In the stateless era the threshold is the request's
///   `_meta["io.modelcontextprotocol/logLevel"]`, and without it nothing is sent.
/// - The era is chosen per request (`Envelope` in `EraSelection.swift` lists the rules).
/// - Client capabilities: a stateless-era request uses only those of its own `_meta`; a handshake-era request
///   those of its `_meta` when it has them, else those `initialize` declared. They decide whether the chart
///   app (MCP Apps) is linked from tools and listed; `resources/read` of the app answers every client.
/// - `server/discover` without the 2026-07-28 `_meta` is answered all the same (a client uses it to pick an era).
/// - In the stateless era, `resources/list`, `resources/read`, `resources/templates/list` and `prompts/list` also carry
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

    let lock = NSLock()
    var initialized = false
    /// The capabilities the client declared in `initialize`.
    var sessionClient = ClientCapabilities(json: nil)
    var sessionLogLevel: LogLevel?
    var prepared = false
    var pending: [RequestID: [RequestTicket]] = [:]
    var toolCache: ToolCatalog?
    /// Whether the backend offers prompts (capabilities `prompts` and `completions`).
    let servesPrompts: Bool
    let handshakeMethods: Set<String>
    let statelessMethods: Set<String>

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
        servesPrompts = !backend.prompts().isEmpty
        handshakeMethods = MCPMethods.handshake(withPrompts: servesPrompts)
        statelessMethods = MCPMethods.stateless(withPrompts: servesPrompts)
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
        guard method == CancelledNotification.method, let id = CancelledNotification.requestID(params) else { return }
        lock.lock()
        let tickets = pending[id] ?? []
        lock.unlock()
        for ticket in tickets where ticket.method != Initialize.name { ticket.cancel() }
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

    private func dispatch(_ request: PendingRequest, emit: @escaping Emit) -> Result<JSONValue, RPCError> {
        let method = request.method
        if method == Initialize.name && request.inBatch {
            return .failure(.invalidRequest("initialize must not be part of a batch"))
        }
        let envelope: Envelope
        do {
            envelope = try Envelope(params: request.params)
        } catch {
            return .failure(error)
        }
        let metaClient = ClientCapabilities.fromMeta(request.params)
        switch envelope {
        case let .stateless(logLevel):
            guard statelessMethods.contains(method) else { return .failure(.methodNotFound(method)) }
            let environment = self.environment(stateless: true, logLevel: logLevel, metaClient: metaClient)
            return serve(request, environment, emit: emit).map(decorateStateless)
        case let .pinned(_, logLevel):
            guard handshakeMethods.contains(method) else { return .failure(.methodNotFound(method)) }
            return serveHandshake(request, gated: false, logLevel: logLevel, metaClient: metaClient, emit: emit)
        case .none:
            if method == ServerDiscover.name {
                let environment = self.environment(stateless: true, logLevel: nil, metaClient: metaClient)
                return serve(request, environment, emit: emit).map(decorateStateless)
            }
            guard handshakeMethods.contains(method) else { return .failure(.methodNotFound(method)) }
            return serveHandshake(request, gated: true, logLevel: nil, metaClient: metaClient, emit: emit)
        }
    }

    private func environment(stateless: Bool, logLevel: LogLevel?, metaClient: ClientCapabilities?) -> RequestEnvironment {
        lock.lock()
        let threshold = stateless ? logLevel : (logLevel ?? sessionLogLevel)
        let client = stateless ? (metaClient ?? ClientCapabilities(json: nil)) : (metaClient ?? sessionClient)
        lock.unlock()
        return RequestEnvironment(stateless: stateless, logLevel: threshold, client: client, cacheTTLMilliseconds: cacheTTLMilliseconds)
    }

    private func serveHandshake(
        _ request: PendingRequest, gated: Bool, logLevel: LogLevel?, metaClient: ClientCapabilities?, emit: @escaping Emit
    ) -> Result<JSONValue, RPCError> {
        switch request.method {
        case Initialize.name: return answer(Initialize.self, request) { initialize($0) }
        case Ping.name: return answer(Ping.self, request) { _ in .success(EmptyResult()) }
        default: break
        }
        lock.lock()
        let isInitialized = initialized
        lock.unlock()
        if gated && !isInitialized {
            return .failure(.invalidRequest("server not initialized: send initialize first (only ping is served before it)"))
        }
        if request.method == LoggingSetLevel.name { return answer(LoggingSetLevel.self, request) { setLevel($0) } }
        let environment = self.environment(stateless: false, logLevel: logLevel, metaClient: metaClient)
        return serve(request, environment, emit: emit)
    }

    /// The methods common to both eras.
    private func serve(_ request: PendingRequest, _ environment: RequestEnvironment, emit: @escaping Emit)
        -> Result<JSONValue, RPCError>
    {
        switch request.method {
        case ServerDiscover.name: return answer(ServerDiscover.self, request) { _ in .success(discover(environment)) }
        case ToolsList.name: return answer(ToolsList.self, request) { _ in .success(listTools(environment)) }
        case ToolsCall.name: return answer(ToolsCall.self, request) { callTool($0, request: request, environment, emit: emit) }
        case ResourcesList.name: return answer(ResourcesList.self, request) { _ in .success(listResources(environment)) }
        case ResourcesTemplatesList.name:
            return answer(ResourcesTemplatesList.self, request) { _ in .success(.init(cache: environment.cache)) }
        case ResourcesRead.name: return answer(ResourcesRead.self, request) { readResource($0, environment) }
        case PromptsList.name: return answer(PromptsList.self, request) { _ in .success(listPrompts(environment)) }
        case PromptsGet.name: return answer(PromptsGet.self, request) { getPrompt($0) }
        case CompletionComplete.name: return answer(CompletionComplete.self, request) { complete($0) }
        default: return .failure(.methodNotFound(request.method))
        }
    }

    /// Parses the params of method `M`, runs `body`, and writes its result.
    private func answer<M: MCPMethod>(
        _ method: M.Type, _ request: PendingRequest, _ body: (M.Params) -> Result<M.Result, RPCError>
    ) -> Result<JSONValue, RPCError> {
        switch M.parse(request.params) {
        case let .failure(error): return .failure(error)
        case let .success(params): return body(params).map { .object($0.json) }
        }
    }
}
