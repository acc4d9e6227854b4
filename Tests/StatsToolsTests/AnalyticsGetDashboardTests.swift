import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// analytics_get_dashboard (SPEC §5.4, §11) on the fixture store.
///
/// Scope by default: Ada's campaigns of workspace A, ordered by name then id:
///   T1 "Alpha Email" (b0…07) < E1 "Alpha Email" (c0…01) < E3 "Baseline Only" < L1 "Beta LinkedIn" < C1 "Gamma Calls".
/// (E2 is Bob's, X1 has an unknown owner: both out of scope.)
///
/// Snapshots and their deltas (bucket = the later snapshot's week):
///   E1 (email): 03-02 {sent 10, replied 0} baseline
///               03-09 {sent 25, replied 2, bounced 1}  → sent +15, replied +2, bounced +1 (bounced missing before = 0)
///               03-16 {sent 20, replied 2, opened "7"} → sent −5 (a counter that decreases), replied 0,
///                                                         bounced 0 − 1 = −1 (key only in the previous one),
///                                                         opened skipped (not an integer)
///               03-23 {sent 20, replied 2}              → sent 0, replied 0 (the week appears though every delta is 0)
///   L1 (linkedin): 03-09 {connection_sent 5} baseline; 03-16 {connection_sent 8, connected 3} → +3, +3
///   E3: a single snapshot (baseline only) → nothing.
///   C1 (call): meeting_booked 0,1,2,3,4,5,6 on 2025-04-14 (baseline), 2025-04-21, 2025-04-28, 2025-10-20,
///              2025-10-27, 2026-01-26, 2026-02-02 → +1 in each of the six later weeks.
///   T1: no snapshots, no stats.
/// `total` is never reported.
///
/// allTime: email = E1 {sent 50, replied 5, bounced 2; "note": "x" and "opened": 2.5 skipped} + E3 {sent 1}
///            = {sent 51, replied 5, bounced 2}; linkedin = L1 {connection_sent 8, connected 3} (T1 has no stats);
///          call = C1 {meeting_booked 1}.
///
/// Range cut-offs with today 2026-04-26 (Sunday), monday(today) = 2026-04-20:
///   12w: 2026-04-20 − 77 d = 2026-02-02; 26w: − 175 d = 2025-10-27; 52w: − 357 d = 2025-04-28.
@Suite("analytics_get_dashboard")
struct AnalyticsGetDashboardTests {
    let tool = AnalyticsGetDashboard()

    static let campaignsAll = """
        [{"id":"b0000000-0000-4000-8000-000000000007","public_id":"cp_00000000000000000000000107","name":"Alpha Email","type":"linkedin","status":"archived"},
         {"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000101","name":"Alpha Email","type":"email","status":"active"},
         {"id":"c0000000-0000-4000-8000-000000000005","public_id":"cp_00000000000000000000000105","name":"Baseline Only","type":"email","status":"draft"},
         {"id":"c0000000-0000-4000-8000-000000000002","public_id":"cp_00000000000000000000000102","name":"Beta LinkedIn","type":"linkedin","status":"active"},
         {"id":"c0000000-0000-4000-8000-000000000003","public_id":"cp_00000000000000000000000103","name":"Gamma Calls","type":"call","status":"paused"}]
        """
    static let allTime = """
        {"linkedin":{"connection_sent":8,"connected":3},"email":{"sent":51,"replied":5,"bounced":2},"call":{"meeting_booked":1}}
        """
    static func callWeek(_ day: String) -> String {
        #"{"week_start":"\#(day)","linkedin":{},"email":{},"call":{"meeting_booked":1}}"#
    }
    static let march = [
        #"{"week_start":"2026-03-09","linkedin":{},"email":{"sent":15,"replied":2,"bounced":1},"call":{}}"#,
        #"{"week_start":"2026-03-16","linkedin":{"connection_sent":3,"connected":3},"email":{"sent":-5,"replied":0,"bounced":-1},"call":{}}"#,
        #"{"week_start":"2026-03-23","linkedin":{},"email":{"sent":0,"replied":0},"call":{}}"#,
    ]
    static let callWeeks = ["2025-04-21", "2025-04-28", "2025-10-20", "2025-10-27", "2026-01-26", "2026-02-02"]

    func expected(weeks: [String], range: String) -> JSONValue {
        Fixture.json("""
            {"weekly":[\(weeks.joined(separator: ","))],"allTime":\(Self.allTime),"campaigns":\(Self.campaignsAll),"campaigns_total":5,"range":"\(range)"}
            """)
    }

    @Test func defaultScopeIsTheCallersCampaignsWithEveryWeek() {
        let weeks = Self.callWeeks.map(Self.callWeek) + Self.march
        #expect(Fixture.ok(tool) == expected(weeks: weeks, range: "all"))
    }

    @Test func weeklyEntriesKeepChannelsAndKeysInOrder() throws {
        let result = Fixture.ok(tool)
        let weekly = try #require(result["weekly"]?.arrayValue)
        // Oldest first.
        let days = weekly.compactMap { $0["week_start"]?.stringValue }
        #expect(days == days.sorted())
        // Every entry has the three channel objects in order.
        for week in weekly { #expect(week.objectValue?.keys == ["week_start", "linkedin", "email", "call"]) }
        #expect(result.objectValue?.keys == ["weekly", "allTime", "campaigns", "campaigns_total", "range"])
        #expect(result["allTime"]?.objectValue?.keys == ["linkedin", "email", "call"])
        // `total` never appears.
        #expect(!JSON.string(result["weekly"]!).contains("\"total\""))
        #expect(!JSON.string(result["allTime"]!).contains("\"total\""))
    }

    @Test func rangeBoundaries() {
        // 12w keeps week_start >= 2026-02-02: the call week 2026-02-02 (on the boundary) stays, 2026-01-26 goes.
        #expect(Fixture.ok(tool, #"{"range":"12w"}"#) == expected(weeks: [Self.callWeek("2026-02-02")] + Self.march, range: "12w"))
        // 26w keeps >= 2025-10-27: 2025-10-27 stays, 2025-10-20 goes.
        let w26 = ["2025-10-27", "2026-01-26", "2026-02-02"].map(Self.callWeek) + Self.march
        #expect(Fixture.ok(tool, #"{"range":"26w"}"#) == expected(weeks: w26, range: "26w"))
        // 52w keeps >= 2025-04-28: 2025-04-28 stays, 2025-04-21 goes.
        let w52 = ["2025-04-28", "2025-10-20", "2025-10-27", "2026-01-26", "2026-02-02"].map(Self.callWeek) + Self.march
        #expect(Fixture.ok(tool, #"{"range":"52w"}"#) == expected(weeks: w52, range: "52w"))
    }

    @Test func rangeTrimsOutputOnlyNotTheDeltaBaseline() {
        // today 2026-05-31 → monday 2026-05-25 → 12w keeps week_start >= 2026-03-09. E1's baseline (03-02) is
        // cut from the output, yet the 03-09 delta is still measured against it (+15), not re-based to 0.
        let ctx = Fixture.context(today: Day.parse("2026-05-31")!)
        #expect(Fixture.ok(tool, #"{"range":"12w"}"#, ctx) == expected(weeks: Self.march, range: "12w"))
    }

    @Test(arguments: ["12W", "7w", "", " 12w", "all ", "ALL", "1w"])
    func unknownRangeFallsBackToAll(_ range: String) {
        let result = Fixture.ok(tool, #"{"range":"\#(range)"}"#)
        #expect(result["range"] == "all")
        #expect(result["weekly"]?.arrayValue?.count == 9)
    }

    @Test func explicitAllRange() {
        #expect(Fixture.ok(tool, #"{"range":"all"}"#)["range"] == "all")
    }

    @Test func baselineOnlyCampaign() {
        // E3 has one snapshot: no week; allTime = its stats without total.
        let expected = Fixture.json("""
            {"weekly":[],"allTime":{"linkedin":{},"email":{"sent":1},"call":{}},
             "campaigns":[{"id":"c0000000-0000-4000-8000-000000000005","public_id":"cp_00000000000000000000000105","name":"Baseline Only","type":"email","status":"draft"}],
             "campaigns_total":1,"range":"all"}
            """)
        #expect(Fixture.ok(tool, #"{"campaign_ids":"cp_00000000000000000000000105"}"#) == expected)
        #expect(Fixture.ok(tool, #"{"campaign_ids":["c0000000-0000-4000-8000-000000000005"]}"#) == expected)
    }

    @Test func campaignWithoutSnapshotsOrStats() {
        // T1: no snapshots and no stats → every channel {} and no weeks, but it is listed.
        let result = Fixture.ok(tool, #"{"campaign_ids":["cp_00000000000000000000000107"]}"#)
        #expect(result["weekly"] == [])
        #expect(result["allTime"] == Fixture.json(#"{"linkedin":{},"email":{},"call":{}}"#))
        #expect(result["campaigns"]?.arrayValue?.count == 1)
    }

    @Test func sameCampaignNamedTwiceIsInScopeOnce() {
        // E1 by UUID (upper-case), by cp_ id, and by UUID again, with spaces and empty items.
        let args = #"{"campaign_ids":" C0000000-0000-4000-8000-000000000001 ,cp_00000000000000000000000101,, c0000000-0000-4000-8000-000000000001,"}"#
        let result = Fixture.ok(tool, args)
        let expected = Fixture.json("""
            {"weekly":[{"week_start":"2026-03-09","linkedin":{},"email":{"sent":15,"replied":2,"bounced":1},"call":{}},
                       {"week_start":"2026-03-16","linkedin":{},"email":{"sent":-5,"replied":0,"bounced":-1},"call":{}},
                       {"week_start":"2026-03-23","linkedin":{},"email":{"sent":0,"replied":0},"call":{}}],
             "allTime":{"linkedin":{},"email":{"sent":50,"replied":5,"bounced":2},"call":{}},
             "campaigns":[{"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000101","name":"Alpha Email","type":"email","status":"active"}],
             "campaigns_total":1,"range":"all"}
            """)
        #expect(result == expected)
    }

    @Test func listedCampaignsAreOrderedByNameThenID() {
        let result = Fixture.ok(tool, #"{"campaign_ids":["cp_00000000000000000000000103","c0000000-0000-4000-8000-000000000001","cp_00000000000000000000000107"]}"#)
        let ids = result["campaigns"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(ids == [Fixture.t1, Fixture.e1, Fixture.c1])
    }

    @Test(arguments: [#""""#, "[]", #"" , ,""#, #"["", "  "]"#])
    func emptyCampaignIDsMeanOmitted(_ value: String) {
        let weeks = Self.callWeeks.map(Self.callWeek) + Self.march
        #expect(Fixture.ok(tool, #"{"campaign_ids":\#(value)}"#) == expected(weeks: weeks, range: "all"))
    }

    @Test func noCampaignsInScopeIsNotAnError() {
        // "ada park" (usr …04) owns nothing in A.
        let other = Fixture.context(user: "a0000000-0000-4000-8000-000000000004")
        #expect(Fixture.ok(tool, "{}", other) == Fixture.json(#"{"weekly":[],"allTime":{"linkedin":{},"email":{},"call":{}},"campaigns":[],"campaigns_total":0,"range":"all"}"#))
    }

    @Test func anotherOwnersSession() {
        // Bob owns E2: snapshots 03-02 {sent 1} → 03-09 {sent 7}: +6; stats {total 7, sent 7}.
        let bob = Fixture.context(user: Fixture.bob)
        let expected = Fixture.json("""
            {"weekly":[{"week_start":"2026-03-09","linkedin":{},"email":{"sent":6},"call":{}}],
             "allTime":{"linkedin":{},"email":{"sent":7},"call":{}},
             "campaigns":[{"id":"c0000000-0000-4000-8000-000000000004","public_id":"cp_00000000000000000000000104","name":"Delta Other","type":"email","status":"active"}],
             "campaigns_total":1,"range":"all"}
            """)
        #expect(Fixture.ok(tool, "{}", bob) == expected)
        // Ada's campaigns are not in Bob's reach through campaign_ids.
        #expect(Fixture.error(tool, #"{"campaign_ids":"\#(Fixture.e1)"}"#, bob)?.code == .notFound)
    }

    @Test func sessionInWorkspaceBSeesOnlyItsOwnCampaigns() {
        // Ada in B owns B1: snapshots 03-02 {sent 0} → 03-09 {sent 1}: +1; stats {total 1, sent 1}.
        let ctx = Fixture.context(workspace: Fixture.wsB)
        let expected = Fixture.json("""
            {"weekly":[{"week_start":"2026-03-09","linkedin":{},"email":{"sent":1},"call":{}}],
             "allTime":{"linkedin":{},"email":{"sent":1},"call":{}},
             "campaigns":[{"id":"d0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000201","name":"Beta Secret","type":"email","status":"active"}],
             "campaigns_total":1,"range":"all"}
            """)
        #expect(Fixture.ok(tool, "{}", ctx) == expected)
    }

    // MARK: Errors

    @Test func malformedItemIsInvalidArgument() throws {
        let e = try #require(Fixture.error(tool, #"{"campaign_ids":"cp_00000000000000000000000101, nope"}"#))
        #expect(e.code == .invalidArgument)
        #expect(e.field == "campaign_ids")
        #expect(e.message.contains("nope"))
        // A usr_ id, a cp_ id with a bad character, a UUID with a bad version digit.
        for bad in ["usr_00000000000000000000000001", "cp_0000000000000000000000010u", "c0000000-0000-0000-8000-000000000001"] {
            let e = try #require(Fixture.error(tool, #"{"campaign_ids":["\#(bad)"]}"#))
            #expect(e.code == .invalidArgument && e.field == "campaign_ids")
        }
    }

    @Test func malformedItemIsReportedBeforeAWrongRangeType() throws {
        // Schema order: campaign_ids is checked (format included) before range.
        let e = try #require(Fixture.error(tool, #"{"campaign_ids":"x","range":12}"#))
        #expect(e.field == "campaign_ids")
    }

    @Test(arguments: ["12", "true", "{}", #"[1]"#, #"["cp_00000000000000000000000101", 2]"#, #"["cp_00000000000000000000000101", null]"#])
    func wrongCampaignIDsType(_ value: String) throws {
        let e = try #require(Fixture.error(tool, #"{"campaign_ids":\#(value)}"#))
        #expect(e.code == .invalidArgument)
        #expect(e.field == "campaign_ids")
    }

    @Test(arguments: ["12", "[\"12w\"]", "true"])
    func nonStringRangeIsInvalid(_ value: String) throws {
        let e = try #require(Fixture.error(tool, #"{"range":\#(value)}"#))
        #expect(e.code == .invalidArgument)
        #expect(e.field == "range")
    }

    @Test func unknownArgument() throws {
        let e = try #require(Fixture.error(tool, #"{"campaignIds":"x"}"#))
        #expect(e.code == .invalidArgument && e.field == "campaignIds")
        let two = try #require(Fixture.error(tool, #"{"a":1,"b":2}"#))
        #expect(two.code == .invalidArgument && two.field == nil)
    }

    @Test func oneNotFoundErrorListsEveryOffendingValue() throws {
        // B1 (workspace B, even though Ada owns it), E2 (A, but Bob's), a never-existing UUID; E1 is fine.
        let args = #"{"campaign_ids":["cp_00000000000000000000000201","c0000000-0000-4000-8000-000000000004","c0000000-0000-4000-8000-000000000001","12345678-1234-4234-8234-123456789abc"]}"#
        let e = try #require(Fixture.error(tool, args))
        #expect(e.code == .notFound)
        #expect(e.field == "campaign_ids")
        for value in ["cp_00000000000000000000000201", "c0000000-0000-4000-8000-000000000004", "12345678-1234-4234-8234-123456789abc"] {
            #expect(e.message.contains(value))
        }
        #expect(!e.message.contains(Fixture.e1))
        // Nothing about the other tenant leaks (its campaign's name).
        #expect(!e.message.contains("Beta Secret") && !(e.hint ?? "").contains("Beta Secret"))
    }

    @Test func tenantIsolation() {
        // From a session of A, every campaign id of B and C (UUID and cp_) fails exactly like a never-existing one.
        let foreign = [Fixture.b1, Fixture.b1Public, Fixture.b2, Fixture.b2Public, Fixture.g1, Fixture.g1Public]
        let nowhereUUID = Fixture.redacted(Fixture.error(tool, #"{"campaign_ids":"\#(Fixture.nowhereUUID)"}"#), Fixture.nowhereUUID)
        let nowherePublic = Fixture.redacted(Fixture.error(tool, #"{"campaign_ids":"\#(Fixture.nowherePublic)"}"#), Fixture.nowherePublic)
        #expect(nowhereUUID != nil)
        for id in foreign {
            let e = Fixture.redacted(Fixture.error(tool, #"{"campaign_ids":["\#(id)"]}"#), id)
            #expect(e == (id.hasPrefix("cp_") ? nowherePublic : nowhereUUID), "\(id)")
        }
    }

    // MARK: type and the campaigns cap (revision 2)

    @Test func typeKeepsOnlyThatChannel() {
        // Ada's email campaigns: E1 and E3 (T1/L1 linkedin, C1 call drop out); E3 is a baseline only.
        let expected = Fixture.json("""
            {"weekly":[\(Self.march[0]),
                       {"week_start":"2026-03-16","linkedin":{},"email":{"sent":-5,"replied":0,"bounced":-1},"call":{}},
                       \(Self.march[2])],
             "allTime":{"linkedin":{},"email":{"sent":51,"replied":5,"bounced":2},"call":{}},
             "campaigns":[{"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000101","name":"Alpha Email","type":"email","status":"active"},
                          {"id":"c0000000-0000-4000-8000-000000000005","public_id":"cp_00000000000000000000000105","name":"Baseline Only","type":"email","status":"draft"}],
             "campaigns_total":2,"range":"all"}
            """)
        #expect(Fixture.ok(tool, #"{"type":"email"}"#) == expected)
        #expect(Fixture.ok(tool, #"{"type":"call","range":"12w"}"#)["weekly"] == Fixture.json("[\(Self.callWeek("2026-02-02"))]"))
        #expect(Fixture.error(tool, #"{"type":"Email"}"#)?.field == "type")
    }

    @Test func typeAppliesAfterTheCampaignIDChecks() throws {
        // A listed campaign of another type drops out silently …
        let r = Fixture.ok(tool, #"{"campaign_ids":["cp_00000000000000000000000103","cp_00000000000000000000000101"],"type":"email"}"#)
        #expect(r["campaigns"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [Fixture.e1])
        #expect(r["campaigns_total"] == 1)
        let none = Fixture.ok(tool, #"{"campaign_ids":"cp_00000000000000000000000103","type":"email"}"#)
        #expect(none == Fixture.json(#"{"weekly":[],"allTime":{"linkedin":{},"email":{},"call":{}},"campaigns":[],"campaigns_total":0,"range":"all"}"#))
        // … but a campaign out of reach is still not_found, whatever its type.
        let e = try #require(Fixture.error(tool, #"{"campaign_ids":["cp_00000000000000000000000201"],"type":"linkedin"}"#))
        #expect(e.code == .notFound && e.field == "campaign_ids")
    }

    @Test func campaignsAreCappedAt25ByNameWithATotal() throws {
        // 30 email campaigns of Ada named N01 … N30, stored in reverse: the first 25 by name are N01 … N25.
        var campaigns: [String] = []
        for i in (1...30).reversed() {
            let id = String(format: "c2000000-0000-4000-8000-%012d", i)
            campaigns.append(#"{"id":"\#(id)","public_id":"cp_\#(String(format: "%026d", 700 + i))","workspace_id":340,"user_id":"\#(Fixture.ada)","type":"email","name":"\#(String(format: "N%02d", i))","status":"active","stats":{"sent":\#(i)}}"#)
        }
        let text = """
            {"format":"stats-mcp-store","version":1,
             "workspaces":[{"id":340,"public_id":"ws_00000000000000000000000340","name":"Acme","timezone":"UTC"}],
             "users":[{"id":"\(Fixture.ada)","public_id":"usr_00000000000000000000000001","name":"Ada Park","workspace_ids":[340]}],
             "campaigns":[\(campaigns.joined(separator: ","))]}
            """
        let r = Fixture.ok(tool, "{}", Fixture.context(data: Fixture.load(text)))
        let names = try #require(r["campaigns"]?.arrayValue).compactMap { $0["name"]?.stringValue }
        #expect(names == (1...25).map { String(format: "N%02d", $0) })
        #expect(r["campaigns_total"] == 30)
        // allTime still sums all 30 (1 + … + 30 = 465): the cap trims only the list.
        #expect(r["allTime"]?["email"] == Fixture.json(#"{"sent":465}"#))
    }
}
