#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StatsJSON

/// What a reader compares per request to notice other processes' commits and hand edits (SPEC §9).
/// `nil` means the file does not exist.
public struct StoreFingerprint: Sendable, Equatable {
    public var base: FileStamp?
    public var journal: FileStamp?

    public init(base: FileStamp?, journal: FileStamp?) {
        self.base = base
        self.journal = journal
    }

    /// Only the journal grew (same base, same journal file, longer): reading the journal from the
    /// previous end offset is enough. Anything else — a new base (hand edit or compaction), a journal
    /// that shrank or was replaced — needs a full reload.
    public func onlyJournalGrew(since old: StoreFingerprint) -> Bool {
        guard base == old.base, let new = journal else { return false }
        guard let previous = old.journal else { return true }
        return new.device == previous.device && new.inode == previous.inode && new.size >= previous.size
    }
}

/// One consistent view of the store on disk: the journal read before the base (see `readSnapshot`).
public struct StoreSnapshot: Sendable {
    /// Taken before anything was read: if the files change later, the next `fingerprint()` differs.
    public var fingerprint: StoreFingerprint
    public var base: StoreBytes
    public var journalEntries: [JournalEntry]
    /// Where the next incremental `readJournal(fromOffset:)` starts.
    public var journalEndOffset: Int
    public var journalProblems: [String]
}

/// All file I/O of the store (SPEC §2, §9): the base file, its journal, its lock file and the
/// temporary files of compaction.
///
/// Layout, beside the base file after resolving symlinks (nothing is ever created beside a link):
/// - `<resolved>` — the base JSON document; only ever replaced by `rename` of a complete, fsynced file;
/// - `<resolved>.journal` — JSON Lines of committed writes (format: `JournalCodec`);
/// - `<resolved>.lock` — an empty file; writers hold an exclusive `flock` on it (never renamed or
///   deleted; a script editing the store by hand takes the same lock, e.g. `flock stats-store.json.lock -c …`);
/// - `.<basename>.tmp.<pid>.<random>` — a compaction in progress (or left by a crash; swept by
///   `cleanStaleTemporaries`).
/// Created files get the base file's permission bits (0600 when there is no base file yet) and, when
/// allowed, its owner.
///
/// Writer protocol: `withExclusiveLock { reload what changed; compute; appendJournal(entry) }` — the
/// write is durable (acknowledgeable) when `appendJournal` returns. Then, still under the lock and if
/// `shouldCompact` says so, `compact(entries:)`; a failed compaction loses nothing (the journal stays).
///
/// Reader protocol (no lock): `fingerprint()` per request; if it changed, `readJournal(fromOffset:)`
/// when only the journal grew, else `readSnapshot()`. The journal is read before the base: a compaction
/// racing the read then yields either the old base with the full journal, the new base with the new
/// journal, or the new base with the old journal re-applied — all the same state, as ops are
/// idempotent. Never the old base with the truncated journal.
///
/// All methods are safe to call from several threads; the object holds no mutable state.
public final class StoreFiles: Sendable {
    /// The path the caller gave.
    public let path: String
    /// The base file's path with every symlink resolved (of the target; if it does not exist yet, of
    /// its directory).
    public let resolvedPath: String
    public let lockPath: String
    public let journalPath: String
    /// The directory holding the resolved base file.
    public let directory: String
    /// The resolved base file's name.
    public let baseName: String

    public init(path: String) {
        self.path = path
        let absolute = path.hasPrefix("/") ? path : Posix.currentDirectory() + "/" + path
        var resolved: String
        if let real = Posix.resolve(absolute) {
            resolved = real
        } else {
            // Missing file, or a dangling symlink: follow links by hand, then resolve the directory.
            var current = absolute
            var hops = 0
            while hops < 40, Posix.isSymlink(current), let target = Posix.readLink(current) {
                current = target.hasPrefix("/") ? target : Self.join(Posix.dirname(current), target)
                hops += 1
            }
            let directory = Posix.dirname(current)
            resolved = Self.join(Posix.resolve(directory) ?? directory, Posix.basename(current))
        }
        resolvedPath = resolved
        lockPath = resolved + ".lock"
        journalPath = resolved + ".journal"
        directory = Posix.dirname(resolved)
        baseName = Posix.basename(resolved)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    // MARK: Temporary files

    /// `.<basename>.tmp.` — every temporary file of this store starts with it.
    public var temporaryPrefix: String { "." + baseName + ".tmp." }

    /// A fresh temporary file name (`.<basename>.tmp.<pid>.<16 hex digits>`).
    func temporaryName() -> String {
        let random = UInt64.random(in: 0...UInt64.max)
        var hex = String(random, radix: 16)
        hex = String(repeating: "0", count: 16 - hex.utf8.count) + hex
        return temporaryPrefix + String(getpid()) + "." + hex
    }

    /// The pid in a temporary file name of this store, or nil if the name does not match the pattern.
    func temporaryPID(_ name: String) -> Int32? {
        guard name.hasPrefix(temporaryPrefix) else { return nil }
        let rest = name.utf8.dropFirst(temporaryPrefix.utf8.count)
        guard let dot = rest.firstIndex(of: UInt8(ascii: ".")) else { return nil }
        let digits = rest[rest.startIndex..<dot]
        let tail = rest[rest.index(after: dot)...]
        guard (1...10).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            (1...32).contains(tail.count),
            tail.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }),
            let pid = Int32(String(decoding: digits, as: UTF8.self))
        else { return nil }
        return pid
    }

    /// Removes temporary files left by crashed writers of this base file (names matching
    /// `.<basename>.tmp.<pid>.<hex>`). When no writer can be compacting — the caller says it holds the
    /// lock (`holdingLock`), or the lock file is absent or free (it is then held during the sweep) —
    /// every such file is stale and removed. Otherwise only those whose process is gone
    /// (`kill(pid, 0)` fails with ESRCH) are removed. Removing a live writer's file could only make its
    /// compaction fail (the rename finds nothing), never lose data.
    /// Returns the names removed. Errors are ignored (a sweep that fails is retried next time).
    @discardableResult
    public func cleanStaleTemporaries(holdingLock: Bool = false) -> [String] {
        var sweepAll = holdingLock
        var probe: Int32 = -1
        if !sweepAll {
            do {
                probe = try Posix.openRegular(lockPath, O_RDONLY)
            } catch {
                return []  // not a regular lock file: no sweep until it is fixed
            }
            if probe < 0 {
                sweepAll = errno == ENOENT  // no writer has ever locked this store
            } else if flock(probe, LOCK_EX | LOCK_NB) == 0 {
                sweepAll = true
            }
        }
        defer { if probe >= 0 { close(probe) } }
        guard let dir = opendir(directory) else { return [] }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if temporaryPID(name) != nil { names.append(name) }
        }
        closedir(dir)
        var removed: [String] = []
        for name in names {
            guard let pid = temporaryPID(name) else { continue }
            if !sweepAll {
                if pid == getpid() { continue }
                if pid > 0, kill(pid, 0) == 0 || errno == EPERM { continue }  // alive (maybe another user's)
            }
            if unlink(Self.join(directory, name)) == 0 { removed.append(name) }
        }
        return removed
    }

    // MARK: Reading

    /// `stat` of the base file and of the journal: cheap enough for every request.
    public func fingerprint() -> StoreFingerprint {
        StoreFingerprint(base: FileStamp.of(path: resolvedPath), journal: FileStamp.of(path: journalPath))
    }

    /// The journal's size in bytes (0 when it does not exist).
    public var journalSize: Int { Int(FileStamp.of(path: journalPath)?.size ?? 0) }

    /// The base file's bytes. Throws `StoreFileError` of kind `.missing` when the file does not exist,
    /// `.notRegularFile` for a FIFO, a device or a directory (never opened in a blocking way, never read).
    public func readBase(mode: StoreBytes.Mode = .copy) throws -> StoreBytes {
        let fd = try Posix.openRegular(resolvedPath, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            throw StoreFileError(code == ENOENT ? .missing : .io, operation: "open", path: resolvedPath, errno: code)
        }
        defer { close(fd) }
        return try StoreBytes.read(fd: fd, path: resolvedPath, mode: mode)
    }

    /// The journal's complete lines from `fromOffset` (a line boundary: 0 or a previous `endOffset`).
    ///
    /// - `entries`: the valid entries in file order;
    /// - `endOffset`: just past the last complete (`\n`-terminated) line read — where to continue;
    /// - `problems`: lines that are not valid entries (skipped, never applied) and a torn last line
    ///   (no `\n`: a write that was never acknowledged; the next `appendJournal` truncates it).
    /// A missing journal is an empty one. Messages name byte offsets, never contents.
    public func readJournal(fromOffset: Int) -> (entries: [JournalEntry], endOffset: Int, problems: [String]) {
        do {
            return try readJournalChecked(fromOffset: fromOffset)
        } catch {
            return ([], max(fromOffset, 0), ["cannot read the journal: \(error)"])
        }
    }

    /// `readJournal(fromOffset:)` that throws when the journal exists but cannot be read (an
    /// environment error such as EMFILE, or a journal that is not a regular file) instead of
    /// pretending it is empty: a reload must then fail (and be retried), never serve a state without
    /// acknowledged writes.
    public func readJournalChecked(fromOffset: Int) throws -> (entries: [JournalEntry], endOffset: Int, problems: [String]) {
        let start = max(fromOffset, 0)
        let fd = try Posix.openRegular(journalPath, O_RDONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return ([], 0, []) }
            throw StoreFileError.posix("open journal", journalPath)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreFileError.posix("stat journal", journalPath) }
        let size = Int(st.st_size)
        if size < start {
            return ([], size, ["the journal is shorter (\(size) bytes) than the offset \(start): it was compacted or replaced; reload"])
        }
        var data = [UInt8](repeating: 0, count: size - start)
        let read = try data.withUnsafeMutableBytes { raw -> Int in
            guard let base = raw.baseAddress else { return 0 }
            return try Posix.preadFully(fd, base, count: raw.count, offset: start, path: journalPath)
        }
        return data.withUnsafeBufferPointer { buffer in
            Self.parseJournal(UnsafeBufferPointer(rebasing: buffer[0..<read]), baseOffset: start)
        }
    }

    static func parseJournal(_ bytes: UnsafeBufferPointer<UInt8>, baseOffset: Int)
        -> (entries: [JournalEntry], endOffset: Int, problems: [String])
    {
        var entries: [JournalEntry] = []
        var problems: [String] = []
        var lineStart = 0
        var i = 0
        let n = bytes.count
        while i < n {
            guard let newline = UnsafeBufferPointer(rebasing: bytes[i..<n]).firstIndex(of: 0x0A).map({ $0 + i }) else {
                break
            }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<newline])
            if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                do {
                    entries.append(try JournalCodec.decodeLine(line))
                } catch {
                    problems.append("journal line at byte \(baseOffset + lineStart) skipped: \(error)")
                }
            }
            lineStart = newline + 1
            i = lineStart
        }
        if lineStart < n {
            problems.append(
                "journal ends with an incomplete line at byte \(baseOffset + lineStart) (\(n - lineStart) bytes, never acknowledged); ignored"
            )
        }
        return (entries, baseOffset + lineStart, problems)
    }

    /// A consistent view for a (re)load: fingerprint, then the whole journal, then the base (see the
    /// reader protocol above). Throws what `readBase` throws.
    public func readSnapshot(mode: StoreBytes.Mode = .copy) throws -> StoreSnapshot {
        let print = fingerprint()
        let journal = try readJournalChecked(fromOffset: 0)
        let base = try readBase(mode: mode)
        return StoreSnapshot(fingerprint: print, base: base, journalEntries: journal.entries,
                             journalEndOffset: journal.endOffset, journalProblems: journal.problems)
    }

    // MARK: Lock

    /// Runs `body` holding an exclusive `flock` on `lockPath` (created if absent, with the base file's
    /// mode; never renamed or deleted). Polls with `LOCK_NB` and a growing back-off (1–50 ms) until
    /// `timeout` seconds have passed, then throws `StoreBusyError`. The lock is per open file
    /// description, so it also excludes other threads of this process. Not reentrant.
    public func withExclusiveLock<T>(timeout: Double = 5, _ body: () throws -> T) throws -> T {
        let fd = try acquireLock(timeout: timeout)
        defer { close(fd) }  // closing the descriptor releases the lock
        return try body()
    }

    func acquireLock(timeout: Double) throws -> Int32 {
        let started = Posix.monotonicSeconds()
        var delay = 0.001
        while true {
            let fd = try openLockFile()
            var locked = false
            while true {
                if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                    locked = true
                    break
                }
                let code = errno
                if code == EINTR { continue }
                guard code == EWOULDBLOCK || code == EAGAIN else {
                    close(fd)
                    throw StoreFileError(.io, operation: "flock", path: lockPath, errno: code)
                }
                let waited = Posix.monotonicSeconds() - started
                if waited >= timeout {
                    close(fd)
                    throw StoreBusyError(lockPath: lockPath, waited: (waited * 1000).rounded() / 1000)
                }
                let jitter = Double.random(in: 0.75...1.25)
                Posix.sleep(seconds: min(delay * jitter, max(timeout - waited, 0.0005)))
                delay = min(delay * 2, 0.05)
            }
            // The lock file must still be the one at lockPath (someone may have deleted it by hand).
            if locked, let held = FileStamp.of(fd: fd), let current = FileStamp.of(path: lockPath),
                held.device == current.device, held.inode == current.inode
            {
                return fd
            }
            close(fd)
            if Posix.monotonicSeconds() - started >= timeout {
                throw StoreBusyError(lockPath: lockPath, waited: timeout)
            }
        }
    }

    func openLockFile() throws -> Int32 {
        let (fd, _) = try openOrCreate(lockPath, accessFlags: O_RDONLY, operation: "open lock file")
        return fd
    }

    /// Opens `path`, creating it (O_EXCL) with the base file's mode and owner if absent.
    /// Returns the descriptor and whether this call created the file.
    func openOrCreate(_ path: String, accessFlags: Int32, operation: String) throws -> (Int32, Bool) {
        while true {
            let fd = try Posix.openRegular(path, accessFlags)  // a FIFO or device here is refused, never waited on
            if fd >= 0 { return (fd, false) }
            guard errno == ENOENT else { throw StoreFileError.posix(operation, path) }
            let created = Posix.openFile(path, accessFlags | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if created >= 0 {
                do {
                    try Posix.copyMetadata(from: FileStamp.of(path: resolvedPath), to: created, defaultMode: 0o600,
                                           mask: 0o666, path: path)
                } catch {
                    close(created)
                    throw error
                }
                return (created, true)
            }
            guard errno == EEXIST else { throw StoreFileError.posix(operation, path) }
            // Lost a creation race: open the other one's file.
        }
    }

    // MARK: Writing (the caller holds the lock)

    /// Appends one entry to the journal and makes it durable: truncates a torn tail left by a crash,
    /// writes the line, `fsync`s the journal, and `fsync`s the directory if the journal was just
    /// created. On failure it tries to cut the journal back to its previous length and throws; the
    /// write must then not be acknowledged.
    public func appendJournal(_ entry: JournalEntry) throws {
        let line = JournalCodec.encodeLine(entry)
        let (fd, created) = try openOrCreate(journalPath, accessFlags: O_RDWR, operation: "open journal")
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreFileError.posix("stat", journalPath) }
        var size = Int(st.st_size)
        if size > 0 {
            let keep = try completeLength(fd, size: size)
            if keep != size {
                try Posix.truncateFile(fd, keep, path: journalPath)
                size = keep
            }
        }
        do {
            guard lseek(fd, off_t(size), SEEK_SET) >= 0 else { throw StoreFileError.posix("seek", journalPath) }
            try line.withUnsafeBytes { try Posix.writeAll(fd, $0, path: journalPath) }
            try Posix.syncFile(fd, path: journalPath)
            if created { try Posix.fsyncDirectory(directory) }
        } catch {
            _ = ftruncate(fd, off_t(size))
            throw error
        }
    }

    /// The length of the journal up to and including its last `\n` (reads backwards from the end).
    func completeLength(_ fd: Int32, size: Int) throws -> Int {
        var end = size
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        var first = true
        while end > 0 {
            let start = max(0, end - chunk)
            let n = try buffer.withUnsafeMutableBytes {
                try Posix.preadFully(fd, $0.baseAddress!, count: end - start, offset: start, path: journalPath)
            }
            guard n == end - start else { return start + n }  // shrank under us; cannot happen under the lock
            if first, buffer[n - 1] == 0x0A { return size }
            first = false
            if let i = buffer[0..<n].lastIndex(of: 0x0A) { return start + i + 1 }
            end = start
        }
        return 0
    }

    /// Compaction policy: fold the journal into the base once it exceeds max(4 MiB, base / 4). The
    /// rewrite costs O(base) and happens after at least base / 4 journal bytes, so the amortized cost
    /// of a mutation stays proportional to its own size; replay on load stays bounded.
    public static func shouldCompact(journalBytes: Int, baseBytes: Int) -> Bool {
        journalBytes > max(4 << 20, baseBytes / 4)
    }

    public func shouldCompact(journalBytes: Int, baseBytes: Int) -> Bool {
        Self.shouldCompact(journalBytes: journalBytes, baseBytes: baseBytes)
    }

    /// Rewrites the base file with `entries` applied (caller holds the lock and has just read the
    /// journal: `entries` must equal its valid entries, else `.journalMismatch` and nothing changes).
    ///
    /// Steps: sweep stale temporaries; read the base; stream `BaseRewriter` output into
    /// `.<basename>.tmp.<pid>.<random>` (O_CREAT|O_EXCL, then the base file's mode and owner); fsync
    /// it; check the base was not edited meanwhile (else start over, 3 tries); rename it over the
    /// resolved base (a symlink stays a symlink to the new file); fsync the directory; truncate the
    /// journal to 0 and fsync it. A crash at any point leaves the old base plus journal or the new base
    /// plus (a re-appliable) journal; a leftover temporary file is swept later. Journal lines that were
    /// reported as problems (e.g. an unknown op) are dropped by compaction.
    /// Throws `.unparsable` (before touching anything) when the base is not a valid JSON object.
    public func compact(entries: [JournalEntry]) throws {
        let onDisk = try readJournalChecked(fromOffset: 0)
        guard onDisk.entries == entries else {
            throw StoreFileError(.journalMismatch, operation: "compact", path: journalPath,
                                 detail: "\(entries.count) entries given, \(onDisk.entries.count) on disk")
        }
        if entries.isEmpty { return }  // nothing to fold in
        try rewriteBase(applying: entries.flatMap(\.ops))
        try truncateJournal()
    }

    /// `compact(entries:)` with the journal as it is on disk.
    public func compact() throws {
        try compact(entries: readJournal(fromOffset: 0).entries)
    }

    func rewriteBase(applying ops: [JournalOp]) throws {
        cleanStaleTemporaries(holdingLock: true)
        /// The base changed (a hand edit) while it was rewritten: the rename would lose it, so start over.
        struct BaseChanged: Error {}
        for _ in 0..<3 {
            let base = try readBase()
            do {
                try writeTemporary(metadataFrom: base.stamp, write: { sink in
                    try base.withUnsafeBytes { bytes in try BaseRewriter.apply(ops, to: bytes, sink: sink) }
                }) { tempPath in
                    guard let now = FileStamp.of(path: resolvedPath), now.sameContent(as: base.stamp) else { throw BaseChanged() }
                    guard rename(tempPath, resolvedPath) == 0 else { throw StoreFileError.posix("rename", resolvedPath) }
                }
                return
            } catch is BaseChanged {
                continue
            } catch let error as JSONParseError {
                throw StoreFileError(.unparsable, operation: "compact", path: resolvedPath,
                                     detail: "line \(error.line), column \(error.column)")
            }
        }
        throw StoreFileError(.changedDuringWrite, operation: "compaction", path: resolvedPath)
    }

    func truncateJournal() throws {
        let fd = try Posix.openRegular(journalPath, O_WRONLY)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw StoreFileError.posix("open journal", journalPath)
        }
        defer { close(fd) }
        try Posix.truncateFile(fd, 0, path: journalPath)
        try Posix.syncFile(fd, path: journalPath)
    }
}
