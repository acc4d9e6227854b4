import StatsCore
import StatsJSON
import Testing

@testable import StatsStore

/// SPEC §2 and §11 store rules, on tiny hand-written stores.
@Suite struct StoreLoaderTests {
    static let ws = "ws_01j9s2ge61sws9w3swp55nk7yz"
    static let c1 = "11111111-1111-4111-8111-111111111111"
    static let c2 = "22222222-2222-4222-8222-222222222222"
    static let u1 = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    static let p1 = "99999999-0000-4000-8000-000000000001"
    static let p2 = "99999999-0000-4000-8000-000000000002"

    func load(_ text: String) throws -> (data: StoreData, problems: [StoreProblem]) {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }
    }

    func store(_ members: String) -> String {
        #"{"format":"stats-mcp-store","version":1,"#
            + #""workspaces":[{"id":340,"public_id":"\#(Self.ws)","name":"Acme","timezone":"Europe/Berlin"}],"#
            + #""users":[{"id":"\#(Self.u1)","public_id":"usr_01j5gsy5vg24epgyws65f63wh4","name":"Ada","workspace_ids":[340,999]}],"#
            + members + "}"
    }

    @Test func aMissingArrayIsEmptyAndUnknownKeysAreIgnored() throws {
        let (data, problems) = try load(#"{"format":"stats-mcp-store","version":1,"x_extra":{"a":[1,2]}}"#)
        #expect(data.campaigns.isEmpty && data.tables.workspaces.isEmpty)
        #expect(problems.isEmpty)
    }

    @Test(arguments: [
        (#"{"format":"other","version":1}"#, "format is \"other\""),
        (#"{"format":"stats-mcp-store","version":2}"#, "version is 2"),
        (#"{"format":"stats-mcp-store"}"#, "version is missing"),
        (#"[1,2]"#, "not a JSON object"),
    ])
    func wrongFormatOrVersionNamesTheValueFound(_ text: String, _ expected: String) {
        do {
            _ = try load(text)
            Issue.record("loaded a store with a wrong format")
        } catch let StoreLoadError.format(detail) {
            #expect(detail.contains(expected), "\(detail)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aParseErrorCarriesLineAndColumn() {
        #expect(throws: StoreLoadError.parse(message: "expected ',' or '}' in an object", line: 2, column: 13)) {
            _ = try load("{\"format\":\"stats-mcp-store\",\n\"version\":1 \"x\":2}")
        }
    }

    @Test func aLeadingBOMIsTolerated() throws {
        let (data, _) = try load("\u{FEFF}" + store(#""campaigns":[]"#))
        #expect(data.tables.workspaces.count == 1)
    }

    @Test func unknownTimeZoneIsUTCAndReported() throws {
        let text = #"{"format":"stats-mcp-store","version":1,"workspaces":[{"id":1,"public_id":"\#(Self.ws)","name":"X","timezone":"Mars/Olympus"}]}"#
        let (data, problems) = try load(text)
        #expect(data.tables.workspaces[0].timezone == "UTC")
        #expect(problems.contains { $0.path == "$.workspaces[0].timezone" })
    }

    @Test func linksToUnknownWorkspacesAreDropped() throws {
        let (data, problems) = try load(store(#""campaigns":[]"#))
        #expect(data.tables.users[0].workspaceIDs == [340])
        #expect(problems.contains { $0.path == "$.users[0].workspace_ids[1]" })
    }

    @Test func duplicatesFirstWinsAndOrphansAreIgnored() throws {
        let text = store(#"""
            "campaigns":[
              {"id":"\#(Self.c1)","public_id":"cp_01khfhj28c8p8v3qbk15kvwspy","workspace_id":340,"user_id":"\#(Self.u1)","type":"email","name":"First","status":"active"},
              {"id":"\#(Self.c1)","public_id":"cp_01khfhj28c8p8v3qbk15kvwspz","workspace_id":340,"type":"email","name":"Duplicate","status":"active"},
              {"id":"\#(Self.c2)","public_id":"cp_01khfhj28c8p8v3qbk15kvwsp0","workspace_id":777,"type":"email","name":"Orphan","status":"active"}],
            "prospects":[
              {"id":"\#(Self.p1)","campaign_id":"\#(Self.c1)","status":"sent"},
              {"id":"\#(Self.p1)","campaign_id":"\#(Self.c1)","status":"replied"},
              {"id":"\#(Self.p2)","campaign_id":"\#(Self.c2)","status":"sent"}],
            "activities":[
              {"campaign_id":"\#(Self.c1)","prospect_id":"\#(Self.p1)","type":"email_sent","at":"2026-03-01T10:00:00Z"},
              {"campaign_id":"\#(Self.c1)","prospect_id":"\#(Self.p2)","type":"email_sent","at":"2026-03-01T10:00:00Z"},
              {"campaign_id":"\#(Self.c1)","prospect_id":"\#(Self.p1)","type":"reply","at":"2026-03-01T09:00:00+02:00"}],
            "weekly_snapshots":[
              {"campaign_id":"\#(Self.c1)","week_start":"2026-03-02","stats":{"sent":1}},
              {"campaign_id":"\#(Self.c1)","week_start":"2026-03-02","stats":{"sent":9}}]
            """#)
        let (data, problems) = try load(text)
        // The first campaign wins; the orphan (unknown workspace) is ignored with its prospects.
        #expect(data.campaigns.count == 1)
        #expect(data.campaigns[0].name == "First")
        #expect(data.tables.prospectCounts == [1])
        #expect(data.tables.prospectStatusCounts[0].map(\.status) == ["sent"])
        // The activity of a prospect of another campaign is ignored; the reply (07:00Z) sorts first.
        let table = data.tables.activities[0]
        #expect(table.count == 2)
        #expect(table.type == [ActivityType.reply.rawValue, ActivityType.emailSent.rawValue])
        // The reply came before any outbound activity: no reply time.
        #expect(data.tables.funnels[0].replied == 1)
        #expect(data.tables.funnels[0].replyTimeCount == 0)
        // First snapshot of a week wins.
        #expect(data.snapshots[0].count == 1)
        #expect(data.snapshots[0][0].stats?["sent"] == .int(1))
        for path in [
            "$.campaigns[1]", "$.campaigns[2].workspace_id", "$.prospects[1].id", "$.prospects[2].campaign_id",
            "$.activities[1].prospect_id", "$.weekly_snapshots[1]",
        ] {
            #expect(problems.contains { $0.path == path }, "no problem reported at \(path)")
        }
    }

    @Test func clicksCountOnTheWorkspacesLocalDay() throws {
        // 2026-03-28T23:30Z is 2026-03-29 00:30 in Berlin (UTC+1 until the 01:00Z switch that night).
        let text = store(#"""
            "clicks":[
              {"workspace_id":340,"kind":"vcard","at":"2026-03-28T23:30:00Z"},
              {"workspace_id":340,"kind":"other","at":"2026-03-28T22:59:59Z"},
              {"workspace_id":341,"kind":"other","at":"2026-03-28T22:59:59Z"}]
            """#)
        let (data, problems) = try load(text)
        let day28 = Day(year: 2026, month: 3, day: 28)!
        let day29 = Day(year: 2026, month: 3, day: 29)!
        #expect(data.workspaceClicks(340, from: day29, to: day29).vcard == 1)
        #expect(data.workspaceClicks(340, from: day28, to: day28).other == 1)
        #expect(data.workspaceClicks(340, from: day28, to: day29).total == 2)
        #expect(problems.contains { $0.path == "$.clicks[2].workspace_id" })  // the click of unknown workspace 341
    }

    @Test func journalOpsApplyAndAreIdempotent() throws {
        var (data, _) = try load(store(#"""
            "campaigns":[{"id":"\#(Self.c1)","public_id":"cp_01khfhj28c8p8v3qbk15kvwspy","workspace_id":340,"type":"email","name":"A","status":"active","x_keep":true}],
            "weekly_snapshots":[{"campaign_id":"\#(Self.c1)","week_start":"2026-03-09","stats":{"sent":1},"x_note":"kept"}]
            """#))
        let ops: [JournalOp] = [
            .setCampaignFields(campaignID: Self.c1.uppercased(), fields: JSONObject([("status", "paused"), ("paused_reason", "bounce_rate")])),
            .putSnapshot(JSONObject([("campaign_id", .string(Self.c1)), ("week_start", "2026-03-02"), ("stats", ["sent": 0])])),
            .putSnapshot(JSONObject([("campaign_id", .string(Self.c1)), ("week_start", "2026-03-09"), ("stats", ["sent": 5])])),
        ]
        data.apply(ops)
        data.apply(ops)
        #expect(data.campaigns[0].status == "paused")
        #expect(data.campaigns[0].record["x_keep"] == .bool(true))
        #expect(data.snapshots[0].map(\.weekStart.description) == ["2026-03-02", "2026-03-09"])
        #expect(data.snapshots[0][1].stats?["sent"] == .int(5))
        #expect(data.snapshots[0][1].record["x_note"] == .string("kept"))
    }
}
