import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §5.7 `campaigns_sync_stats` and §5.11 `campaigns_capture_weekly_snapshots`, with an in-memory
/// committer (`StatsTestCommitter`) standing in for the durable store.
@Suite("campaigns_sync_stats")
struct SyncStatsTests {
    let tool = CampaignsSyncStats()

    // c01's prospects: p101 replied, p102 bounced, p103 replied, p104 replied, p105 sent, p106 pending.
    //   prospects_by_status: replied 3, bounced 1, sent 1, pending 1
    //   stats: total 6 + every non-pending status: replied 3, bounced 1, sent 1
    //   bounce guard (active email): attempted 6 - 1 pending = 5, bounced 1, 1/5 = 20.0 %, below 100 attempted → no pause
    //   now 2026-04-30T12:34:56.789Z → both stamps "2026-04-30T12:34:56Z"; every other field (unknown ones too) kept.
    static func c01Synced(dryRun: Bool) -> String {
        """
        {"campaign": {"id": "\(StatsFixture.cid(1))", "public_id": "\(StatsFixture.cp(1))", "workspace_id": 340,
                      "user_id": "\(StatsFixture.uid(1))", "type": "email", "name": "Alpha Email", "status": "active",
                      "assignee_ids": ["\(StatsFixture.uid(1))", "\(StatsFixture.uid(2))"],
                      "daily_limit": 50, "stop_on_reply": true, "open_tracking": true, "signature": "Best,\\n%first_name%",
                      "skip_other_campaigns": null, "operating_hours": null,
                      "stats": {"total": 6, "replied": 3, "bounced": 1, "sent": 1},
                      "created_at": "2026-03-01T09:00:00Z", "updated_at": "2026-04-30T12:34:56Z",
                      "last_synced_at": "2026-04-30T12:34:56Z", "sender_accounts": [], "x_custom": {"keep": [1, 2]}},
         "prospects_by_status": {"replied": 3, "bounced": 1, "sent": 1, "pending": 1},
         "bounce_guard": {"checked": true, "attempted": 5, "bounced": 1, "rate_pct": 20.0, "paused": false},
         "dry_run": \(dryRun)}
        """
    }

    @Test func syncRecomputesStatsAndStampsNow() throws {
        let committer = StatsTestCommitter(StatsFixture.main)
        let log = StatsLogRecorder()
        let result = StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\"}", committer: committer, log: log)
        StatsCheck.ok(result, Self.c01Synced(dryRun: false))
        #expect(committer.calls == 1)
        #expect(committer.commits.count == 1)
        #expect(log.all.isEmpty)
        // The committed record is the one answered.
        let stored = try #require(committer.data.campaign(id: UUID128(StatsFixture.cid(1))!))
        #expect(JSONValue.object(stored.record) == StatsCheck.json(Self.c01Synced(dryRun: false))["campaign"])
        // `total` comes first in the new stats.
        let value = try #require(StatsCheck.value(result))
        #expect(JSON.string(value["campaign"]!["stats"]!).hasPrefix(#"{"total":6"#))
    }

    @Test func dryRunAnswersTheSameAndStoresNothing() {
        let committer = StatsTestCommitter(StatsFixture.main)
        let result = StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\", \"dry_run\": true}", committer: committer)
        StatsCheck.ok(result, Self.c01Synced(dryRun: true))
        #expect(committer.calls == 0)
        #expect(committer.data.campaign(id: UUID128(StatsFixture.cid(1))!)?.record["last_synced_at"] == .null)
        // Explicit false is a real run.
        StatsCheck.ok(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\", \"dry_run\": false}", committer: committer), Self.c01Synced(dryRun: false))
        #expect(committer.calls == 1)
    }

    @Test func campaignUUIDIsCaseInsensitiveAndEchoedLowercase() {
        let committer = StatsTestCommitter(StatsFixture.main)
        let upper = StatsFixture.cid(1).uppercased()
        StatsCheck.ok(StatsHarness.call(tool, "{\"id\": \"\(upper)\"}", committer: committer), Self.c01Synced(dryRun: false))
    }

    @Test func syncIsIdempotent() throws {
        let committer = StatsTestCommitter(StatsFixture.main)
        let first = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cid(1))\"}", store: committer.data, committer: committer)))
        let second = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cid(1))\"}", store: committer.data, committer: committer)))
        #expect(first == second)
    }

    @Test func stampsAreUTCWholeSecondsWithZ() throws {
        let result = StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\", \"dry_run\": true}", now: "2026-05-01T01:02:03.999+02:00")
        let campaign = try #require(StatsCheck.value(result)?["campaign"])
        #expect(campaign["updated_at"] == "2026-04-30T23:02:03Z")
        #expect(campaign["last_synced_at"] == "2026-04-30T23:02:03Z")
    }

    // c02 (linkedin): replied 1, connected 2, connection_sent 1 → stats total 4; no bounce guard.
    @Test func linkedinCampaignHasNoBounceGuard() {
        let result = StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(2))\"}", committer: StatsTestCommitter(StatsFixture.main))
        StatsCheck.member(result, "bounce_guard", "null")
        StatsCheck.member(result, "prospects_by_status", #"{"replied": 1, "connected": 2, "connection_sent": 1}"#)
        guard let campaign = StatsCheck.value(result)?["campaign"] else { return }
        #expect(campaign["stats"] == StatsCheck.json(#"{"total": 4, "replied": 1, "connected": 2, "connection_sent": 1}"#))
        #expect(campaign["status"] == "active")
    }

    // c07 is a paused email campaign, c04 a draft one, c03 a call campaign: no guard; no prospects → no
    // prospects_by_status, stats {"total": 0}.
    @Test(arguments: [7, 4, 3])
    func bounceGuardOnlyForActiveEmailCampaigns(n: Int) throws {
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(n))\", \"dry_run\": true}")))
        #expect(value["bounce_guard"] == .null)
        #expect(value.objectValue?.keys.contains("bounce_guard") == true)
        #expect(value.objectValue?.keys.contains("prospects_by_status") == false)
        #expect(value["campaign"]?["stats"] == StatsCheck.json(#"{"total": 0}"#))
    }

    // c06: active email, no prospects, no `stats` field before.
    @Test func activeEmailCampaignWithoutProspects() throws {
        let committer = StatsTestCommitter(StatsFixture.main)
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(6))\"}", committer: committer)))
        #expect(value["bounce_guard"] == StatsCheck.json(#"{"checked": true, "attempted": 0, "bounced": 0, "rate_pct": null, "paused": false}"#))
        #expect(value.objectValue?.keys.contains("prospects_by_status") == false)
        #expect(value["campaign"]?["stats"] == StatsCheck.json(#"{"total": 0}"#))
        #expect(value["campaign"]?["status"] == "active")
    }

    // Thresholds: pause when attempted >= 100 and bounced/attempted >= 5 % (3 pending prospects each time,
    // listed in prospects_by_status but never in stats or attempted).
    //   99/5 = 5.05 % → 5.1, too few attempts; 100/5 = 5.0 % → pause; 100/4 = 4.0; 1000/49 = 4.9; 1000/50 = 5.0 → pause.
    @Test(arguments: [(99, 5, false, 5.1), (100, 5, true, 5.0), (100, 4, false, 4.0), (1000, 49, false, 4.9), (1000, 50, true, 5.0)])
    func bounceGuardThresholds(attempted: Int, bounced: Int, paused: Bool, rate: Double) throws {
        let store = StatsFixture.bounceStore(attempted: attempted, bounced: bounced)
        let committer = StatsTestCommitter(store)
        let log = StatsLogRecorder()
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\"}", store: store, committer: committer, log: log)))
        #expect(value["bounce_guard"] == StatsCheck.json(
            "{\"checked\": true, \"attempted\": \(attempted), \"bounced\": \(bounced), \"rate_pct\": \(rate), \"paused\": \(paused)}"))
        #expect(value["prospects_by_status"] == StatsCheck.json(
            "{\"bounced\": \(bounced), \"sent\": \(attempted - bounced), \"pending\": 3}"))
        #expect(value["campaign"]?["stats"] == StatsCheck.json(
            "{\"total\": \(attempted + 3), \"bounced\": \(bounced), \"sent\": \(attempted - bounced)}"))
        let stored = try #require(committer.data.campaign(id: UUID128(StatsFixture.cid(1))!))
        if paused {
            #expect(value["campaign"]?["status"] == "paused")
            #expect(value["campaign"]?["paused_reason"] == "bounce_rate")
            #expect(stored.status == "paused")
            #expect(stored.record["paused_reason"] == "bounce_rate")
        } else {
            #expect(value["campaign"]?["status"] == "active")
            #expect(value["campaign"]?["paused_reason"] == nil)
            #expect(stored.status == "active")
        }
        #expect(log.all.count == (paused ? 1 : 0))
    }

    @Test func realPauseLogsOneWarningNamingTheCampaign() throws {
        let store = StatsFixture.bounceStore(attempted: 100, bounced: 5)
        let log = StatsLogRecorder()
        StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cid(1))\"}", store: store, committer: StatsTestCommitter(store), log: log))
        let entries = log.all
        try #require(entries.count == 1)
        #expect(entries[0].level == "warning")
        let text = JSON.string(entries[0].payload)
        #expect(text.contains(StatsFixture.cp(1)))
        #expect(text.contains("Guarded"))
    }

    @Test func dryRunPauseIsReportedButNotStoredNorLogged() throws {
        let store = StatsFixture.bounceStore(attempted: 100, bounced: 5)
        let committer = StatsTestCommitter(store)
        let log = StatsLogRecorder()
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\", \"dry_run\": true}", store: store, committer: committer, log: log)))
        #expect(value["bounce_guard"]?["paused"] == true)
        #expect(value["campaign"]?["status"] == "paused")
        #expect(value["campaign"]?["paused_reason"] == "bounce_rate")
        #expect(value["dry_run"] == true)
        #expect(committer.calls == 0)
        #expect(log.all.isEmpty)
        #expect(committer.data.campaign(id: UUID128(StatsFixture.cid(1))!)?.status == "active")
    }

    @Test func alreadyPausedCampaignIsNotGuarded() throws {
        let store = StatsFixture.bounceStore(attempted: 100, bounced: 50, status: "paused")
        let log = StatsLogRecorder()
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\"}", store: store, committer: StatsTestCommitter(store), log: log)))
        #expect(value["bounce_guard"] == .null)
        #expect(value["campaign"]?["status"] == "paused")
        #expect(value["campaign"]?["paused_reason"] == nil)
        #expect(log.all.isEmpty)
    }

    @Test func linkedinCampaignWithManyBouncesIsNotGuarded() throws {
        let store = StatsFixture.bounceStore(attempted: 100, bounced: 50, type: "linkedin")
        let value = try #require(StatsCheck.value(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(1))\"}", store: store, committer: StatsTestCommitter(store))))
        #expect(value["bounce_guard"] == .null)
        #expect(value["campaign"]?["status"] == "active")
    }

    @Test func campaignOfAnotherWorkspaceIsNotFound() throws {
        let committer = StatsTestCommitter(StatsFixture.main)
        let byUUID = try #require(StatsCheck.error(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cid(21))\"}", committer: committer), .notFound, field: "id"))
        let neverUUID = try #require(StatsCheck.error(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cid(99))\"}", committer: committer), .notFound, field: "id"))
        #expect(byUUID.message.replacingOccurrences(of: StatsFixture.cid(21), with: "ID") == neverUUID.message.replacingOccurrences(of: StatsFixture.cid(99), with: "ID"))
        let byPublic = try #require(StatsCheck.error(StatsHarness.call(tool, "{\"id\": \"\(StatsFixture.cp(21))\", \"dry_run\": true}"), .notFound, field: "id"))
        #expect(!byPublic.text.contains("Berlin"))
        #expect(committer.calls == 0)
    }
}

@Suite("campaigns_capture_weekly_snapshots")
struct CaptureWeeklySnapshotsTests {
    let tool = CampaignsCaptureWeeklySnapshots()

    // Workspace 340 has 12 campaigns; c04 is the only draft → 11 captured. c01 already has a snapshot for
    // 2026-04-27 (replaced); c02's is for 2026-04-20. Today 2026-04-30 (Thursday) → default week 2026-04-27.
    @Test func defaultWeekCapturesEveryNonDraftCampaign() throws {
        let committer = StatsTestCommitter(StatsFixture.main)
        StatsCheck.ok(StatsHarness.call(tool, "{}", today: "2026-04-30", committer: committer),
                      #"{"week_start": "2026-04-27", "captured": 11, "replaced": 1, "dry_run": false}"#)
        #expect(committer.calls == 1)
        let data = committer.data
        let week = Day.parse("2026-04-27")!
        func snapshot(_ n: Int) -> WeeklySnapshot? {
            data.snapshots[data.campaign(id: UUID128(StatsFixture.cid(n))!)!.index].first { $0.weekStart == week }
        }
        // c01: a copy of its stats, captured now (UTC, whole seconds).
        let c01 = try #require(snapshot(1))
        #expect(c01.stats.map(JSONValue.object) == StatsCheck.json(#"{"total": 6, "sent": 1, "replied": 3, "bounced": 1}"#))
        #expect(c01.record["captured_at"] == "2026-04-30T12:34:56Z")
        // c06 has no stats → {}.
        #expect(snapshot(6)?.stats.map(JSONValue.object) == StatsCheck.json("{}"))
        // Archived, paused and completed campaigns are captured; the draft is not.
        #expect(snapshot(5) != nil && snapshot(7) != nil && snapshot(8) != nil)
        #expect(snapshot(4) == nil)
        // Other workspaces are untouched.
        #expect(data.snapshots[data.campaign(id: UUID128(StatsFixture.cid(22))!)!.index].isEmpty)
        // c02 keeps its 04-20 snapshot and gains one.
        #expect(data.snapshots[data.campaign(id: UUID128(StatsFixture.cid(2))!)!.index].map(\.weekStart.description) == ["2026-04-20", "2026-04-27"])
    }

    @Test func explicitWeekReplacesOnlyThatWeek() {
        StatsCheck.ok(StatsHarness.call(tool, #"{"week_start": "2026-04-20"}"#, committer: StatsTestCommitter(StatsFixture.main)),
                      #"{"week_start": "2026-04-20", "captured": 11, "replaced": 1, "dry_run": false}"#)
        StatsCheck.ok(StatsHarness.call(tool, #"{"week_start": "2026-05-04"}"#, committer: StatsTestCommitter(StatsFixture.main)),
                      #"{"week_start": "2026-05-04", "captured": 11, "replaced": 0, "dry_run": false}"#)
    }

    @Test func secondRunReplacesEverything() {
        let committer = StatsTestCommitter(StatsFixture.main)
        StatsCheck.member(StatsHarness.call(tool, #"{"week_start": "2026-05-04"}"#, committer: committer), "replaced", "0")
        StatsCheck.ok(StatsHarness.call(tool, #"{"week_start": "2026-05-04"}"#, store: committer.data, committer: committer),
                      #"{"week_start": "2026-05-04", "captured": 11, "replaced": 11, "dry_run": false}"#)
    }

    @Test func dryRunCountsTheSameAndStoresNothing() {
        let committer = StatsTestCommitter(StatsFixture.main)
        StatsCheck.ok(StatsHarness.call(tool, #"{"dry_run": true}"#, today: "2026-04-30", committer: committer),
                      #"{"week_start": "2026-04-27", "captured": 11, "replaced": 1, "dry_run": true}"#)
        #expect(committer.calls == 0)
        #expect(committer.data.snapshots[committer.data.campaign(id: UUID128(StatsFixture.cid(6))!)!.index].isEmpty)
    }

    @Test(arguments: [("2026-05-03", "2026-04-27"), ("2026-04-27", "2026-04-27"), ("2026-05-04", "2026-05-04"), ("2027-01-01", "2026-12-28")])
    func defaultWeekIsTheMondayOfTodaysISOWeek(today: String, monday: String) {
        StatsCheck.member(StatsHarness.call(tool, #"{"dry_run": true}"#, today: today), "week_start", "\"\(monday)\"")
    }

    // Berlin: c21, c22, c23 (c24 is a draft); c21 has a 2026-04-27 snapshot.
    @Test func onlyTheSessionWorkspaceIsCaptured() {
        StatsCheck.ok(StatsHarness.call(tool, #"{"week_start": "2026-04-27"}"#, workspace: 341, committer: StatsTestCommitter(StatsFixture.main)),
                      #"{"week_start": "2026-04-27", "captured": 3, "replaced": 1, "dry_run": false}"#)
    }

    @Test(arguments: [("2026-04-30", "2026-04-27"), ("2026-05-03", "2026-04-27"), ("2026-04-28", "2026-04-27"), ("2027-01-03", "2026-12-28")])
    func nonMondayIsInvalidAndTheHintNamesTheMonday(day: String, monday: String) throws {
        let committer = StatsTestCommitter(StatsFixture.main)
        let error = try #require(StatsCheck.error(StatsHarness.call(tool, "{\"week_start\": \"\(day)\"}", committer: committer), .invalidArgument, field: "week_start"))
        #expect(error.hint?.contains(monday) == true)
        #expect(committer.calls == 0)
    }

    @Test func malformedWeekStart() {
        StatsCheck.error(StatsHarness.call(tool, #"{"week_start": "2026-4-27"}"#), .invalidArgument, field: "week_start")
        StatsCheck.error(StatsHarness.call(tool, #"{"week_start": 20260427}"#), .invalidArgument, field: "week_start")
        StatsCheck.error(StatsHarness.call(tool, #"{"week": "2026-04-27"}"#), .invalidArgument, field: "week")
    }
}
