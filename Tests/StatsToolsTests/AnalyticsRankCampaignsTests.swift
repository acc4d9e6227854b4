import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §5.13 `analytics_rank_campaigns`, on a hand-made UTC workspace; every figure is worked out
/// beside the store. The period of most calls is March 2026.
@Suite struct AnalyticsRankCampaignsTests {
    // Workspace 600 (the session), 601 (the caller is not linked; Cy is linked only there).
    // Users: u1 "Ada" (caller) [600], u2 "Bob" [600], u3 "Cy" [601].
    static let u1 = "a0000000-0000-4000-8000-000000000001"
    static let u2 = "a0000000-0000-4000-8000-000000000002"
    static let u3 = "a0000000-0000-4000-8000-000000000003"
    static func cid(_ n: Int) -> String { "c0000000-0000-4000-8000-00000000000\(n)" }
    static func cp(_ n: Int) -> String { "cp_0000000000000000000000000\(n)" }

    // R1 "Alpha" email active u1; R2 "Alpha" email paused u2 (same name, larger id); R3 "Beta" email active u1;
    // R4 "Gamma" linkedin active u1; R5 "Delta" call active u2; R6 (no name) email draft u1.
    static let campaigns: [(Int, String, String, String, String)] = [
        (1, "\"Alpha\"", "email", "active", u1), (2, "\"Alpha\"", "email", "paused", u2), (3, "\"Beta\"", "email", "active", u1),
        (4, "\"Gamma\"", "linkedin", "active", u1), (5, "\"Delta\"", "call", "active", u2), (6, "null", "email", "draft", u1),
    ]

    /// (campaign, prospect, type, day, hour) — prospects are numbered per campaign.
    static let activities: [(Int, Int, String, String)] = [
        // R1 (March): emails A1–A4 on 2 Mar, A4 bounces; A1 replies twice (5, 6 Mar), A2 once; A1 interested.
        // Plus A1 emailed on 20 Feb (before the period). → emails 4, bounces 1, replies 2, interested 1, contacted 4.
        (1, 1, "email_sent", "2026-02-20T09:00:00Z"),
        (1, 1, "email_sent", "2026-03-02T09:00:00Z"), (1, 2, "email_sent", "2026-03-02T09:00:00Z"),
        (1, 3, "email_sent", "2026-03-02T09:00:00Z"), (1, 4, "email_sent", "2026-03-02T09:00:00Z"),
        (1, 4, "bounce", "2026-03-02T09:05:00Z"), (1, 1, "reply", "2026-03-05T09:00:00Z"), (1, 1, "reply", "2026-03-06T09:00:00Z"),
        (1, 2, "reply", "2026-03-07T09:00:00Z"), (1, 1, "interested", "2026-03-08T09:00:00Z"),
        // R2: emails B1–B8 on 3 Mar, B1 and B2 bounce, B3 replies. → emails 8, bounces 2, replies 1, contacted 8.
        (2, 1, "email_sent", "2026-03-03T09:00:00Z"), (2, 2, "email_sent", "2026-03-03T09:00:00Z"),
        (2, 3, "email_sent", "2026-03-03T09:00:00Z"), (2, 4, "email_sent", "2026-03-03T09:00:00Z"),
        (2, 5, "email_sent", "2026-03-03T09:00:00Z"), (2, 6, "email_sent", "2026-03-03T09:00:00Z"),
        (2, 7, "email_sent", "2026-03-03T09:00:00Z"), (2, 8, "email_sent", "2026-03-03T09:00:00Z"),
        (2, 1, "bounce", "2026-03-03T10:00:00Z"), (2, 2, "bounce", "2026-03-03T10:00:00Z"), (2, 3, "reply", "2026-03-04T10:00:00Z"),
        // R3: C1–C3 emailed 10 Mar, C1 bounces; C4 emailed 25 Feb replies 11 Mar.
        // → emails 3, bounces 1, replies 1, contacted 3 (C4 was contacted before the period).
        (3, 1, "email_sent", "2026-03-10T09:00:00Z"), (3, 2, "email_sent", "2026-03-10T09:00:00Z"),
        (3, 3, "email_sent", "2026-03-10T09:00:00Z"), (3, 1, "bounce", "2026-03-10T09:30:00Z"),
        (3, 4, "email_sent", "2026-02-25T09:00:00Z"), (3, 4, "reply", "2026-03-11T09:00:00Z"),
        // R4: invites D1–D5 1 Mar, D1 and D2 accept, message to D1, D1 replies and is interested, D2 replies.
        // → invites 5, accepted 2, messages 1, replies 2, interested 1, contacted 5.
        (4, 1, "invite_sent", "2026-03-01T09:00:00Z"), (4, 2, "invite_sent", "2026-03-01T09:00:00Z"),
        (4, 3, "invite_sent", "2026-03-01T09:00:00Z"), (4, 4, "invite_sent", "2026-03-01T09:00:00Z"),
        (4, 5, "invite_sent", "2026-03-01T09:00:00Z"), (4, 1, "invite_accepted", "2026-03-02T09:00:00Z"),
        (4, 2, "invite_accepted", "2026-03-02T09:00:00Z"), (4, 1, "linkedin_message_sent", "2026-03-03T09:00:00Z"),
        (4, 1, "reply", "2026-03-04T09:00:00Z"), (4, 1, "interested", "2026-03-05T09:00:00Z"), (4, 2, "reply", "2026-03-06T09:00:00Z"),
        // R6: one email on 15 Mar; an email on 1 Apr (after the period).
        (6, 1, "email_sent", "2026-03-15T09:00:00Z"), (6, 1, "email_sent", "2026-04-01T09:00:00Z"),
    ]

    static let storeText: String = {
        let c = campaigns.map { n, name, type, status, owner in
            #"{"id":"\#(cid(n))","public_id":"\#(cp(n))","workspace_id":600,"user_id":"\#(owner)","type":"\#(type)","status":"\#(status)","name":\#(name)}"#
        }
        var prospects: Set<String> = []
        var p: [String] = []
        let a = activities.map { campaign, prospect, type, at in
            let id = "d000000\(campaign)-0000-4000-8000-00000000000\(prospect)"
            if prospects.insert(id).inserted { p.append(#"{"id":"\#(id)","campaign_id":"\#(cid(campaign))","status":"sent"}"#) }
            return #"{"campaign_id":"\#(cid(campaign))","prospect_id":"\#(id)","type":"\#(type)","at":"\#(at)"}"#
        }
        func row(_ ws: Int, _ date: String, _ campaign: String, _ total: Int, _ connected: Int, _ meetings: Int) -> String {
            #"{"workspace_id":\#(ws),"date":"\#(date)","campaign_id":\#(campaign),"total_calls":\#(total),"completed_calls":\#(connected),"connected_calls":\#(connected),"meetings_booked":\#(meetings),"total_duration_seconds":60}"#
        }
        // Calls (March): R5 1000 total, 333 connected, 10 meetings (two rows); R1 (an email campaign: call metrics
        // count any type) 3 total, 1 connected. Not counted: R5's row of 1 Apr, a row without campaign, R5's
        // row filed under workspace 601.
        let calls = [
            row(600, "2026-03-05", "\"\(cid(5))\"", 600, 200, 6), row(600, "2026-03-20", "\"\(cid(5))\"", 400, 133, 4),
            row(600, "2026-03-07", "\"\(cid(1))\"", 3, 1, 0), row(600, "2026-04-01", "\"\(cid(5))\"", 50, 50, 50),
            row(600, "2026-03-07", "null", 70, 70, 70), row(601, "2026-03-07", "\"\(cid(5))\"", 90, 90, 90),
        ]
        // Clicks (March): R1 a campaign and a vcard click, R3 an "other" click; R1's click of 1 Apr is outside.
        let clicks = [
            #"{"workspace_id":600,"kind":"campaign","at":"2026-03-05T10:00:00Z","campaign_id":"\#(cid(1))"}"#,
            #"{"workspace_id":600,"kind":"vcard","at":"2026-03-06T10:00:00Z","campaign_id":"\#(cid(1))"}"#,
            #"{"workspace_id":600,"kind":"other","at":"2026-03-07T10:00:00Z","campaign_id":"\#(cid(3))"}"#,
            #"{"workspace_id":600,"kind":"campaign","at":"2026-04-01T10:00:00Z","campaign_id":"\#(cid(1))"}"#,
        ]
        return #"{"format":"stats-mcp-store","version":1,"workspaces":[{"id":600,"public_id":"ws_00000000000000000000000600","name":"R","timezone":"UTC"},{"id":601,"public_id":"ws_00000000000000000000000601","name":"S","timezone":"UTC"}],"#
            + #""users":[{"id":"\#(u1)","public_id":"usr_00000000000000000000000001","name":"Ada","workspace_ids":[600]},{"id":"\#(u2)","public_id":"usr_00000000000000000000000002","name":"Bob","workspace_ids":[600]},{"id":"\#(u3)","public_id":"usr_00000000000000000000000003","name":"Cy","workspace_ids":[601]}],"#
            + #""campaigns":[\#(c.joined(separator: ","))],"prospects":[\#(p.joined(separator: ","))],"activities":[\#(a.joined(separator: ","))],"#
            + #""call_stats_daily":[\#(calls.joined(separator: ","))],"clicks":[\#(clicks.joined(separator: ","))]}"#
    }()

    static let data = Fixture.load(storeText)

    static func context(today: String = "2026-04-15") -> ToolContext {
        ToolContext(
            data: data, session: Session(workspace: data.workspace(id: 600)!, user: data.user(id: UUID128(u1)!)!),
            now: Instant.parse("\(today)T12:00:00Z")!, today: Day.parse(today)!)
    }

    static let march = #""from": "2026-03-01", "to": "2026-03-31""#

    func rank(_ args: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        let value = Fixture.ok(AnalyticsRankCampaigns(), "{\(args)}", Self.context(), sourceLocation: sourceLocation)
        #expect(StatsSchemaCheck.violations(value, AnalyticsRankCampaigns().outputSchema).isEmpty, sourceLocation: sourceLocation)
        return value
    }

    /// (public id number, value, numerator, denominator) of each listed campaign, ranks checked to run 1…n.
    func rows(_ value: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
        let list = value["campaigns"]?.arrayValue ?? []
        for (i, row) in list.enumerated() { #expect(row["rank"] == .int(Int64(i + 1)), sourceLocation: sourceLocation) }
        return list.map { row in
            let id = row["public_id"]?.stringValue?.suffix(1) ?? "?"
            return "R\(id) \(JSON.string(row["value"] ?? .null)) \(JSON.string(row["numerator"] ?? .null))/\(JSON.string(row["denominator"] ?? .null))"
        }
    }

    @Test func bounceRateRanksExactlyWithTiesByNameThenID() {
        // R3 1/3 = 33.3; R1 1/4 and R2 2/8 both 25.0 exactly (tie: same name "Alpha", R1's id is smaller);
        // R6 0/1 = 0.0. R4 (no emails) and R5 (none) have denominator 0 < 1: excluded.
        let desc = rank(#""metric": "bounce_rate", "min_sample": 1, \#(Self.march)"#)
        #expect(rows(desc) == ["R3 33.3 1/3", "R1 25.0 1/4", "R2 25.0 2/8", "R6 0.0 0/1"])
        #expect(desc["ranked"] == .int(4) && desc["excluded"] == .int(2) && desc["min_sample"] == .int(1) && desc["order"] == "desc")
        #expect(desc["metric"] == "bounce_rate")
        #expect(desc["period"] == Fixture.json(#"{"from":"2026-03-01","to":"2026-03-31","defaulted":false}"#))
        // Ascending: ties still by name then id ascending.
        let asc = rank(#""metric": "bounce_rate", "min_sample": 1, "order": "asc", \#(Self.march)"#)
        #expect(rows(asc) == ["R6 0.0 0/1", "R1 25.0 1/4", "R2 25.0 2/8", "R3 33.3 1/3"])
        // The first row in full.
        #expect(asc["campaigns"]?.arrayValue?.first == Fixture.json(#"""
            {"rank":1,"id":"c0000000-0000-4000-8000-000000000006","public_id":"cp_00000000000000000000000006","name":null,
             "type":"email","status":"draft","value":0.0,"numerator":0,"denominator":1}
            """#))
    }

    @Test func minSampleIsInclusiveAtTheBoundary() {
        // Denominators (emails): R1 4, R2 8, R3 3, R6 1. min_sample 4 keeps R1 (= 4) and R2.
        let four = rank(#""metric": "bounce_rate", "min_sample": 4, \#(Self.march)"#)
        #expect(rows(four) == ["R1 25.0 1/4", "R2 25.0 2/8"])
        #expect(four["ranked"] == .int(2) && four["excluded"] == .int(4))
        // min_sample 5 (R1's denominator + 1) drops R1.
        let five = rank(#""metric": "bounce_rate", "min_sample": 5, \#(Self.march)"#)
        #expect(rows(five) == ["R2 25.0 2/8"])
        #expect(five["ranked"] == .int(1) && five["excluded"] == .int(5))
        // Default min_sample 20: nothing qualifies; everything in scope is excluded.
        let none = rank(#""metric": "reply_rate", \#(Self.march)"#)
        #expect(rows(none) == [] && none["ranked"] == .int(0) && none["excluded"] == .int(6) && none["min_sample"] == .int(20))
    }

    @Test func theOtherRatesUseTheirOwnFractions() {
        // reply_rate = replies / contacted: R1 2/4 = 50.0, R4 2/5 = 40.0, R3 1/3 = 33.3, R2 1/8 = 12.5, R6 0/1 = 0.0.
        #expect(rows(rank(#""metric": "reply_rate", "min_sample": 1, \#(Self.march)"#))
            == ["R1 50.0 2/4", "R4 40.0 2/5", "R3 33.3 1/3", "R2 12.5 1/8", "R6 0.0 0/1"])
        // acceptance_rate = accepted / invites: only R4, 2/5.
        let acceptance = rank(#""metric": "acceptance_rate", "min_sample": 1, \#(Self.march)"#)
        #expect(rows(acceptance) == ["R4 40.0 2/5"] && acceptance["excluded"] == .int(5))
        // contact_rate: R1 1/3 = 33.33… and R5 333/1000 = 33.3 both show 33.3, but R1's exact value is larger:
        // desc puts R1 first, asc puts R5 first (by name R1 "Alpha" would come first).
        #expect(rows(rank(#""metric": "contact_rate", "min_sample": 1, \#(Self.march)"#)) == ["R1 33.3 1/3", "R5 33.3 333/1000"])
        #expect(rows(rank(#""metric": "contact_rate", "min_sample": 1, "order": "asc", \#(Self.march)"#)) == ["R5 33.3 333/1000", "R1 33.3 1/3"])
        // conversion_rate = meetings / calls: R5 10/1000 = 1.0, R1 0/3 = 0.0; min_sample 4 leaves only R5.
        let conversion = rank(#""metric": "conversion_rate", "min_sample": 4, \#(Self.march)"#)
        #expect(rows(conversion) == ["R5 1.0 10/1000"] && conversion["excluded"] == .int(5))
    }

    @Test func countsRankEveryCampaignInScope() {
        // emails: R2 8, R1 4, R3 3, R6 1, then R5 "Delta" and R4 "Gamma" with 0 (by name).
        let emails = rank(#""metric": "emails_sent", \#(Self.march)"#)
        #expect(rows(emails) == ["R2 8 8/null", "R1 4 4/null", "R3 3 3/null", "R6 1 1/null", "R5 0 0/null", "R4 0 0/null"])
        #expect(emails["ranked"] == .int(6) && emails["excluded"] == .int(0) && emails["min_sample"] == .int(20))
        // replies (distinct prospects): R1 2 (A1 twice, A2) and R4 2 → "Alpha" before "Gamma"; R2 1 and R3 1
        // (C4, contacted in February) → "Alpha" before "Beta"; then R5 "Delta" 0 and the unnamed R6 0 (null names last).
        #expect(rows(rank(#""metric": "replies", \#(Self.march)"#))
            == ["R1 2 2/null", "R4 2 2/null", "R2 1 1/null", "R3 1 1/null", "R5 0 0/null", "R6 0 0/null"])
        // prospects_contacted: R2 8, R4 5, R1 4 (A1's February email does not add), R3 3, R6 1, R5 0.
        #expect(rows(rank(#""metric": "prospects_contacted", "limit": 3, \#(Self.march)"#)) == ["R2 8 8/null", "R4 5 5/null", "R1 4 4/null"])
        #expect(rows(rank(#""metric": "interested", "limit": 2, \#(Self.march)"#)) == ["R1 1 1/null", "R4 1 1/null"])
        #expect(rows(rank(#""metric": "invites_sent", "limit": 1, \#(Self.march)"#)) == ["R4 5 5/null"])
        #expect(rows(rank(#""metric": "invites_accepted", "limit": 1, \#(Self.march)"#)) == ["R4 2 2/null"])
        #expect(rows(rank(#""metric": "linkedin_messages_sent", "limit": 1, \#(Self.march)"#)) == ["R4 1 1/null"])
        #expect(rows(rank(#""metric": "bounces", "limit": 3, \#(Self.march)"#)) == ["R2 2 2/null", "R1 1 1/null", "R3 1 1/null"])
        // clicks count every kind: R1 campaign + vcard = 2, R3 other = 1 (R1's April click is outside).
        #expect(rows(rank(#""metric": "clicks", "limit": 2, \#(Self.march)"#)) == ["R1 2 2/null", "R3 1 1/null"])
        // Call counts: R5 1000 (not April's 50, not workspace 601's row), R1 3 (an email campaign).
        #expect(rows(rank(#""metric": "total_calls", "limit": 2, \#(Self.march)"#)) == ["R5 1000 1000/null", "R1 3 3/null"])
        #expect(rows(rank(#""metric": "connected_calls", "limit": 2, \#(Self.march)"#)) == ["R5 333 333/null", "R1 1 1/null"])
        #expect(rows(rank(#""metric": "meetings_booked", "limit": 1, \#(Self.march)"#)) == ["R5 10 10/null"])
        // Ascending with ties: 0-email campaigns first by name (R5 "Delta", R4 "Gamma"), then R6 1.
        #expect(rows(rank(#""metric": "emails_sent", "order": "asc", "limit": 3, \#(Self.march)"#)) == ["R5 0 0/null", "R4 0 0/null", "R6 1 1/null"])
    }

    @Test func filtersNarrowTheScope() {
        // owner Bob, by usr_ id and by UUID (any case): R2 and R5.
        let byPublic = rank(#""metric": "emails_sent", "owner": "usr_00000000000000000000000002", \#(Self.march)"#)
        #expect(rows(byPublic) == ["R2 8 8/null", "R5 0 0/null"])
        let byUUID = rank(#""metric": "emails_sent", "owner": "A0000000-0000-4000-8000-000000000002", \#(Self.march)"#)
        #expect(byUUID["campaigns"] == byPublic["campaigns"] && byUUID["ranked"] == .int(2))
        // type and status: active email campaigns R1 and R3.
        #expect(rows(rank(#""metric": "emails_sent", "type": "email", "status": "active", \#(Self.march)"#)) == ["R1 4 4/null", "R3 3 3/null"])
        // excluded counts only campaigns in scope: email campaigns, bounce_rate, min_sample 4 → R3 and R6 excluded.
        let scoped = rank(#""metric": "bounce_rate", "type": "email", "min_sample": 4, \#(Self.march)"#)
        #expect(scoped["ranked"] == .int(2) && scoped["excluded"] == .int(2))
        // limit trims the list, not `ranked`.
        let two = rank(#""metric": "emails_sent", "limit": 2, \#(Self.march)"#)
        #expect(two["campaigns"]?.arrayValue?.count == 2 && two["ranked"] == .int(6))
    }

    @Test func periodsDefaultAndPresetsAreEchoed() {
        // today 15 Apr: default = 17 Mar … 15 Apr; R6's 1 Apr email is the only email in it.
        let defaulted = rank(#""metric": "emails_sent", "limit": 1"#)
        #expect(defaulted["period"] == Fixture.json(#"{"from":"2026-03-17","to":"2026-04-15","defaulted":true}"#))
        #expect(rows(defaulted) == ["R6 1 1/null"])
        // last_month on 15 Apr = March, preset echoed; null/"" arguments count as omitted.
        let preset = rank(#""metric": "emails_sent", "period": "last_month", "limit": 1, "from": null, "owner": "", "order": null"#)
        #expect(preset["period"] == Fixture.json(#"{"from":"2026-03-01","to":"2026-03-31","defaulted":false,"preset":"last_month"}"#))
        #expect(rows(preset) == ["R2 8 8/null"])
    }

    @Test func badArgumentsAreNamed() {
        let tool = AnalyticsRankCampaigns()
        let context = Self.context()
        func error(_ args: String) -> ToolError? { Fixture.error(tool, "{\(args)}", context) }
        func codeField(_ args: String) -> String {
            error(args).map { "\($0.code.rawValue) \($0.field ?? "-")" } ?? "ok"
        }
        #expect(codeField("") == "invalid_argument metric")
        #expect(error(#""metric": null"#)?.field == "metric")
        #expect(error(#""metric": "opens""#)?.field == "metric")
        // A lone date names the missing one.
        #expect(codeField(#""metric": "replies", "from": "2026-04-01""#) == "invalid_argument to")
        #expect(error(#""metric": "replies", "to": "2026-04-01""#)?.field == "from")
        #expect(error(#""metric": "replies", "period": "last_week", "from": "2026-04-01""#)?.field == "period")
        #expect(codeField(#""metric": "replies", "from": "2026-04-02", "to": "2026-04-01""#) == "invalid_argument -")
        #expect(codeField(#""metric": "replies", "limit": 51"#) == "invalid_argument limit")
        #expect(error(#""metric": "replies", "limit": 0"#)?.field == "limit")
        #expect(error(#""metric": "replies", "min_sample": 0"#)?.field == "min_sample")
        #expect(error(#""metric": "replies", "order": "DESC""#)?.field == "order")
        #expect(codeField(#""metric": "replies", "owner": "bob""#) == "invalid_argument owner")
        // A user of another workspace and a user that does not exist read the same: not_found.
        #expect(codeField(#""metric": "replies", "owner": "\#(Self.u3)""#) == "not_found owner")
        #expect(error(#""metric": "replies", "owner": "usr_00000000000000000000000009""#)?.code == .notFound)
        // References come after the other checks (SPEC §11).
        #expect(error(#""metric": "replies", "owner": "\#(Self.u3)", "limit": 51"#)?.field == "limit")
        #expect(error(#""metric": "replies", "colour": 1"#)?.field == "colour")
        // limit 50 is fine.
        #expect(Fixture.run(tool, #"{"metric": "replies", "limit": 50}"#, context).isSuccess)
    }
}
