#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

extension StoreFiles {
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
}
