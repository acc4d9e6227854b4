/// Where a server's store lives: the seam between the tools (which run over `StoreData`) and the
/// backing store — a JSON file with its journal (`StoreService`) or a PostgreSQL database
/// (`StatsPostgres.PostgresStore`, SPEC §12). Both hand out the freshest view per request and commit a
/// sync tool's ops durably before returning.
public protocol StoreProvider: AnyObject, Sendable {
    /// How the store is named in diagnostics (a path, or a redacted database URI).
    var displayPath: String { get }
    /// The current view, waiting for the initial load (reporting its progress).
    func current(progress: ((Double) -> Void)?) -> Result<StoreData, StoreUnavailable>
    /// Load-time problems of the current view (for `check`).
    func problems() -> Result<[StoreProblem], StoreUnavailable>
    /// Runs `body` on the freshest state under the store's write lock and commits the ops it returns
    /// durably before returning; throws `StoreWriteError` (or the body's error) and writes nothing then.
    func commit<T, E: Error>(_ body: (StoreData) throws(E) -> (ops: [JournalOp], result: T)) throws -> T
}

extension StoreService: StoreProvider {}
