import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §5.3 `stats_get_user_metrics` on the hand-made fixture.
@Suite("stats_get_user_metrics")
struct UserMetricsTests {
    let tool = StatsGetUserMetrics()

    func args(_ n: Int, _ extra: String = "") -> String {
        "{\"userPublicId\": \"\(StatsFixture.usr(n))\"\(extra.isEmpty ? "" : ", " + extra)}"
    }

    static let april = #""from": "2026-04-01", "to": "2026-04-30""#

    // Ada in workspace 340, April 2026.
    //   campaignAssignments: c01 (owner and assignee: once), c03 (owner), c04 (assignee, a draft), c05 (owner,
    //     archived) = 4; Berlin's c21 (owner) is another workspace.
    //   aliases: e01, e02 in 340 = 2 (e03 is Berlin, e05 an unknown workspace, the second e02 a duplicate id).
    //   clicks with user_id Ada: campaign 04-10, vcard 04-15, other 04-20 → {1, 1, 1, 3};
    //     previous (03-02..03-31): other 03-31T23:59:59Z → 1 → change 200.0.
    //   outreach: owned c01 (see CampaignPerformanceTests) + c03, c05 (no activities); c04 is only assigned.
    //   trend: replies previous 0 → null; contacted 2 → 2 → 0.0.
    @Test func linkedUserInTheSessionWorkspace() {
        StatsCheck.ok(StatsHarness.call(tool, args(1, Self.april)), """
            {"user": {"publicId": "\(StatsFixture.usr(1))", "name": "Ada Park"},
             "period": {"from": "2026-04-01", "to": "2026-04-30", "defaulted": false},
             "campaignAssignments": 4,
             "aliases": 2,
             "clicks": {"campaignClicks": 1, "vcardClicks": 1, "otherClicks": 1, "totalClicks": 3},
             "outreach": {"emailsSent": 3, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
                          "replies": 3, "interested": 1, "bounces": 1, "prospectsContacted": 2},
             "trend": {"previousPeriod": {"from": "2026-03-02", "to": "2026-03-31"},
                       "changePct": {"totalClicks": 200.0, "replies": null, "prospectsContacted": 0.0}}}
            """)
    }

    // Ben in 340: owner of c02, c04, c06..c12 (9) and assignee of c01 → 10 assignments (statuses draft,
    // paused, completed … all count). No aliases. One click (other, 04-21). Outreach = c02's April figures;
    // c01's activities are not his (assignee only). Trend: clicks 0 → 1 → null; contacted 1 → 3 → 200.0.
    @Test func assigneeOnlyCampaignsCountAsAssignmentsButNotOutreach() {
        StatsCheck.ok(StatsHarness.call(tool, args(2, Self.april), user: 2), """
            {"user": {"publicId": "\(StatsFixture.usr(2))", "name": "Ben Ode"},
             "period": {"from": "2026-04-01", "to": "2026-04-30", "defaulted": false},
             "campaignAssignments": 10,
             "aliases": 0,
             "clicks": {"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1},
             "outreach": {"emailsSent": 0, "invitesSent": 3, "invitesAccepted": 3, "linkedinMessagesSent": 1,
                          "replies": 1, "interested": 0, "bounces": 0, "prospectsContacted": 3},
             "trend": {"previousPeriod": {"from": "2026-03-02", "to": "2026-03-31"},
                       "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": 200.0}}}
            """)
    }

    @Test func anotherUserMayBeQueried() {
        // Ada asks about Ben: the figures are Ben's, not the caller's.
        StatsCheck.member(StatsHarness.call(tool, args(2, Self.april), user: 1), "campaignAssignments", "10")
    }

    // Ada seen from Berlin (341): only Berlin counts. Assignments: c21 = 1; aliases: e03 = 1.
    // On 2026-03-29 (local) her c21 sent 2 emails (see CampaignPerformanceTests.berlinActivitiesAtLocalMidnight).
    @Test func onlyTheSessionWorkspaceCounts() {
        let result = StatsHarness.call(tool, args(1, #""from": "2026-03-29", "to": "2026-03-29""#), workspace: 341)
        StatsCheck.member(result, "campaignAssignments", "1")
        StatsCheck.member(result, "aliases", "1")
        StatsCheck.member(result, "outreach", """
            {"emailsSent": 2, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 2}
            """)
        StatsCheck.member(result, "clicks", #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#)
    }

    // Ada's Berlin click (other, 2026-06-12) counts in Berlin only.
    @Test func clicksAreThoseOfTheSessionWorkspace() {
        StatsCheck.member(StatsHarness.call(tool, args(1, #""from": "2026-06-01", "to": "2026-06-30""#), workspace: 341), "clicks",
            #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1}"#)
        StatsCheck.member(StatsHarness.call(tool, args(1, #""from": "2026-06-01", "to": "2026-06-30""#)), "clicks",
            #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 0, "totalClicks": 0}"#)
    }

    // Cy in Berlin: owner of c22, c23, c24 (a draft) → 3. His alias e04 lives in 340, where he is not linked.
    @Test func aliasesOfOtherWorkspacesAreNotCounted() {
        let result = StatsHarness.call(tool, args(3, Self.april), workspace: 341, user: 3)
        StatsCheck.member(result, "campaignAssignments", "3")
        StatsCheck.member(result, "aliases", "0")
    }

    @Test func defaultedPeriodAndNotes() throws {
        let plain = try #require(StatsCheck.value(StatsHarness.call(tool, args(1), today: "2026-04-30")))
        #expect(plain["period"] == StatsCheck.json(#"{"from": "2026-04-01", "to": "2026-04-30", "defaulted": true}"#))
        #expect(plain["outreach"] == StatsCheck.value(StatsHarness.call(tool, args(1, Self.april)))?["outreach"])
        let loneFrom = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, #""from": "2026-04-01""#), today: "2026-04-30")))
        #expect(loneFrom["period"]?["defaulted"] == true)
        #expect(loneFrom["period"]?["note"]?.stringValue?.contains("`from`") == true)
        let loneTo = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, #""to": "2026-04-30""#), today: "2026-04-30")))
        #expect(loneTo["period"]?["note"]?.stringValue?.contains("`to`") == true)
        StatsCheck.error(StatsHarness.call(tool, args(1, #""to": "2026-02-30""#)), .invalidArgument, field: "to")
    }

    @Test func unlinkedUsersAreNotFoundLikeNeverExistingOnes() throws {
        let never = try #require(StatsCheck.error(StatsHarness.call(tool, args(99)), .notFound, field: "userPublicId"))
        func shape(_ e: ToolError, _ n: Int) -> String { e.message.replacingOccurrences(of: StatsFixture.usr(n), with: "ID") }
        // Dee: linked to no workspace; Cy: linked to Berlin only; Eka: linked to Kolkata only.
        for n in [4, 3, 5] {
            let error = try #require(StatsCheck.error(StatsHarness.call(tool, args(n, Self.april)), .notFound, field: "userPublicId"))
            #expect(shape(error, n) == shape(never, 99))
            #expect(error.hint == never.hint)
            #expect(!error.text.contains("Berlin") && !error.text.contains("Kolkata") && !error.text.contains("Cy Berg"))
        }
    }

    @Test func userPublicIdFormat() {
        StatsCheck.error(StatsHarness.call(tool, "{\"userPublicId\": \"\(StatsFixture.cp(1))\"}"), .invalidArgument, field: "userPublicId")
        StatsCheck.error(StatsHarness.call(tool, "{\"userPublicId\": \"usr_\(StatsFixture.ulid(1).uppercased())\"}"), .invalidArgument, field: "userPublicId")
        StatsCheck.error(StatsHarness.call(tool, "{\"userPublicId\": \"\(StatsFixture.uid(1)).\"}"), .invalidArgument, field: "userPublicId")
    }
}

// MARK: - Revision 2: UUIDs, presets and compare

extension UserMetricsTests {
    func uuidArgs(_ reference: String, _ extra: String = "") -> String {
        "{\"userPublicId\": \"\(reference)\"\(extra.isEmpty ? "" : ", " + extra)}"
    }

    // Ada by UUID (either case) answers exactly like Ada by usr_ id.
    @Test func userByUUIDInEitherCase() throws {
        let byID = try #require(StatsCheck.value(StatsHarness.call(tool, args(1, Self.april))))
        for reference in [StatsFixture.uid(1), StatsFixture.uid(1).uppercased()] {
            let byUUID = try #require(StatsCheck.value(StatsHarness.call(tool, uuidArgs(reference, Self.april))))
            #expect(byUUID == byID, "\(reference)")
        }
        #expect(byID["user"] == StatsCheck.json("{\"publicId\": \"\(StatsFixture.usr(1))\", \"name\": \"Ada Park\"}"))
    }

    // A user's UUID that is not linked to the session workspace (Cy: Berlin only; Dee: nowhere) is not_found,
    // worded like a UUID that exists nowhere.
    @Test func uuidOfAnUnlinkedUserIsNotFound() throws {
        let never = try #require(StatsCheck.error(StatsHarness.call(tool, uuidArgs(StatsFixture.uid(99))), .notFound, field: "userPublicId"))
        for n in [3, 4] {
            let error = try #require(StatsCheck.error(StatsHarness.call(tool, uuidArgs(StatsFixture.uid(n))), .notFound, field: "userPublicId"))
            #expect(error.message.replacingOccurrences(of: StatsFixture.uid(n), with: "ID") == never.message.replacingOccurrences(of: StatsFixture.uid(99), with: "ID"))
            #expect(!error.text.contains("Cy Berg") && !error.text.contains(StatsFixture.usr(n)))
        }
        // Cy by UUID from Berlin, where he is linked.
        StatsCheck.member(StatsHarness.call(tool, uuidArgs(StatsFixture.uid(3)), workspace: 341, user: 3), "campaignAssignments", "3")
    }

    // last_quarter on 2026-04-30 = Q1 2026. Ada's owned campaigns (c01, c03, c05) in Q1: c01 emails p101 (03-20),
    // p104 (03-31) → emails 2, contacted 2. Her clicks in Q1: other 03-31T23:59:59Z → {0, 0, 1, 1}.
    // compare none → trend null. previous_period would be Q4 2025 (nothing there: every change null).
    @Test func lastQuarterWithAndWithoutComparison() {
        let none = StatsHarness.call(tool, args(1, #""period": "last_quarter", "compare": "none""#), today: "2026-04-30")
        StatsCheck.member(none, "period", #"{"from": "2026-01-01", "to": "2026-03-31", "defaulted": false, "preset": "last_quarter"}"#)
        StatsCheck.member(none, "clicks", #"{"campaignClicks": 0, "vcardClicks": 0, "otherClicks": 1, "totalClicks": 1}"#)
        StatsCheck.member(none, "outreach", """
            {"emailsSent": 2, "invitesSent": 0, "invitesAccepted": 0, "linkedinMessagesSent": 0,
             "replies": 0, "interested": 0, "bounces": 0, "prospectsContacted": 2}
            """)
        StatsCheck.member(none, "trend", "null")
        let compared = StatsHarness.call(tool, args(1, #""period": "last_quarter""#), today: "2026-04-30")
        StatsCheck.member(compared, "trend", """
            {"previousPeriod": {"from": "2025-10-01", "to": "2025-12-31"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": null}}
            """)
    }

    // previous_year of April 2026 → April 2025 (nothing) → every change null.
    @Test func previousYear() {
        StatsCheck.member(StatsHarness.call(tool, args(1, Self.april + #", "compare": "previous_year""#)), "trend", """
            {"previousPeriod": {"from": "2025-04-01", "to": "2025-04-30"},
             "changePct": {"totalClicks": null, "replies": null, "prospectsContacted": null}}
            """)
    }

    @Test func periodWithADateIsInvalidBeforeLookup() {
        StatsCheck.error(StatsHarness.call(tool, args(99, #""period": "this_week", "from": "2026-04-01""#)), .invalidArgument, field: "period")
    }
}
