import StatsCore
import StatsJSON
import StatsStore

/// The caller: one user acting in one workspace (SPEC §3).
public struct Session: Sendable {
    public var workspace: Workspace
    public var user: User

    public init(workspace: Workspace, user: User) {
        self.workspace = workspace
        self.user = user
    }
}

/// Commits journal ops durably (SPEC §9). The body runs under the store's write lock with the
/// freshest state and returns the ops to commit plus its result; nothing is written when it throws
/// or returns no ops.
public protocol StoreCommitter: Sendable {
    func commit<T>(_ body: (StoreData) throws(ToolError) -> (ops: [JournalOp], result: T)) throws(ToolError) -> T
}

/// Everything a tool may use: the store view, the caller, the clock, and the request's channels.
public struct ToolContext: Sendable {
    public var data: StoreData
    public var session: Session
    /// The current instant (pinned by --now/STATS_NOW in tests).
    public var now: Instant
    /// Today in the session workspace's time zone (pinned by --today/STATS_TODAY).
    public var today: Day
    public var committer: (any StoreCommitter)?
    /// The server hides the sync tools (`--read-only`).
    public var readOnly: Bool
    public var log: @Sendable (String, JSONValue) -> Void
    public var progress: @Sendable (Double, Double?, String?) -> Void
    public var isCancelled: @Sendable () -> Bool

    public init(
        data: StoreData, session: Session, now: Instant, today: Day, committer: (any StoreCommitter)? = nil, readOnly: Bool = false,
        log: @escaping @Sendable (String, JSONValue) -> Void = { _, _ in },
        progress: @escaping @Sendable (Double, Double?, String?) -> Void = { _, _, _ in },
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.data = data
        self.session = session
        self.now = now
        self.today = today
        self.committer = committer
        self.readOnly = readOnly
        self.log = log
        self.progress = progress
        self.isCancelled = isCancelled
    }

    public var workspaceID: Int64 { session.workspace.id }
    public var zone: ZoneRules { session.workspace.zone }
}

/// A tool: its contract (name, texts, argument specs, output schema, annotations) and its run.
public protocol Tool: Sendable {
    /// The tool's answer: its JSON and its published `outputSchema` both come from this type.
    associatedtype Output: OutputValue
    var name: String { get }
    var title: String { get }
    var description: String { get }
    var arguments: [ArgumentSpec] { get }
    /// Sync tools write the store; they are hidden by --read-only.
    var isSync: Bool { get }
    func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output
}

extension Tool {
    public var isSync: Bool { false }

    public var inputSchema: JSONValue { ArgumentSpec.inputSchema(arguments) }

    /// The published output schema: derived from `Output`, never written by hand (issue 10).
    public var outputSchema: JSONValue { OutputSchema.published(Output.schema) }

    /// The answer as JSON (what `tools/call` sends as `structuredContent`).
    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        try answer(args, context).json
    }


    public var annotations: JSONValue {
        isSync
            ? ["readOnlyHint": false, "destructiveHint": false, "idempotentHint": true, "openWorldHint": false]
            : ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": false]
    }

    /// The `tools/list` entry.
    public var definition: JSONValue {
        var o = JSONObject()
        o["name"] = .string(name)
        o["title"] = .string(title)
        o["description"] = .string(description)
        o["inputSchema"] = inputSchema
        o["outputSchema"] = outputSchema
        o["annotations"] = annotations
        return .object(o)
    }
}
