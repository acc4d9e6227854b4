#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one version of the base file, owned by this object (freed or unmapped on deinit).
///
/// `readBase()` copies the file into memory by default. Mapping it (`.map`) avoids the copy, but a
/// hand edit that truncates the file in place (`> stats-store.json`) while the mapping is alive makes
/// any access past the new end raise SIGBUS and kill the process, so only map when the bytes are
/// dropped right after parsing. The store's own writers never modify a base file in place (they
/// rename a new one over it), so a mapping of a file they replaced stays valid.
public final class StoreBytes: @unchecked Sendable {
    public enum Mode: Sendable { case copy, map }

    /// `fstat` of the file these bytes were read from (its identity and change markers at open time).
    public let stamp: FileStamp
    public let count: Int
    private let pointer: UnsafeMutableRawPointer?
    private let mapped: Bool

    /// The bytes; valid while this object is alive (keep a reference, e.g. `withExtendedLifetime`).
    public var buffer: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pointer?.assumingMemoryBound(to: UInt8.self), count: count)
    }

    public func withUnsafeBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withExtendedLifetime(self) { try body(buffer) }
    }

    init(stamp: FileStamp, pointer: UnsafeMutableRawPointer?, count: Int, mapped: Bool) {
        self.stamp = stamp
        self.pointer = pointer
        self.count = count
        self.mapped = mapped
    }

    /// Bytes of an anonymous mapping (a copy that can be given back page by page), and its length.
    private var anonymousLength = 0
    /// Bytes before this offset were given back to the kernel (`discard(before:)`).
    private var discardedUpTo = 0

    deinit {
        guard let pointer else { return }
        if anonymousLength > 0 {
            munmap(pointer, anonymousLength)
        } else if mapped {
            munmap(pointer, count)
        } else {
            pointer.deallocate()
        }
    }

    /// Files at least this large are copied into an anonymous mapping, so a streaming reader can give
    /// the pages it has consumed back to the kernel (resident memory stays near the records' size).
    static let anonymousThreshold = 4 << 20

    /// Whether `discard(before:)` has dropped any bytes (they now read as zeros).
    public var hasDiscarded: Bool { discardedUpTo > 0 }

    /// Gives back the whole pages before `offset` (a copy in an anonymous mapping only; otherwise a
    /// no-op). The caller must never read those bytes again: they read as zeros afterwards.
    public func discard(before offset: Int) {
        guard anonymousLength > 0, let pointer else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = min(offset, count) / page * page
        guard end > discardedUpTo else { return }
        _ = madvise(pointer + discardedUpTo, end - discardedUpTo, Int32(MADV_DONTNEED))
        discardedUpTo = end
    }

    /// How many times a read is restarted when the file grows while being read, before giving up
    /// with `.changedDuringRead` (retried on the next request).
    static let readAttempts = 3

    /// Reads `size` bytes (the `fstat` size) plus one probe byte into an anonymous private mapping;
    /// nil when the probe shows the file grew while being read.
    private static func readAnonymous(fd: Int32, path: String, stamp: FileStamp, size: Int) throws -> StoreBytes? {
        let length = size + 1
        guard let p = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            throw StoreFileError(.io, operation: "read", path: path, errno: ENOMEM)
        }
        let count: Int
        do {
            count = try Posix.preadFully(fd, p, count: length, offset: 0, path: path)
        } catch {
            munmap(p, length)
            throw error
        }
        guard count <= size else {
            munmap(p, length)
            return nil
        }
        let bytes = StoreBytes(stamp: stamp, pointer: p, count: count, mapped: false)
        bytes.anonymousLength = length
        return bytes
    }

    /// Reads `size` bytes plus one probe byte into the heap; nil when the file grew while being read.
    private static func readHeap(fd: Int32, path: String, stamp: FileStamp, size: Int) throws -> StoreBytes? {
        let capacity = size + 1
        let storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        let count: Int
        do {
            count = try Posix.preadFully(fd, storage, count: capacity, offset: 0, path: path)
        } catch {
            storage.deallocate()
            throw error
        }
        guard count <= size else {
            storage.deallocate()
            return nil
        }
        return StoreBytes(stamp: stamp, pointer: storage, count: count, mapped: false)
    }

    /// Reads the whole file open at `fd` (from offset 0). Bounded: only a regular file is read, and
    /// never more than its `fstat` size plus one probe byte; a file that grows while being read is
    /// re-read at most `readAttempts` times, then `.changedDuringRead` (a character device such as
    /// /dev/zero, which would stream forever, is refused before any read).
    static func read(fd: Int32, path: String, mode: Mode) throws -> StoreBytes {
        for _ in 0..<readAttempts {
            var st = stat()
            guard fstat(fd, &st) == 0 else { throw StoreFileError.posix("stat", path) }
            guard (st.st_mode & S_IFMT) == S_IFREG else {
                throw StoreFileError(.notRegularFile, operation: "read", path: path, detail: StoreFileError.fileKind(st.st_mode))
            }
            let stamp = FileStamp(st)
            let size = max(Int(st.st_size), 0)
            if mode == .map && size > 0 {
                if let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
                    return StoreBytes(stamp: stamp, pointer: p, count: size, mapped: true)
                }
                // fall through to a plain read
            }
            let bytes = size >= anonymousThreshold
                ? try readAnonymous(fd: fd, path: path, stamp: stamp, size: size)
                : try readHeap(fd: fd, path: path, stamp: stamp, size: size)
            if let bytes { return bytes }
            // The file grew while being read (a writer in place): read it again from its new size.
        }
        throw StoreFileError(.changedDuringRead, operation: "read", path: path)
    }
}
