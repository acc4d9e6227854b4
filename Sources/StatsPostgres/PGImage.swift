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

    /// The image of `version`, its parts joined (binary COPY: no text encoding on either side). The
    /// stream is parsed as it arrives, straight into one buffer of the image's exact size.
    public func imageBytes(version: Int64) throws(PGError) -> [UInt8] {
        let size = try connection.execute(
            "SELECT coalesce(sum(octet_length(bytes)), 0)::bigint FROM \(schema).view_image WHERE version = $1", [String(version)])
        var parser = BinaryCopyParser(expectedBytes: Int(size.int(0, 0) ?? 0))
        try connection.copyOut(
            "COPY (SELECT bytes FROM \(schema).view_image WHERE version = \(version) ORDER BY part) TO STDOUT (FORMAT binary)",
            keepNewline: true
        ) { chunk in parser.feed(chunk) }
        guard let bytes = parser.finish() else {
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
}

/// The one-column rows of a binary COPY stream, concatenated, parsed chunk by chunk as libpq hands
/// them over. Layout: an 11-byte signature, flags and header-extension length (int32 each), the
/// extension; then per row an int16 field count (-1 ends the stream) and per field an int32 length
/// and its bytes. Integers are big-endian.
struct BinaryCopyParser {
    static let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]

    private enum State {
        case header
        case rowStart
        case field
        case data(remaining: Int)
        case ended
        case broken
    }

    private var state = State.header
    /// Bytes of a header or length not yet complete.
    private var pending: [UInt8] = []
    private(set) var output: [UInt8] = []

    init(expectedBytes: Int) { output.reserveCapacity(max(0, expectedBytes)) }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        var at = 0
        while at < chunk.count {
            switch state {
            case .ended, .broken:
                state = .broken  // data after the trailer
                return
            case let .data(remaining):
                let n = min(remaining, chunk.count - at)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[at..<(at + n)]))
                at += n
                state = remaining == n ? .rowStart : .data(remaining: remaining - n)
            case .header, .rowStart, .field:
                let need: Int
                switch state {
                case .header: need = pending.count < 19 ? 19 : 19 + Self.int32(pending, 15)
                case .rowStart: need = 2
                default: need = 4
                }
                let n = min(need - pending.count, chunk.count - at)
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[at..<(at + n)]))
                at += n
                guard pending.count == need else { continue }
                advance()
            }
        }
    }

    /// A complete unit in `pending`: moves to the next state.
    private mutating func advance() {
        switch state {
        case .header:
            guard Array(pending.prefix(11)) == Self.signature, Self.int32(pending, 15) >= 0 else { return fail() }
            if pending.count == 19 && Self.int32(pending, 15) > 0 { return }  // the extension follows
            state = .rowStart
        case .rowStart:
            let fields = Int16(bitPattern: UInt16(pending[0]) << 8 | UInt16(pending[1]))
            if fields == -1 {
                state = .ended
            } else if fields == 1 {
                state = .field
            } else {
                return fail()
            }
        case .field:
            let length = Self.int32(pending, 0)
            guard length >= 0 else { return fail() }
            state = length == 0 ? .rowStart : .data(remaining: length)
        default:
            break
        }
        pending.removeAll(keepingCapacity: true)
    }

    private mutating func fail() {
        state = .broken
        pending.removeAll()
    }

    /// The joined fields, or nil when the stream was malformed or did not reach its trailer.
    func finish() -> [UInt8]? {
        if case .ended = state { return output }
        return nil
    }

    static func int32(_ b: [UInt8], _ at: Int) -> Int {
        guard at + 4 <= b.count else { return -1 }
        return Int(Int32(bitPattern: UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])))
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
