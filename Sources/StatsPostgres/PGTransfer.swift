import Foundation
import StatsJSON
import StatsStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `db` command failure, in words for the person at the terminal.
public struct PGCommandError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `db import` and `db export` (SPEC §12).
public enum PGTransfer {
    public struct ImportSummary: Sendable {
        public var rows: [(table: String, count: Int)] = []
        public var topLevelKeys: [String] = []
        public var droppedItems = 0
    }

    /// Loads the JSON store at `path` into the schema in one transaction: all or nothing. A schema that
    /// already holds rows needs `replace`. The store is read as the server reads it (SPEC §9): the base
    /// file (regular files only) with its journal's acknowledged writes folded in, each array through COPY.
    public static func importStore(path: String, into db: PGDatabase, replace: Bool) throws -> ImportSummary {
        let file = try StoreSnapshot(path: path)
        try db.requireSchema()
        let c = db.connection
        let s = db.schema
        try c.execute("BEGIN READ WRITE")
        // Serialize with running servers' writes (they lock the same row).
        _ = try db.storeVersion(forUpdate: true)
        var nonEmpty: [String] = []
        for name in PGSchema.tables.map(\.name) + ["store_meta"] {
            let r = try c.execute("SELECT EXISTS (SELECT 1 FROM \(s).\(name))")
            if r.string(0, 0) == "t" { nonEmpty.append(name) }
        }
        if !nonEmpty.isEmpty {
            guard replace else {
                _ = try? c.execute("ROLLBACK")
                throw PGCommandError(
                    "the schema \(s) (\(c.target.display)) already holds a store (rows in \(nonEmpty.joined(separator: ", "))); add --replace to replace it")
            }
            let all = (PGSchema.tables.map(\.name) + ["store_meta", "op_log"]).map { "\(s).\($0)" }.joined(separator: ", ")
            try c.execute("TRUNCATE \(all) RESTART IDENTITY")
        }
        var summary = ImportSummary()
        var format: JSONValue?
        var version: JSONValue?
        var meta: [(String, JSONValue)] = []
        var seen = Set<String>()
        do {
            try file.withBytes { bytes in
                var reader = JSONReader(bytes: bytes, maxDepth: 512)
                if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.position = 3 }
                reader.skipWhitespace()
                guard reader.peek() == UInt8(ascii: "{") else {
                    throw PGCommandError("\(path) is not a stats-mcp store: the top level is not a JSON object")
                }
                try reader.readObject(depth: 0) { r, key in
                    guard seen.insert(key).inserted else { throw PGCommandError("\(path): the top-level key \"\(key)\" appears twice") }
                    if key == "format" {
                        format = try r.parseValue(depth: 1)
                    } else if key == "version" {
                        version = try r.parseValue(depth: 1)
                    } else if let table = PGSchema.table(key), r.peek() == UInt8(ascii: "[") {
                        let count = try copyArray(&r, table: table, db: db, dropped: &summary.droppedItems)
                        summary.rows.append((key, count))
                    } else {
                        meta.append((key, try r.parseValue(depth: 1)))
                    }
                }
                reader.skipWhitespace()
                guard reader.isAtEnd else { throw reader.error("unexpected data after the JSON value") }
            }
        } catch let e as JSONParseError {
            throw PGCommandError("\(path) is not valid JSON: \(e.message) at line \(e.line), column \(e.column); nothing was imported")
        }
        guard case let .string(f)? = format, f == "stats-mcp-store" else {
            throw PGCommandError("\(path) is not a stats-mcp store: format is \(format.map { JSON.string($0) } ?? "missing"); nothing was imported")
        }
        guard let v = version, v.integerValue == 1 else {
            throw PGCommandError("\(path) is not a stats-mcp store: version is \(version.map { JSON.string($0) } ?? "missing"), expected 1; nothing was imported")
        }
        for (i, (key, value)) in meta.enumerated() {
            try c.execute("INSERT INTO \(s).store_meta (key, value, ord) VALUES ($1, $2, $3)", [key, JSON.string(value), String(i)])
            summary.topLevelKeys.append(key)
        }
        for table in PGSchema.tables {
            try c.execute(
                "SELECT setval(pg_get_serial_sequence($1, 'ord'), coalesce((SELECT max(ord) FROM \(s).\(table.name)), 0) + 1, false)",
                ["\(s).\(table.name)"])
        }
        try c.execute("COMMIT")
        for table in PGSchema.tables { _ = try? c.execute("ANALYZE \(s).\(table.name)") }
        return summary
    }

    /// Streams one array into its table with COPY; returns the rows written.
    private static func copyArray(_ r: inout JSONReader, table: TableSpec, db: PGDatabase, dropped: inout Int) throws -> Int {
        try db.connection.execute(PGSchema.copySQL(db.schema, table))
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var ord: Int64 = 0
        var count = 0
        try r.readArray(depth: 1) { r in
            ord += 1
            let value = try r.parseValue(depth: 2)
            guard case let .object(record) = value else {
                dropped += 1
                return
            }
            let (values, extra) = RowCodec.encode(record, table)
            RowCodec.copyLine(ord: ord, values: values, extra: extra, into: &buffer)
            count += 1
            if buffer.count >= 1 << 20 {
                try db.connection.putCopy(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !buffer.isEmpty { try db.connection.putCopy(buffer) }
        try db.connection.endCopy()
        return count
    }

    /// The store as JSON bytes, read in one REPEATABLE READ, READ ONLY transaction.
    public static func exportBytes(from db: PGDatabase) throws(PGError) -> [UInt8] {
        try db.requireSchema()
        try db.connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do throws(PGError) {
            let bytes = try db.documentBytes()
            try db.connection.execute("COMMIT")
            return bytes
        } catch {
            _ = try? db.connection.execute("ROLLBACK")
            throw error
        }
    }
}

/// A JSON store as the server sees it: the base file read through `StoreFiles` (no FIFO or device is
/// ever opened blocking), with the journal's acknowledged writes applied by the same rewriter compaction
/// uses, under the store lock so no writer is half-way through.
final class StoreSnapshot {
    private let base: StoreBytes
    private let folded: [UInt8]?

    init(path: String) throws {
        let files = StoreFiles(path: path)
        let (base, journal) = try files.withExclusiveLock {
            (try files.readBase(mode: .copy), try files.readJournalChecked(fromOffset: 0))
        }
        let ops = journal.entries.flatMap(\.ops)
        self.base = base
        folded = ops.isEmpty ? nil : try base.withUnsafeBytes { try BaseRewriter.apply(ops, to: Array($0)) }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        if let folded { return try folded.withUnsafeBufferPointer(body) }
        return try base.withUnsafeBytes(body)
    }
}
