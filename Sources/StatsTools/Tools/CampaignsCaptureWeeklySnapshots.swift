import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.11: the weekly job that feeds the dashboard — copy every non-draft campaign's `stats`
/// into a snapshot for one week (replacing that week's snapshot if present).
public struct CampaignsCaptureWeeklySnapshots: Tool {
    public init() {}

    public let name = "campaigns_capture_weekly_snapshots"
    public let title = "Capture weekly snapshots"
    public let isSync = true
    public let description = """
        Stores a snapshot of the cumulative `stats` of every non-draft campaign for the week of `week_start` (a \
        Monday; default this week), replacing that week's. analytics_get_dashboard reads these. `dry_run: true` stores nothing.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("week_start", .mondayDate, description: "A Monday; default this week's.", example: "\"2026-04-20\""),
        ArgumentSpec("dry_run", .boolean, description: "Store nothing.", example: "true", default: false),
    ]

    func compute(_ data: StoreData, workspaceID: Int64, week: Day, now: Instant, context: ToolContext) throws(ToolError) -> (ops: [JournalOp], captured: Int, replaced: Int) {
        var ops: [JournalOp] = []
        var replaced = 0
        let campaigns = data.campaigns(inWorkspace: workspaceID)
        let stamp = JSONValue.string(now.utcString)
        for (k, campaign) in campaigns.enumerated() where campaign.status != "draft" {
            var snapshot = JSONObject()
            snapshot["campaign_id"] = .string(campaign.id.description)
            snapshot["week_start"] = .string(week.description)
            snapshot["stats"] = .object(campaign.stats ?? JSONObject())
            snapshot["captured_at"] = stamp
            ops.append(.putSnapshot(snapshot))
            if data.snapshots[campaign.index].contains(where: { $0.weekStart == week }) { replaced += 1 }
            if campaigns.count >= 256, k % 128 == 0 {
                // A cancelled capture stops before anything is written (its response is never sent).
                if context.isCancelled() { throw ToolError(.internal, "The request was cancelled; nothing was written.") }
                context.progress(Double(k), Double(campaigns.count), "capturing snapshots")
            }
        }
        return (ops, ops.count, replaced)
    }

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let week = args.day("week_start") ?? context.today.monday
        let dryRun = args.bool("dry_run") ?? false
        let workspaceID = context.workspaceID
        var counts: (captured: Int, replaced: Int)
        if dryRun {
            let c = try compute(context.data, workspaceID: workspaceID, week: week, now: context.now, context: context)
            counts = (c.captured, c.replaced)
        } else {
            guard let committer = context.committer else { throw ToolError(.internal, "This server cannot write the store.") }
            counts = try committer.commit { (fresh: StoreData) throws(ToolError) -> (ops: [JournalOp], result: (captured: Int, replaced: Int)) in
                let c = try compute(fresh, workspaceID: workspaceID, week: week, now: context.now, context: context)
                return (c.ops, (c.captured, c.replaced))
            }
        }
        return Output(weekStart: week, captured: Int64(counts.captured), replaced: Int64(counts.replaced), dryRun: dryRun)
    }
}

extension CampaignsCaptureWeeklySnapshots {
    /// The answer of `campaigns_capture_weekly_snapshots` (SPEC §5.11): the week and how many snapshots were written.
    public struct Output: OutputObject {
        public var weekStart: Day
        public var captured: Int64
        public var replaced: Int64
        public var dryRun: Bool

        public static let fields: [OutputField<Self>] = [
            .init("week_start", \.weekStart), .init("captured", \.captured), .init("replaced", \.replaced), .init("dry_run", \.dryRun),
        ]
    }
}
