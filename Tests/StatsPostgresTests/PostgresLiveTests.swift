import Foundation
import StatsJSON
import StatsStore
import Testing

@testable import StatsPostgres

/// The store service without libpq, and (when STATS_TEST_PG_URL names a database) against a live
/// PostgreSQL. `.ci/postgres.sh` runs the full comparison suite; these pin the service's own rules.
@Suite struct PostgresStoreTests {
    static let liveURL = ProcessInfo.processInfo.environment["STATS_TEST_PG_URL"]

    @Test func withoutLibpqEveryReadAndWriteSaysHowToInstallIt() throws {
        let store = PostgresStore(
            uri: "postgresql://u:pw@db.example.com/sales", environment: ["STATS_LIBPQ": "/nonexistent/libpq.so.5"])
        guard case let .failure(e) = store.current(progress: nil) else {
            Issue.record("expected store_unavailable")
            return
        }
        #expect(e.message.contains("apt install libpq5"))
        #expect(e.message.contains("brew install libpq"))
        #expect(e.message.contains("host db.example.com, database sales"))
        #expect(!e.message.contains("pw"))
        #expect(!e.busy)
        #expect(store.displayPath == "postgresql://u:***@db.example.com/sales")
        #expect(throws: StoreWriteError.self) {
            try store.commit { (_: StoreData) -> (ops: [JournalOp], result: Int) in ([], 1) }
        }
    }

    @Test func invalidSchemaNameIsRefused() {
        let store = PostgresStore(uri: "postgresql:///x", environment: ["STATS_PG_SCHEMA": "a;b"])
        guard case let .failure(e) = store.current(progress: nil) else {
            Issue.record("expected store_unavailable")
            return
        }
        #expect(e.message.contains("STATS_PG_SCHEMA"))
    }

    @Test(.enabled(if: liveURL != nil, "set STATS_TEST_PG_URL=postgresql://… to run against a live PostgreSQL (.ci/postgres.sh runs the full suite)"))
    func liveImportLoadAndSync() throws {
        let url = try #require(Self.liveURL)
        let env = ["STATS_PG_SCHEMA": "swift_live_test"]
        let lib = try #require(LibPQ.shared(environment: env), "libpq is not installed")
        let target = try #require(PGTarget(uri: url))
        let c = try PGConnection.connect(target, lib: lib)
        try c.execute("DROP SCHEMA IF EXISTS swift_live_test CASCADE")
        let db = PGDatabase(connection: c, schema: "swift_live_test")
        #expect(try db.initialize() == nil)
        #expect(try db.initialize() == 1)
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../interop/examples/store.json").path
        let summary = try PGTransfer.importStore(path: path, into: db, replace: false)
        #expect(summary.topLevelKeys == ["x_generator"])

        // The same view as the JSON loader gives.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let file = try bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }
        let store = PostgresStore(uri: url, environment: env)
        let data = try store.current(progress: nil).get()
        #expect(data.campaigns.map(\.record) == file.data.campaigns.map(\.record))
        #expect(data.tables.prospectCounts == file.data.tables.prospectCounts)
        #expect(try store.problems().get().map(\.description) == file.problems.map(\.description))

        // A sync write lands in the row, and a second service catches up from the op log.
        let other = PostgresStore(uri: url, environment: env)
        _ = try other.current(progress: nil).get()
        let campaign = try #require(data.campaigns.first)
        try store.commit { (_: StoreData) -> (ops: [JournalOp], result: Int) in
            ([.setCampaignFields(campaignID: campaign.id.description, fields: JSONObject([("status", "archived")]))], 0)
        }
        let r = try c.execute("SELECT status FROM swift_live_test.campaigns WHERE id = $1::uuid ORDER BY ord LIMIT 1", [campaign.id.description])
        #expect(r.string(0, 0) == "archived")
        let seen = try other.current(progress: nil).get()
        #expect(seen.campaign(id: campaign.id)?.status == "archived")
        try c.execute("DROP SCHEMA swift_live_test CASCADE")
    }
}
