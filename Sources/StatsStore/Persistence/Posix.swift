#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Thin, throwing wrappers over the system calls the store needs. Foundation has no API for `flock`,
// directory fsync, `O_EXCL` temp files or `fchmod`, so the store talks to the C library directly.

@inline(__always)
func lastErrno() -> Int32 { errno }

/// The identity and change markers of one file, from `stat`/`fstat`.
public struct FileStamp: Sendable, Equatable, CustomStringConvertible {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    /// Modification time, nanoseconds since the epoch.
    public var mtimeNanoseconds: Int64
    /// Status-change time, nanoseconds since the epoch.
    public var ctimeNanoseconds: Int64
    /// Permission bits (`st_mode & 0o7777`).
    public var mode: UInt32
    public var uid: UInt32
    public var gid: UInt32

    public init(device: UInt64, inode: UInt64, size: Int64, mtimeNanoseconds: Int64, ctimeNanoseconds: Int64,
                mode: UInt32, uid: UInt32, gid: UInt32)
    {
        self.device = device
        self.inode = inode
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.ctimeNanoseconds = ctimeNanoseconds
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }

    init(_ st: stat) {
        #if os(Linux)
        let mtime = Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec)
        let ctime = Int64(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_ctim.tv_nsec)
        #else
        let mtime = Int64(st.st_mtimespec.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtimespec.tv_nsec)
        let ctime = Int64(st.st_ctimespec.tv_sec) &* 1_000_000_000 &+ Int64(st.st_ctimespec.tv_nsec)
        #endif
        self.init(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size),
                  mtimeNanoseconds: mtime, ctimeNanoseconds: ctime, mode: UInt32(st.st_mode) & 0o7777,
                  uid: UInt32(st.st_uid), gid: UInt32(st.st_gid))
    }

    /// `stat(path)` (following symlinks); nil when the file does not exist or cannot be examined.
    public static func of(path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(st)
    }

    static func of(fd: Int32) -> FileStamp? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return FileStamp(st)
    }

    /// Same file and same content markers (mode, owner ignored).
    public func sameContent(as other: FileStamp) -> Bool {
        device == other.device && inode == other.inode && size == other.size
            && mtimeNanoseconds == other.mtimeNanoseconds && ctimeNanoseconds == other.ctimeNanoseconds
    }

    public var description: String {
        "dev \(device) ino \(inode) size \(size) mtime \(mtimeNanoseconds) ctime \(ctimeNanoseconds)"
    }
}

enum Posix {
    /// `open` retried on EINTR.
    static func openFile(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
        while true {
            let fd = open(path, flags, mode)
            if fd >= 0 || errno != EINTR { return fd }
        }
    }

    /// Opens an EXISTING file without ever blocking, and only if it is a regular file (SPEC §9, issue 17):
    /// `O_NONBLOCK` so a FIFO cannot hang the open, `fstat` on the descriptor, then anything but a
    /// regular file (FIFO, device, directory, socket) is refused with `.notRegularFile`; the flag is
    /// then cleared. Returns -1 with `errno` set when the open itself fails (e.g. ENOENT).
    static func openRegular(_ path: String, _ flags: Int32) throws -> Int32 {
        let fd = openFile(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return -1 }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let code = errno
            close(fd)
            throw StoreFileError.posix("stat", path, code)
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw StoreFileError(.notRegularFile, operation: "open", path: path, detail: StoreFileError.fileKind(st.st_mode))
        }
        let current = fcntl(fd, F_GETFL)
        if current >= 0 { _ = fcntl(fd, F_SETFL, current & ~O_NONBLOCK) }
        return fd
    }

    /// Writes every byte (loops on short writes and EINTR).
    static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        guard var pointer = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let n = write(fd, pointer, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreFileError.posix("write", path)
            }
            if n == 0 { throw StoreFileError(.io, operation: "write", path: path, errno: EIO) }
            pointer += n
            remaining -= n
        }
    }

    /// Reads up to `count` bytes at `offset`; returns how many were read (short only at end of file).
    static func preadFully(_ fd: Int32, _ destination: UnsafeMutableRawPointer, count: Int, offset: Int,
                           path: String) throws -> Int
    {
        var done = 0
        while done < count {
            let n = pread(fd, destination + done, count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw StoreFileError.posix("read", path)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    static func syncFile(_ fd: Int32, path: String) throws {
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw StoreFileError.posix("fsync", path)
        }
    }

    /// Makes a rename or file creation in `directory` durable.
    static func fsyncDirectory(_ directory: String) throws {
        let fd = openFile(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreFileError.posix("open directory", directory) }
        defer { close(fd) }
        while fsync(fd) != 0 {
            if errno == EINTR { continue }
            // Some file systems refuse fsync on a directory; nothing more can be done there.
            if errno == EINVAL || errno == EROFS { return }
            throw StoreFileError.posix("fsync directory", directory)
        }
    }

    static func truncateFile(_ fd: Int32, _ length: Int, path: String) throws {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw StoreFileError.posix("truncate", path)
        }
    }

    /// Seconds on a monotonic clock.
    static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func sleep(seconds: Double) {
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var rem = timespec()
        while nanosleep(&ts, &rem) != 0 && errno == EINTR { ts = rem }
    }

    /// Applies the base file's permission bits (and, best effort, owner) to a file the store created.
    static func copyMetadata(from base: FileStamp?, to fd: Int32, defaultMode: UInt32, mask: UInt32, path: String)
        throws
    {
        let mode = (base?.mode ?? defaultMode) & mask
        while fchmod(fd, mode_t(mode)) != 0 {
            if errno == EINTR { continue }
            throw StoreFileError.posix("chmod", path)
        }
        if let base, base.uid != geteuid() || base.gid != getegid() {
            _ = fchown(fd, uid_t(base.uid), gid_t(base.gid))  // best effort: only root may give files away
        }
    }

    static func dirname(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        if slash == path.utf8.startIndex { return "/" }
        return String(path[..<slash])
    }

    static func basename(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    static func resolve(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count - 1) }
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0 else { return false }
        return (st.st_mode & S_IFMT) == S_IFLNK
    }

    static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }
}
