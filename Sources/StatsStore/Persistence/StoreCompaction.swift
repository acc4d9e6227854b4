#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StatsJSON

extension StoreFiles {
    // MARK: Compaction (the caller holds the lock)

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
