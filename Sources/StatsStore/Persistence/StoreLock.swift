#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreFiles {
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
}
