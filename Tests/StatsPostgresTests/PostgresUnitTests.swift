import Foundation
import StatsJSON
import Testing

@testable import StatsPostgres

/// What needs no database: URIs and their redaction, SQL text, record ⇄ row mapping.
@Suite struct PostgresUnitTests {
    @Test func uriRecognised() {
        #expect(PGTarget.isURI("postgres://h/db"))
        #expect(PGTarget.isURI("PostgreSQL://h/db"))
        #expect(!PGTarget.isURI("stats-store.json"))
        #expect(!PGTarget.isURI("/var/postgres://x"))
    }

    @Test func hostDatabaseAndPasswordNeverShown() throws {
        let t = try #require(PGTarget(uri: "postgresql://ana:s3cr%40t@db.example.com:5432/sales?sslmode=verify-full"))
        #expect(t.host == "db.example.com")
        #expect(t.database == "sales")
        #expect(t.user == "ana")
        #expect(t.display == "host db.example.com, database sales")
        #expect(t.redacted == "postgresql://ana:***@db.example.com:5432/sales?sslmode=verify-full")
        #expect(t.scrub("failed for s3cr@t here") == "failed for *** here")
    }

    @Test func socketAndQueryParameters() throws {
        let t = try #require(PGTarget(uri: "postgres:///stats?host=/run/postgresql&user=me&password=pw"))
        #expect(t.host == "/run/postgresql")
        #expect(t.database == "stats")
        #expect(t.redacted == "postgres:///stats?host=/run/postgresql&user=me&password=***")
        let v6 = try #require(PGTarget(uri: "postgres://[::1]:6543,replica:5432/?dbname=app"))
        #expect(v6.host == "::1,replica")
        #expect(v6.database == "app")
        let bare = try #require(PGTarget(uri: "postgres://"))
        #expect(bare.display == "host local socket, database (default)")
    }

    @Test func schemaNames() {
        #expect(PGSchema.isValidName("stats"))
        #expect(PGSchema.isValidName("team_2"))
        #expect(!PGSchema.isValidName("Stats"))
        #expect(!PGSchema.isValidName("x; DROP TABLE y"))
        #expect(!PGSchema.isValidName("2x"))
        #expect(!PGSchema.isValidName(""))
    }

    @Test func sqlText() throws {
        let t = try #require(PGSchema.table("calls"))
        #expect(PGSchema.selectSQL("s", t) == "SELECT id, batch_id, status, extra FROM s.calls ORDER BY ord")
        #expect(PGSchema.copySQL("s", t) == "COPY s.calls (ord, id, batch_id, status, extra) FROM STDIN")
        #expect(PGSchema.updateSQL("s", t) == "UPDATE s.calls SET id = $1, batch_id = $2, status = $3, extra = $4 WHERE ord = $5")
        #expect(PGSchema.insertSQL("s", t) == "INSERT INTO s.calls (id, batch_id, status, extra) VALUES ($1, $2, $3, $4)")
        #expect(PGSchema.tables.map(\.name) == [
            "workspaces", "users", "api_keys", "campaigns", "prospects", "activities", "weekly_snapshots", "clicks", "aliases",
            "call_batches", "calls", "call_stats_daily",
        ])
        let ddl = PGSchema.ddl("s")
        #expect(ddl.contains("CREATE TABLE IF NOT EXISTS s.campaigns ("))
        #expect(ddl.contains("FOR EACH STATEMENT EXECUTE PROCEDURE s.bump_store_version()"))
    }

    /// Encodes a record, plays the column texts back as PostgreSQL would return them, rebuilds it.
    func roundTrip(_ record: JSONObject, _ table: TableSpec) throws -> JSONObject {
        let (values, extra) = RowCodec.encode(record, table)
        var cells: [[UInt8]?] = values.map { $0.map { Array($0.utf8) } }
        cells.append(JSON.bytes(.object(extra)))
        var out: [UInt8] = []
        let buffers = cells.map { c -> UnsafeMutableBufferPointer<UInt8> in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, c?.count ?? 0))
            if let c { _ = b.initialize(from: c) }
            return b
        }
        defer { buffers.forEach { $0.deallocate() } }
        RowCodec.appendRecord(
            table, isNull: { cells[$0] == nil },
            value: { UnsafeBufferPointer(rebasing: buffers[$0][0..<(cells[$0]?.count ?? 0)]) }, into: &out)
        guard case let .object(o) = try JSON.parse(out) else { throw PGCommandError("not an object") }
        return o
    }

    @Test func typedColumnsAndExtra() throws {
        let t = try #require(PGSchema.table("campaigns"))
        let record = try #require(
            try JSON.parse(
                #"{"id":"11111111-1111-4111-8111-111111111111","public_id":"cp_01","workspace_id":340,"user_id":null,"type":"email","name":"Tab\there \"q\"","status":"active","daily_limit":5.5,"stop_on_reply":true,"stats":{"sent":3,"total":9},"created_at":"2026-04-18T15:12:00+02:00","x_crm":{"deal":7}}"#
            ).objectValue)
        let (values, extra) = RowCodec.encode(record, t)
        let names = t.columns.map(\.name)
        func col(_ n: String) -> String?? { names.firstIndex(of: n).map { values[$0] } }
        #expect(col("id") == .some("11111111-1111-4111-8111-111111111111"))
        #expect(col("workspace_id") == .some("340"))
        #expect(col("stop_on_reply") == .some("t"))
        #expect(col("stats") == .some(#"{"sent":3,"total":9}"#))
        #expect(col("daily_limit") == .some(nil))  // 5.5 is not a bigint: kept in extra
        #expect(extra.keys == ["daily_limit", "x_crm"])
        let back = try roundTrip(record, t)
        for member in record { #expect(back[member.key] == member.value, "\(member.key)") }
        // Absent fields that §2 lets be null come back as null; the others stay absent.
        #expect(Set(back.keys).subtracting(record.keys) == ["signature", "skip_other_campaigns", "operating_hours", "updated_at", "last_synced_at"])
    }

    @Test func nonCanonicalValuesSurviveInExtra() throws {
        let t = try #require(PGSchema.table("weekly_snapshots"))
        let record = try #require(
            try JSON.parse(#"{"campaign_id":"AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA","week_start":"2026-4-6","stats":null,"captured_at":7}"#).objectValue)
        let (values, extra) = RowCodec.encode(record, t)
        #expect(values == [nil, nil, nil, nil])
        #expect(extra.keys == ["campaign_id", "week_start", "stats", "captured_at"])
        #expect(try roundTrip(record, t) == record)
    }

    @Test func nullableFieldsComeBackAsNull() throws {
        let t = try #require(PGSchema.table("clicks"))
        let record = try #require(try JSON.parse(#"{"workspace_id":1,"kind":"vcard","at":"2026-01-01T00:00:00Z"}"#).objectValue)
        let back = try roundTrip(record, t)
        #expect(back["campaign_id"]?.isNull == true)
        #expect(back["kind"]?.stringValue == "vcard")
        #expect(back["workspace_id"]?.integerValue == 1)
    }

    /// Every record of the worked-examples store survives encode → rows → decode.
    @Test func examplesStoreRoundTrip() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../interop/examples/store.json")
        let data = try Data(contentsOf: url)
        guard case let .object(store) = try JSON.parse([UInt8](data)) else { Issue.record("not an object"); return }
        var checked = 0
        for table in PGSchema.tables {
            for item in store[table.name]?.arrayValue ?? [] {
                guard case let .object(record) = item else { continue }
                var expected = record
                for c in table.columns where c.nullable && record[c.name] == nil { expected[c.name] = .null }
                let back = try roundTrip(record, table)
                #expect(back == expected, "\(table.name): \(JSON.string(item))")
                checked += 1
            }
        }
        #expect(checked > 4000)
    }

    @Test func copyEscapes() {
        var out: [UInt8] = []
        RowCodec.copyLine(ord: 3, values: ["a\tb\\c\nd", nil], extra: JSONObject(), into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "3\ta\\tb\\\\c\\nd\t\\N\t{}\n")
    }

    /// COPY TO STDOUT lines: NULL, escapes, and a literal backslash-N that is data.
    @Test func copyLinesSplit() {
        let line = Array("a\\tb\t\\N\t\\\\N\tx\\\\y\\n\t\\101\\x42".utf8)
        let s = CopyLineSplitter(fields: 5)
        line.withUnsafeBufferPointer { buffer in
            #expect(s.split(buffer))
            func text(_ i: Int) -> String { String(decoding: s.value(i), as: UTF8.self) }
            #expect(text(0) == "a\tb")
            #expect(s.isNull(1))
            #expect(!s.isNull(2) && text(2) == "\\N")
            #expect(text(3) == "x\\y\n")
            #expect(text(4) == "AB")
        }
        Array("only\ttwo".utf8).withUnsafeBufferPointer { #expect(!s.split($0)) }
    }

    @Test func sqlstateKinds() {
        #expect(PGError.kind(sqlstate: "57014") == .busy)
        #expect(PGError.kind(sqlstate: "55P03") == .busy)
        #expect(PGError.kind(sqlstate: "42P01") == .schema)
        #expect(PGError.kind(sqlstate: "08006") == .lost)
        #expect(PGError.kind(sqlstate: "57P01") == .lost)
        #expect(PGError.kind(sqlstate: "23505") == .sql)
    }

    /// Without libpq (or with STATS_LIBPQ naming a file that is not libpq) nothing is loaded and the
    /// install hint names both package managers.
    @Test func missingLibrary() {
        #expect(LibPQ.candidates(environment: ["STATS_LIBPQ": "/x/libpq.so.5"]) == ["/x/libpq.so.5"])
        #expect(LibPQ.installHint.contains("apt install libpq5"))
        #expect(LibPQ.installHint.contains("brew install libpq"))
    }
}
