import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §7.3: a snapshot capture over a large workspace reports progress before it answers, and a
/// cancelled capture writes nothing.
@Suite("campaigns_capture_weekly_snapshots progress and cancellation")
struct CaptureProgressTests {
    /// 300 active campaigns in workspace 340 (the fixture's workspace and user records).
    static let store: StoreData = {
        let campaigns = (1...300).map {
            StatsFixture.campaign($0, ws: 340, owner: 1, type: "email", name: "C\($0)", status: "active", extra: "\"stats\": {\"total\": \($0)}")
        }
        return StatsFixture.load(StatsFixture.document(
            workspaces: StatsFixture.workspaceRecords, users: StatsFixture.userRecords, campaigns: campaigns))
    }()

    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var values: [Double] = []
        func add(_ v: Double) { lock.lock(); values.append(v); lock.unlock() }
    }

    func context(progress: Recorder, cancelled: Bool, committer: StatsTestCommitter) throws -> ToolContext {
        let data = Self.store
        let ws = try #require(data.workspace(id: 340))
        let user = try #require(data.user(publicID: StatsFixture.usr(1)))
        return ToolContext(
            data: data, session: Session(workspace: ws, user: user), now: Instant.parse("2026-04-30T12:00:00Z")!,
            today: Day.parse("2026-04-30")!, committer: committer,
            progress: { value, _, _ in progress.add(value) }, isCancelled: { cancelled })
    }

    @Test func aLargeCaptureReportsIncreasingProgressAndCommitsOnce() throws {
        let recorder = Recorder()
        let committer = StatsTestCommitter(Self.store)
        let tool = CampaignsCaptureWeeklySnapshots()
        let args = try Arguments.validate(JSONObject(), against: tool.arguments)
        let result = try tool.run(args, try context(progress: recorder, cancelled: false, committer: committer))
        #expect(result["captured"] == .int(300))
        #expect(result["week_start"] == .string("2026-04-27"))
        // Progress at campaigns 0, 128 and 256 of 300: strictly increasing.
        #expect(recorder.values == [0, 128, 256])
        #expect(committer.commits.count == 1)
    }

    @Test func aCancelledCaptureWritesNothing() throws {
        let committer = StatsTestCommitter(Self.store)
        let tool = CampaignsCaptureWeeklySnapshots()
        let args = try Arguments.validate(JSONObject(), against: tool.arguments)
        #expect(throws: ToolError.self) {
            _ = try tool.run(args, try context(progress: Recorder(), cancelled: true, committer: committer))
        }
        #expect(committer.commits.isEmpty)
    }
}
