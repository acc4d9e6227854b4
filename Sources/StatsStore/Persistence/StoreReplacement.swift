#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StatsJSON

/// `demo --out` / `import --out` found a store there and were not told to replace it (`--force`).
public struct StoreExistsError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path) already exists" }
}

/// Whole-file writes of the command line (SPEC §8, §9): a new base file, and a change to one top-level
/// member (`api_keys`) that leaves every other byte as it was. Both go through a temporary file beside the
/// resolved base (`.<basename>.tmp.<pid>.<hex>`, swept if a crash leaves it), fsync, rename, fsync of the
/// directory — a reader sees the old file or the new one, never a mix.
extension StoreFiles {
    /// Writes a new base file with `write` (which streams its bytes to the sink it is given), under the
    /// store lock. An existing base is refused unless `replace`; when replacing, the old file's journal
    /// is removed first (its writes belong to the old store), then the new file is renamed over the old
    /// one, keeping its mode. Nothing is left behind when `write` throws.
    public func installNewBase(replace: Bool, write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        guard FileStamp.of(path: resolvedPath) != nil else {
            // A new file: no writer can hold it, so no lock (and no lock file) is needed. link(2) puts
            // the complete file in place only if nothing appeared there meanwhile.
            try writeTemporary(metadataFrom: nil, write: write) { tempPath in
                if link(tempPath, resolvedPath) == 0 {
                    unlink(tempPath)
                } else if errno == EEXIST {
                    throw StoreExistsError(path: path)
                } else if rename(tempPath, resolvedPath) != 0 {  // a file system without hard links
                    throw StoreFileError.posix("rename", resolvedPath)
                }
            }
            return
        }
        guard replace else { throw StoreExistsError(path: path) }
        try withExclusiveLock(timeout: 5) {
            let existing = FileStamp.of(path: resolvedPath)
            cleanStaleTemporaries(holdingLock: true)
            try writeTemporary(metadataFrom: existing, write: write) { tempPath in
                if unlink(journalPath) != 0 && errno != ENOENT { throw StoreFileError.posix("remove old journal", journalPath) }
                guard rename(tempPath, resolvedPath) == 0 else { throw StoreFileError.posix("rename", resolvedPath) }
            }
        }
    }

    /// The value of the top-level member `name` of `base` (nil when absent) and the byte range it spans.
    /// Throws `JSONParseError` when the base does not parse, `StoreFileError(.unparsable)` when the top
    /// level is not an object or the member occurs twice.
    public static func topLevelMember(_ name: String, in base: UnsafeBufferPointer<UInt8>) throws
        -> (value: JSONValue?, range: Range<Int>?, closingBrace: Int, hasMembers: Bool)
    {
        var reader = JSONReader(bytes: base)
        if base.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { reader.position = 3 }
        reader.skipWhitespace()
        guard reader.peek() == UInt8(ascii: "{") else {
            throw StoreFileError(.unparsable, operation: "read", path: "", detail: "the top level is not a JSON object")
        }
        var found: (JSONValue, Range<Int>)?
        var duplicate = false
        var members = 0
        try reader.readObject { r, key in
            members += 1
            r.skipWhitespace()
            let start = r.position
            if key == name {
                let value = try r.parseValue()
                if found != nil { duplicate = true }
                found = (value, start..<r.position)
            } else {
                try r.skipValue()
            }
        }
        if duplicate {
            throw StoreFileError(.unparsable, operation: "read", path: "", detail: "the top-level key \"\(name)\" occurs more than once")
        }
        return (found?.0, found?.1, reader.position - 1, members > 0)
    }

    /// Replaces the top-level member `name` with `value` (compact JSON text; appended before the closing
    /// brace when absent). The caller holds the lock and passes the base it read under it; if the file
    /// changed since (a hand edit without the lock), nothing is written and `.changedDuringWrite` is thrown.
    public func replaceTopLevelMember(_ name: String, in base: StoreBytes, with value: [UInt8]) throws {
        try base.withUnsafeBytes { bytes in
            let member = try Self.topLevelMember(name, in: bytes)
            let raw = UnsafeRawBufferPointer(bytes)
            try writeTemporary(metadataFrom: base.stamp, write: { sink in
                if let range = member.range {
                    try sink(UnsafeRawBufferPointer(rebasing: raw[0..<range.lowerBound]))
                    try value.withUnsafeBytes { try sink($0) }
                    try sink(UnsafeRawBufferPointer(rebasing: raw[range.upperBound..<raw.count]))
                } else {
                    try sink(UnsafeRawBufferPointer(rebasing: raw[0..<member.closingBrace]))
                    let head = (member.hasMembers ? ",\n" : "\n") + JSON.string(.string(name)) + ":"
                    try Array(head.utf8).withUnsafeBytes { try sink($0) }
                    try value.withUnsafeBytes { try sink($0) }
                    try Array("\n".utf8).withUnsafeBytes { try sink($0) }
                    try sink(UnsafeRawBufferPointer(rebasing: raw[member.closingBrace..<raw.count]))
                }
            }) { tempPath in
                guard let now = FileStamp.of(path: resolvedPath), now.sameContent(as: base.stamp) else {
                    throw StoreFileError(.changedDuringWrite, operation: "rewrite", path: resolvedPath)
                }
                guard rename(tempPath, resolvedPath) == 0 else { throw StoreFileError.posix("rename", resolvedPath) }
            }
        }
    }

    /// Streams `write` into a fresh temporary file beside the base (metadata of `metadataFrom`, else
    /// 0600), fsyncs it, lets `commit` move it into place, then fsyncs the directory. The temporary file
    /// is removed if anything fails before the move.
    func writeTemporary(metadataFrom stamp: FileStamp?, write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void,
                        commit: (String) throws -> Void) throws
    {
        let tempPath = Self.join(directory, temporaryName())
        var fd = Posix.openFile(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreFileError.posix("create temporary file", tempPath) }
        var moved = false
        defer {
            if fd >= 0 { close(fd) }
            if !moved { unlink(tempPath) }
        }
        try Posix.copyMetadata(from: stamp, to: fd, defaultMode: 0o600, mask: 0o7777, path: tempPath)
        let out = fd
        try write { chunk in try Posix.writeAll(out, chunk, path: tempPath) }
        try Posix.syncFile(fd, path: tempPath)
        close(fd)
        fd = -1
        try commit(tempPath)
        moved = true
        try Posix.fsyncDirectory(directory)
    }
}
