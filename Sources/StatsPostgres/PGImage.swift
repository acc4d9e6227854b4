import StatsJSON
import StatsStore

/// Store images in PostgreSQL (`stats.view_image`): the view a server built from the rows at one
/// value of the change counter, as `StoreImage` bytes in parts. A starting server takes the newest
/// image at or below the current counter, replays the logged sync ops since (`op_log`), and serves;
/// only when there is none (or the gap holds a direct SQL write) does it read every row. An image is
/// never used for another version than its own, so it is exact whoever writes: a change it does not
/// hold is either replayed from the op log or makes the server read the rows.
extension PGDatabase {
    /// Bytes per row of `view_image` (a bytea value is limited to 1 GB; smaller parts keep each
    /// statement well inside the statement timeout).
    static let imagePartBytes = 8 << 20

    /// The newest image version at or below `version`, if any.
    public func latestImage(atMost version: Int64) throws(PGError) -> Int64? {
        let r = try connection.execute("SELECT max(version) FROM \(schema).view_image WHERE version <= $1", [String(version)])
        return r.rows == 1 ? r.int(0, 0) : nil
    }

    /// The image of `version`, its parts joined (binary COPY: no text encoding on either side).
    public func imageBytes(version: Int64) throws(PGError) -> [UInt8] {
        var stream: [UInt8] = []
        try connection.copyOut(
            "COPY (SELECT bytes FROM \(schema).view_image WHERE version = \(version) ORDER BY part) TO STDOUT (FORMAT binary)",
            keepNewline: true
        ) { chunk in stream.append(contentsOf: chunk) }
        guard let bytes = Self.binaryCopyFields(stream) else {
            throw PGError(.sql, "\(schema).view_image returned data that is not PostgreSQL's binary COPY format")
        }
        return bytes
    }

    /// Stores `image` as the image of `version` and drops older ones, in its own transaction. Returns
    /// false (writing nothing) when another process is writing an image right now.
    @discardableResult
    public func writeImage(_ image: [UInt8], version: Int64) throws(PGError) -> Bool {
        try connection.execute("BEGIN READ WRITE")
        do throws(PGError) {
            let lock = try connection.execute("SELECT pg_try_advisory_xact_lock(hashtext($1))", ["stats-mcp view image " + schema])
            guard lock.string(0, 0) == "t" else {
                try connection.execute("ROLLBACK")
                return false
            }
            try connection.execute("DELETE FROM \(schema).view_image WHERE version <= $1", [String(version)])
            var part = 0
            var start = 0
            repeat {
                let end = min(image.count, start + Self.imagePartBytes)
                try connection.execute(
                    "INSERT INTO \(schema).view_image (version, part, bytes) VALUES ($1, $2, decode($3, 'hex'))",
                    [String(version), String(part), Self.hex(image[start..<end])])
                part += 1
                start = end
            } while start < image.count
            try connection.execute("COMMIT")
            return true
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            var i = 0
            for b in bytes {
                out[i] = digits[Int(b >> 4)]
                out[i + 1] = digits[Int(b & 15)]
                i += 2
            }
            return i
        }
    }

    /// The one-column rows of a binary COPY stream, concatenated (nil when the stream is malformed).
    /// Layout: an 11-byte signature, flags and header-extension length (int32 each), the extension;
    /// then per row an int16 field count (-1 ends the stream) and per field an int32 length and its bytes.
    static func binaryCopyFields(_ s: [UInt8]) -> [UInt8]? {
        let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
        guard s.count >= 19, Array(s[0..<11]) == signature else { return nil }
        func int32(_ at: Int) -> Int? {
            guard at + 4 <= s.count else { return nil }
            return Int(Int32(bitPattern: UInt32(s[at]) << 24 | UInt32(s[at + 1]) << 16 | UInt32(s[at + 2]) << 8 | UInt32(s[at + 3])))
        }
        guard let extensionLength = int32(15), extensionLength >= 0 else { return nil }
        var at = 19 + extensionLength
        var out: [UInt8] = []
        while true {
            guard at + 2 <= s.count else { return nil }
            let fields = Int16(bitPattern: UInt16(s[at]) << 8 | UInt16(s[at + 1]))
            at += 2
            if fields == -1 { return out }
            guard fields == 1, let length = int32(at), length >= 0, at + 4 + length <= s.count else { return nil }
            out.append(contentsOf: s[(at + 4)..<(at + 4 + length)])
            at += 4 + length
        }
    }
}

extension PGTransfer {
    /// Reads the whole store from its rows (one snapshot), builds the view as a server would, and
    /// stores its image, so the next server starts from it (`db import` ends with this). Returns the
    /// image's size and version.
    public static func writeImage(_ db: PGDatabase) throws -> (bytes: Int, version: Int64) {
        let c = db.connection
        try c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        let version: Int64
        let document: [UInt8]
        do {
            version = try db.storeVersion()
            document = try db.documentBytes()
            try c.execute("COMMIT")
        } catch {
            _ = try? c.execute("ROLLBACK")
            throw error
        }
        let loaded = try document.withUnsafeBufferPointer { try StoreLoader.load($0) }
        let image = StoreImage.encode(loaded.data, problems: loaded.problems)
        try db.writeImage(image, version: version)
        return (image.count, version)
    }
}
