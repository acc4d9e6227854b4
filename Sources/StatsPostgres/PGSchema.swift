import StatsCore
import StatsJSON
import StatsStore

/// How a §2 field is kept in its column.
public enum ColumnKind: Sendable {
    case text, int, bool, uuid, date, json

    var sqlType: String {
        switch self {
        case .text: return "text"
        case .int: return "bigint"
        case .bool: return "boolean"
        case .uuid: return "uuid"
        case .date: return "date"
        case .json: return "json"
        }
    }
}

public struct ColumnSpec: Sendable {
    public let name: String
    public let kind: ColumnKind
    /// SPEC §2 lets the field be null: a NULL column is written back as `null`. Other fields: NULL = absent.
    public let nullable: Bool
}

/// One §2 array as a table: typed columns for the §2 fields, `extra` (json) for everything else, `ord` for
/// the array order (the loader's "first one wins" rules depend on it).
public struct TableSpec: Sendable {
    public let name: String
    public let columns: [ColumnSpec]
    /// Columns indexed for the sync tools' row lookups.
    public let index: [String]
}

/// The PostgreSQL layout of a store (SPEC §12), version 2 (version 2 added `view_image`, the store images that let a server start without reading every row).
public enum PGSchema {
    public static let version = 2
    public static let defaultName = "stats"

    private static func c(_ name: String, _ kind: ColumnKind, null: Bool = false) -> ColumnSpec {
        ColumnSpec(name: name, kind: kind, nullable: null)
    }

    /// In §2 order.
    public static let tables: [TableSpec] = [
        TableSpec(name: "workspaces", columns: [c("id", .int), c("public_id", .text), c("name", .text), c("timezone", .text)], index: []),
        TableSpec(
            name: "users",
            columns: [c("id", .uuid), c("public_id", .text), c("name", .text, null: true), c("email", .text, null: true), c("workspace_ids", .json)],
            index: []),
        TableSpec(
            name: "api_keys",
            columns: [c("key_sha256", .text), c("user_id", .uuid), c("workspace_id", .int), c("label", .text), c("revoked", .bool)], index: []),
        TableSpec(
            name: "campaigns",
            columns: [
                c("id", .uuid), c("public_id", .text), c("workspace_id", .int), c("user_id", .uuid, null: true), c("type", .text),
                c("name", .text, null: true), c("status", .text), c("paused_reason", .text), c("daily_limit", .int),
                c("stop_on_reply", .bool), c("open_tracking", .bool), c("signature", .text, null: true),
                c("skip_other_campaigns", .json, null: true), c("operating_hours", .json, null: true), c("stats", .json),
                c("created_at", .text), c("updated_at", .text, null: true), c("last_synced_at", .text, null: true),
                c("sender_accounts", .json), c("assignee_ids", .json),
            ], index: ["id"]),
        TableSpec(name: "prospects", columns: [c("id", .uuid), c("campaign_id", .uuid), c("status", .text)], index: []),
        TableSpec(name: "activities", columns: [c("campaign_id", .uuid), c("prospect_id", .uuid), c("type", .text), c("at", .text)], index: []),
        TableSpec(
            name: "weekly_snapshots", columns: [c("campaign_id", .uuid), c("week_start", .date), c("stats", .json), c("captured_at", .text)],
            index: ["campaign_id", "week_start"]),
        TableSpec(
            name: "clicks",
            columns: [
                c("workspace_id", .int), c("kind", .text), c("at", .text), c("campaign_id", .uuid, null: true), c("user_id", .uuid, null: true),
                c("alias_id", .uuid, null: true),
            ], index: []),
        TableSpec(name: "aliases", columns: [c("id", .uuid), c("workspace_id", .int), c("user_id", .uuid), c("slug", .text)], index: []),
        TableSpec(
            name: "call_batches",
            columns: [
                c("id", .uuid), c("workspace_id", .int), c("campaign_id", .uuid, null: true), c("status", .text), c("created_at", .text),
                c("completed_at", .text, null: true),
            ], index: []),
        TableSpec(name: "calls", columns: [c("id", .uuid), c("batch_id", .uuid), c("status", .text)], index: []),
        TableSpec(
            name: "call_stats_daily",
            columns: [
                c("workspace_id", .int), c("date", .date), c("campaign_id", .uuid, null: true), c("total_calls", .int), c("completed_calls", .int),
                c("connected_calls", .int), c("meetings_booked", .int), c("qualified_leads", .int), c("conversations_had", .int),
                c("total_duration_seconds", .int),
            ], index: []),
    ]

    public static func table(_ name: String) -> TableSpec? { tables.first { $0.name == name } }

    /// A schema name from STATS_PG_SCHEMA: a plain lowercase identifier (so it is safe to write into SQL).
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63 else { return false }
        guard first == UInt8(ascii: "_") || (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) else { return false }
        return name.utf8.allSatisfy { b in
            b == UInt8(ascii: "_") || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
        }
    }

    /// The statements of `db init` (idempotent): schema, tables, indexes, the change counter and its
    /// statement-level triggers. `s` is a validated schema name.
    public static func ddl(_ s: String) -> String {
        var sql = """
            CREATE SCHEMA IF NOT EXISTS \(s);
            CREATE TABLE IF NOT EXISTS \(s).schema_version (version integer NOT NULL);
            CREATE TABLE IF NOT EXISTS \(s).store_version (id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1), version bigint NOT NULL);
            INSERT INTO \(s).store_version (id, version) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
            CREATE TABLE IF NOT EXISTS \(s).store_meta (key text PRIMARY KEY, value json NOT NULL, ord bigint NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS \(s).op_log (from_version bigint PRIMARY KEY, to_version bigint NOT NULL, entry json NOT NULL);
            CREATE TABLE IF NOT EXISTS \(s).view_image (version bigint NOT NULL, part integer NOT NULL, bytes bytea NOT NULL, PRIMARY KEY (version, part));
            CREATE OR REPLACE FUNCTION \(s).bump_store_version() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              UPDATE \(s).store_version SET version = version + 1 WHERE id = 1;
              RETURN NULL;
            END
            $body$;

            """
        for t in tables {
            let columns = t.columns.map { "  \($0.name) \($0.kind.sqlType)" }.joined(separator: ",\n")
            sql += """
                CREATE TABLE IF NOT EXISTS \(s).\(t.name) (
                  ord bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                \(columns),
                  extra json NOT NULL DEFAULT '{}'
                );

                """
            if !t.index.isEmpty {
                sql += "CREATE INDEX IF NOT EXISTS \(t.name)_lookup ON \(s).\(t.name) (\(t.index.joined(separator: ", ")));\n"
            }
        }
        for name in tables.map(\.name) + ["store_meta"] {
            sql += """
                DROP TRIGGER IF EXISTS stats_bump_version ON \(s).\(name);
                CREATE TRIGGER stats_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON \(s).\(name)
                  FOR EACH STATEMENT EXECUTE PROCEDURE \(s).bump_store_version();

                """
        }
        return sql
    }

    /// `SELECT <columns>, extra FROM s.t ORDER BY ord`.
    public static func selectSQL(_ s: String, _ t: TableSpec) -> String {
        "SELECT \(t.columns.map(\.name).joined(separator: ", ")), extra FROM \(s).\(t.name) ORDER BY ord"
    }

    /// `COPY s.t (ord, <columns>, extra) FROM STDIN`.
    public static func copySQL(_ s: String, _ t: TableSpec) -> String {
        "COPY \(s).\(t.name) (ord, \(t.columns.map(\.name).joined(separator: ", ")), extra) FROM STDIN"
    }

    /// `UPDATE s.t SET c1 = $1, …, extra = $n WHERE ord = $n+1`.
    public static func updateSQL(_ s: String, _ t: TableSpec) -> String {
        let sets = t.columns.enumerated().map { "\($0.element.name) = $\($0.offset + 1)" } + ["extra = $\(t.columns.count + 1)"]
        return "UPDATE \(s).\(t.name) SET \(sets.joined(separator: ", ")) WHERE ord = $\(t.columns.count + 2)"
    }

    /// `INSERT INTO s.t (<columns>, extra) VALUES ($1, …)`.
    public static func insertSQL(_ s: String, _ t: TableSpec) -> String {
        let names = t.columns.map(\.name) + ["extra"]
        let params = (1...names.count).map { "$\($0)" }
        return "INSERT INTO \(s).\(t.name) (\(names.joined(separator: ", "))) VALUES (\(params.joined(separator: ", ")))"
    }
}

/// Record ⇄ row. A field goes into its typed column only when the column gives back exactly the same
/// JSON; anything else (unknown fields, wrong types, non-canonical UUIDs or dates, JSON null in a field
/// §2 does not let be null) is kept in `extra`, which wins over the columns when the record is rebuilt.
public enum RowCodec {
    /// Column values as text (nil = NULL) and the extra object.
    public static func encode(_ record: JSONObject, _ table: TableSpec) -> (values: [String?], extra: JSONObject) {
        var values = [String?](repeating: nil, count: table.columns.count)
        var extra = JSONObject()
        var known = Set<String>()
        for (i, column) in table.columns.enumerated() {
            known.insert(column.name)
            guard let value = record[column.name] else { continue }
            if value.isNull {
                if !column.nullable { extra.appendUnchecked(column.name, .null) }
                continue
            }
            if let text = columnText(value, column.kind) {
                values[i] = text
            } else {
                extra.appendUnchecked(column.name, value)
            }
        }
        for member in record where !known.contains(member.key) { extra.appendUnchecked(member.key, member.value) }
        return (values, extra)
    }

    /// The column text of a value, or nil when the column cannot hold it exactly.
    static func columnText(_ value: JSONValue, _ kind: ColumnKind) -> String? {
        switch (kind, value) {
        case let (.text, .string(s)):
            return s.utf8.contains(0) ? nil : s
        case let (.int, .int(n)):
            return String(n)
        case let (.bool, .bool(b)):
            return b ? "t" : "f"
        case let (.uuid, .string(s)):
            guard s.utf8.count == 36, let u = UUID128(s), u.description == s else { return nil }
            return s
        case let (.date, .string(s)):
            guard s.utf8.count == 10, let d = Day.parse(s), d.description == s, d.year >= 1 else { return nil }
            return s
        case (.json, _):
            return String(decoding: JSON.bytes(value), as: UTF8.self)
        default:
            return nil
        }
    }

    /// Appends the JSON record of row `row` of `result` (columns in `table` order, then `extra`).
    static func appendRecord(_ result: PGResult, _ row: Int, _ table: TableSpec, into out: inout [UInt8]) {
        appendRecord(table, isNull: { result.isNull(row, $0) }, value: { result.bytes(row, $0) }, into: &out)
    }

    /// Appends the JSON record of one row given by its column accessors (text format; column
    /// `table.columns.count` is `extra`).
    public static func appendRecord(
        _ table: TableSpec, isNull: (Int) -> Bool, value: (Int) -> UnsafeBufferPointer<UInt8>, into out: inout [UInt8]
    ) {
        let extraColumn = table.columns.count
        var extra: JSONObject?
        if !isNull(extraColumn) {
            let raw = value(extraColumn)
            if !isEmptyObject(raw) {
                if case let .object(o)? = try? JSON.parse(raw) { extra = o }
            }
        }
        out.append(UInt8(ascii: "{"))
        var first = true
        for (i, column) in table.columns.enumerated() {
            if let extra, extra[column.name] != nil { continue }
            let isNull = isNull(i)
            if isNull && !column.nullable { continue }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            appendString(column.name.utf8, into: &out)
            out.append(UInt8(ascii: ":"))
            if isNull {
                out.append(contentsOf: "null".utf8)
                continue
            }
            let v = value(i)
            switch column.kind {
            case .text, .uuid, .date:
                appendString(v, into: &out)
            case .int, .json:
                out.append(contentsOf: v)
            case .bool:
                out.append(contentsOf: (v.first == UInt8(ascii: "t") ? "true" : "false").utf8)
            }
        }
        if let extra {
            for member in extra {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                appendString(member.key.utf8, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(contentsOf: JSON.bytes(member.value))
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    static func isEmptyObject(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var sawOpen = false
        for b in raw {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{") where !sawOpen: sawOpen = true
            case UInt8(ascii: "}") where sawOpen: return true
            default: return false
            }
        }
        return false
    }

    /// A JSON string literal of UTF-8 bytes.
    static func appendString<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// One COPY text-format line: `ord`, the column values and `extra`, tab-separated.
    public static func copyLine(ord: Int64, values: [String?], extra: JSONObject, into out: inout [UInt8]) {
        out.append(contentsOf: String(ord).utf8)
        for v in values {
            out.append(0x09)
            if let v { appendCopyField(v.utf8, into: &out) } else { out.append(contentsOf: [0x5C, UInt8(ascii: "N")]) }
        }
        out.append(0x09)
        appendCopyField(JSON.bytes(.object(extra)), into: &out)
        out.append(0x0A)
    }

    static func appendCopyField<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        for b in bytes {
            switch b {
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            default: out.append(b)
            }
        }
    }
}
