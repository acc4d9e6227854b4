import Foundation
import StatsJSON
import StatsStore

/// A store served from PostgreSQL (SPEC §12). The tools run over the same `StoreData` as on a JSON
/// file: the rows are turned back into the store document and read by the same `StoreLoader`, so
/// ignored and duplicate records behave exactly alike. The view is cached; each request asks the
/// database for its change counter (one indexed row, bumped by statement-level triggers on every
/// store table, whoever writes) and reloads only when it moved. Sync tools commit in one transaction
/// that holds the counter's row lock (writers serialize on it, like the file store's flock), reload
/// first if someone else wrote, and write the ops as UPDATE/INSERT; the answer is sent after COMMIT.
public final class PostgresStore: StoreProvider, @unchecked Sendable {
    public let displayPath: String
    public let target: PGTarget?
    public let schema: String
    public let timeoutMs: Int
    /// The statement timeout of a full load's COPY statements (`STATS_PG_LOAD_TIMEOUT_MS`, default 10 min):
    /// one table of a big store takes longer than a read's timeout. Lock waits still end at `lock_timeout`.
    public let loadTimeoutMs: Int
    private let uri: String
    let environment: [String: String]
    let diagnostics: @Sendable (String) -> Void

    struct Cached {
        var data: StoreData
        var problems: [StoreProblem]
        var version: Int64
    }

    private let condition = NSCondition()
    private var inUse = false
    private var connection: PGConnection?
    var cached: Cached?
    private var loadFraction = 0.0

    /// A newer image is written once a start would replay more logged ops than this.
    static let opsBeforeNewImage = 2_000

    let imageState = NSLock()
    var imageWriting = false
    var imageRefused = false

    /// - Parameters:
    ///   - uri: a `postgres://` / `postgresql://` URI (libpq syntax).
    ///   - environment: `STATS_PG_SCHEMA`, `STATS_PG_TIMEOUT_MS`, `STATS_LIBPQ`.
    public init(uri: String, environment: [String: String], diagnostics: @escaping @Sendable (String) -> Void = { _ in }) {
        self.uri = uri
        self.environment = environment
        self.diagnostics = diagnostics
        target = PGTarget(uri: uri)
        displayPath = target?.redacted ?? "PostgreSQL"
        schema = Self.schemaName(environment)
        timeoutMs = Self.timeout(environment)
        loadTimeoutMs = environment["STATS_PG_LOAD_TIMEOUT_MS"].flatMap { Int($0) }.map { max(0, $0) } ?? 600_000
    }

    public static func schemaName(_ environment: [String: String]) -> String {
        guard let name = environment["STATS_PG_SCHEMA"], !name.isEmpty else { return PGSchema.defaultName }
        return name
    }

    public static func timeout(_ environment: [String: String]) -> Int {
        guard let text = environment["STATS_PG_TIMEOUT_MS"], let n = Int(text), n >= 0 else { return 5000 }
        return n
    }

    // MARK: Exclusive use of the connection

    private func acquire(progress: ((Double) -> Void)? = nil) {
        condition.lock()
        var reported = -1.0
        while inUse {
            if let progress, loadFraction > reported {
                reported = loadFraction
                let f = loadFraction
                condition.unlock()
                progress(f)
                condition.lock()
                continue
            }
            _ = condition.wait(until: Date().addingTimeInterval(0.05))
        }
        inUse = true
        condition.unlock()
    }

    private func release() {
        condition.lock()
        inUse = false
        condition.broadcast()
        condition.unlock()
    }

    private func setFraction(_ f: Double) {
        condition.lock()
        loadFraction = f
        condition.unlock()
    }

    /// Connects and loads on a background thread (so `initialize` never waits); returns at once.
    public func startLoading() {
        condition.lock()
        inUse = true
        condition.unlock()
        let thread = Thread { [self] in
            if case let .failure(e) = refresh() { diagnostics("stats-mcp: PostgreSQL store: \(e.message)") }
            release()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Connects and loads now (commands such as `call`).
    public func loadNow() {
        acquire()
        _ = refresh()
        release()
    }

    // MARK: StoreProvider

    public func current(progress: ((Double) -> Void)?) -> Result<StoreData, StoreUnavailable> {
        acquire(progress: progress)
        defer { release() }
        return refresh()
    }

    public func problems() -> Result<[StoreProblem], StoreUnavailable> {
        acquire()
        defer { release() }
        switch refresh() {
        case .success: return .success(cached?.problems ?? [])
        case let .failure(e): return .failure(e)
        }
    }

    public func commit<T, E: Error>(_ body: (StoreData) throws(E) -> (ops: [JournalOp], result: T)) throws -> T {
        acquire()
        defer { release() }
        let db: PGDatabase
        do {
            db = try database()
        } catch {
            throw StoreWriteError.unavailable(unavailable(error))
        }
        let c = db.connection
        var data: StoreData
        var problems: [StoreProblem]
        do {
            try c.execute("BEGIN READ WRITE")
            let version = try db.storeVersion(forUpdate: true)
            if let cached, cached.version == version {
                data = cached.data
                problems = cached.problems
            } else {
                let loaded = try load(db, version: version)
                data = loaded.data
                problems = loaded.problems
            }
        } catch {
            rollback(c)
            throw StoreWriteError.unavailable(unavailable(error))
        }
        let ops: [JournalOp]
        let result: T
        do {
            (ops, result) = try body(data)
        } catch {
            rollback(c)
            throw error
        }
        guard !ops.isEmpty else {
            rollback(c)
            return result
        }
        do {
            let before = try db.storeVersion()
            try db.apply(ops, on: data)
            let version = try db.storeVersion()
            try db.logOps(ops, from: before, to: version)
            try c.execute("COMMIT")
            data.apply(ops)
            cached = Cached(data: data, problems: problems, version: version)
            return result
        } catch {
            // A COMMIT that lost its connection may or may not have happened: read everything again.
            cached = nil
            rollback(c)
            diagnostics("stats-mcp: PostgreSQL write failed: \(error)")
            throw StoreWriteError.unavailable(unavailable(error))
        }
    }

    // MARK: Loading

    /// The open connection (connecting, with the schema check, when there is none).
    private func database() throws(PGError) -> PGDatabase {
        if let connection, !connection.isBroken { return PGDatabase(connection: connection, schema: schema) }
        connection = nil
        guard let target else {
            throw PGError(.connect, "The store URI is not a valid postgres:// or postgresql:// URI.")
        }
        guard PGSchema.isValidName(schema) else {
            throw PGError(.schema, "STATS_PG_SCHEMA must be a lowercase SQL identifier (letters, digits, _), got \(schema).")
        }
        guard let lib = LibPQ.shared(environment: environment) else {
            throw PGError(.noLibrary, "The store is a PostgreSQL database (\(target.display)), but the client library libpq is not installed.")
        }
        let c = try PGConnection.connect(target, lib: lib, settings: PGDatabase.sessionSettings(timeoutMs: timeoutMs))
        let db = PGDatabase(connection: c, schema: schema)
        try db.requireSchema()
        connection = c
        return db
    }

    /// Serves the cached view when the change counter has not moved; otherwise reloads it.
    private func refresh() -> Result<StoreData, StoreUnavailable> {
        do {
            let db = try database()
            let version = try db.storeVersion()
            if let cached, cached.version == version { return .success(cached.data) }
            // Other servers' sync writes: replay their logged ops, as the file store replays its journal.
            if var caught = cached, version > caught.version, let ops = try db.loggedOps(from: caught.version, to: version) {
                caught.data.apply(ops)
                caught.version = version
                cached = caught
                return .success(caught.data)
            }
            try db.connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let loaded = try load(db, version: try db.storeVersion())
                try db.connection.execute("COMMIT")
                return .success(loaded.data)
            } catch {
                rollback(db.connection)
                throw error
            }
        } catch {
            return .failure(unavailable(error))
        }
    }

    /// The view at `version`, in the caller's transaction, cached: from the newest store image plus
    /// the sync ops logged since, or (no usable image) from every row — then an image of the new
    /// view is written in the background, so the next server starts from it.
    private func load(_ db: PGDatabase, version: Int64) throws -> Cached {
        if let loaded = try loadFromImage(db, version: version) {
            cached = loaded
            return loaded
        }
        let started = Date()
        setFraction(0)
        try db.connection.execute("SET LOCAL statement_timeout = \(loadTimeoutMs)")
        let bytes = try db.documentBytes(progress: { [self] f in setFraction(f * 0.6) })
        let result = try bytes.withUnsafeBufferPointer { buffer in
            try StoreLoader.load(buffer, progress: { [self] f in setFraction(0.6 + f * 0.4) })
        }
        let loaded = Cached(data: result.data, problems: result.problems, version: version)
        cached = loaded
        let ms = Int(Date().timeIntervalSince(started) * 1000)
        diagnostics("stats-mcp: loaded the PostgreSQL store (\(target?.display ?? "?"), schema \(schema), version \(version)) from its rows in \(ms) ms")
        writeImageInBackground(loaded)
        return loaded
    }

    func rollback(_ c: PGConnection) {
        if c.isBroken {
            connection = nil
            return
        }
        _ = try? c.execute("ROLLBACK")
    }

    /// The tool-facing form of a failure; a broken connection is dropped (the next request reconnects).
    private func unavailable(_ error: Error) -> StoreUnavailable {
        let where_ = target?.display ?? "PostgreSQL"
        guard let e = error as? PGError else {
            if let load = error as? StoreLoadError {
                return StoreUnavailable(message: "The PostgreSQL store (\(where_), schema \(schema)) does not load: \(load).", hint: "Run `stats-mcp db export URL OUT` and `stats-mcp check OUT` to see why.")
            }
            return StoreUnavailable(message: "The PostgreSQL store (\(where_)) cannot be read: \(error).")
        }
        switch e.kind {
        case .noLibrary:
            return StoreUnavailable(message: e.message + " " + LibPQ.installHint, hint: LibPQ.installHint)
        case .connect:
            connection = nil
            return StoreUnavailable(
                message: e.message, hint: "Check that PostgreSQL is running and that --store / STATS_STORE names it; the server tries again on the next request.")
        case .lost:
            connection = nil
            return StoreUnavailable(
                message: "Lost the connection to PostgreSQL (\(where_)): \(e.message)",
                hint: "The server reconnects on the next request; check that PostgreSQL is running.")
        case .busy:
            return StoreUnavailable(
                message: "PostgreSQL (\(where_)) did not answer in time (statement timeout \(timeoutMs) ms or a lock wait): \(e.message)", busy: true,
                hint: "Try again in a moment; STATS_PG_TIMEOUT_MS raises the limit.")
        case .schema:
            return StoreUnavailable(message: e.message, hint: "Run `stats-mcp db init URL`, then `stats-mcp db import STORE URL`.")
        case .sql:
            return StoreUnavailable(message: "PostgreSQL (\(where_)) refused a query: \(e.message)", hint: "Check the server's stderr log.")
        }
    }
}
