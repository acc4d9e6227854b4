import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// analytics_get_call_dashboard (SPEC §5.6, §11) on the fixture store (today 2026-04-26).
///
/// Batches of A, newest created_at first (instants compared), ties by id:
///   ba…03 pending    2026-04-21T00:00Z      no calls                               → progress 0
///   ba…01 processing 2026-04-20T10:00Z      1 completed, 5 pending, 1 in_progress, 1 unknown status
///                                           → total 8; (1 + 0) / 8 = 12.5 % → 13
///   ba…02 completed  2026-04-20T12:00+02:00 (the same instant as ba…01; id decides) 2 completed, 1 failed → 100
///   ba…04 failed     2026-01-01T00:00Z      2 failed, 1 pending → 200 / 3 = 66.67 → 67
///
/// call_stats_daily of A (row: total, completed, connected, meetings, qualified, conversations, duration):
///   04-26 C1 10,4,3,1,1,2,250   04-20 C1 10,4,2,0,1,2,250   04-19 C1 5,5,5,5,5,5,5   03-27 C1 1000,3,1,1,0,0,10
///   04-25 unknown campaign 20,3,1,1,0,0,100   04-25 null campaign 99,9,9,9,9,9,9 (only in `totals`)
///   04-25 B1 (a campaign of workspace B) 20,0,0,0,0,0,0   04-23 E1 20,2,1,0,0,1,61   04-24 L1 all 0
///   03-28 E2 1,1,1,1,0,0,3
/// (Workspace B also has a row 04-25 B1 1000,… that A never sees.)
@Suite("analytics_get_call_dashboard")
struct AnalyticsGetCallDashboardTests {
    let tool = AnalyticsGetCallDashboard()

    static let ba3 = #"{"id":"ba000000-0000-4000-8000-000000000003","workspace_id":340,"campaign_id":"c0000000-0000-4000-8000-000000000003","status":"pending","total_calls":0,"completed_count":0,"failed_count":0,"pending_count":0,"in_progress_count":0,"progress_pct":0,"created_at":"2026-04-21T00:00:00Z","completed_at":null}"#
    static let ba1 = #"{"id":"ba000000-0000-4000-8000-000000000001","workspace_id":340,"campaign_id":"c0000000-0000-4000-8000-000000000003","status":"processing","total_calls":8,"completed_count":1,"failed_count":0,"pending_count":5,"in_progress_count":1,"progress_pct":13,"created_at":"2026-04-20T10:00:00Z","completed_at":null}"#
    static let ba2 = #"{"id":"ba000000-0000-4000-8000-000000000002","workspace_id":340,"campaign_id":"c0000000-0000-4000-8000-000000000003","status":"completed","total_calls":3,"completed_count":2,"failed_count":1,"pending_count":0,"in_progress_count":0,"progress_pct":100,"created_at":"2026-04-20T12:00:00+02:00","completed_at":"2026-04-20T13:00:00+02:00"}"#
    static let ba4 = #"{"id":"ba000000-0000-4000-8000-000000000004","workspace_id":340,"campaign_id":"c0000000-0000-4000-8000-000000000001","status":"failed","total_calls":3,"completed_count":0,"failed_count":2,"pending_count":1,"in_progress_count":0,"progress_pct":67,"created_at":"2026-01-01T00:00:00Z","completed_at":"2026-01-02T00:00:00Z"}"#

    static func stat(_ id: String, _ name: String?, _ c: [Int], avg: Int, contact: String, conversion: String) -> String {
        let nameJSON = name.map { "\"\($0)\"" } ?? "null"
        return """
            {"campaign_id":"\(id)","campaign_name":\(nameJSON),"total_calls":\(c[0]),"completed_calls":\(c[1]),"connected_calls":\(c[2]),
             "meetings_booked":\(c[3]),"qualified_leads":\(c[4]),"conversations_had":\(c[5]),"avg_duration_seconds":\(avg),
             "contact_rate":\(contact),"conversion_rate":\(conversion)}
            """
    }

    // 7d / 30d shared rows.
    // E1: 20,2,1,0,0,1, 61 s → avg round(61/2 = 30.5) = 31; contact 1/20 = 5.0; conversion 0/20 = 0.0
    static let e1 = stat(Fixture.e1, "Alpha Email", [20, 2, 1, 0, 0, 1], avg: 31, contact: "5.0", conversion: "0.0")
    // Unknown campaign: 20,3,1,1,0,0, 100 s → avg round(33.33) = 33; 5.0; 5.0; name null
    static let unknown = stat(Fixture.unknownCampaign, nil, [20, 3, 1, 1, 0, 0], avg: 33, contact: "5.0", conversion: "5.0")
    // B1 seen from A: a campaign not in the session workspace → name null; no completed calls → avg 0
    static let b1 = stat(Fixture.b1, nil, [20, 0, 0, 0, 0, 0], avg: 0, contact: "0.0", conversion: "0.0")
    // L1: total 0 → avg 0, rates 0.0 (not null)
    static let l1 = stat(Fixture.l1, "Beta LinkedIn", [0, 0, 0, 0, 0, 0], avg: 0, contact: "0.0", conversion: "0.0")

    /// A `totals` object: the fields of a stats row without campaign_id / campaign_name.
    static func totals(_ c: [Int], avg: Int, contact: String, conversion: String) -> String {
        """
        {"total_calls":\(c[0]),"completed_calls":\(c[1]),"connected_calls":\(c[2]),"meetings_booked":\(c[3]),
         "qualified_leads":\(c[4]),"conversations_had":\(c[5]),"avg_duration_seconds":\(avg),"contact_rate":\(contact),"conversion_rate":\(conversion)}
        """
    }

    func expected(batches: [String], stats: [String], statsTotal: Int? = nil, totals: String, total: Int = 4, limit: Int = 25, offset: Int = 0,
                  hasMore: Bool = false, period: String, from: String, to: String) -> JSONValue {
        Fixture.json("""
            {"active_batches":[\(batches.joined(separator: ","))],"campaign_stats":[\(stats.joined(separator: ","))],
             "campaign_stats_total":\(statsTotal ?? stats.count),"totals":\(totals),
             "pagination":{"total":\(total),"limit":\(limit),"offset":\(offset),"has_more":\(hasMore)},
             "period":{"name":"\(period)","from":"\(from)","to":"\(to)"}}
            """)
    }

    @Test func defaultsAre30DaysAndLimit25() {
        // 30d = 2026-03-28 … 2026-04-26. C1: 04-26 + 04-20 + 04-19 = 25,13,10,6,7,9, 505 s →
        //   avg round(505/13 = 38.85) = 39; contact 10/25 = 40.0; conversion 6/25 = 24.0. (03-27 is outside.)
        // E2 (03-28, the first day): 1,1,1,1,0,0, 3 s → avg 3; 100.0; 100.0.
        // Order: C1 25; then the 20s: E1 "Alpha Email", then null names by id (99999999… < d0000000…); E2 1; L1 0.
        let c1 = Self.stat(Fixture.c1, "Gamma Calls", [25, 13, 10, 6, 7, 9], avg: 39, contact: "40.0", conversion: "24.0")
        let e2 = Self.stat(Fixture.e2, "Delta Other", [1, 1, 1, 1, 0, 0], avg: 3, contact: "100.0", conversion: "100.0")
        // Totals: every row of the 30 days, the campaign-less 04-25 row included:
        //   total 10+10+5+20+99+20+20+0+1 = 185; completed 4+4+5+3+9+0+2+0+1 = 28; connected 3+2+5+1+9+0+1+0+1 = 22;
        //   meetings 1+0+5+1+9+0+0+0+1 = 17; qualified 1+1+5+0+9 = 16; conversations 2+2+5+0+9+0+1 = 19;
        //   duration 250+250+5+100+9+0+61+0+3 = 678 → avg round(678/28 = 24.2) = 24; contact 22/185 = 11.89 → 11.9;
        //   conversion 17/185 = 9.19 → 9.2.
        let totals = Self.totals([185, 28, 22, 17, 16, 19], avg: 24, contact: "11.9", conversion: "9.2")
        let result = Fixture.ok(tool)
        #expect(result == expected(batches: [Self.ba3, Self.ba1, Self.ba2, Self.ba4], stats: [c1, Self.e1, Self.unknown, Self.b1, e2, Self.l1],
                                   totals: totals, period: "30d", from: "2026-03-28", to: "2026-04-26"))
        #expect(result.objectValue?.keys == ["active_batches", "campaign_stats", "campaign_stats_total", "totals", "pagination", "period"])
    }

    @Test func today() {
        // Only 04-26: C1 10,4,3,1,1,2, 250 s → avg round(62.5) = 63; contact 30.0; conversion 10.0.
        let c1 = Self.stat(Fixture.c1, "Gamma Calls", [10, 4, 3, 1, 1, 2], avg: 63, contact: "30.0", conversion: "10.0")
        #expect(Fixture.ok(tool, #"{"period":"today"}"#)
            == expected(batches: [Self.ba3, Self.ba1, Self.ba2, Self.ba4], stats: [c1],
                        totals: Self.totals([10, 4, 3, 1, 1, 2], avg: 63, contact: "30.0", conversion: "10.0"),
                        period: "today", from: "2026-04-26", to: "2026-04-26"))
    }

    @Test func sevenDays() {
        // 04-20 … 04-26: C1 = 04-20 + 04-26 = 20,8,5,1,2,4, 500 s → avg 62.5 → 63; 25.0; 5.0.
        // Four campaigns with 20 calls: names first ("Alpha Email" < "Gamma Calls"), then the two null names by id.
        let c1 = Self.stat(Fixture.c1, "Gamma Calls", [20, 8, 5, 1, 2, 4], avg: 63, contact: "25.0", conversion: "5.0")
        // Totals: C1 20,8,5,1,2,4,500 + unknown 20,3,1,1,0,0,100 + campaign-less 99,9,9,9,9,9,9 + B1 20,0… + E1 20,2,1,0,0,1,61
        //   + L1 0 = 179,22,16,11,11,14, 670 s → avg round(30.45) = 30; 16/179 = 8.94 → 8.9; 11/179 = 6.15 → 6.1.
        let totals = Self.totals([179, 22, 16, 11, 11, 14], avg: 30, contact: "8.9", conversion: "6.1")
        #expect(Fixture.ok(tool, #"{"period":"7d"}"#)
            == expected(batches: [Self.ba3, Self.ba1, Self.ba2, Self.ba4], stats: [Self.e1, c1, Self.unknown, Self.b1, Self.l1],
                        totals: totals, period: "7d", from: "2026-04-20", to: "2026-04-26"))
    }

    @Test func ninetyDays() throws {
        // 2026-01-27 … 04-26 adds C1 03-27 (1000,3,1,1,0,0,10): 1025,16,11,7,7,9, 515 s →
        //   avg round(515/16 = 32.19) = 32; contact 11/1025 = 1.073 % → 1.1; conversion 7/1025 = 0.683 % → 0.7.
        let result = Fixture.ok(tool, #"{"period":"90d"}"#)
        #expect(result["period"] == Fixture.json(#"{"name":"90d","from":"2026-01-27","to":"2026-04-26"}"#))
        let first = try #require(result["campaign_stats"]?.arrayValue?.first)
        #expect(first == Fixture.json(Self.stat(Fixture.c1, "Gamma Calls", [1025, 16, 11, 7, 7, 9], avg: 32, contact: "1.1", conversion: "0.7")))
    }

    @Test func customPeriod() {
        // 03-27 only: C1 1000,3,1,1,0,0, 10 s → avg round(3.33) = 3; 1/1000 = 0.1 %; 0.1 %.
        let c1 = Self.stat(Fixture.c1, "Gamma Calls", [1000, 3, 1, 1, 0, 0], avg: 3, contact: "0.1", conversion: "0.1")
        #expect(Fixture.ok(tool, #"{"period":"custom","start_date":"2026-03-27","end_date":"2026-03-27"}"#)
            == expected(batches: [Self.ba3, Self.ba1, Self.ba2, Self.ba4], stats: [c1],
                        totals: Self.totals([1000, 3, 1, 1, 0, 0], avg: 3, contact: "0.1", conversion: "0.1"),
                        period: "custom", from: "2026-03-27", to: "2026-03-27"))
        // A period with no rows: an empty list, batches unchanged (they are not filtered by period).
        let empty = Fixture.ok(tool, #"{"period":"custom","start_date":"2020-01-01","end_date":"2020-12-31"}"#)
        #expect(empty["campaign_stats"] == [])
        #expect(empty["active_batches"]?.arrayValue?.count == 4)
        // The longest allowed custom period: 2024-01-01 … 2026-12-31 = 366 + 365 + 365 = 1096 days.
        #expect(Fixture.run(tool, #"{"period":"custom","start_date":"2024-01-01","end_date":"2026-12-31"}"#).isSuccess)
    }

    @Test func statusAndCampaignFilters() {
        #expect(Fixture.ok(tool, #"{"status":"processing"}"#)["active_batches"] == Fixture.json("[\(Self.ba1)]"))
        #expect(Fixture.ok(tool, #"{"status":"failed"}"#)["active_batches"] == Fixture.json("[\(Self.ba4)]"))
        let none = Fixture.ok(tool, #"{"status":"processing","campaign_id":"c0000000-0000-4000-8000-000000000001"}"#)
        #expect(none["active_batches"] == [])
        #expect(none["pagination"] == Fixture.json(#"{"total":0,"limit":25,"offset":0,"has_more":false}"#))

        // campaign_id (cp_ or UUID in any case) filters batches and campaign stats.
        let c1 = Self.stat(Fixture.c1, "Gamma Calls", [25, 13, 10, 6, 7, 9], avg: 39, contact: "40.0", conversion: "24.0")
        // Totals: only C1's rows (the campaign-less row is not C1's).
        let expectedC1 = expected(
            batches: [Self.ba3, Self.ba1, Self.ba2], stats: [c1],
            totals: Self.totals([25, 13, 10, 6, 7, 9], avg: 39, contact: "40.0", conversion: "24.0"), total: 3,
            period: "30d", from: "2026-03-28", to: "2026-04-26")
        #expect(Fixture.ok(tool, #"{"campaign_id":"cp_00000000000000000000000103"}"#) == expectedC1)
        #expect(Fixture.ok(tool, #"{"campaign_id":"C0000000-0000-4000-8000-000000000003"}"#) == expectedC1)
        // A campaign with rows but no batches.
        let l1 = Fixture.ok(tool, #"{"campaign_id":"cp_00000000000000000000000102"}"#)
        #expect(l1["active_batches"] == [])
        #expect(l1["campaign_stats"] == Fixture.json("[\(Self.l1)]"))
    }

    @Test func pagination() {
        let all = [Self.ba3, Self.ba1, Self.ba2, Self.ba4]
        func page(_ args: String) -> (JSONValue?, JSONValue?) {
            let r = Fixture.ok(tool, args)
            return (r["active_batches"], r["pagination"])
        }
        var (batches, pagination) = page(#"{"limit":2}"#)
        #expect(batches == Fixture.json("[\(all[0]),\(all[1])]"))
        #expect(pagination == Fixture.json(#"{"total":4,"limit":2,"offset":0,"has_more":true}"#))
        (batches, pagination) = page(#"{"limit":2,"offset":2}"#)
        #expect(batches == Fixture.json("[\(all[2]),\(all[3])]"))
        #expect(pagination == Fixture.json(#"{"total":4,"limit":2,"offset":2,"has_more":false}"#))
        (batches, pagination) = page(#"{"limit":3,"offset":1}"#)
        #expect(batches == Fixture.json("[\(all[1]),\(all[2]),\(all[3])]"))
        #expect(pagination?["has_more"] == false)
        // Offset exactly at and past the end: an empty page, has_more false, offset echoed.
        (batches, pagination) = page(#"{"offset":4}"#)
        #expect(batches == [] && pagination == Fixture.json(#"{"total":4,"limit":25,"offset":4,"has_more":false}"#))
        (batches, pagination) = page(#"{"offset":1000000000000}"#)
        #expect(batches == [] && pagination == Fixture.json(#"{"total":4,"limit":25,"offset":1000000000000,"has_more":false}"#))
        // limit 1 walks every batch exactly once.
        var seen: [JSONValue] = []
        for offset in 0..<5 {
            let (b, p) = page(#"{"limit":1,"offset":\#(offset)}"#)
            seen += b?.arrayValue ?? []
            #expect(p?["has_more"] == .bool(offset < 3))
        }
        #expect(seen == all.map(Fixture.json))
    }

    @Test(arguments: [101, 500, 100])
    func limitAbove100IsClampedAndEchoed(_ limit: Int) {
        let r = Fixture.ok(tool, #"{"limit":\#(limit)}"#)
        #expect(r["pagination"] == Fixture.json(#"{"total":4,"limit":100,"offset":0,"has_more":false}"#))
    }

    @Test func integerArgumentsAcceptZeroFraction() {
        #expect(Fixture.ok(tool, #"{"limit":2.0,"offset":1.0}"#)["pagination"] == Fixture.json(#"{"total":4,"limit":2,"offset":1,"has_more":true}"#))
    }

    @Test func sessionOfWorkspaceB() {
        // B sees only its batch bb…01 (1 completed call → 100 %) and its own row (B1 named, being B's campaign).
        let r = Fixture.ok(tool, "{}", Fixture.context(workspace: Fixture.wsB))
        let batch = #"{"id":"bb000000-0000-4000-8000-000000000001","workspace_id":341,"campaign_id":"d0000000-0000-4000-8000-000000000001","status":"processing","total_calls":1,"completed_count":1,"failed_count":0,"pending_count":0,"in_progress_count":0,"progress_pct":100,"created_at":"2026-04-22T00:00:00Z","completed_at":null}"#
        let stat = Self.stat(Fixture.b1, "Beta Secret", [1000, 1, 1, 1, 1, 1], avg: 1, contact: "0.1", conversion: "0.1")
        #expect(r == expected(
            batches: [batch], stats: [stat], totals: Self.totals([1000, 1, 1, 1, 1, 1], avg: 1, contact: "0.1", conversion: "0.1"), total: 1,
            period: "30d", from: "2026-03-28", to: "2026-04-26"))
    }

    @Test func presetPeriods() {
        // §4 presets on today 2026-04-26 (a Sunday); period.name echoes the value, no `preset` key.
        let cases: [(String, String, String)] = [
            ("yesterday", "2026-04-25", "2026-04-25"), ("last_7_days", "2026-04-20", "2026-04-26"),
            ("this_week", "2026-04-20", "2026-04-26"), ("last_week", "2026-04-13", "2026-04-19"),
            ("this_month", "2026-04-01", "2026-04-26"), ("last_month", "2026-03-01", "2026-03-31"),
            ("this_quarter", "2026-04-01", "2026-04-26"), ("last_quarter", "2026-01-01", "2026-03-31"),
            ("this_year", "2026-01-01", "2026-04-26"), ("last_year", "2025-01-01", "2025-12-31"),
            ("last_30_days", "2026-03-28", "2026-04-26"), ("last_90_days", "2026-01-27", "2026-04-26"), ("today", "2026-04-26", "2026-04-26"),
        ]
        for (name, from, to) in cases {
            #expect(Fixture.ok(tool, #"{"period":"\#(name)"}"#)["period"] == Fixture.json(#"{"name":"\#(name)","from":"\#(from)","to":"\#(to)"}"#), "\(name)")
        }
        // yesterday = 04-25: unknown 20,3,1,1,0,0,100; campaign-less 99,9,9,9,9,9,9; B1 20,0,0,0,0,0,0 →
        //   totals 139,12,10,10,9,9, 109 s → avg round(109/12 = 9.08) = 9; 10/139 = 7.19 → 7.2; same for conversion.
        //   campaign_stats: the unknown campaign and B1 (20 each, null names, by id) — not the campaign-less row.
        let y = Fixture.ok(tool, #"{"period":"yesterday"}"#)
        #expect(y["totals"] == Fixture.json(Self.totals([139, 12, 10, 10, 9, 9], avg: 9, contact: "7.2", conversion: "7.2")))
        #expect(y["campaign_stats"] == Fixture.json("[\(Self.unknown),\(Self.b1)]"))
        #expect(y["campaign_stats_total"] == 2)
        // last_week = 04-13 … 04-19: C1 04-19 only.
        let lw = Fixture.ok(tool, #"{"period":"last_week"}"#)
        #expect(lw["totals"] == Fixture.json(Self.totals([5, 5, 5, 5, 5, 5], avg: 1, contact: "100.0", conversion: "100.0")))
        // A preset with dates is still a non-custom period: dates are not allowed.
        #expect(Fixture.error(tool, #"{"period":"last_month","start_date":"2026-03-01"}"#)?.field == "start_date")
        // Presets match exactly.
        #expect(Fixture.error(tool, #"{"period":"Last_month"}"#)?.field == "period")
    }

    @Test func totalsWithoutAnyRowAreZeros() {
        let r = Fixture.ok(tool, #"{"period":"custom","start_date":"2020-01-01","end_date":"2020-01-31"}"#)
        #expect(r["totals"] == Fixture.json(Self.totals([0, 0, 0, 0, 0, 0], avg: 0, contact: "0.0", conversion: "0.0")))
        #expect(r["campaign_stats_total"] == 0)
    }

    @Test func statusFiltersBatchesOnly() {
        // status=pending keeps one batch, but campaign stats and totals are those of the whole 30 days.
        let all = Fixture.ok(tool)
        let pending = Fixture.ok(tool, #"{"status":"pending"}"#)
        #expect(pending["active_batches"] == Fixture.json("[\(Self.ba3)]"))
        #expect(pending["campaign_stats"] == all["campaign_stats"])
        #expect(pending["totals"] == all["totals"])
        #expect(pending["campaign_stats_total"] == 6)
    }

    @Test func campaignStatsAreCappedAt25WithATotal() throws {
        // 30 campaigns with 1…30 calls on 2026-04-26 plus a campaign-less row of 1000 calls: the 25 with the most
        // calls (30 … 6) are listed; campaign_stats_total is 30; totals = 1 + … + 30 + 1000 = 465 + 1000 = 1465.
        var campaigns: [String] = []
        var rows: [String] = []
        for i in 1...30 {
            let id = String(format: "c1000000-0000-4000-8000-%012d", i)
            campaigns.append(#"{"id":"\#(id)","public_id":"cp_\#(String(format: "%026d", 500 + i))","workspace_id":340,"user_id":"\#(Fixture.ada)","type":"call","name":"C\#(i)","status":"active"}"#)
            rows.append(#"{"workspace_id":340,"date":"2026-04-26","campaign_id":"\#(id)","total_calls":\#(i),"completed_calls":0,"connected_calls":0,"meetings_booked":0,"qualified_leads":0,"conversations_had":0,"total_duration_seconds":0}"#)
        }
        rows.append(#"{"workspace_id":340,"date":"2026-04-26","campaign_id":null,"total_calls":1000,"completed_calls":0,"connected_calls":0,"meetings_booked":0,"qualified_leads":0,"conversations_had":0,"total_duration_seconds":0}"#)
        let text = """
            {"format":"stats-mcp-store","version":1,
             "workspaces":[{"id":340,"public_id":"ws_00000000000000000000000340","name":"Acme","timezone":"UTC"}],
             "users":[{"id":"\(Fixture.ada)","public_id":"usr_00000000000000000000000001","name":"Ada Park","workspace_ids":[340]}],
             "campaigns":[\(campaigns.joined(separator: ","))],"call_stats_daily":[\(rows.joined(separator: ","))]}
            """
        let r = Fixture.ok(tool, #"{"period":"today"}"#, Fixture.context(data: Fixture.load(text)))
        let names = try #require(r["campaign_stats"]?.arrayValue).compactMap { $0["campaign_name"]?.stringValue }
        #expect(names == (6...30).reversed().map { "C\($0)" })
        #expect(r["campaign_stats_total"] == 30)
        #expect(r["totals"]?["total_calls"] == 1465)
    }

    // MARK: Errors

    func failure(_ args: String) -> ToolError? { Fixture.error(tool, args) }

    @Test func customDatesRequiredExactlyWithCustom() {
        // Missing with custom: the missing one, start_date first.
        #expect(failure(#"{"period":"custom"}"#)?.field == "start_date")
        #expect(failure(#"{"period":"custom","end_date":"2026-03-31"}"#)?.field == "start_date")
        #expect(failure(#"{"period":"custom","start_date":"2026-03-01"}"#)?.field == "end_date")
        // Given without custom (explicit or default period): the one given, start_date first.
        #expect(failure(#"{"period":"7d","start_date":"2026-03-01"}"#)?.field == "start_date")
        #expect(failure(#"{"period":"7d","end_date":"2026-03-31"}"#)?.field == "end_date")
        #expect(failure(#"{"start_date":"2026-03-01","end_date":"2026-03-31"}"#)?.field == "start_date")
        #expect(failure(#"{"end_date":"2026-03-31"}"#)?.field == "end_date")
        for args in [#"{"period":"custom"}"#, #"{"end_date":"2026-03-31"}"#] { #expect(failure(args)?.code == .invalidArgument) }
    }

    @Test func customRangeRules() throws {
        let reversed = try #require(failure(#"{"period":"custom","start_date":"2026-04-01","end_date":"2026-03-01"}"#))
        #expect(reversed.code == .invalidArgument && reversed.field == nil)
        // 2024-01-01 … 2027-01-01 = 1097 days.
        let long = try #require(failure(#"{"period":"custom","start_date":"2024-01-01","end_date":"2027-01-01"}"#))
        #expect(long.code == .invalidArgument && long.field == nil)
    }

    @Test(arguments: [
        (#"{"period":"week"}"#, "period"), (#"{"period":"30D"}"#, "period"), (#"{"period":30}"#, "period"),
        (#"{"period":"custom","start_date":"2026-02-30","end_date":"2026-03-31"}"#, "start_date"),
        (#"{"period":"custom","start_date":"2026-03-01","end_date":"2026-3-31"}"#, "end_date"),
        (#"{"period":"custom","start_date":"2026-03-01T00:00","end_date":"2026-03-31"}"#, "start_date"),
        (#"{"start_date":"1999-12-31"}"#, "start_date"),
        (#"{"status":"done"}"#, "status"), (#"{"status":"Processing"}"#, "status"), (#"{"status":1}"#, "status"),
        (#"{"campaign_id":"abc"}"#, "campaign_id"), (#"{"campaign_id":"usr_00000000000000000000000001"}"#, "campaign_id"),
        (#"{"campaign_id":123}"#, "campaign_id"),
        (#"{"limit":0}"#, "limit"), (#"{"limit":-5}"#, "limit"), (#"{"limit":"5"}"#, "limit"), (#"{"limit":2.5}"#, "limit"),
        (#"{"limit":true}"#, "limit"),
        (#"{"offset":-1}"#, "offset"), (#"{"offset":"0"}"#, "offset"), (#"{"offset":0.5}"#, "offset"),
        (#"{"agency_id":1}"#, "agency_id"),
    ])
    func invalidArguments(_ args: String, _ field: String) throws {
        let e = try #require(failure(args))
        #expect(e.code == .invalidArgument)
        #expect(e.field == field)
    }

    @Test func validationOrder() {
        // Unknown names first, then schema order (period … offset), then cross-field rules, then references.
        #expect(failure(#"{"zzz":1,"period":"bad"}"#)?.field == "zzz")
        #expect(failure(#"{"period":"bad","limit":0}"#)?.field == "period")
        #expect(failure(#"{"limit":0,"start_date":"2026-03-01"}"#)?.field == "limit")
        #expect(failure(#"{"start_date":"2026-03-01","campaign_id":"cp_07777777777777777777777777"}"#)?.field == "start_date")
        #expect(failure(#"{"period":"custom","start_date":"2026-04-01","end_date":"2026-03-01","campaign_id":"cp_07777777777777777777777777"}"#)?.code == .invalidArgument)
        #expect(failure(#"{"campaign_id":"cp_07777777777777777777777777"}"#)?.code == .notFound)
    }

    @Test func tenantIsolation() {
        // From A, campaigns of B and C fail exactly like ids that exist nowhere.
        let uuidReference = Fixture.redacted(failure(#"{"campaign_id":"\#(Fixture.nowhereUUID)"}"#), Fixture.nowhereUUID)
        let publicReference = Fixture.redacted(failure(#"{"campaign_id":"\#(Fixture.nowherePublic)"}"#), Fixture.nowherePublic)
        #expect(uuidReference?.code == .notFound && uuidReference?.field == "campaign_id")
        for id in [Fixture.b1, Fixture.b2, Fixture.g1, Fixture.b1Public, Fixture.b2Public, Fixture.g1Public] {
            let e = Fixture.redacted(failure(#"{"campaign_id":"\#(id)"}"#), id)
            #expect(e == (id.hasPrefix("cp_") ? publicReference : uuidReference), "\(id)")
        }
        // The unknown-campaign row never reveals a name, and B's row in A's data shows no name either.
        let text = JSON.string(Fixture.ok(tool))
        #expect(!text.contains("Beta Secret"))
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
