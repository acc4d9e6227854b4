import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §5.2 `stats_get_campaign_performance` on the hand-made fixture.
@Suite("stats_get_campaign_performance")
struct CampaignPerformanceTests {
    let tool = StatsGetCampaignPerformance()

    func args(_ n: Int, _ extra: String = "") -> String {
        "{\"campaignPublicId\": \"\(StatsFixture.cp(n))\"\(extra.isEmpty ? "" : ", " + extra)}"
    }

    // c01 "Alpha Email", April 2026 (UTC), previous 2026-03-02..03-31.
    //   clicks: campaign 04-10 and 04-30T23:59:59Z, vcard 04-15 (05-01T00:00:00Z is outside) → {2, 1, 0, 3}
    //   outreach: email_sent p102 (04-01T00:00:00Z), p103 ×2 → 3; bounce p102 → 1;
    //             replies: p101 twice (counts once), p103, p104 (04-30T23:59:59Z) → 3; interested p101 → 1;
    //             contacted (outbound in the period): p102, p103 → 2. The activity naming c01 with c02's
    //             prospect p201 is ignored; p105 (05-01) is outside.
    //   rates: reply 3/2 = 150.0 (replies from prospects contacted before the period), bounce 1/3 = 33.3, acceptance 0/0 → null
    //   previous: clicks 5 (03-04); email_sent p101 (03-20), p104 (03-31T23:59:59Z) → contacted 2, replies 0
    //   trend: clicks (3-5)/5 = -40.0, replies null (previous 0), contacted 0.0
    static let c01April = """
        {"campaign": {"publicId": "\(StatsFixture.cp(1))", "id": "\(StatsFixture.cid(1))", "name": "Alpha Email", "type": "email", "status": "active"},
         "period": {"from": "2026-04-01", "to": "2026-04-30", "defaulted": false},
         "clicks": {"campaignClicks": 2, "vcardClicks": 1, "otherClicks": 0, "totalClicks": 3},
         "outreach": {"emailsSent": 3, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                      "replies": 3, "interested": 1, "bounces": 1, "prospectsContacted": 2},
         "rates": {"replyRatePct": 150.0, "bounceRatePct": 33.3, "acceptanceRatePct": null},
         "calls": null,
         "trend": {"previousPeriod": {"from": "2026-03-02", "to": "2026-03-31"},
                   "changePct": {"totalClicks": -40.0, "replies": null, "prospectsContacted": 0.0}}}
        """

    @Test func emailCampaignExplicitPeriod() {
        StatsCheck.ok(StatsHarness.call(tool, args(1, #""from": "2026-04-01", "to": "2026-04-30""#)), Self.c01April)
    }

    // c02 "Bravo LinkedIn", April: invites p201, p202, p203 → 3; accepted p201, p202, p204 (p204 invited in March) → 3;
    // message p201 → 1; reply p201 → 1; contacted p201, p202, p203 → 3.
    // rates: reply 1/3 = 33.3, bounce 0/0 → null, acceptance 3/3 = 100.0.
    // previous (03-02..03-31): invite p204 → contacted 1, replies 0; clicks 4 (03-04) → now 0.
    // trend: clicks -100.0, replies null, contacted (3-1)/1 = 200.0.
    @Test func linkedinCampaignCountsAndAcceptanceRate() {
        StatsCheck.ok(StatsHarness.call(tool, args(2, #""from": "2026-04-01", "to": "2026-04-30""#)), """
            {"campaign": {"publicId": "\(StatsFixture.cp(2))", "id": "\(StatsFixture.cid(2))", "name": "Bravo LinkedIn", "type": "linkedin", "status": "active"},
             "period": {"from": "2026-04-01", "to": "2026-04-30", "defaulted": false},
             "clicks": {"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0},
             "outreach": {"emailsSent": 0, "invitesSent": 3, "invitesAccepted": 3, "linkedinMessagesSent": 1,
                          "replies": 1, "interested": 0, "bounces": 0, "prospectsContacted": 3},
             "rates": {"replyRatePct": 33.3, "bounceRatePct": null, "acceptanceRatePct": 100.0},
             "calls": null,
             "trend": {"previousPeriod": {"from": "2026-03-02", "to": "2026-03-31"},
                       "changePct": {"totalClicks": -100.0, "replies": null, "prospectsContacted": 200.0}}}
            """)
    }

    // c03 "Charlie Calls", April: rows 04-01 [10, 4, 3, 1, 1, 2, 251] and 04-30 [5, 2, 1, 0, 0, 1, 100];
    // not counted: 05-01 (outside), 03-31 (previous), the null-campaign row, c01's row, workspace 341's row for c03.
    //   total 15, completed 6, connected 4, meetings 1, qualified 1, conversations 3,
    //   avg 351/6 = 58.5 → 59 (half away), contact 4/15 = 26.67 → 26.7, conversion 1/15 = 6.67 → 6.7
    // No activities: every rate null. Clicks: none in April, 4 on 03-04 → -100.0.
    @Test func callCampaignSumsDailyRows() {
        StatsCheck.ok(StatsHarness.call(tool, args(3, #""from": "2026-04-01", "to": "2026-04-30""#)), """
            {"campaign": {"publicId": "\(StatsFixture.cp(3))", "id": "\(StatsFixture.cid(3))", "name": "Charlie Calls", "type": "call", "status": "active"},
             "period": {"from": "2026-04-01", "to": "2026-04-30", "defaulted": false},
             "clicks": {"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0},
             "outreach": {"emailsSent": 0, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                          "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 0},
             "rates": {"replyRatePct": null, "bounceRatePct": null, "acceptanceRatePct": null},
             "calls": {"totalCalls": 15, "completedCalls": 6, "connectedCalls": 4, "meetingsBooked": 1, "qualifiedLeads": 1,
                       "conversationsHad": 3, "avgDurationSeconds": 59, "contactRatePct": 26.7, "conversionRatePct": 6.7},
             "trend": {"previousPeriod": {"from": "2026-03-02", "to": "2026-03-31"},
                       "changePct": {"totalClicks": -100.0, "replies": null, "prospectsContacted": null}}}
            """)
    }

    @Test func callCampaignWithoutCallsHasZerosNotNulls() throws {
        let result = StatsHarness.call(tool, args(3, #""from": "2026-06-01", "to": "2026-06-30""#))
        StatsCheck.member(result, "calls", """
            {"totalCalls": 0, "completedCalls": 0, "connectedCalls": 0, "meetingsBooked": 0, "qualifiedLeads": 0,
             "conversationsHad": 0, "avgDurationSeconds": 0, "contactRatePct": 0.0, "conversionRatePct": 0.0}
            """)
        let value = try #require(StatsCheck.value(result))
        #expect(JSON.string(value["calls"]!["contactRatePct"]!) == "0.0")
    }

    // Only the 04-30 row: avg 100/2 = 50, contact 1/5 = 20.0, conversion 0/5 = 0.0.
    @Test func callFiguresOfASingleDay() {
        StatsCheck.member(StatsHarness.call(tool, args(3, #""from": "2026-04-30", "to": "2026-04-30""#)), "calls", """
            {"totalCalls": 5, "completedCalls": 2, "connectedCalls": 1, "meetingsBooked": 0, "qualifiedLeads": 0,
             "conversationsHad": 1, "avgDurationSeconds": 50, "contactRatePct": 20.0, "conversionRatePct": 0.0}
            """)
    }

    @Test func callsAreNullForNonCallCampaigns() {
        for n in [1, 2, 4] {
            StatsCheck.member(StatsHarness.call(tool, args(n, #""from": "2026-04-01", "to": "2026-04-30""#)), "calls", "null")
        }
    }

    @Test func zeroDenominatorsGiveNullRates() {
        // c01 in June: nothing at all.
        let result = StatsHarness.call(tool, args(1, #""from": "2026-06-01", "to": "2026-06-30""#))
        StatsCheck.member(result, "rates", #"{"replyRatePct": null, "bounceRatePct": null, "acceptanceRatePct": null}"#)
        StatsCheck.member(result, "trend", """
            {"previousPeriod": {"from": "2026-05-02", "to": "2026-05-31"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": null}}
            """)
    }

    // MARK: Defaulted periods (today = 2026-04-30 → 2026-04-01..2026-04-30)

    @Test func noDatesDefaultToTheLast30Days() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, args(1), today: "2026-04-30")))
        var expected = StatsCheck.json(Self.c01April)
        if case var .object(o) = expected {
            o["period"] = StatsCheck.json(#"{"from": "2026-04-01", "to": "2026-04-30", "defaulted": true}"#)
            expected = .object(o)
        }
        #expect(value == expected, "\(JSON.string(value))")
        #expect(value["period"]?.objectValue?.keys.contains("note") == false)
    }

    @Test func loneFromIsIgnoredWithANote() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, #""from": "2026-01-01""#), today: "2026-04-30")))
        let period = try #require(value["period"]?.objectValue)
        #expect(period["from"] == "2026-04-01")
        #expect(period["to"] == "2026-04-30")
        #expect(period["defaulted"] == true)
        let note = try #require(period["note"]?.stringValue)
        #expect(note.contains("`from`"))
        // The figures are those of the defaulted period.
        #expect(value["outreach"] == StatsCheck.json(Self.c01April)["outreach"])
    }

    @Test func loneToIsIgnoredWithANote() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, #""to": "2026-12-31""#), today: "2026-05-10")))
        let period = try #require(value["period"]?.objectValue)
        // 2026-05-10 - 29 days = 2026-04-11.
        #expect(period["from"] == "2026-04-11")
        #expect(period["to"] == "2026-05-10")
        #expect(period["defaulted"] == true)
        #expect(period["note"]?.stringValue?.contains("`to`") == true)
        #expect(value["trend"]?["previousPeriod"] == StatsCheck.json(#"{"from": "2026-03-12", "to": "2026-04-10"}"#))
    }

    @Test func malformedLoneDateIsInvalidNotIgnored() {
        StatsCheck.error(StatsHarness.call(tool, args(1, #""from": "2026-04-31""#)), .invalidArgument, field: "from")
        StatsCheck.error(StatsHarness.call(tool, args(1, #""to": "2026-4-30""#)), .invalidArgument, field: "to")
        StatsCheck.error(StatsHarness.call(tool, args(1, #""from": "1999-12-31""#)), .invalidArgument, field: "from")
    }

    @Test func explicitPeriodIsNotDefaultedAndHasNoNote() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, #""from": "2026-04-01", "to": "2026-04-30""#))))
        #expect(value["period"] == StatsCheck.json(#"{"from": "2026-04-01", "to": "2026-04-30", "defaulted": false}"#))
    }

    // MARK: References

    @Test func campaignOfAnotherWorkspaceLooksLikeANeverExistingOne() throws {
        // c21 exists in Berlin (and Ada is linked to Berlin); cp 99 exists nowhere.
        let foreign = try #require(StatsCheck.error(StatsHarness.call(tool, args(21)), .notFound, field: "campaignPublicId"))
        let missing = try #require(StatsCheck.error(StatsHarness.call(tool, args(99)), .notFound, field: "campaignPublicId"))
        let id21 = StatsFixture.cp(21), id99 = StatsFixture.cp(99)
        #expect(foreign.message.replacingOccurrences(of: id21, with: "ID") == missing.message.replacingOccurrences(of: id99, with: "ID"))
        #expect(foreign.hint == missing.hint)
        #expect(!foreign.message.contains("Berlin"))
        #expect(!(foreign.hint ?? "").contains("Berlin"))
        #expect(!foreign.text.contains(StatsFixture.cid(21)))
    }

    @Test func campaignOfAnUnknownWorkspaceIsNotFound() {
        StatsCheck.error(StatsHarness.call(tool, args(98)), .notFound, field: "campaignPublicId")
    }

    @Test func theSameCampaignIsFoundFromItsOwnWorkspace() {
        StatsCheck.member(StatsHarness.call(tool, args(21, #""from": "2026-03-29", "to": "2026-03-29""#), workspace: 341), "campaign",
            "{\"publicId\": \"\(StatsFixture.cp(21))\", \"id\": \"\(StatsFixture.cid(21))\", \"name\": \"Berlin Email\", \"type\": \"email\", \"status\": \"active\"}")
    }

    // MARK: Local-midnight boundaries

    // Berlin c21 on 2026-03-29 (the spring-forward day): p2101 23:30Z on 03-28 = 00:30 CET → in;
    // p2102 22:59:59Z on 03-28 = 23:59:59 → previous day; p2103 21:59:59Z = 23:59:59 CEST → in; its reply at
    // 22:00:00Z = 00:00 on 03-30 → out. → emailsSent 2, contacted 2, replies 0 → reply 0.0, bounce 0/2 = 0.0.
    // Previous (03-28): p2102 → contacted 1 → change 100.0. No c21 click on 03-28/03-29 local.
    @Test func berlinActivitiesAtLocalMidnight() {
        StatsCheck.ok(StatsHarness.call(tool, args(21, #""from": "2026-03-29", "to": "2026-03-29""#), workspace: 341), """
            {"campaign": {"publicId": "\(StatsFixture.cp(21))", "id": "\(StatsFixture.cid(21))", "name": "Berlin Email", "type": "email", "status": "active"},
             "period": {"from": "2026-03-29", "to": "2026-03-29", "defaulted": false},
             "clicks": {"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0},
             "outreach": {"emailsSent": 2, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                          "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 2},
             "rates": {"replyRatePct": 0.0, "bounceRatePct": 0.0, "acceptanceRatePct": null},
             "calls": null,
             "trend": {"previousPeriod": {"from": "2026-03-28", "to": "2026-03-28"},
                       "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": 100.0}}}
            """)
    }

    // Berlin c21 on 2026-03-30: p2103's reply (00:00 CEST) and click b12 (22:30Z on 03-29 = 00:30 CEST).
    // replies 1, contacted 0 → replyRatePct null; previous day (03-29) had contacted 2 → -100.0.
    @Test func berlinReplyJustAfterLocalMidnight() {
        let result = StatsHarness.call(tool, args(21, #""from": "2026-03-30", "to": "2026-03-30""#), workspace: 341)
        StatsCheck.member(result, "clicks", #"{"campaignClicks": 1, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 1}"#)
        StatsCheck.member(result, "outreach", """
            {"emailsSent": 0, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 1, "interested": 0, "bounces": 0, "prospectsContacted": 0}
            """)
        StatsCheck.member(result, "rates", #"{"replyRatePct": null, "bounceRatePct": null, "acceptanceRatePct": null}"#)
        StatsCheck.member(result, "trend", """
            {"previousPeriod": {"from": "2026-03-29", "to": "2026-03-29"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": -100.0}}
            """)
    }

    // Kolkata c31 on 2026-03-29 (local day = 03-28T18:30Z .. 03-29T18:30Z):
    //   p3101 invite 18:29:59Z on 03-28 → previous day; its acceptance at 18:30:00Z → in;
    //   p3102 invite at 18:29:59.500Z on 03-29 → in (fraction kept); its second invite at 18:30:00Z → 03-30.
    //   → invites 1, accepted 1 (acceptance 100.0), contacted 1, replies 0 (reply rate 0.0).
    //   clicks: k2 (campaign, 18:30:00Z on 03-28) → 1; previous day none for c31 → null.
    @Test func kolkataActivitiesAtLocalMidnight() {
        let result = StatsHarness.call(tool, args(31, #""from": "2026-03-29", "to": "2026-03-29""#), workspace: 342, user: 5)
        StatsCheck.member(result, "clicks", #"{"campaignClicks": 1, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 1}"#)
        StatsCheck.member(result, "outreach", """
            {"emailsSent": 0, "invitesSent": 1, "invitesAccepted": 1, "linkedinMessagesSent": 0,
             "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 1}
            """)
        StatsCheck.member(result, "rates", #"{"replyRatePct": 0.0, "bounceRatePct": null, "acceptanceRatePct": 100.0}"#)
        StatsCheck.member(result, "trend", """
            {"previousPeriod": {"from": "2026-03-28", "to": "2026-03-28"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": 0.0}}
            """)
    }

    // Lord Howe c51 on 2026-04-05 (24.5 hours: 04-04T13:00Z .. 04-05T13:30Z): p5102 and p5103 are in,
    // p5101 (04-04) and p5104 (04-06) are not. Previous day: p5101. Click h3 (c51) on 04-05.
    @Test func lordHoweLongDay() {
        let result = StatsHarness.call(tool, args(51, #""from": "2026-04-05", "to": "2026-04-05""#), workspace: 344, user: 6)
        StatsCheck.member(result, "outreach", """
            {"emailsSent": 2, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 2}
            """)
        StatsCheck.member(result, "clicks", #"{"campaignClicks": 1, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 1}"#)
        StatsCheck.member(result, "trend", """
            {"previousPeriod": {"from": "2026-04-04", "to": "2026-04-04"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": 100.0}}
            """)
    }

    // UTC boundaries of c01: 04-01T00:00:00Z is the first instant of April, 03-31T23:59:59Z the last of March.
    @Test func utcDayBoundaries() {
        // 2026-03-31 alone: p104's send (23:59:59Z) → emails 1, contacted 1.
        StatsCheck.member(StatsHarness.call(tool, args(1, #""from": "2026-03-31", "to": "2026-03-31""#)), "outreach", """
            {"emailsSent": 1, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 1}
            """)
        // 2026-04-01 alone: p102's send at 00:00:00Z and its bounce → bounce rate 1/1 = 100.0.
        let first = StatsHarness.call(tool, args(1, #""from": "2026-04-01", "to": "2026-04-01""#))
        StatsCheck.member(first, "outreach", """
            {"emailsSent": 1, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 0, "interested": 0, "bounces": 1, "prospectsContacted": 1}
            """)
        StatsCheck.member(first, "rates", #"{"replyRatePct": 0.0, "bounceRatePct": 100.0, "acceptanceRatePct": null}"#)
    }
}

// MARK: - Revision 2: UUIDs, presets and compare

extension CampaignPerformanceTests {
    func uuidArgs(_ reference: String, _ extra: String = "") -> String {
        "{\"campaignPublicId\": \"\(reference)\"\(extra.isEmpty ? "" : ", " + extra)}"
    }

    // The campaign's UUID, in either case, answers exactly like its cp_ id (the id is echoed lowercase).
    @Test func campaignByUUIDInEitherCase() {
        let april = #""from": "2026-04-01", "to": "2026-04-30""#
        StatsCheck.ok(StatsHarness.call(tool, uuidArgs(StatsFixture.cid(1), april)), Self.c01April)
        StatsCheck.ok(StatsHarness.call(tool, uuidArgs(StatsFixture.cid(1).uppercased(), april)), Self.c01April)
        StatsCheck.ok(StatsHarness.call(tool, uuidArgs("C0000000-0000-4000-8000-000000000001", april)), Self.c01April)
    }

    // The UUID of a campaign of another workspace (Berlin's c21, Ada is even linked there) is not_found, worded
    // like a UUID that exists nowhere.
    @Test func uuidOfAnotherWorkspaceIsNotFound() throws {
        let foreign = try #require(StatsCheck.error(StatsHarness.call(tool, uuidArgs(StatsFixture.cid(21))), .notFound, field: "campaignPublicId"))
        let missing = try #require(StatsCheck.error(StatsHarness.call(tool, uuidArgs(StatsFixture.cid(99))), .notFound, field: "campaignPublicId"))
        #expect(foreign.message.replacingOccurrences(of: StatsFixture.cid(21), with: "ID") == missing.message.replacingOccurrences(of: StatsFixture.cid(99), with: "ID"))
        #expect(!foreign.text.contains("Berlin") && !foreign.text.contains(StatsFixture.cp(21)))
        // From Berlin the same UUID is found.
        StatsCheck.member(StatsHarness.call(tool, uuidArgs(StatsFixture.cid(21).uppercased()), workspace: 341), "campaign",
            "{\"publicId\": \"\(StatsFixture.cp(21))\", \"id\": \"\(StatsFixture.cid(21))\", \"name\": \"Berlin Email\", \"type\": \"email\", \"status\": \"active\"}")
    }

    // last_month on 2026-05-10 = April (not defaulted, preset echoed), compared with the whole of March:
    // c01's March: clicks 5 (03-04), contacted p101 (03-20), p104 (03-31) = 2, no replies → the same changes as
    // against 03-02..03-31 (see c01April), only the previous period differs.
    @Test func presetWithCalendarAlignedTrend() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, #""period": "last_month""#), today: "2026-05-10")))
        var expected = StatsCheck.json(Self.c01April)
        if case var .object(o) = expected {
            o["period"] = StatsCheck.json(#"{"from": "2026-04-01", "to": "2026-04-30", "defaulted": false, "preset": "last_month"}"#)
            o["trend"] = StatsCheck.json("""
                {"previousPeriod": {"from": "2026-03-01", "to": "2026-03-31"},
                 "changePct": {"totalClicks": -40.0, "replies": null, "prospectsContacted": 0.0}}
                """)
            expected = .object(o)
        }
        #expect(value == expected, "\(JSON.string(value))")
    }

    @Test func compareModes() {
        let april = #""from": "2026-04-01", "to": "2026-04-30""#
        // none: trend null, everything else unchanged.
        let none = StatsHarness.call(tool, args(1, april + #", "compare": "none""#))
        StatsCheck.member(none, "trend", "null")
        StatsCheck.member(none, "outreach", """
            {"emailsSent": 3, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 3, "interested": 1, "bounces": 1, "prospectsContacted": 2}
            """)
        // previous_year: April 2025, where c01 had nothing → every change null.
        StatsCheck.member(StatsHarness.call(tool, args(1, april + #", "compare": "previous_year""#)), "trend", """
            {"previousPeriod": {"from": "2025-04-01", "to": "2025-04-30"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": null}}
            """)
        // previous_period spelled out = the default.
        StatsCheck.member(StatsHarness.call(tool, args(1, april + #", "compare": "previous_period""#)), "trend",
            JSON.string(StatsCheck.json(Self.c01April)["trend"] ?? .null))
        // null and "" are omitted.
        StatsCheck.ok(StatsHarness.call(tool, args(1, april + #", "compare": null, "period": """#)), Self.c01April)
    }

    // A call campaign this month without comparison (c03 on 2026-04-30): calls as in callCampaignSumsDailyRows.
    @Test func callCampaignThisMonthWithoutComparison() {
        let result = StatsHarness.call(tool, args(3, #""period": "this_month", "compare": "none""#), today: "2026-04-30")
        StatsCheck.member(result, "period", #"{"from": "2026-04-01", "to": "2026-04-30", "defaulted": false, "preset": "this_month"}"#)
        StatsCheck.member(result, "calls", """
            {"totalCalls": 15, "completedCalls": 6, "connectedCalls": 4, "meetingsBooked": 1, "qualifiedLeads": 1,
             "conversationsHad": 3, "avgDurationSeconds": 59, "contactRatePct": 26.7, "conversionRatePct": 6.7}
            """)
        StatsCheck.member(result, "trend", "null")
    }

    // §11: period with a date — even a lone one — is invalid (field period), before the lone-date rule and
    // before the reference check.
    @Test func periodWithADateIsInvalidBeforeLookup() {
        StatsCheck.error(StatsHarness.call(tool, args(1, #""period": "today", "from": "2026-04-01""#)), .invalidArgument, field: "period")
        StatsCheck.error(StatsHarness.call(tool, args(99, #""period": "today", "to": "2026-04-01""#)), .invalidArgument, field: "period")
        StatsCheck.error(StatsHarness.call(tool, args(1, #""period": "Today""#)), .invalidArgument, field: "period")
    }
}
