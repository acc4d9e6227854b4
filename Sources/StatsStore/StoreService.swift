import Foundation
import StatsJSON

/// Why the store cannot serve a request right now (SPEC §6 `store_unavailable`).
public struct StoreUnavailable: Error, Sendable, Equatable {
    public var message: String
    /// A temporary condition (a database timeout or lock wait): reported as `store_busy`.
    public var busy: Bool
    /// What to do, when the backing store knows better than the generic hint.
    public var hint: String?
    public init(message: String, busy: Bool = false, hint: String? = nil) {
        self.message = message
        self.busy = busy
        self.hint = hint
    }
}

/// Errors of a write.
public enum StoreWriteError: Error, Sendable {
    case unavailable(StoreUnavailable)
    /// The lock could not be taken within the timeout.
    case busy
    /// A file operation failed (details are for stderr, never for the client).
    case io(String)
}

/// The live store of a server process: loads the base file (in the background, so `initialize` never
/// waits), notices other processes' commits and hand edits with a cheap `stat` per request, and
/// commits writes durably through the journal (SPEC §9). An in-memory variant serves `--demo`.
public final class StoreService: @unchecked Sendable {
    private enum Backing {
        case files(StoreFiles)
        case memory
    }

    private struct Loaded {
        var data: StoreData
        var problems: [StoreProblem]
        var fingerprint: StoreFingerprint
        var journalOffset: Int
        var lastSequence: Int64
    }

    private enum State {
        case loading
        case ready(Loaded)
        /// `retry`: the failure came from the environment (EMFILE, ENOMEM, EINTR, a file growing while
        /// read…), not from the file: the next request loads again instead of waiting for the file's
        /// stat to change.
        case unavailable(StoreUnavailable, StoreFingerprint, retry: Bool)
    }

    private let backing: Backing
    private let condition = NSCondition()
    private var state: State = .loading
    private let progressLock = NSLock()
    private var _loadFraction: Double = 0
    private var loadFraction: Double {
        get { progressLock.lock(); defer { progressLock.unlock() }; return _loadFraction }
        set { progressLock.lock(); _loadFraction = newValue; progressLock.unlock() }
    }
    /// Where diagnostics go (stderr in the server); never the client.
    private let diagnostics: @Sendable (String) -> Void
    public let displayPath: String

    /// A file-backed store at `path`.
    public init(path: String, diagnostics: @escaping @Sendable (String) -> Void = { _ in }) {
        backing = .files(StoreFiles(path: path))
        displayPath = path
        self.diagnostics = diagnostics
    }

    /// An in-memory store (demo): writes stay in memory.
    public init(memoryBytes: [UInt8], name: String = "demo store", diagnostics: @escaping @Sendable (String) -> Void = { _ in }) {
        backing = .memory
        displayPath = name
        self.diagnostics = diagnostics
        let result = memoryBytes.withUnsafeBufferPointer { buffer in Result { try StoreLoader.load(buffer) } }
        switch result {
        case let .success(loaded):
            state = .ready(Loaded(data: loaded.data, problems: loaded.problems, fingerprint: StoreFingerprint(base: nil, journal: nil), journalOffset: 0, lastSequence: 0))
        case let .failure(error):
            state = .unavailable(StoreUnavailable(message: Self.describe(error, path: name)), StoreFingerprint(base: nil, journal: nil), retry: false)
        }
    }

    /// A store served from a view already built (a decoded `StoreImage`); writes stay in memory.
    public init(view data: StoreData, problems: [StoreProblem], name: String = "store image", diagnostics: @escaping @Sendable (String) -> Void = { _ in }) {
        backing = .memory
        displayPath = name
        self.diagnostics = diagnostics
        state = .ready(Loaded(data: data, problems: problems, fingerprint: StoreFingerprint(base: nil, journal: nil), journalOffset: 0, lastSequence: 0))
    }

    public var files: StoreFiles? {
        if case let .files(f) = backing { return f }
        return nil
    }

    /// Starts loading on a background thread (file-backed stores); returns at once.
    public func startLoading() {
        guard case .files = backing else { return }
        let thread = Thread { [self] in
            let outcome = loadFromDisk()
            condition.lock()
            state = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Loads synchronously (commands such as `check` and `call`).
    public func loadNow() {
        guard case .files = backing else { return }
        let outcome = loadFromDisk()
        condition.lock()
        state = outcome
        condition.unlock()
    }

    /// The current view of the store, waiting for the initial load (reporting its progress), then
    /// picking up other processes' commits and hand edits.
    public func current(progress: ((Double) -> Void)? = nil) -> Result<StoreData, StoreUnavailable> {
        condition.lock()
        var reported = -1.0
        while case .loading = state {
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
        defer { condition.unlock() }
        refreshLocked()
        switch state {
        case let .ready(loaded): return .success(loaded.data)
        case let .unavailable(error, _, _): return .failure(error)
        case .loading: return .failure(StoreUnavailable(message: "The store is still loading."))
        }
    }

    /// Load-time problems of the current view (for `check`).
    public func problems() -> Result<[StoreProblem], StoreUnavailable> {
        condition.lock()
        defer { condition.unlock() }
        switch state {
        case let .ready(loaded): return .success(loaded.problems)
        case let .unavailable(error, _, _): return .failure(error)
        case .loading: return .failure(StoreUnavailable(message: "The store is still loading."))
        }
    }

    /// Runs `body` on the freshest state under the store's write lock and commits the ops it returns
    /// durably before returning (journal append + fsync). Nothing is written when `body` throws.
    public func commit<T, E: Error>(_ body: (StoreData) throws(E) -> (ops: [JournalOp], result: T)) throws -> T {
        condition.lock()
        defer { condition.unlock() }
        while case .loading = state { condition.wait() }
        switch backing {
        case .memory:
            guard case var .ready(loaded) = state else {
                if case let .unavailable(e, _, _) = state { throw StoreWriteError.unavailable(e) }
                throw StoreWriteError.io("store not loaded")
            }
            let (ops, result) = try body(loaded.data)
            loaded.data.apply(ops)
            state = .ready(loaded)
            return result
        case let .files(files):
            do {
                return try files.withExclusiveLock(timeout: 5) { () throws -> T in
                    refreshLocked()
                    guard case var .ready(loaded) = state else {
                        if case let .unavailable(e, _, _) = state { throw StoreWriteError.unavailable(e) }
                        throw StoreWriteError.io("store not loaded")
                    }
                    let (ops, result) = try body(loaded.data)
                    guard !ops.isEmpty else { return result }
                    let entry = JournalEntry(sequence: loaded.lastSequence + 1, ops: ops)
                    do {
                        try files.appendJournal(entry)
                    } catch {
                        diagnostics("stats-mcp: journal append failed (nothing was stored): \(error)")
                        if let refused = Self.refusal(error, path: displayPath) { throw StoreWriteError.unavailable(refused) }
                        throw StoreWriteError.io("\(error)")
                    }
                    loaded.data.apply(ops)
                    loaded.lastSequence = entry.sequence
                    loaded.fingerprint = files.fingerprint()
                    loaded.journalOffset = files.journalSize
                    if let baseSize = loaded.fingerprint.base?.size,
                        files.shouldCompact(journalBytes: loaded.journalOffset, baseBytes: Int(baseSize))
                    {
                        do {
                            try files.compact()
                            loaded.fingerprint = files.fingerprint()
                            loaded.journalOffset = 0
                        } catch {
                            // The journal still holds everything: nothing is lost.
                            diagnostics("stats-mcp: compaction failed (the journal keeps every write): \(error)")
                        }
                    }
                    state = .ready(loaded)
                    return result
                }
            } catch is StoreBusyError {
                throw StoreWriteError.busy
            } catch let error as StoreFileError {
                // E.g. the lock file is a FIFO: refused with a clear message, never waited on.
                diagnostics("stats-mcp: write refused: \(error)")
                if let refused = Self.refusal(error, path: displayPath) { throw StoreWriteError.unavailable(refused) }
                throw StoreWriteError.io("\(error)")
            }
        }
    }

    // MARK: Loading

    private func loadFromDisk() -> State {
        guard case let .files(files) = backing else { return state }
        files.cleanStaleTemporaries()
        let snapshot: StoreSnapshot
        do {
            snapshot = try files.readSnapshot(mode: .copy)
        } catch let error as StoreFileError where error.kind == .missing {
            return .unavailable(
                StoreUnavailable(message: "The store file \(displayPath) does not exist. Create it (stats-mcp demo --out \(displayPath)) or point --store / STATS_STORE at an existing store."),
                files.fingerprint(), retry: false)
        } catch let error as StoreFileError where error.kind == .notRegularFile {
            diagnostics("stats-mcp: cannot read the store: \(error)")
            let which = error.path == files.resolvedPath ? "The store file \(displayPath)" : "The store's journal \(error.path)"
            return .unavailable(
                StoreUnavailable(message: "\(which) is \(error.detail), not a regular file; it is not read. Point --store / STATS_STORE at a JSON store file. Reads fail and writes are refused until it is fixed."),
                files.fingerprint(), retry: false)
        } catch {
            diagnostics("stats-mcp: cannot read the store: \(error)")
            let transient = (error as? StoreFileError)?.isTransient ?? true
            let why = transient ? " (a temporary condition: \(Self.reason(error)); retried on the next request)" : ""
            return .unavailable(
                StoreUnavailable(message: "The store file \(displayPath) cannot be read\(why). Writes are refused until it is fixed."),
                files.fingerprint(), retry: transient)
        }
        let base = snapshot.base
        var result = base.withUnsafeBytes { buffer in
            Result {
                try StoreLoader.load(
                    buffer,
                    progress: { [self] fraction in
                        // Not `condition`: a reload runs while it is held.
                        loadFraction = fraction
                    },
                    consumed: { offset in base.discard(before: offset) })
            }
        }
        if case .failure(StoreLoadError.parse) = result, base.hasDiscarded, let fresh = try? files.readBase(mode: .copy) {
            // Pages before the error were given back: read again for the exact line and column.
            result = fresh.withUnsafeBytes { buffer in Result { try StoreLoader.load(buffer) } }
        }
        switch result {
        case var .success(loaded):
            for problem in snapshot.journalProblems {
                loaded.problems.append(StoreProblem(path: files.journalPath, message: problem))
            }
            for entry in snapshot.journalEntries { loaded.data.apply(entry.ops) }
            return .ready(
                Loaded(
                    data: loaded.data, problems: loaded.problems, fingerprint: snapshot.fingerprint,
                    journalOffset: snapshot.journalEndOffset, lastSequence: snapshot.journalEntries.last?.sequence ?? 0))
        case let .failure(error):
            return .unavailable(StoreUnavailable(message: Self.describe(error, path: displayPath)), snapshot.fingerprint, retry: false)
        }
    }

    /// A write the file system refuses for a reason the client should hear about (the journal would
    /// pass the file-size limit, the disk is full, read-only, over quota): a `store_unavailable` tool
    /// error instead of `internal`. Nothing was stored (the journal was cut back).
    static func refusal(_ error: Error, path: String) -> StoreUnavailable? {
        guard let error = error as? StoreFileError else { return nil }
        let why: String
        switch error.errno {
        case EFBIG: why = "the journal would exceed the file-size limit of the server process (EFBIG)"
        case ENOSPC: why = "the disk is full (ENOSPC)"
        case EDQUOT: why = "the disk quota is exhausted (EDQUOT)"
        case EROFS: why = "the file system is read-only (EROFS)"
        case EACCES, EPERM: why = "permission denied"
        default:
            guard error.kind == .notRegularFile else { return nil }
            why = "\(error.path) is \(error.detail), not a regular file"
        }
        return StoreUnavailable(message: "The change was refused and nothing was stored: \(why). The store file \(path) and the data already stored are unchanged; reads still work.")
    }

    static func reason(_ error: Error) -> String {
        guard let error = error as? StoreFileError else { return "unexpected error" }
        if error.errno != 0 { return String(cString: strerror(error.errno)) }
        return error.kind == .changedDuringRead ? "the file kept changing while it was read" : "I/O error"
    }

    static func describe(_ error: Error, path: String) -> String {
        switch error {
        case let StoreLoadError.parse(message, line, column):
            return "The store file \(path) is not valid JSON: \(message) at line \(line), column \(column). Reads fail and writes are refused until it is fixed."
        case let StoreLoadError.format(detail):
            return "The store file \(path) is not a stats-mcp store: \(detail). Reads fail and writes are refused until it is fixed."
        default:
            return "The store file \(path) cannot be loaded. Writes are refused until it is fixed."
        }
    }

    /// Picks up changes on disk (caller holds `condition`).
    private func refreshLocked() {
        guard case let .files(files) = backing else { return }
        let now = files.fingerprint()
        switch state {
        case .loading:
            return
        case let .unavailable(_, old, retry):
            if retry || now != old { state = loadFromDisk() }
        case var .ready(loaded):
            guard now != loaded.fingerprint else { return }
            if now.onlyJournalGrew(since: loaded.fingerprint) {
                guard let (entries, end, _) = try? files.readJournalChecked(fromOffset: loaded.journalOffset) else {
                    // Not readable right now (e.g. EMFILE): never serve without the new writes; retry fully.
                    state = loadFromDisk()
                    return
                }
                for entry in entries { loaded.data.apply(entry.ops) }
                if let last = entries.last { loaded.lastSequence = max(loaded.lastSequence, last.sequence) }
                loaded.journalOffset = end
                loaded.fingerprint = now
                state = .ready(loaded)
            } else {
                state = loadFromDisk()
            }
        }
    }
}
