#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreFiles {
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
}
