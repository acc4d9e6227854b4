import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.12: who the caller is, which workspace, what "today" is there, and what data exists.
public struct WorkspaceGet: Tool {
    public init() {}

    public let name = "workspace_get"
    public let title = "Workspace, caller, today and data spans"
    public let description = """
        Who and where you are, and what today is: call this first. The workspace (id, ws_ id, name, time zone), you (usr_ id, owned \
        campaigns), today and now in the workspace's zone (for relative dates; or pass a `period` preset), campaign \
        counts by type and status, users, and the count and first/last date of clicks, activities and call stats.
        """

    public let arguments: [ArgumentSpec] = []

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let data = context.data
        let workspace = context.session.workspace
        let user = context.session.user
        let zone = context.zone
        let workspaceID = workspace.id

        // Campaigns by stored type and status (a non-string value counts only in `total`), and the
        // span of their activities (each campaign's table is sorted by time: first and last are O(1)).
        let indexes = data.campaignsByWorkspace[workspaceID] ?? []
        var typeCounts: [String: Int64] = [:]
        var statusCounts: [String: Int64] = [:]
        var activityCount: Int64 = 0
        var firstAt = Int64.max
        var lastAt = Int64.min
        for index in indexes {
            let c = data.campaigns[index]
            // `type`/`status` hold the stored string; "" may also mean "not a string": then ask the record.
            if let type = c.type.isEmpty ? c.record["type"]?.stringValue : c.type { typeCounts[type, default: 0] += 1 }
            if let status = c.status.isEmpty ? c.record["status"]?.stringValue : c.status { statusCounts[status, default: 0] += 1 }
            let table = data.tables.activities[index]
            if let first = table.at.first, let last = table.at.last {
                activityCount += Int64(table.count)
                firstAt = min(firstAt, first)
                lastAt = max(lastAt, last)
            }
        }
        // Keys in a stable order: the values of SPEC §2 first, then any other stored value by code point.
        func counts(_ counts: [String: Int64], known: [String]) -> OutputMap<Int64> {
            let others = counts.keys.filter { !known.contains($0) }.sorted()
            return OutputMap((known + others).compactMap { key in counts[key].map { (key, $0) } })
        }
        let clicks = data.tables.workspaceClicks[workspaceID]
        let clickCount = clicks.map { $0.counts(from: Int.min, to: Int.max).reduce(0, +) } ?? 0
        let rows = data.tables.callStatsByWorkspace[workspaceID] ?? []
        return Output(
            workspace: WorkspaceInfo(id: workspaceID, publicID: workspace.publicID, name: workspace.name, timezone: workspace.timezone),
            you: You(
                id: user.id.description, publicID: user.publicID, name: user.name,
                ownedCampaigns: Int64(data.ownedCampaignCounts[WorkspaceUser(workspaceID: workspaceID, userID: user.id)] ?? 0)),
            today: context.today.description,
            now: context.now.string(withOffset: zone.offset(atUTCSeconds: context.now.seconds)),
            campaigns: CampaignCounts(
                total: Int64(indexes.count), byType: counts(typeCounts, known: Vocabulary.campaignTypes),
                byStatus: counts(statusCounts, known: Vocabulary.campaignStatuses)),
            users: Int64(data.usersByWorkspaceByName[workspaceID]?.count ?? 0),
            data: DataSpans(
                clicks: Span(
                    count: clickCount, first: clicks?.days.first.map { Day(number: Int($0)) }, last: clicks?.days.last.map { Day(number: Int($0)) }),
                activities: Span(
                    count: activityCount,
                    first: activityCount > 0 ? zone.localDay(utcSeconds: Self.floorSeconds(firstAt)) : nil,
                    last: activityCount > 0 ? zone.localDay(utcSeconds: Self.floorSeconds(lastAt)) : nil),
                callStats: Span(count: Int64(rows.count), first: rows.first?.date, last: rows.last?.date)),
            linkedWorkspaces: user.workspaceIDs.sorted().compactMap { data.workspace(id: $0) }.map {
                LinkedWorkspace(id: $0.id, publicID: $0.publicID, name: $0.name)
            },
            syncTools: !context.readOnly)
    }

    /// Nanoseconds to whole seconds, rounding toward the past (an instant's second).
    static func floorSeconds(_ nanos: Int64) -> Int64 {
        let q = nanos / 1_000_000_000
        return nanos % 1_000_000_000 < 0 ? q - 1 : q
    }
}

extension WorkspaceGet {
    public struct Output: OutputObject {
        public var workspace: WorkspaceInfo
        public var you: You
        public var today: String
        public var now: String
        public var campaigns: CampaignCounts
        public var users: Int64
        public var data: DataSpans
        public var linkedWorkspaces: [LinkedWorkspace]
        public var syncTools: Bool

        public static let fields: [OutputField<Self>] = [
            .init("workspace", \.workspace), .init("you", \.you), .init("today", \.today), .init("now", \.now),
            .init("campaigns", \.campaigns), .init("users", \.users), .init("data", \.data),
            .init("linked_workspaces", \.linkedWorkspaces), .init("sync_tools", \.syncTools),
        ]
    }

    public struct WorkspaceInfo: OutputObject {
        public var id: Int64
        public var publicID: String
        public var name: String
        public var timezone: String

        public static let fields: [OutputField<Self>] = [
            .init("id", \.id), .init("public_id", \.publicID), .init("name", \.name), .init("timezone", \.timezone),
        ]
    }

    public struct You: OutputObject {
        public var id: String
        public var publicID: String
        public var name: String?
        public var ownedCampaigns: Int64

        public static let fields: [OutputField<Self>] = [
            .init("id", \.id), .init("public_id", \.publicID), .init("name", \.name), .init("owned_campaigns", \.ownedCampaigns),
        ]
    }

    public struct CampaignCounts: OutputObject {
        public var total: Int64
        public var byType: OutputMap<Int64>
        public var byStatus: OutputMap<Int64>

        public static let fields: [OutputField<Self>] = [
            .init("total", \.total), .init("by_type", \.byType), .init("by_status", \.byStatus),
        ]
    }

    public struct DataSpans: OutputObject {
        public var clicks: Span
        public var activities: Span
        public var callStats: Span

        public static let fields: [OutputField<Self>] = [
            .init("clicks", \.clicks), .init("activities", \.activities), .init("call_stats", \.callStats),
        ]
    }

    /// How many records of a kind, and the first and last day they cover (`null` when there are none).
    public struct Span: OutputObject {
        public var count: Int64
        public var first: String?
        public var last: String?

        init(count: Int64, first: Day?, last: Day?) {
            self.count = count
            self.first = count > 0 ? first?.description : nil
            self.last = count > 0 ? last?.description : nil
        }

        public static let fields: [OutputField<Self>] = [.init("count", \.count), .init("first", \.first), .init("last", \.last)]
    }

    public struct LinkedWorkspace: OutputObject {
        public var id: Int64
        public var publicID: String
        public var name: String

        public static let fields: [OutputField<Self>] = [.init("id", \.id), .init("public_id", \.publicID), .init("name", \.name)]
    }
}
