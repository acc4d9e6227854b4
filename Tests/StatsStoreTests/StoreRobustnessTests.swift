import Foundation
import StatsCore
import StatsJSON
import Testing

@testable import StatsStore

#if canImport(Glibc)
import Glibc
#endif

/// Issue 17: wrong-typed records (#9), non-regular store files (#4, #5), and compaction folding each op
/// into the record the loader serves (#1), including seeded property and fuzz tests of the loader.
@Suite("store robustness (issue 17)")
struct StoreRobustnessTests {
    static let ws = #"{"id":340,"public_id":"ws_01j9s2ge61sws9w3swp55nk7yz","name":"Acme"}"#
    static let campaign: [(String, String)] = [
        ("id", #""11111111-1111-4111-8111-111111111111""#), ("public_id", #""cp_01j9s2ge61sws9w3swp55nk7yz""#),
        ("workspace_id", "340"), ("user_id", #""aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa""#), ("type", #""email""#),
        ("name", #""Q2""#), ("status", #""active""#), ("paused_reason", #""bounce_rate""#), ("daily_limit", "50"),
        ("stop_on_reply", "true"), ("open_tracking", "false"), ("signature", #""Best""#), ("skip_other_campaigns", "null"),
        ("operating_hours", "null"), ("stats", #"{"total":3}"#), ("created_at", #""2026-04-18T15:12:00Z""#),
        ("updated_at", #""2026-04-22T11:30:00+02:00""#), ("last_synced_at", "null"), ("sender_accounts", "[]"),
        ("assignee_ids", #"["aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"]"#),
    ]

    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    static func store(campaigns: [String], extra: String = "") -> String {
        #"{"format":"stats-mcp-store","version":1,"workspaces":[\#(ws)],"campaigns":["# + campaigns.joined(separator: ",") + "]" + extra + "}"
    }

    func load(_ text: String) throws -> (data: StoreData, problems: [StoreProblem]) {
        try Array(text.utf8).withUnsafeBufferPointer { try StoreLoader.load($0) }
    }

    // MARK: #9 wrong-typed fields

    @Test func aWellTypedCampaignIsServed() throws {
        let (data, problems) = try load(Self.store(campaigns: [Self.object(Self.campaign)]))
        #expect(data.campaigns.count == 1)
        #expect(problems.filter { $0.path.hasPrefix("$.campaigns") }.allSatisfy { $0.path.hasSuffix(".user_id") })  // unknown owner only
    }

    /// Every declared campaign field, given a value of the wrong JSON type: the record is ignored and
    /// `check` names the field's JSON path.
    @Test(arguments: CampaignRecords.shape.fields.map(\.name))
    func aWrongTypedCampaignFieldIgnoresTheRecord(field: String) throws {
        let rule = try #require(CampaignRecords.shape.fields.first { $0.name == field })
        let wrong: String
        switch rule.type {
        case .string, .uuid, .timestamp, .date: wrong = "12"
        case .integer: wrong = #""12""#
        case .boolean: wrong = #""true""#
        case .object: wrong = "[1]"
        case .array: wrong = #"{"a":1}"#
        }
        var members = Self.campaign.filter { $0.0 != field }
        members.append((field, wrong))
        let (data, problems) = try load(Self.store(campaigns: [Self.object(members)]))
        #expect(data.campaigns.isEmpty, "\(field) = \(wrong) must make the campaign ignored")
        #expect(problems.contains { $0.path == "$.campaigns[0].\(field)" && $0.message.contains("ignored") }, "\(problems)")
    }

    @Test func aMissingRequiredCampaignFieldIgnoresTheRecord() throws {
        for field in CampaignRecords.shape.fields where field.presence == .required {
            let (data, problems) = try load(Self.store(campaigns: [Self.object(Self.campaign.filter { $0.0 != field.name })]))
            #expect(data.campaigns.isEmpty, "missing \(field.name)")
            #expect(problems.contains { $0.path == "$.campaigns[0].\(field.name)" })
        }
        // `null` is fine where the field is nullable, and a wrong type for `stats` includes null.
        let nulls = Self.campaign.map { m in CampaignRecords.shape.fields.first { $0.name == m.0 }?.presence == .nullable ? (m.0, "null") : m }
        #expect(try load(Self.store(campaigns: [Self.object(nulls)])).data.campaigns.count == 1)
        let nullStats = Self.campaign.map { $0.0 == "stats" ? ("stats", "null") : $0 }
        #expect(try load(Self.store(campaigns: [Self.object(nullStats)])).data.campaigns.isEmpty)
    }

    @Test func theFirstValidRecordWinsOverAnEarlierWrongTypedOne() throws {
        let ghost = Self.object(Self.campaign.map { $0.0 == "name" ? ("name", "5") : $0 })
        let live = Self.object(Self.campaign.map { $0.0 == "name" ? ("name", #""Live""#) : $0 })
        let (data, _) = try load(Self.store(campaigns: [ghost, live]))
        #expect(data.campaigns.map(\.name) == ["Live"])
    }

    @Test func otherKindsIgnoreWrongTypedRecordsWithTheirPath() throws {
        let cases: [(String, String)] = [
            (#","users":[{"id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa","public_id":"usr_1","name":7}]"#, "$.users[0].name"),
            (#","users":[{"id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa","public_id":"usr_1","workspace_ids":"340"}]"#, "$.users[0].workspace_ids"),
            (#","api_keys":[{"key_sha256":"ab","revoked":"no"}]"#, "$.api_keys[0].revoked"),
            (#","weekly_snapshots":[{"campaign_id":"11111111-1111-4111-8111-111111111111","week_start":"2026-04-13","stats":[]}]"#, "$.weekly_snapshots[0].stats"),
            (#","call_batches":[{"id":"33333333-3333-4333-8333-333333333333","workspace_id":340,"created_at":5}]"#, "$.call_batches[0].created_at"),
            (#","call_stats_daily":[{"workspace_id":340,"date":"2026-02-14","total_calls":"4"}]"#, "$.call_stats_daily[0].total_calls"),
            (#","aliases":[{"workspace_id":340,"slug":false}]"#, "$.aliases[0].slug"),
            (#","prospects":[{"id":"99999999-0000-4000-8000-000000000001","campaign_id":"11111111-1111-4111-8111-111111111111","status":3}]"#, "$.prospects[0].status"),
            (#","clicks":[{"workspace_id":340,"kind":"campaign","at":"2026-03-02T08:00:00Z","campaign_id":9}]"#, "$.clicks[0].campaign_id"),
            (#","calls":[{"batch_id":"33333333-3333-4333-8333-333333333333","status":[]}]"#, "$.calls[0].status"),
        ]
        for (extra, path) in cases {
            let (_, problems) = try load(Self.store(campaigns: [Self.object(Self.campaign)], extra: extra))
            #expect(problems.contains { $0.path == path && $0.message.contains("ignored") }, "\(path): \(problems)")
        }
        let (data, _) = try load(Self.store(campaigns: [Self.object(Self.campaign)], extra: cases[7].0))
        #expect(data.tables.prospectCounts == [0], "the wrong-typed prospect is not counted")
    }

    // MARK: #4, #5 non-regular files are refused without blocking or reading

    @Test func aFIFOBaseJournalOrLockIsRefusedAtOnce() throws {
        try withPersistenceTempDir { dir in
            for which in ["base", "journal", "lock"] {
                let path = dir + "/\(which).json"
                let files = StoreFiles(path: path)
                if which != "base" { try PersistenceTestFS.write(path, Self.store(campaigns: [])) }
                let fifo = which == "base" ? path : which == "journal" ? files.journalPath : files.lockPath
                #expect(mkfifo(fifo, 0o600) == 0)
                let started = Date()
                switch which {
                case "base":
                    #expect(throws: StoreFileError.self) { _ = try files.readBase() }
                    #expect(throws: StoreFileError.self) { _ = try files.readSnapshot() }
                case "journal":
                    #expect(throws: StoreFileError.self) { _ = try files.readSnapshot() }
                    #expect(throws: StoreFileError.self) { try files.appendJournal(JournalEntry(sequence: 1, ops: [])) }
                default:
                    #expect(throws: StoreFileError.self) { try files.withExclusiveLock(timeout: 1) {} }
                    #expect(files.cleanStaleTemporaries() == [])
                }
                #expect(Date().timeIntervalSince(started) < 5, "\(which): must not block")
                do {
                    _ = try files.readSnapshot()
                } catch let error as StoreFileError {
                    if which != "lock" { #expect(error.kind == .notRegularFile && error.detail.contains("FIFO"), "\(error)") }
                }
            }
        }
    }

    @Test func aCharacterDeviceIsRefusedWithoutReading() throws {
        let files = StoreFiles(path: "/dev/zero")
        #expect {
            _ = try files.readBase()
        } throws: { error in
            (error as? StoreFileError)?.kind == .notRegularFile && "\(error)".contains("/dev/zero")
        }
        let service = StoreService(path: "/dev/zero")
        service.loadNow()
        guard case let .failure(unavailable) = service.current() else {
            Issue.record("/dev/zero loaded")
            return
        }
        #expect(unavailable.message.contains("character device"))
    }

    // MARK: #1 compaction folds each op into the record the loader serves (seeded property test)

    /// Random stores whose campaigns share a few ids, some records ignored for one reason or another;
    /// random journal ops. Folding the ops into the base then loading must give exactly the records
    /// of loading the base then replaying the ops (what the server acknowledged).
    @Test func foldingThenLoadingEqualsLoadingThenReplaying() throws {
        var rng = StoreSeededGenerator(seed: 1717)
        let ids = (1...4).map { "11111111-1111-4111-8111-00000000000\($0)" }
        let defects: [(String, String?)] = [
            ("workspace_id", #""340""#), ("workspace_id", "999"), ("public_id", nil), ("name", "5"), ("type", nil),
            ("stats", #""x""#), ("created_at", #""yesterday""#), ("status", "[]"),
        ]
        for round in 0..<150 {
            var records: [String] = []
            for k in 0..<Int.random(in: 1...8, using: &rng) {
                var members = Self.campaign.filter { $0.0 != "id" && $0.0 != "public_id" }
                members.insert(("id", "\"\(ids.randomElement(using: &rng)!)\""), at: 0)
                members.insert(("public_id", "\"cp_\(round)_\(k)\""), at: 1)
                if Bool.random(using: &rng) {
                    let (field, value) = defects.randomElement(using: &rng)!
                    members.removeAll { $0.0 == field }
                    if let value { members.append((field, value)) }
                }
                records.append(Self.object(members))
            }
            var snapshots: [String] = []
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let stats = Bool.random(using: &rng) ? #"{"total":1}"# : #""bad""#
                snapshots.append(#"{"campaign_id":"\#(ids.randomElement(using: &rng)!)","week_start":"2026-04-13","stats":\#(stats)}"#)
            }
            let text = Self.store(campaigns: records, extra: #","weekly_snapshots":["# + snapshots.joined(separator: ",") + "]")
            var ops: [JournalOp] = []
            for n in 0..<Int.random(in: 1...5, using: &rng) {
                let id = ids.randomElement(using: &rng)!
                if Bool.random(using: &rng) {
                    ops.append(.setCampaignFields(campaignID: Bool.random(using: &rng) ? id.uppercased() : id,
                                                  fields: JSONObject([("last_synced_at", .string("2026-11-20T10:00:0\(n)Z")),
                                                                      ("stats", .object(JSONObject([("total", .int(Int64(n)))])))])))
                } else {
                    ops.append(.putSnapshot(JSONObject([("campaign_id", .string(id)), ("week_start", "2026-04-13"),
                                                        ("stats", .object(JSONObject([("total", .int(Int64(n)))]))),
                                                        ("captured_at", "2026-11-20T10:00:00Z")])))
                }
            }
            var replayed = try load(text).data
            replayed.apply(ops)
            let folded = try BaseRewriter.apply(ops, to: Array(text.utf8))
            let reloaded = try folded.withUnsafeBufferPointer { try StoreLoader.load($0) }.data
            #expect(reloaded.campaigns.map(\.record) == replayed.campaigns.map(\.record), "round \(round):\n\(text)\nops \(ops)")
            #expect(reloaded.snapshots.map { $0.map(\.record) } == replayed.snapshots.map { $0.map(\.record) }, "round \(round)")
        }
    }

    // MARK: Loader fuzz (seeded, bounded): no crash; what is served conforms to its shape

    @Test func mutatedStoresNeverCrashTheLoaderAndServedRecordsConform() throws {
        var rng = StoreSeededGenerator(seed: 42)
        let base = Array(Self.store(campaigns: [Self.object(Self.campaign)], extra: #","users":[{"id":"aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa","public_id":"usr_1","name":"A","workspace_ids":[340]}],"prospects":[{"id":"99999999-0000-4000-8000-000000000001","campaign_id":"11111111-1111-4111-8111-111111111111","status":"sent"}],"activities":[{"campaign_id":"11111111-1111-4111-8111-111111111111","prospect_id":"99999999-0000-4000-8000-000000000001","type":"reply","at":"2026-04-20T09:15:00Z"}],"clicks":[{"workspace_id":340,"kind":"campaign","at":"2026-03-02T08:00:00Z","campaign_id":null}]"#).utf8)
        let alphabet = Array(#"{}[]:,"0123456789-.eE+ntrufals\ "#.utf8) + [0x00, 0xFF, 0xC3, 0x0A]
        var loaded = 0
        for _ in 0..<2_000 {
            var bytes = base
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = alphabet.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
            }
            guard let (data, _) = try? bytes.withUnsafeBufferPointer({ try StoreLoader.load($0) }) else { continue }
            loaded += 1
            for c in data.campaigns {
                #expect(CampaignRecords.shape.violation(c.record, ordinal: 0) == nil)
            }
            #expect(Set(data.campaigns.map(\.id)).count == data.campaigns.count)
        }
        #expect(loaded > 100, "the mutations should leave many documents loadable (\(loaded))")
    }
}

/// The seeded generator of these tests (StatsCore.SplitMix64).
typealias StoreSeededGenerator = SplitMix64
