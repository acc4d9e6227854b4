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

    /// Reads into an anonymous private mapping; nil when the file grew while being read (the caller
    /// falls back to the growing heap copy).
    private static func readAnonymous(fd: Int32, path: String, stamp: FileStamp, size: Int) throws -> StoreBytes? {
        let length = size + 1
        guard let p = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), p != MAP_FAILED else {
            return nil
        }
        var count = 0
        do {
            while count < length {
                let n = try Posix.preadFully(fd, p + count, count: length - count, offset: count, path: path)
                count += n
                if n == 0 || count < length { break }
            }
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

    /// Reads the whole file open at `fd` (from offset 0).
    static func read(fd: Int32, path: String, mode: Mode) throws -> StoreBytes {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreFileError.posix("stat", path) }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw StoreFileError(.io, operation: "read", path: path, errno: EISDIR) }
        let stamp = FileStamp(st)
        let size = Int(st.st_size)
        if mode == .map && size > 0 && (st.st_mode & S_IFMT) == S_IFREG {
            if let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED {
                return StoreBytes(stamp: stamp, pointer: p, count: size, mapped: true)
            }
            // fall through to a plain read
        }
        var capacity = max(size, 0) + 1
        if size >= anonymousThreshold, let anonymous = try readAnonymous(fd: fd, path: path, stamp: stamp, size: size) {
            return anonymous
        }
        var storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        do {
            while true {
                let n = try Posix.preadFully(fd, storage + count, count: capacity - count, offset: count, path: path)
                count += n
                if count < capacity { break }  // end of file
                // The file grew while being read (a writer in place): keep reading.
                let bigger = capacity + capacity / 2 + 4096
                let next = UnsafeMutableRawPointer.allocate(byteCount: bigger, alignment: 16)
                next.copyMemory(from: storage, byteCount: count)
                storage.deallocate()
                storage = next
                capacity = bigger
            }
        } catch {
            storage.deallocate()
            throw error
        }
        return StoreBytes(stamp: stamp, pointer: storage, count: count, mapped: false)
    }
}
