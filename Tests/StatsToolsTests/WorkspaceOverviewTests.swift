import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §5.1 `stats_get_workspace_overview` on the hand-made fixture (see StatsToolsFixture.swift).
@Suite("stats_get_workspace_overview")
struct WorkspaceOverviewTests {
    let tool = StatsGetWorkspaceOverview()
    let ws1 = StatsFixture.ws(1)

    // Blocks of a period without activities or call rows (most click tests): counts 0, rates null,
    // call rates 0.0 (SPEC §5.6), and the four revision-2 change percentages null (previous 0).
    static let noOutreach = """
        {"emailsSent": 0, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
         "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 0}
        """
    static let noRates = #"{"replyRatePct": null, "bounceRatePct": null, "acceptanceRatePct": null}"#
    static let noCalls = """
        {"totalCalls": 0, "completedCalls": 0, "connectedCalls": 0, "meetingsBooked": 0, "qualifiedLeads": 0,
         "conversationsHad": 0, "avgDurationSeconds": 0, "contactRatePct": 0.0, "conversionRatePct": 0.0}
        """
    static let nullChanges = #""prospectsContacted": null, "replies": null, "meetingsBooked": null, "totalCalls": null"#

    /// `previous` of a period without activities or call rows.
    static func quietPrevious(_ from: String, _ to: String, totals: String) -> String {
        "{\"period\": {\"from\": \"\(from)\", \"to\": \"\(to)\"}, \"totals\": \(totals), \"outreach\": \(noOutreach), \"calls\": \(noCalls)}"
    }

    // Period A = 2026-01-11..01-20, previous 2026-01-01..01-10 (UTC).
    //   previous: campaign 1 (01-01T00:00:00Z, the first instant) + 2 = 3; vcard 3 (01-10T23:59:59Z); other 0
    //             (2025-12-31T23:59:59Z is outside) → total 6
    //   current:  campaign 4, vcard 5, other 2 (01-20T23:59:59Z) → total 11 (01-21T00:00:00Z is outside)
    //   changePct: 1/3 → 33.3; 2/3 → 66.7; other previous 0 → null; 5/6 = 83.33 → 83.3
    //   signals: vcard 5, campaign 4, other 2
    //   No activities and no call rows in January: outreach 0, rates null, calls 0, the other changes null.
    @Test func totalsPreviousChangeAndSignals() {
        let result = StatsHarness.call(tool, #"{"from": "2026-01-11", "to": "2026-01-20"}"#)
        StatsCheck.ok(result, """
            {"workspace": {"name": "Acme", "publicId": "\(ws1)", "timezone": "UTC"},
             "period": {"from": "2026-01-11", "to": "2026-01-20"},
             "totals": {"campaignClicks": 4, "vcardClicks": 5, "otherClicks": 2, "totalClicks": 11},
             "outreach": \(Self.noOutreach), "rates": \(Self.noRates), "calls": \(Self.noCalls),
             "previous": \(Self.quietPrevious("2026-01-01", "2026-01-10", totals: #"{"campaignClicks": 3, "vcardClicks": 3, "otherClicks": 0, "totalClicks": 6}"#)),
             "changePct": {"campaignClicks": 33.3, "vcardClicks": 66.7, "otherClicks": null, "totalClicks": 83.3, \(Self.nullChanges)},
             "breakdown": {},
             "signals": [{"type": "vcard_clicks", "count": 5}, {"type": "campaign_clicks", "count": 4},
                         {"type": "other_clicks", "count": 2}],
             "generatedAt": "2026-04-30T12:34:56+00:00"}
            """)
    }

    // Period B = 2026-02-11..02-20, previous 2026-02-01..02-10.
    //   previous campaign 16, vcard 16, other 8 → 40; current 17, 15, 9 → 41.
    //   changePct: 1/16 = 6.25 → 6.3 (half away); -1/16 = -6.25 → -6.3; 1/8 = 12.5; 1/40 = 2.5.
    @Test func changePctRoundsHalfAwayFromZero() {
        let result = StatsHarness.call(tool, #"{"from": "2026-02-11", "to": "2026-02-20", "breakdown": "none"}"#)
        StatsCheck.member(result, "totals", #"{"campaignClicks": 17, "vcardClicks": 15, "otherClicks": 9, "totalClicks": 41}"#)
        StatsCheck.member(result, "previous", Self.quietPrevious("2026-02-01", "2026-02-10", totals: #"{"campaignClicks": 16, "vcardClicks": 16, "otherClicks": 8, "totalClicks": 40}"#))
        StatsCheck.member(result, "changePct", #"{"campaignClicks": 6.3, "vcardClicks": -6.3, "otherClicks": 12.5, "totalClicks": 2.5, \#(Self.nullChanges)}"#)
        StatsCheck.member(result, "signals", #"[{"type": "campaign_clicks", "count": 17}, {"type": "vcard_clicks", "count": 15}, {"type": "other_clicks", "count": 9}]"#)
        StatsCheck.member(result, "breakdown", "{}")
    }

    @Test func changePctIsWrittenWithOneDecimal() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, #"{"from": "2026-02-11", "to": "2026-02-20"}"#)))
        #expect(JSON.string(value["changePct"]!) == #"{"campaignClicks":6.3,"vcardClicks":-6.3,"otherClicks":12.5,"totalClicks":2.5,"prospectsContacted":null,"replies":null,"meetingsBooked":null,"totalCalls":null}"#)
    }

    // 2026-01-25: other 2, vcard 2, campaign 1; previous day 01-24 has nothing → every change null.
    // Signals: count descending, the tie other/vcard by type name ("other_clicks" < "vcard_clicks").
    @Test func signalsTieBrokenByTypeAndNullChangesWhenPreviousIsZero() {
        let result = StatsHarness.call(tool, #"{"from": "2026-01-25", "to": "2026-01-25"}"#)
        StatsCheck.member(result, "signals", #"[{"type": "other_clicks", "count": 2}, {"type": "vcard_clicks", "count": 2}, {"type": "campaign_clicks", "count": 1}]"#)
        StatsCheck.member(result, "changePct", #"{"campaignClicks": null, "vcardClicks": null, "otherClicks": null, "totalClicks": null, \#(Self.nullChanges)}"#)
        StatsCheck.member(result, "previous", Self.quietPrevious("2026-01-24", "2026-01-24", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#))
    }

    // 2026-01-27: one vcard click only → kinds with a zero count are left out of the signals.
    @Test func signalsOmitZeroKinds() {
        StatsCheck.member(StatsHarness.call(tool, #"{"from": "2026-01-27", "to": "2026-01-27"}"#), "signals", #"[{"type": "vcard_clicks", "count": 1}]"#)
    }

    @Test func emptyPeriodHasNoSignalsAndNullChanges() {
        let result = StatsHarness.call(tool, #"{"from": "2030-06-01", "to": "2030-06-30", "breakdown": "none"}"#)
        StatsCheck.member(result, "signals", "[]")
        StatsCheck.member(result, "totals", #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#)
        StatsCheck.member(result, "changePct", #"{"campaignClicks": null, "vcardClicks": null, "otherClicks": null, "totalClicks": null, \#(Self.nullChanges)}"#)
    }

    // Week 2026-03-02..03-08 (one ISO week), previous 02-23..03-01.
    // Campaign clicks on 03-04: c01 5, c02 4, c03 4, c04 3, c05 3, c06 2, c07 2, c08 2, c09 1, c10 1, c11 1 = 28;
    // + 1 click naming a Berlin campaign (counted in the totals, never in the datasets) + 1 unattributed = 30.
    // c12 has 2 vcard clicks and no campaign click → not listed. Totals: 30 + 2 vcard = 32.
    // Previous: other 1 (03-01T23:59:59Z). changePct: other -100.0, total (32-1)/1 = 3100.0.
    // Top 10: ties by public id, so c11 (1 click, highest id among the 1-click campaigns) is cut.
    @Test func topTenCampaignsTiesByPublicIDAndOneIsCut() {
        let result = StatsHarness.call(tool, #"{"from": "2026-03-02", "to": "2026-03-08", "breakdown": "week"}"#)
        func entry(_ n: Int, _ name: String, _ clicks: Int) -> String {
            "{\"campaignPublicId\": \"\(StatsFixture.cp(n))\", \"name\": \"\(name)\", \"data\": [\(clicks)]}"
        }
        let campaigns = [
            entry(1, "Alpha Email", 5), entry(2, "Bravo LinkedIn", 4), entry(3, "Charlie Calls", 4), entry(4, "Delta Draft", 3),
            entry(5, "Echo Archive", 3), entry(6, "Fill 06", 2), entry(7, "Fill 07", 2), entry(8, "Fill 08", 2),
            entry(9, "Fill 09", 1), entry(10, "Fill 10", 1),
        ].joined(separator: ", ")
        StatsCheck.ok(result, """
            {"workspace": {"name": "Acme", "publicId": "\(ws1)", "timezone": "UTC"},
             "period": {"from": "2026-03-02", "to": "2026-03-08"},
             "totals": {"campaignClicks": 30, "vcardClicks": 2, "otherClicks": 0, "totalClicks": 32},
             "outreach": \(Self.noOutreach), "rates": \(Self.noRates), "calls": \(Self.noCalls),
             "previous": \(Self.quietPrevious("2026-02-23", "2026-03-01", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1}"#)),
             "changePct": {"campaignClicks": null, "vcardClicks": null, "otherClicks": -100.0, "totalClicks": 3100.0, \(Self.nullChanges)},
             "breakdown": {"chart": {"datasets": {"current": [32], "previous": [1], "campaigns": [\(campaigns)]},
                                     "labels": {"current": ["2026-03-02"], "previous": ["2026-02-23"]}}},
             "signals": [{"type": "campaign_clicks", "count": 30}, {"type": "vcard_clicks", "count": 2}],
             "generatedAt": "2026-04-30T12:34:56+00:00"}
            """)
    }

    // Berlin (session ws2), week breakdown over 2026-03-26 (Thu) .. 2026-04-08 (Wed), across the
    // spring-forward change. Local days of the clicks (see fixture):
    //   current:  b10 03-26 c21, b11 03-29 c22, b12 03-30 c21 (UTC day 03-29!), b13 04-01 vcard, b14 04-08 c22
    //             (b15 = 04-09 local is outside) → campaign 4, vcard 1, other 0 = 5
    //   previous (2026-03-12..03-25): b5 03-12 other, b6 03-14 c22, b7 03-15 vcard, b8 03-23 c21 (UTC 03-22!),
    //             b9 03-25 other (b4 = 03-11 outside) → campaign 2, vcard 1, other 2 = 5
    //   weeks current:  03-23 [03-26..03-29] b10 b11 = 2; 03-30 b12 b13 = 2; 04-06 [04-06..04-08] b14 = 1
    //   weeks previous: 03-09 [03-12..03-15] b5 b6 b7 = 3; 03-16 = 0; 03-23 [03-23..03-25] b8 b9 = 2
    //   campaigns: c21 2 clicks [1, 1, 0], c22 2 clicks [1, 0, 1] → tie, by public id c21 first; c23 has none.
    //   changePct: campaign 100.0, vcard 0.0, other -100.0, total 0.0
    //   outreach (c21, local days): emails p2101 03-29 00:30 CET, p2102 03-28 23:59:59 CET, p2103 03-29 23:59:59 CEST
    //             → 3, contacted 3; p2103's reply 03-30 00:00 CEST → replies 1 → reply 1/3 = 33.3, bounce 0/3 = 0.0.
    //   calls: the only Berlin row (04-10) is outside; nothing in the previous period → the other changes null.
    @Test func weekBucketsArePartialISOWeeksInTheWorkspaceZone() {
        let result = StatsHarness.call(tool, #"{"from": "2026-03-26", "to": "2026-04-08", "breakdown": "week"}"#, workspace: 341, now: "2026-03-29T00:59:59Z")
        StatsCheck.ok(result, """
            {"workspace": {"name": "Berlin GmbH", "publicId": "\(StatsFixture.ws(2))", "timezone": "Europe/Berlin"},
             "period": {"from": "2026-03-26", "to": "2026-04-08"},
             "totals": {"campaignClicks": 4, "vcardClicks": 1, "otherClicks": 0, "totalClicks": 5},
             "outreach": {"emailsSent": 3, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                          "replies": 1, "interested": 0, "bounces": 0, "prospectsContacted": 3},
             "rates": {"replyRatePct": 33.3, "bounceRatePct": 0.0, "acceptanceRatePct": null},
             "calls": \(Self.noCalls),
             "previous": \(Self.quietPrevious("2026-03-12", "2026-03-25", totals: #"{"campaignClicks": 2, "vcardClicks": 1, "otherClicks": 2, "totalClicks": 5}"#)),
             "changePct": {"campaignClicks": 100.0, "vcardClicks": 0.0, "otherClicks": -100.0, "totalClicks": 0.0, \(Self.nullChanges)},
             "breakdown": {"chart": {
                "datasets": {"current": [2, 2, 1], "previous": [3, 0, 2],
                             "campaigns": [{"campaignPublicId": "\(StatsFixture.cp(21))", "name": "Berlin Email", "data": [1, 1, 0]},
                                           {"campaignPublicId": "\(StatsFixture.cp(22))", "name": "Berlin LinkedIn", "data": [1, 0, 1]}]},
                "labels": {"current": ["2026-03-23", "2026-03-30", "2026-04-06"],
                           "previous": ["2026-03-09", "2026-03-16", "2026-03-23"]}}},
             "signals": [{"type": "campaign_clicks", "count": 4}, {"type": "vcard_clicks", "count": 1}],
             "generatedAt": "2026-03-29T01:59:59+01:00"}
            """)
    }

    // Berlin, month breakdown over 2026-03-15..2026-05-10 (57 days); previous 2026-01-17..2026-03-14.
    //   current:  03: b7 vcard, b8 c21, b9 other, b10 c21, b11 c22, b12 c21 = 6; 04: b13 vcard, b14 c22, b15 other = 3;
    //             05: b16 c21 = 1 (b17 = 05-11 local is outside) → campaign 6, vcard 2, other 2 = 10
    //   previous: 01: b1 vcard (01-17 local; b2 = 01-16 is outside) = 1; 02: 0 (b3 is 03-01 local); 03: b3 c21, b4 vcard,
    //             b5 other, b6 c22 = 4 → campaign 2, vcard 2, other 1 = 5
    //   campaigns: c21 4 [3, 0, 1], c22 2 [1, 1, 0]
    //   changePct: 200.0, 0.0, 100.0, 100.0; signals: campaign 6, then other 2 / vcard 2 by type name
    //   calls: Berlin's row of 04-10 names c03, a campaign of workspace 340, but rows are selected by their own
    //   workspace_id (§11): total 1000, completed 900, connected 800, meetings 70, qualified 60, conversations 50,
    //   avg 99999/900 = 111.1 → 111, contact 800/1000 = 80.0, conversion 70/1000 = 7.0. Previous: no rows →
    //   meetingsBooked and totalCalls changes null; outreach as in the week test (prospectsContacted 3, previous 0).
    @Test func monthBucketsArePartialCalendarMonths() {
        let result = StatsHarness.call(tool, #"{"from": "2026-03-15", "to": "2026-05-10", "breakdown": "month"}"#, workspace: 341)
        StatsCheck.member(result, "period", #"{"from": "2026-03-15", "to": "2026-05-10"}"#)
        StatsCheck.member(result, "totals", #"{"campaignClicks": 6, "vcardClicks": 2, "otherClicks": 2, "totalClicks": 10}"#)
        StatsCheck.member(result, "previous", Self.quietPrevious("2026-01-17", "2026-03-14", totals: #"{"campaignClicks": 2, "vcardClicks": 2, "otherClicks": 1, "totalClicks": 5}"#))
        StatsCheck.member(result, "changePct", #"{"campaignClicks": 200.0, "vcardClicks": 0.0, "otherClicks": 100.0, "totalClicks": 100.0, \#(Self.nullChanges)}"#)
        StatsCheck.member(result, "calls", """
            {"totalCalls": 1000, "completedCalls": 900, "connectedCalls": 800, "meetingsBooked": 70, "qualifiedLeads": 60,
             "conversationsHad": 50, "avgDurationSeconds": 111, "contactRatePct": 80.0, "conversionRatePct": 7.0}
            """)
        StatsCheck.member(result, "breakdown", """
            {"chart": {"datasets": {"current": [6, 3, 1], "previous": [1, 0, 4],
                                    "campaigns": [{"campaignPublicId": "\(StatsFixture.cp(21))", "name": "Berlin Email", "data": [3, 0, 1]},
                                                  {"campaignPublicId": "\(StatsFixture.cp(22))", "name": "Berlin LinkedIn", "data": [1, 1, 0]}]},
                       "labels": {"current": ["2026-03", "2026-04", "2026-05"], "previous": ["2026-01", "2026-02", "2026-03"]}}}
            """)
        StatsCheck.member(result, "signals", #"[{"type": "campaign_clicks", "count": 6}, {"type": "other_clicks", "count": 2}, {"type": "vcard_clicks", "count": 2}]"#)
    }

    // Berlin, day breakdown across the fall-back change (2026-10-25 has 25 hours):
    //   10-24: b21 other (21:59:59Z = 23:59:59 CEST) = 1; 10-25: b18 vcard (00:30 CEST), b19 other (23:30 CET) = 2;
    //   10-26: b20 c23 (23:00Z = 00:00 CET) = 1. Previous 10-21..10-23: nothing.
    //   generatedAt at 2026-10-25T00:30:00Z is still CEST (+02:00).
    @Test func dayBucketsAcrossFallBack() {
        let result = StatsHarness.call(tool, #"{"from": "2026-10-24", "to": "2026-10-26", "breakdown": "day"}"#, workspace: 341, now: "2026-10-25T00:30:00Z")
        StatsCheck.member(result, "totals", #"{"campaignClicks": 1, "vcardClicks": 1, "otherClicks": 2, "totalClicks": 4}"#)
        StatsCheck.member(result, "breakdown", """
            {"chart": {"datasets": {"current": [1, 2, 1], "previous": [0, 0, 0],
                                    "campaigns": [{"campaignPublicId": "\(StatsFixture.cp(23))", "name": "Berlin Calls", "data": [0, 0, 1]}]},
                       "labels": {"current": ["2026-10-24", "2026-10-25", "2026-10-26"],
                                  "previous": ["2026-10-21", "2026-10-22", "2026-10-23"]}}}
            """)
        StatsCheck.member(result, "signals", #"[{"type": "other_clicks", "count": 2}, {"type": "campaign_clicks", "count": 1}, {"type": "vcard_clicks", "count": 1}]"#)
        StatsCheck.member(result, "generatedAt", #""2026-10-25T02:30:00+02:00""#)
    }

    // Kolkata (+05:30): 2026-03-28T18:30:00Z is local 2026-03-29 00:00.
    //   03-29: k2 campaign (18:30:00Z on 03-28), k3 other (18:29:59Z on 03-29) → {1, 0, 1, 2}
    //   03-28: k1 vcard (18:29:59Z) → {0, 1, 0, 1};  k4 (03-30 local) is outside.
    //   outreach (c31): 03-29 p3101's acceptance (18:30:00Z on 03-28) and p3102's invite (18:29:59.5Z on 03-29) →
    //   invites 1, accepted 1, contacted 1 → reply 0/1 = 0.0, acceptance 100.0; 03-28: p3101's invite → contacted 1
    //   → prospectsContacted change 0.0. No call rows.
    @Test func kolkataLocalDayAndHalfHourOffset() {
        let result = StatsHarness.call(tool, #"{"from": "2026-03-29", "to": "2026-03-29"}"#, workspace: 342, user: 5, now: "2026-03-28T20:00:00Z")
        StatsCheck.ok(result, """
            {"workspace": {"name": "Kolkata Pvt", "publicId": "\(StatsFixture.ws(3))", "timezone": "Asia/Kolkata"},
             "period": {"from": "2026-03-29", "to": "2026-03-29"},
             "totals": {"campaignClicks": 1, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 2},
             "outreach": {"emailsSent": 0, "invitesSent": 1, "invitesAccepted": 1, "linkedinMessagesSent": 0,
                          "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 1},
             "rates": {"replyRatePct": 0.0, "bounceRatePct": null, "acceptanceRatePct": 100.0},
             "calls": \(Self.noCalls),
             "previous": {"period": {"from": "2026-03-28", "to": "2026-03-28"},
                          "totals": {"campaignClicks": 0, "vcardClicks": 1, "otherClicks": 0, "totalClicks": 1},
                          "outreach": {"emailsSent": 0, "invitesSent": 1, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                                       "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 1},
                          "calls": \(Self.noCalls)},
             "changePct": {"campaignClicks": null, "vcardClicks": -100.0, "otherClicks": null, "totalClicks": 100.0,
                           "prospectsContacted": 0.0, "replies": null, "meetingsBooked": null, "totalCalls": null},
             "breakdown": {},
             "signals": [{"type": "campaign_clicks", "count": 1}, {"type": "other_clicks", "count": 1}],
             "generatedAt": "2026-03-29T01:30:00+05:30"}
            """)
    }

    // New York, 2026-03-08 has 23 hours (EST until 07:00Z, then EDT):
    //   n2 05:00:00Z = 00:00 EST and n3 03-09T03:59:59Z = 23:59:59 EDT are on 03-08; n1 is 03-07; n4 is 03-09.
    @Test func newYorkSpringForwardDay() {
        let result = StatsHarness.call(tool, #"{"from": "2026-03-08", "to": "2026-03-08"}"#, workspace: 343, user: 6, now: "2026-03-08T07:00:00.999Z")
        StatsCheck.member(result, "totals", #"{"campaignClicks": 1, "vcardClicks": 1, "otherClicks": 0, "totalClicks": 2}"#)
        StatsCheck.member(result, "previous", Self.quietPrevious("2026-03-07", "2026-03-07", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1}"#))
        StatsCheck.member(result, "changePct", #"{"campaignClicks": null, "vcardClicks": null, "otherClicks": -100.0, "totalClicks": 100.0, \#(Self.nullChanges)}"#)
        StatsCheck.member(result, "signals", #"[{"type": "campaign_clicks", "count": 1}, {"type": "vcard_clicks", "count": 1}]"#)
        // Fractional seconds are dropped; the offset is EDT at that instant.
        StatsCheck.member(result, "generatedAt", #""2026-03-08T03:00:00-04:00""#)
    }

    // Lord Howe, 2026-04-05 has 24.5 hours (+11:00 until 04-04T15:00Z, then +10:30).
    @Test func lordHoweHalfHourDSTDayBuckets() {
        let result = StatsHarness.call(tool, #"{"from": "2026-04-04", "to": "2026-04-06", "breakdown": "day"}"#, workspace: 344, user: 6, now: "2026-04-04T15:00:00Z")
        StatsCheck.member(result, "totals", #"{"campaignClicks": 1, "vcardClicks": 1, "otherClicks": 2, "totalClicks": 4}"#)
        StatsCheck.member(result, "breakdown", """
            {"chart": {"datasets": {"current": [1, 2, 1], "previous": [0, 0, 0],
                                    "campaigns": [{"campaignPublicId": "\(StatsFixture.cp(51))", "name": "Howe Email", "data": [0, 1, 0]}]},
                       "labels": {"current": ["2026-04-04", "2026-04-05", "2026-04-06"],
                                  "previous": ["2026-04-01", "2026-04-02", "2026-04-03"]}}}
            """)
        StatsCheck.member(result, "generatedAt", #""2026-04-05T01:30:00+10:30""#)
    }

    @Test(arguments: [
        (341, 2, "2026-03-29T00:59:59Z", "2026-03-29T01:59:59+01:00"),
        (341, 2, "2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00"),
        (341, 2, "2026-10-25T01:00:00Z", "2026-10-25T02:00:00+01:00"),
        (342, 5, "2026-03-28T18:29:59.999Z", "2026-03-28T23:59:59+05:30"),
        (343, 6, "2026-03-08T06:59:59Z", "2026-03-08T01:59:59-05:00"),
        (344, 6, "2026-04-04T14:59:59Z", "2026-04-05T01:59:59+11:00"),
        (340, 1, "2026-04-30T23:59:59.5Z", "2026-04-30T23:59:59+00:00"),
    ])
    func generatedAtUsesTheWorkspaceOffsetAtThatInstant(workspace: Int64, user: Int, now: String, expected: String) {
        let result = StatsHarness.call(tool, #"{"from": "2026-01-01", "to": "2026-01-01"}"#, workspace: workspace, user: user, now: now)
        StatsCheck.member(result, "generatedAt", "\"\(expected)\"")
    }

    @Test func workspacePublicIdOfTheSessionIsAccepted() throws {
        let plain = StatsHarness.call(tool, #"{"from": "2026-01-11", "to": "2026-01-20"}"#)
        let named = StatsHarness.call(tool, "{\"from\": \"2026-01-11\", \"to\": \"2026-01-20\", \"workspacePublicId\": \"\(ws1)\"}")
        #expect(try named.get() == plain.get())
    }

    @Test func workspacePublicIdOfAnotherWorkspaceIsAMismatch() {
        // ws2 exists (Ada is even linked to it), ws9 does not: both are a mismatch.
        for other in [StatsFixture.ws(2), StatsFixture.ws(9)] {
            let result = StatsHarness.call(tool, "{\"from\": \"2026-01-11\", \"to\": \"2026-01-20\", \"workspacePublicId\": \"\(other)\"}")
            StatsCheck.error(result, .workspaceMismatch, field: "workspacePublicId")
        }
    }

    @Test(arguments: ["ws_123", "WS_01HZ0000000000000000000001", "ws_81hz0000000000000000000001", "c0000000-0000-4000-8000-000000000001", "cp_01hz0000000000000000000001", " "])
    func malformedWorkspacePublicIdIsInvalid(value: String) {
        let result = StatsHarness.call(tool, "{\"from\": \"2026-01-11\", \"to\": \"2026-01-20\", \"workspacePublicId\": \"\(value)\"}")
        StatsCheck.error(result, .invalidArgument, field: "workspacePublicId")
    }

    @Test func campaignClicksOfAnotherWorkspaceCampaignAreTotalsOnly() {
        // The click naming Berlin's c21 inside ws 340 on 03-05: counted in ws 340's totals (above), never for c21 in Berlin.
        let berlin = StatsHarness.call(tool, #"{"from": "2026-03-05", "to": "2026-03-05", "breakdown": "day"}"#, workspace: 341)
        StatsCheck.member(berlin, "totals", #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#)
        StatsCheck.member(berlin, "breakdown", """
            {"chart": {"datasets": {"current": [0], "previous": [0], "campaigns": []},
                       "labels": {"current": ["2026-03-05"], "previous": ["2026-03-04"]}}}
            """)
    }

    // A tiny store: timestamps written with offsets and nanoseconds, a workspace with an unknown zone name
    // (treated as UTC) and one without a timezone (UTC).
    //   345 (Mars/Olympus → UTC): "2026-03-29T00:30:00+01:00" = 03-28T23:30Z → 03-28;
    //     "2026-03-28T20:00:00-05:00" = 03-29T01:00Z → 03-29; "2026-03-28T23:59:59.999999999Z" → 03-28.
    //   346 (no timezone): "2026-03-29T05:29:59+05:30" = 03-28T23:59:59Z → 03-28; "2026-03-29T05:30:00+05:30" → 03-29.
    static let offsetStore: StoreData = StatsFixture.load(StatsFixture.document(
        workspaces: [
            "{\"id\": 345, \"public_id\": \"\(StatsFixture.ws(6))\", \"name\": \"Mars\", \"timezone\": \"Mars/Olympus\"}",
            "{\"id\": 346, \"public_id\": \"\(StatsFixture.ws(7))\", \"name\": \"Plain\"}",
        ],
        users: ["{\"id\": \"\(StatsFixture.uid(1))\", \"public_id\": \"\(StatsFixture.usr(1))\", \"name\": \"Ada Park\", \"workspace_ids\": [345, 346]}"],
        campaigns: [],
        clicks: [
            StatsFixture.click(345, "other", "2026-03-29T00:30:00+01:00"),
            StatsFixture.click(345, "vcard", "2026-03-28T20:00:00-05:00"),
            StatsFixture.click(345, "other", "2026-03-28T23:59:59.999999999Z"),
            StatsFixture.click(346, "vcard", "2026-03-29T05:29:59+05:30"),
            StatsFixture.click(346, "campaign", "2026-03-29T05:30:00+05:30"),
        ]))

    @Test func clickInstantsWithOffsetsAndAnUnknownZoneCountInUTC() {
        let mars = StatsHarness.call(tool, #"{"from": "2026-03-29", "to": "2026-03-29"}"#, store: Self.offsetStore, workspace: 345, now: "2026-03-29T12:00:00Z")
        StatsCheck.member(mars, "totals", #"{"campaignClicks": 0, "vcardClicks": 1, "otherClicks": 0, "totalClicks": 1}"#)
        StatsCheck.member(mars, "previous", Self.quietPrevious("2026-03-28", "2026-03-28", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 2, "totalClicks": 2}"#))
        StatsCheck.member(mars, "generatedAt", #""2026-03-29T12:00:00+00:00""#)
        let plain = StatsHarness.call(tool, #"{"from": "2026-03-29", "to": "2026-03-29"}"#, store: Self.offsetStore, workspace: 346, now: "2026-03-29T12:00:00Z")
        StatsCheck.member(plain, "workspace", "{\"name\": \"Plain\", \"publicId\": \"\(StatsFixture.ws(7))\", \"timezone\": \"UTC\"}")
        StatsCheck.member(plain, "totals", #"{"campaignClicks": 1, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 1}"#)
        StatsCheck.member(plain, "generatedAt", #""2026-03-29T12:00:00+00:00""#)
    }
}

// MARK: - Revision 2: presets, compare, workspace-wide outreach, rates and calls

extension WorkspaceOverviewTests {
    static let aprilOutreach = """
        {"emailsSent": 3, "invitesSent": 3, "invitesAccepted": 3, "linkedinMessagesSent": 1,
         "replies": 4, "interested": 1, "bounces": 1, "prospectsContacted": 5}
        """
    static let aprilCalls = """
        {"totalCalls": 74, "completedCalls": 55, "connectedCalls": 43, "meetingsBooked": 15, "qualifiedLeads": 15,
         "conversationsHad": 22, "avgDurationSeconds": 95, "contactRatePct": 58.1, "conversionRatePct": 20.3}
        """
    static let marchOutreach = """
        {"emailsSent": 2, "invitesSent": 1, "invitesAccepted": 0, "linkedinMessagesSent": 0,
         "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 3}
        """
    static let marchCalls = """
        {"totalCalls": 7, "completedCalls": 3, "connectedCalls": 2, "meetingsBooked": 1, "qualifiedLeads": 0,
         "conversationsHad": 1, "avgDurationSeconds": 100, "contactRatePct": 28.6, "conversionRatePct": 14.3}
        """

    // Workspace 340, `last_month` on 2026-05-10 → April 2026 (UTC), compared with the whole of March.
    //   outreach = c01 + c02 (the other campaigns have no activities; a prospect belongs to one campaign, so the
    //   distinct counts add up):
    //     c01: emails p102 (04-01T00:00:00Z), p103 ×2 → 3; bounce p102 → 1; replies p101 (twice: 04-02 and 04-03,
    //          counted once; contacted 03-20, before the period), p103, p104 (contacted 03-31T23:59:59Z, replies
    //          04-30T23:59:59Z inside) → 3; interested p101 → 1; contacted p102, p103 → 2
    //     c02: invites p201, p202, p203 → 3; accepted p201, p202, p204 (invited 03-15) → 3; message p201 → 1;
    //          reply p201 → 1; contacted p201, p202, p203 → 3
    //     → emails 3, invites 3, accepted 3, messages 1, replies 4, interested 1, bounces 1, contacted 5
    //   rates: reply 4/5 = 80.0, bounce 1/3 = 33.3, acceptance 3/3 = 100.0
    //   calls: every April row of workspace 340 — c03 04-01 [10, 4, 3, 1, 1, 2, 251], c03 04-30 [5, 2, 1, 0, 0, 1, 100],
    //     the campaign-less row 04-10 [50, 40, 30, 5, 5, 10, 4000], c01 04-10 [9, 9, 9, 9, 9, 9, 900] (not the 05-01
    //     row, not Berlin's row) → 74, 55, 43, 15, 15, 22, duration 5251 → avg 5251/55 = 95.47 → 95,
    //     contact 43/74 = 58.11 → 58.1, conversion 15/74 = 20.27 → 20.3
    //   clicks: campaign 04-10, 04-30T23:59:59Z; vcard 04-15; other 04-20, 04-21 → {2, 1, 2, 5}
    //   previous (2026-03-01..03-31): clicks campaign 28 + 1 (Berlin's c21) + 1 unattributed = 30, vcard 2 (c12),
    //     other 03-01T23:59:59Z, 03-09, 03-31T23:59:59Z = 3 → 35; outreach c01 emails p101, p104 → 2, c02 invite
    //     p204 → 1, contacted 3; calls c03 03-31 [7, 3, 2, 1, 0, 1, 300] → avg 100, contact 2/7 = 28.6, conversion 14.3
    //   changePct: campaign -28/30 = -93.3, vcard -1/2 = -50.0, other -1/3 = -33.3, total -30/35 = -85.7,
    //     contacted 2/3 = 66.7, replies null (previous 0), meetings 14/1 = 1400.0, calls 67/7 = 957.1
    @Test func workspaceOutreachRatesAndCallsForAPreset() {
        let result = StatsHarness.call(tool, #"{"period": "last_month"}"#, today: "2026-05-10")
        StatsCheck.ok(result, """
            {"workspace": {"name": "Acme", "publicId": "\(ws1)", "timezone": "UTC"},
             "period": {"from": "2026-04-01", "to": "2026-04-30", "preset": "last_month"},
             "totals": {"campaignClicks": 2, "vcardClicks": 1, "otherClicks": 2, "totalClicks": 5},
             "outreach": \(Self.aprilOutreach),
             "rates": {"replyRatePct": 80.0, "bounceRatePct": 33.3, "acceptanceRatePct": 100.0},
             "calls": \(Self.aprilCalls),
             "previous": {"period": {"from": "2026-03-01", "to": "2026-03-31"},
                          "totals": {"campaignClicks": 30, "vcardClicks": 2, "otherClicks": 3, "totalClicks": 35},
                          "outreach": \(Self.marchOutreach), "calls": \(Self.marchCalls)},
             "changePct": {"campaignClicks": -93.3, "vcardClicks": -50.0, "otherClicks": -33.3, "totalClicks": -85.7,
                           "prospectsContacted": 66.7, "replies": null, "meetingsBooked": 1400.0, "totalCalls": 957.1},
             "breakdown": {},
             "signals": [{"type": "campaign_clicks", "count": 2}, {"type": "other_clicks", "count": 2}, {"type": "vcard_clicks", "count": 1}],
             "generatedAt": "2026-04-30T12:34:56+00:00"}
            """)
    }

    // The same April with explicit dates: no preset, and the previous period is the 30 days before
    // (03-02..03-31), which leaves out the other click of 03-01 → other 2, total 34: other 0.0, total -29/34 = -85.3.
    @Test func explicitDatesCompareWithTheSameLengthBefore() {
        let result = StatsHarness.call(tool, #"{"from": "2026-04-01", "to": "2026-04-30"}"#)
        StatsCheck.member(result, "period", #"{"from": "2026-04-01", "to": "2026-04-30"}"#)
        StatsCheck.member(result, "previous", """
            {"period": {"from": "2026-03-02", "to": "2026-03-31"},
             "totals": {"campaignClicks": 30, "vcardClicks": 2, "otherClicks": 2, "totalClicks": 34},
             "outreach": \(Self.marchOutreach), "calls": \(Self.marchCalls)}
            """)
        StatsCheck.member(result, "changePct", """
            {"campaignClicks": -93.3, "vcardClicks": -50.0, "otherClicks": 0.0, "totalClicks": -85.3,
             "prospectsContacted": 66.7, "replies": null, "meetingsBooked": 1400.0, "totalCalls": 957.1}
            """)
    }

    // Cross-check: the workspace outreach is the sum of the per-campaign outreach of §5.2, campaign by campaign.
    @Test func workspaceOutreachIsTheSumOfItsCampaigns() throws {
        let overview = try #require(StatsCheck.value(StatsHarness.call(tool, #"{"from": "2026-03-20", "to": "2026-04-12"}"#)))
        var sum: [String: Int64] = [:]
        for n in 1...12 {
            let performance = try #require(StatsCheck.value(StatsHarness.call(
                StatsGetCampaignPerformance(), "{\"campaignPublicId\": \"\(StatsFixture.cp(n))\", \"from\": \"2026-03-20\", \"to\": \"2026-04-12\"}")))
            for member in performance["outreach"]?.objectValue ?? JSONObject() { sum[member.key, default: 0] += member.value.integerValue ?? 0 }
        }
        let outreach = try #require(overview["outreach"]?.objectValue)
        #expect(outreach.count == 8)
        for member in outreach { #expect(member.value.integerValue == sum[member.key], "\(member.key)") }
        // Replies 03-20..04-12: p101 (twice, once counted), p201; p103 (04-13) and p104 (04-30) reply later.
        #expect(outreach["replies"] == 2)
        // Contacted: c01 p101 (03-20), p104 (03-31), p102, p103; c02 p201, p202, p203 (p204's invite is 03-15) → 7.
        #expect(outreach["prospectsContacted"] == 7)
    }

    // compare none: previous and changePct null, the chart's previous labels and dataset empty.
    //   April by ISO week: 03-30 [04-01..04-05] 0; 04-06 campaign 04-10 → 1; 04-13 vcard 04-15 → 1;
    //   04-20 other 04-20, 04-21 → 2; 04-27 [04-27..04-30] campaign 04-30 → 1. c01 has both campaign clicks.
    @Test func compareNoneLeavesNoPrevious() {
        let result = StatsHarness.call(tool, #"{"from": "2026-04-01", "to": "2026-04-30", "compare": "none", "breakdown": "week"}"#)
        StatsCheck.member(result, "previous", "null")
        StatsCheck.member(result, "changePct", "null")
        StatsCheck.member(result, "outreach", Self.aprilOutreach)
        StatsCheck.member(result, "calls", Self.aprilCalls)
        StatsCheck.member(result, "breakdown", """
            {"chart": {"datasets": {"current": [0, 1, 1, 2, 1], "previous": [],
                                    "campaigns": [{"campaignPublicId": "\(StatsFixture.cp(1))", "name": "Alpha Email", "data": [0, 1, 0, 0, 1]}]},
                       "labels": {"current": ["2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20", "2026-04-27"], "previous": []}}}
            """)
    }

    // previous_year of this_month on 2026-04-30: 2025-04-01..2025-04-30, where nothing happened.
    @Test func previousYearComparesTheSameDatesAYearEarlier() {
        let result = StatsHarness.call(tool, #"{"period": "this_month", "compare": "previous_year"}"#, today: "2026-04-30")
        StatsCheck.member(result, "period", #"{"from": "2026-04-01", "to": "2026-04-30", "preset": "this_month"}"#)
        StatsCheck.member(result, "previous", Self.quietPrevious("2025-04-01", "2025-04-30", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#))
        StatsCheck.member(result, "changePct", #"{"campaignClicks": null, "vcardClicks": null, "otherClicks": null, "totalClicks": null, \#(Self.nullChanges)}"#)
    }

    // A DST week in Berlin, seen on a Monday. now = 2026-03-29T22:30:00Z is Monday 03-30 00:30 CEST in Berlin
    // (but still Sunday 03-29 in UTC). last_week = 03-23..03-29 (the spring-forward week), previous the week before.
    //   clicks (local days): b8 03-23 00:15 CET (UTC day 03-22) c21, b9 03-25 other, b10 03-26 00:00 CET c21,
    //     b11 03-29 00:30 CET c22 → campaign 3, other 1; b12 03-30 00:30 CEST is outside.
    //   outreach (c21): emails p2101 03-29 00:30 CET, p2102 03-28 23:59:59 CET, p2103 03-29 23:59:59 CEST → 3,
    //     contacted 3; p2103's reply at 22:00:00Z is 03-30 00:00 CEST → outside (it would be inside at +01:00) → 0.
    //   previous 03-16..03-22: nothing (b7 is 03-15, b8 03-23) → every change null.
    @Test func lastWeekAcrossSpringForwardOnAMondayInBerlin() {
        let now = "2026-03-29T22:30:00Z"
        let result = StatsHarness.call(tool, #"{"period": "last_week"}"#, workspace: 341, now: now)
        StatsCheck.ok(result, """
            {"workspace": {"name": "Berlin GmbH", "publicId": "\(StatsFixture.ws(2))", "timezone": "Europe/Berlin"},
             "period": {"from": "2026-03-23", "to": "2026-03-29", "preset": "last_week"},
             "totals": {"campaignClicks": 3, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 4},
             "outreach": {"emailsSent": 3, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                          "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 3},
             "rates": {"replyRatePct": 0.0, "bounceRatePct": 0.0, "acceptanceRatePct": null},
             "calls": \(Self.noCalls),
             "previous": \(Self.quietPrevious("2026-03-16", "2026-03-22", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#)),
             "changePct": {"campaignClicks": null, "vcardClicks": null, "otherClicks": null, "totalClicks": null, \(Self.nullChanges)},
             "breakdown": {},
             "signals": [{"type": "campaign_clicks", "count": 3}, {"type": "other_clicks", "count": 1}],
             "generatedAt": "2026-03-30T00:30:00+02:00"}
            """)
        // The same instant in the UTC workspace is still Sunday 03-29: last_week is 03-16..03-22 there.
        let utc = StatsHarness.call(tool, #"{"period": "last_week"}"#, workspace: 340, now: now)
        StatsCheck.member(utc, "period", #"{"from": "2026-03-16", "to": "2026-03-22", "preset": "last_week"}"#)
        // Its previous week 03-09..03-15: the other click of 03-09T00:00:00Z and c02's invite to p204 (03-15T09:00:00Z).
        StatsCheck.member(utc, "previous", """
            {"period": {"from": "2026-03-09", "to": "2026-03-15"},
             "totals": {"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1},
             "outreach": {"emailsSent": 0, "invitesSent": 1, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                          "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 1},
             "calls": \(Self.noCalls)}
            """)
        // Sunday afternoon in Berlin: this_week is the whole DST week, compared with the whole week before.
        let sunday = StatsHarness.call(tool, #"{"period": "this_week"}"#, workspace: 341, now: "2026-03-29T12:00:00Z")
        StatsCheck.member(sunday, "period", #"{"from": "2026-03-23", "to": "2026-03-29", "preset": "this_week"}"#)
        StatsCheck.member(sunday, "totals", #"{"campaignClicks": 3, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 4}"#)
        StatsCheck.member(sunday, "previous", Self.quietPrevious("2026-03-16", "2026-03-22", totals: #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#))
    }

    // §4 / §11: `period` with `from` or `to` is invalid (field period), before the missing-date rule and before
    // references; without `period`, neither date or only `to` is the missing `from`, only `from` the missing `to`.
    @Test func periodAndDateRules() {
        StatsCheck.error(StatsHarness.call(tool, #"{"period": "last_month", "from": "2026-03-01"}"#), .invalidArgument, field: "period")
        StatsCheck.error(StatsHarness.call(tool, #"{"period": "last_month", "to": "2026-03-31"}"#), .invalidArgument, field: "period")
        StatsCheck.error(StatsHarness.call(tool, "{\"period\": \"today\", \"to\": \"2026-03-31\", \"workspacePublicId\": \"\(StatsFixture.ws(2))\"}"), .invalidArgument, field: "period")
        StatsCheck.error(StatsHarness.call(tool, "{}"), .invalidArgument, field: "from")
        StatsCheck.error(StatsHarness.call(tool, #"{"to": "2026-03-31"}"#), .invalidArgument, field: "from")
        StatsCheck.error(StatsHarness.call(tool, #"{"from": "2026-03-01"}"#), .invalidArgument, field: "to")
        StatsCheck.error(StatsHarness.call(tool, #"{"period": "lastMonth"}"#), .invalidArgument, field: "period")
        StatsCheck.error(StatsHarness.call(tool, #"{"period": "today", "compare": "last_year"}"#), .invalidArgument, field: "compare")
        // A preset of 366 days with a day breakdown is fine (this_year on 2024-12-31).
        let leap = StatsHarness.call(tool, #"{"period": "this_year", "breakdown": "day"}"#, today: "2024-12-31")
        StatsCheck.member(leap, "period", #"{"from": "2024-01-01", "to": "2024-12-31", "preset": "this_year"}"#)
    }

    // The inputSchema lists no property as required (SPEC §5.1 revision 2).
    @Test func inputSchemaRequiresNothing() {
        #expect(tool.inputSchema["required"] == nil)
        #expect(tool.arguments.map(\.name) == ["from", "to", "period", "compare", "breakdown", "workspacePublicId"])
    }
}

extension WorkspaceOverviewTests {
    // The output schema pins the revision-2 blocks: a missing figure, a wrong type or a missing block is caught.
    @Test func outputSchemaCatchesMissingRevision2Figures() throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, #"{"from": "2026-04-01", "to": "2026-04-30"}"#)))
        let schema = tool.outputSchema
        #expect(StatsSchemaCheck.violations(value, schema).isEmpty)
        func altered(_ change: (inout JSONObject) -> Void) -> JSONValue {
            guard case var .object(o) = value else { return value }
            change(&o)
            return .object(o)
        }
        let withoutReplies = altered { o in
            if case var .object(outreach)? = o["outreach"] { outreach["replies"] = nil; o["outreach"] = .object(outreach) }
        }
        #expect(!StatsSchemaCheck.violations(withoutReplies, schema).isEmpty)
        let textChange = altered { o in
            if case var .object(change)? = o["changePct"] { change["totalCalls"] = "12%"; o["changePct"] = .object(change) }
        }
        #expect(!StatsSchemaCheck.violations(textChange, schema).isEmpty)
        let previousWithoutCalls = altered { o in
            if case var .object(previous)? = o["previous"] { previous["calls"] = nil; o["previous"] = .object(previous) }
        }
        #expect(!StatsSchemaCheck.violations(previousWithoutCalls, schema).isEmpty)
        #expect(!StatsSchemaCheck.violations(altered { $0["rates"] = nil }, schema).isEmpty)
        #expect(!StatsSchemaCheck.violations(altered { $0["extra"] = 1 }, schema).isEmpty)
        #expect(StatsSchemaCheck.violations(altered { $0["previous"] = .null; $0["changePct"] = .null }, schema).isEmpty)
    }
}
