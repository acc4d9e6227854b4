#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StoreFiles {
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
}
