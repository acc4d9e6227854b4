#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Another process (or thread) held the store's lock file for longer than the timeout (SPEC §9:
/// answer `store_busy`).
public struct StoreBusyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lock file that could not be locked.
    public var lockPath: String
    /// How long the caller waited, in seconds.
    public var waited: Double

    public init(lockPath: String, waited: Double) {
        self.lockPath = lockPath
        self.waited = waited
    }

    public var description: String { "the store is busy: \(lockPath) stayed locked for \(waited) s" }
}

/// A failed file operation of the store. It never carries file contents; `description` names the
/// path and the system error, so the caller decides what reaches a client (SPEC §6: never a path in
/// a protocol error).
public struct StoreFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The base file does not exist.
        case missing
        /// A system call failed (`errno` tells which way).
        case io
        /// The base file changed (a hand edit) while a compaction was rewriting it, repeatedly.
        case changedDuringWrite
        /// `compact(entries:)` was given entries that differ from the journal on disk.
        case journalMismatch
        /// The base file does not hold a JSON object (compaction refuses to rewrite it).
        case unparsable
        /// The path names something other than a regular file (a FIFO, a device, a directory, a
        /// socket): refused without reading, so it can neither block nor stream forever.
        case notRegularFile
        /// The file kept growing while it was being read (an in-place writer): retried on the next request.
        case changedDuringRead
    }

    public var kind: Kind
    /// What was being done, e.g. "open", "fsync", "rename".
    public var operation: String
    public var path: String
    /// The `errno` value, 0 when not a system-call failure.
    public var errno: Int32
    /// Extra detail without file contents (e.g. a JSON parse position).
    public var detail: String

    public init(_ kind: Kind, operation: String, path: String, errno: Int32 = 0, detail: String = "") {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        var text: String
        switch kind {
        case .missing: text = "store file not found: \(path)"
        case .io: text = "\(operation) failed for \(path)"
        case .changedDuringWrite: text = "\(path) kept changing during \(operation)"
        case .journalMismatch: text = "the journal \(path) changed under the lock"
        case .unparsable: text = "\(path) is not a valid store document"
        case .notRegularFile: text = "\(path) is not a regular file"
        case .changedDuringRead: text = "\(path) kept changing while it was read"
        }
        if errno != 0 { text += ": " + String(cString: strerror(errno)) }
        if !detail.isEmpty { text += " (\(detail))" }
        return text
    }

    /// What a non-regular file is, from `st_mode` (for messages).
    static func fileKind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFDIR: return "a directory"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// Whether the failure comes from the environment (resources, limits, interruptions) rather than
    /// from the file itself: such a failure is retried on the next request instead of being cached
    /// until the file changes.
    public var isTransient: Bool {
        switch kind {
        case .changedDuringRead, .changedDuringWrite: return true
        case .io:
            return [EMFILE, ENFILE, ENOMEM, EINTR, EAGAIN, ENOBUFS, EIO, ETIMEDOUT, ESTALE, EBUSY, ENOLCK].contains(errno)
        default: return false
        }
    }

    static func posix(_ operation: String, _ path: String, _ code: Int32 = lastErrno()) -> StoreFileError {
        StoreFileError(.io, operation: operation, path: path, errno: code)
    }
}
