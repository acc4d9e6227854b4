import StatsJSON
import StatsProtocol

/// The tool definitions, computed once: as served to every client, and with `_meta.ui.resourceUri` on the
/// chart app's tools for clients that declare MCP Apps.
struct ToolCatalog {
    var definitions: [JSONValue]
    var withApp: [JSONValue]
    var names: Set<String>
}

/// `tools/list` and `tools/call`.
extension MCPServer {
    func listTools(_ environment: RequestEnvironment) -> ToolsList.Result {
        let catalog = tools()
        let apps = MCPApps.isSupported(by: environment.client)
        return ToolsList.Result(tools: apps ? catalog.withApp : catalog.definitions, cache: environment.cache)
    }

    func callTool(_ params: ToolsCall.Params, request: PendingRequest, _ environment: RequestEnvironment, emit: @escaping Emit)
        -> Result<ToolsCall.Result, RPCError>
    {
        guard tools().names.contains(params.name) else { return .failure(ToolsCall.unknownTool(params.name)) }
        let context = makeContext(request, progressToken: params.progressToken, logLevel: environment.logLevel, emit: emit)
        lock.lock()
        let needsPrepare = !prepared
        prepared = true
        lock.unlock()
        if needsPrepare { backend.prepare(context: context) }
        if request.ticket.isCancelled { return .failure(.internalError("cancelled")) }  // never sent
        guard let outcome = backend.callTool(name: params.name, arguments: params.arguments, context: context) else {
            return .failure(ToolsCall.unknownTool(params.name))
        }
        return .success(ToolsCall.Result(
            text: outcome.textLiteral, structuredContent: outcome.serialized.map { .raw($0) } ?? outcome.structuredContent,
            isError: outcome.isError))
    }

    private func makeContext(_ request: PendingRequest, progressToken: JSONValue?, logLevel: LogLevel?, emit: @escaping Emit)
        -> RequestContext
    {
        let ticket = request.ticket
        let log: @Sendable (LogLevel, JSONValue) -> Void
        if let threshold = logLevel {
            let logger = identity.name
            log = { level, data in
                guard level >= threshold else { return }
                ticket.whileLive {
                    let p = LogMessageNotification.params(level: level, logger: logger, data: data)
                    emit(Self.line(RPCMessage.notification(method: LogMessageNotification.method, params: p)))
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
                    emit(Self.line(RPCMessage.notification(method: ProgressNotification.method, params: p)))
                }
            }
        } else {
            progress = { _, _, _ in }
        }
        return RequestContext(log: log, progress: progress, isCancelled: { ticket.isCancelled })
    }

    /// Whole numbers as JSON integers (`3`, not `3.0`), others as they are.
    static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 9.0e15 { return .int(Int64(value)) }
        return .double(value)
    }

    func tools() -> ToolCatalog {
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
        var withApp = definitions
        if let app = backend.uiApp {
            withApp = definitions.map { definition in
                guard case let .string(name)? = definition["name"], app.toolNames.contains(name) else { return definition }
                return MCPApps.linking(definition, to: app.resource.uri)
            }
        }
        let catalog = ToolCatalog(definitions: definitions, withApp: withApp, names: names)
        lock.lock()
        toolCache = catalog
        lock.unlock()
        return catalog
    }
}
