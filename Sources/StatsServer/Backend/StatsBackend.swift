import StatsCore
import StatsProtocol
import StatsJSON
import StatsStore
import StatsTools

/// The product behind the protocol: authenticates the session, validates arguments against each
/// tool's specs, runs the tool on the current store view, and turns every failure into a tool error.
public final class StatsBackend: ToolBackend, @unchecked Sendable {
    public struct Configuration: Sendable {
        /// The plain API key (from STATS_API_KEY or --api-key-file); nil or empty = missing.
        public var apiKey: String?
        /// Why there is no key, for the `unauthorized` message (e.g. an unreadable --api-key-file).
        public var missingKeyReason: String?
        /// Pinned "today" (--today / STATS_TODAY); otherwise today in the session workspace's zone.
        public var today: Day?
        /// Pinned clock (--now / STATS_NOW).
        public var now: Instant?
        public var readOnly: Bool

        public init(apiKey: String? = nil, today: Day? = nil, now: Instant? = nil, readOnly: Bool = false) {
            self.apiKey = apiKey
            self.today = today
            self.now = now
            self.readOnly = readOnly
        }
    }

    public let store: any StoreProvider
    public let configuration: Configuration
    private let keyHash: String?
    private let tools: [any Tool]
    private let definitions: [JSONValue]
    private let clock: @Sendable () -> Instant

    public init(store: any StoreProvider, configuration: Configuration, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        if let key = configuration.apiKey, !key.isEmpty { keyHash = SHA256.hexDigest(key) } else { keyHash = nil }
        tools = ToolRegistry.tools(readOnly: configuration.readOnly)
        definitions = tools.map(\.definition)
    }

    public func toolDefinitions() -> [JSONValue] { definitions }

    public var instructions: String { configuration.readOnly ? Instructions.readOnlyText : Instructions.text }

    public func prepare(context: RequestContext) {
        _ = store.current { fraction in context.progress(fraction * 100, 100, "loading the store") }
    }

    public func callTool(name: String, arguments: JSONObject, context: RequestContext) -> ToolCallOutcome? {
        guard let tool = tools.first(where: { Identifiers.sameBytes($0.name, name) }) else { return nil }
        do {
            let answer = try run(tool, arguments: arguments, context: context)
            let result = answer.json
            return ToolCallOutcome(answer: answer, result: result, serialized: RawJSON(JSON.bytes(result)))
        } catch {
            return ToolCallOutcome(structuredContent: error.structuredContent, isError: true, text: error.text)
        }
    }

    private func run(_ tool: any Tool, arguments: JSONObject, context: RequestContext) throws(ToolError) -> any OutputValue {
        guard let keyHash else {
            throw Messages.unauthorized(
                configuration.missingKeyReason ?? "No API key: STATS_API_KEY is not set (and no --api-key-file was given).")
        }
        let data: StoreData
        switch store.current(progress: { fraction in context.progress(fraction * 100, 100, "loading the store") }) {
        case let .success(d): data = d
        case let .failure(unavailable):
            if unavailable.busy { throw ToolError(.storeBusy, unavailable.message, hint: unavailable.hint ?? "Try again in a moment.") }
            throw ToolError(.storeUnavailable, unavailable.message, hint: unavailable.hint ?? "Fix or restore the store file; the server picks the change up on the next request.")
        }
        let session = try Self.authenticate(keyHash: keyHash, data: data)
        let args = try Arguments.validate(arguments, against: tool.arguments)
        let now = configuration.now ?? clock()
        let today = configuration.today ?? session.workspace.zone.localDay(of: now)
        let toolContext = ToolContext(
            data: data, session: session, now: now, today: today,
            committer: configuration.readOnly ? nil : ServiceCommitter(store: store), readOnly: configuration.readOnly,
            log: { level, payload in context.log(LogLevel(name: level) ?? .info, payload) },
            progress: context.progress, isCancelled: context.isCancelled)
        func answer<T: Tool>(_ tool: T) throws(ToolError) -> any OutputValue { try tool.answer(args, toolContext) }
        return try answer(tool)
    }

    /// Resolves the key to a session (SPEC §3): unknown, revoked, unlinked or dangling keys are
    /// `unauthorized`, each saying what to do.
    static func authenticate(keyHash: String, data: StoreData) throws(ToolError) -> Session {
        guard let key = data.tables.apiKeys[keyHash] else {
            throw Messages.unauthorized("The API key in STATS_API_KEY is not known to this store.")
        }
        guard !key.revoked else { throw Messages.unauthorized("The API key in STATS_API_KEY has been revoked.") }
        guard let userID = key.userID, let user = data.user(id: userID), let workspaceID = key.workspaceID,
            let workspace = data.workspace(id: workspaceID)
        else { throw Messages.unauthorized("The API key in STATS_API_KEY is bound to a user or workspace that does not exist.") }
        guard user.workspaceIDs.contains(workspaceID) else {
            throw Messages.unauthorized("The API key's user is not linked to the key's workspace.")
        }
        return Session(workspace: workspace, user: user)
    }

    // MARK: Prompts and completions (SPEC §7.4)

    public func prompts() -> [Prompt] { StatsPrompts.all }

    public func getPrompt(_ params: PromptsGet.Params) -> Result<PromptsGet.Result, RPCError> {
        StatsPrompts.render(params) { value in
            if Identifiers.isPublicID(value, prefix: "cp") || Identifiers.isUUID(value) { return .id(value) }
            guard let (data, session, _) = sessionView() else { return .unknown }
            let needle = TextMatch.folded(value)
            let matches = Array(data.campaigns(inWorkspace: session.workspace.id)).filter { c in
                c.name.map { TextMatch.contains($0, folded: needle) } ?? false
            }
            switch matches.count {
            case 0: return .none
            case 1: return .match(publicID: matches[0].publicID, name: matches[0].name ?? value)
            default: return .several(count: matches.count)
            }
        }
    }

    public func complete(_ params: CompletionComplete.Params) -> Result<CompletionComplete.Result, RPCError> {
        guard case let .prompt(name) = params.ref else { return .success(CompletionComplete.Result(matches: [])) }
        let view = sessionView()
        let values = StatsPrompts.complete(
            prompt: name, argument: params.argumentName, value: params.value,
            campaigns: {
                guard let (data, session, _) = view else { return [] }
                return (data.campaignsByWorkspaceByName[session.workspace.id] ?? []).map { data.campaigns[$0] }
            },
            today: { view?.today ?? configuration.today ?? Self.utcDay(configuration.now ?? clock()) })
        return values.map { CompletionComplete.Result(matches: $0) }
    }

    /// The store, the session and today, when the key resolves (nil otherwise: prompts still work).
    private func sessionView() -> (data: StoreData, session: Session, today: Day)? {
        guard let keyHash, case let .success(data) = store.current(progress: { _ in }),
            let session = try? Self.authenticate(keyHash: keyHash, data: data)
        else { return nil }
        let today = configuration.today ?? session.workspace.zone.localDay(of: configuration.now ?? clock())
        return (data, session, today)
    }

    private static func utcDay(_ instant: Instant) -> Day { ZoneRules.utc.localDay(of: instant) }

    /// The chart app (MCP Apps), linked from the tools that draw well.
    public var uiApp: UIApp? { ChartsApp.app }

    // MARK: Resources

    /// The schemas of the tools this server exposes (`--read-only` hides the sync tools here too).
    public func resources() -> [ResourceDescriptor] { Resources.list(tools: tools) }

    public func readResource(uri: String) -> String? { Resources.read(uri: uri, tools: tools) }
}

/// Commits through the store service, mapping its failures to tool errors.
struct ServiceCommitter: StoreCommitter {
    let store: any StoreProvider

    func commit<T>(_ body: (StoreData) throws(ToolError) -> (ops: [JournalOp], result: T)) throws(ToolError) -> T {
        do {
            return try store.commit(body)
        } catch let error as ToolError {
            throw error
        } catch StoreWriteError.busy {
            throw ToolError(.storeBusy, "The store is locked by another writer; try again in a moment.", hint: "Another stats-mcp process or a script holds the store lock for more than 5 seconds.")
        } catch let StoreWriteError.unavailable(unavailable) {
            if unavailable.busy { throw ToolError(.storeBusy, unavailable.message, hint: unavailable.hint ?? "Try again in a moment.") }
            throw ToolError(.storeUnavailable, unavailable.message, hint: unavailable.hint ?? "Fix or restore the store file; writes resume once it loads.")
        } catch {
            throw ToolError(.internal, "The change could not be stored; nothing was written.", hint: "Check the server's stderr log, then retry.")
        }
    }
}
