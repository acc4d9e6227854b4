import StatsCore
import StatsJSON
import StatsStore

/// The store's SQL, over one connection and one schema: version checks, rebuilding the JSON document
/// from the rows, `db init`, `db import`, and applying a sync tool's journal ops.
public struct PGDatabase {
    public let connection: PGConnection
    /// A validated schema name.
    public let schema: String

    public init(connection: PGConnection, schema: String) {
        self.connection = connection
        self.schema = schema
    }

    /// Session settings of every connection: text dates in ISO form, UTF-8, quiet notices, read-only by
    /// default (writers say `BEGIN READ WRITE`), and the statement timeout.
    public static func sessionSettings(timeoutMs: Int) -> [String] {
        [
            "SET client_encoding = 'UTF8'", "SET datestyle = 'ISO, YMD'", "SET client_min_messages = warning",
            "SET default_transaction_read_only = on", "SET statement_timeout = \(max(0, timeoutMs))",
            "SET lock_timeout = \(timeoutMs > 0 ? min(timeoutMs, 5000) : 5000)",
        ]
    }

    // MARK: Versions

    /// The schema's recorded version; a missing schema or table is a `.schema` error saying to run `db init`.
    public func schemaVersion() throws(PGError) -> Int {
        let r: PGResult
        do {
            r = try connection.execute("SELECT max(version) FROM \(schema).schema_version")
        } catch let e where e.kind == .schema {
            throw PGError(
                .schema,
                "The PostgreSQL schema \(schema) (\(connection.target.display)) has no stats-mcp tables: run `stats-mcp db init URL` (and `db import`).",
                sqlstate: e.sqlstate)
        }
        guard r.rows == 1, let v = r.int(0, 0) else {
            throw PGError(.schema, "The PostgreSQL schema \(schema) (\(connection.target.display)) is not initialised: run `stats-mcp db init URL`.")
        }
        return Int(v)
    }

    /// Checks the schema version this program reads.
    public func requireSchema() throws(PGError) {
        let v = try schemaVersion()
        if v != PGSchema.version {
            throw PGError(
                .schema,
                "The PostgreSQL schema \(schema) (\(connection.target.display)) is at version \(v); this stats-mcp reads version \(PGSchema.version)\(v < PGSchema.version ? ": run `stats-mcp db init URL` to upgrade it" : ": upgrade stats-mcp").")
        }
    }

    /// The change counter: bumped by a trigger on every statement that writes a store table.
    public func storeVersion(forUpdate: Bool = false) throws(PGError) -> Int64 {
        let r = try connection.execute("SELECT version FROM \(schema).store_version WHERE id = 1\(forUpdate ? " FOR UPDATE" : "")")
        guard r.rows == 1, let v = r.int(0, 0) else {
            throw PGError(.schema, "The table \(schema).store_version (\(connection.target.display)) has no row: run `stats-mcp db init URL`.")
        }
        return v
    }

    // MARK: The op log (other servers catch up without a full reload)

    /// Records a committed sync write: its ops took the change counter from `from` to `to`. Old entries
    /// are pruned. The table has no trigger (writing it does not move the counter).
    public func logOps(_ ops: [JournalOp], from: Int64, to: Int64) throws(PGError) {
        let entry = JournalCodec.encode(JournalEntry(sequence: to, ops: ops))
        try connection.execute(
            "INSERT INTO \(schema).op_log (from_version, to_version, entry) VALUES ($1, $2, $3)", [String(from), String(to), JSON.string(entry)])
        try connection.execute("DELETE FROM \(schema).op_log WHERE from_version < $1", [String(from - 50_000)])
    }

    /// The ops that took the counter from `from` to `to`, when logged writes account for every step
    /// (a write by direct SQL leaves a gap: nil, and the caller reloads everything).
    public func loggedOps(from: Int64, to: Int64) throws(PGError) -> [JournalOp]? {
        let r = try connection.execute(
            "SELECT from_version, to_version, entry FROM \(schema).op_log WHERE from_version >= $1 AND from_version < $2 ORDER BY from_version",
            [String(from), String(to)])
        var at = from
        var ops: [JournalOp] = []
        for row in 0..<r.rows {
            guard r.int(row, 0) == at, let next = r.int(row, 1), next > at,
                let value = try? JSON.parse(r.bytes(row, 2)), let entry = try? JournalCodec.decode(value)
            else { return nil }
            ops += entry.ops
            at = next
        }
        return at == to ? ops : nil
    }

    // MARK: Rows → JSON document

    /// The whole store as one JSON document (the format of a base file), in the current transaction.
    /// Each table streams through `COPY (SELECT …) TO STDOUT`; `progress` gets the fraction of tables done.
    public func documentBytes(progress: ((Double) -> Void)? = nil) throws(PGError) -> [UInt8] {
        var out: [UInt8] = []
        // A size hint from the catalog's page counts (no table lock taken; the heap size is close to the
        // JSON size): fewer regrowths of a big buffer.
        if let hint = try? connection.execute(
            "SELECT coalesce(sum(c.relpages), 0)::bigint * current_setting('block_size')::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
            [schema]), let bytes = hint.int(0, 0), bytes > 0, bytes < 1 << 36 {
            out.reserveCapacity(Int(bytes))
        }
        out.append(contentsOf: #"{"format":"stats-mcp-store","version":1"#.utf8)
        let meta = try connection.execute("SELECT key, value FROM \(schema).store_meta ORDER BY ord, key")
        var metaKeys = Set<String>()
        for i in 0..<meta.rows { if let k = meta.string(i, 0) { metaKeys.insert(k) } }
        for (n, table) in PGSchema.tables.enumerated() {
            progress?(Double(n) / Double(PGSchema.tables.count))
            if metaKeys.contains(table.name) { continue }
            out.append(UInt8(ascii: ","))
            RowCodec.appendString(table.name.utf8, into: &out)
            out.append(contentsOf: ":[".utf8)
            var first = true
            var badLine = false
            let fields = table.columns.count + 1
            let splitter = CopyLineSplitter(fields: fields)
            try connection.copyOut("COPY (\(PGSchema.selectSQL(schema, table))) TO STDOUT") { line in
                guard splitter.split(line) else {
                    badLine = true
                    return
                }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                RowCodec.appendRecord(table, isNull: { splitter.isNull($0) }, value: { splitter.value($0) }, into: &out)
            }
            if badLine { throw PGError(.sql, "\(schema).\(table.name) returned a row with the wrong number of columns") }
            out.append(UInt8(ascii: "]"))
        }
        for i in 0..<meta.rows {
            guard let key = meta.string(i, 0), key != "format", key != "version" else { continue }
            out.append(UInt8(ascii: ","))
            RowCodec.appendString(key.utf8, into: &out)
            out.append(UInt8(ascii: ":"))
            out.append(contentsOf: meta.bytes(i, 1))
        }
        out.append(UInt8(ascii: "}"))
        progress?(1)
        return out
    }

    // MARK: db init

    /// Creates or upgrades the schema in one transaction (idempotent). Returns the version found before
    /// (nil = a new schema).
    @discardableResult
    public func initialize() throws(PGError) -> Int? {
        try connection.execute("BEGIN READ WRITE")
        do throws(PGError) {
            try connection.execute("SELECT pg_advisory_xact_lock(hashtext($1))", ["stats-mcp db init " + schema])
            var before: Int?
            let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", ["\(schema).schema_version"])
            if exists.string(0, 0) == "t" {
                let r = try connection.execute("SELECT max(version) FROM \(schema).schema_version")
                before = r.int(0, 0).map(Int.init)
            }
            if let before, before > PGSchema.version {
                throw PGError(.schema, "The schema \(schema) is at version \(before), newer than this stats-mcp (version \(PGSchema.version)): upgrade stats-mcp.")
            }
            try connection.script(PGSchema.ddl(schema))
            try connection.execute("DELETE FROM \(schema).schema_version")
            try connection.execute("INSERT INTO \(schema).schema_version (version) VALUES ($1)", [String(PGSchema.version)])
            try connection.execute("COMMIT")
            return before
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error
        }
    }

    // MARK: Sync ops

    /// Writes a sync tool's ops (the caller holds the transaction and the store_version row lock).
    /// `data` is the state the ops were computed from (for the records' untouched fields).
    public func apply(_ ops: [JournalOp], on data: StoreData) throws(PGError) {
        guard let campaigns = PGSchema.table("campaigns"), let snapshots = PGSchema.table("weekly_snapshots") else { return }
        var state = data
        for op in ops {
            switch op {
            case let .setCampaignFields(campaignID, fields):
                guard let uuid = UUID128(campaignID), let campaign = state.campaign(id: uuid) else { continue }
                var record = campaign.record
                for member in fields { record[member.key] = member.value }
                let id = uuid.description
                let found = try connection.execute(
                    "SELECT ord FROM \(schema).campaigns WHERE id = $1::uuid OR (id IS NULL AND lower(extra->>'id') = $1::text) ORDER BY ord LIMIT 1 FOR UPDATE",
                    [id])
                guard found.rows == 1, let ord = found.string(0, 0) else {
                    throw PGError(.sql, "campaign \(id) disappeared from \(schema).campaigns during the write")
                }
                let (values, extra) = RowCodec.encode(record, campaigns)
                try connection.execute(PGSchema.updateSQL(schema, campaigns), values + [JSON.string(.object(extra)), ord])
            case let .putSnapshot(record):
                guard let idText = record["campaign_id"]?.stringValue, let uuid = UUID128(idText),
                    let index = state.campaignIndexByID[uuid],
                    let weekText = record["week_start"]?.stringValue, let week = Day.parse(weekText)
                else { continue }
                let id = uuid.description
                if let existing = state.snapshots[index].first(where: { $0.weekStart == week }) {
                    var merged = existing.record
                    for member in record { merged[member.key] = member.value }
                    let found = try connection.execute(
                        """
                        SELECT ord FROM \(schema).weekly_snapshots
                        WHERE (campaign_id = $1::uuid OR (campaign_id IS NULL AND lower(extra->>'campaign_id') = $1::text))
                          AND (week_start = $2::date OR (week_start IS NULL AND extra->>'week_start' = $2::text))
                        ORDER BY ord LIMIT 1 FOR UPDATE
                        """, [id, week.description])
                    if found.rows == 1, let ord = found.string(0, 0) {
                        let (values, extra) = RowCodec.encode(merged, snapshots)
                        try connection.execute(PGSchema.updateSQL(schema, snapshots), values + [JSON.string(.object(extra)), ord])
                        state.apply([op])
                        continue
                    }
                }
                let (values, extra) = RowCodec.encode(record, snapshots)
                try connection.execute(PGSchema.insertSQL(schema, snapshots), values + [JSON.string(.object(extra))])
            }
            state.apply([op])
        }
    }
}

/// Splits one COPY text-format line into its fields: tab-separated, `\N` = NULL, backslash escapes
/// (`\\ \t \n \r \b \f \v`, and octal / `\xHH` for completeness) undone into a scratch buffer.
public final class CopyLineSplitter {
    private var ranges: [Range<Int>]
    private var nulls: [Bool]
    private var base: UnsafePointer<UInt8>?
    private var scratch: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var inScratch: [Bool]
    private var scratchRanges: [Range<Int>]

    public init(fields: Int) {
        ranges = Array(repeating: 0..<0, count: fields)
        nulls = Array(repeating: false, count: fields)
        inScratch = Array(repeating: false, count: fields)
        scratchRanges = Array(repeating: 0..<0, count: fields)
        capacity = 4096
        scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    }

    deinit { scratch.deallocate() }

    /// Splits `line` (valid until the next call); false when the field count is wrong.
    public func split(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        base = line.baseAddress
        var k = 0
        var start = 0
        let n = ranges.count
        for i in 0..<line.count where line[i] == 0x09 {
            guard k < n - 1 else { return false }
            ranges[k] = start..<i
            k += 1
            start = i + 1
        }
        guard k == n - 1 else { return false }
        ranges[k] = start..<line.count
        if line.count > capacity {
            scratch.deallocate()
            capacity = line.count
            scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }
        var o = 0
        for f in 0..<n {
            let r = ranges[f]
            nulls[f] = r.count == 2 && line[r.lowerBound] == 0x5C && line[r.upperBound - 1] == UInt8(ascii: "N")
            inScratch[f] = false
            guard !nulls[f], line[r].contains(0x5C) else { continue }
            let begin = o
            var i = r.lowerBound
            while i < r.upperBound {
                let b = line[i]
                i += 1
                guard b == 0x5C, i < r.upperBound else {
                    scratch[o] = b
                    o += 1
                    continue
                }
                let e = line[i]
                i += 1
                switch e {
                case UInt8(ascii: "t"): scratch[o] = 0x09
                case UInt8(ascii: "n"): scratch[o] = 0x0A
                case UInt8(ascii: "r"): scratch[o] = 0x0D
                case UInt8(ascii: "b"): scratch[o] = 0x08
                case UInt8(ascii: "f"): scratch[o] = 0x0C
                case UInt8(ascii: "v"): scratch[o] = 0x0B
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var v = Int(e - UInt8(ascii: "0"))
                    var digits = 1
                    while digits < 3, i < r.upperBound, line[i] >= UInt8(ascii: "0"), line[i] <= UInt8(ascii: "7") {
                        v = v * 8 + Int(line[i] - UInt8(ascii: "0"))
                        i += 1
                        digits += 1
                    }
                    scratch[o] = UInt8(truncatingIfNeeded: v)
                case UInt8(ascii: "x"):
                    var v = 0
                    var digits = 0
                    while digits < 2, i < r.upperBound, let h = Self.hex(line[i]) {
                        v = v * 16 + h
                        i += 1
                        digits += 1
                    }
                    scratch[o] = UInt8(truncatingIfNeeded: v)
                default: scratch[o] = e
                }
                o += 1
            }
            inScratch[f] = true
            scratchRanges[f] = begin..<o
        }
        return true
    }

    static func hex(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(b - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(b - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    public func isNull(_ field: Int) -> Bool { nulls[field] }

    /// The field's bytes (valid until the next `split`).
    public func value(_ field: Int) -> UnsafeBufferPointer<UInt8> {
        if inScratch[field] {
            let r = scratchRanges[field]
            return UnsafeBufferPointer(start: UnsafePointer(scratch) + r.lowerBound, count: r.count)
        }
        let r = ranges[field]
        return UnsafeBufferPointer(start: base.map { $0 + r.lowerBound }, count: r.count)
    }
}
