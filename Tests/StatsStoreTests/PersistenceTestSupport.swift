import Foundation
import StatsJSON
@testable import StatsStore

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system temporary directory, removed after `body` (even when it throws).
func withPersistenceTempDir<T>(_ body: (String) throws -> T) throws -> T {
    let root = FileManager.default.temporaryDirectory.path
    let dir = root + "/stats-persistence-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // Tests compare resolved paths: resolve the directory itself (e.g. /tmp may be a link).
    let resolved = URL(fileURLWithPath: dir).resolvingSymlinksInPath().path
    return try body(resolved)
}

enum PersistenceTestFS {
    static func write(_ path: String, _ text: String, mode: Int = 0o644) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    static func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func mode(_ path: String) -> Int {
        var st = stat()
        guard lstat(path, &st) == 0 else { return -1 }
        return Int(st.st_mode & 0o7777)
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    static func isSymlink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    static func list(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    /// A pid with no process behind it (kill(pid, 0) fails with ESRCH).
    static func deadPID() -> Int32 {
        var pid: Int32 = 3_999_999
        while pid > 1000 {
            if kill(pid, 0) != 0 && errno == ESRCH { return pid }
            pid -= 7
        }
        return 3_999_999
    }

    static func appendRaw(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}

func persistenceObject(_ text: String) -> JSONObject {
    (try? JSON.parse(text))?.objectValue ?? JSONObject()
}
