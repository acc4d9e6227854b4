import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.6: the session workspace's AI call batches (paginated, with progress) and per-campaign
/// call statistics over a period.
public struct AnalyticsGetCallDashboard: Tool {
    public init() {}

    public let name = "analytics_get_call_dashboard"
    public let title = "AI call dashboard"
    public let description = """
        AI phone calls: batch progress, per-campaign call outcomes and totals for a period. active_batches: call batches newest first with progress_pct (not by period); narrow \
        with status, campaign_id; page with limit (25, max 100), offset. campaign_stats: call stats per campaign \
        over the period, most calls first, first 25 (campaign_stats_total counts all). totals: all the period's \
        calls. period: Nd ends today; custom needs start_date and end_date.
        """

    /// The call dashboard's own period names (SPEC §5.6); the §4 presets are accepted too.
    static let ownPeriods = ["today", "7d", "30d", "90d", "custom"]
    static let periods = ownPeriods + PeriodPreset.names.filter { !ownPeriods.contains($0) }
    /// At most this many `campaign_stats` rows are listed; `campaign_stats_total` counts them all.
    static let campaignStatsCap = 25
    static let maxLimit: Int64 = 100

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("period", .oneOf(periods), description: "", example: "\"30d\"", default: "30d"),
        ArgumentSpec("start_date", .date, description: "", example: "\"2026-03-01\""),
        ArgumentSpec("end_date", .date, description: "", example: "\"2026-03-31\""),
        ArgumentSpec("status", .oneOf(Vocabulary.batchStatuses), description: "Batch status.", example: "\"processing\""),
        ArgumentSpec("campaign_id", .campaignRef, description: "", example: "\"cp_01k5mhj7r34errcj8cdmm89xy5\""),
        ArgumentSpec("limit", .integer(min: 1, max: nil), description: "", example: "25", default: 25),
        ArgumentSpec("offset", .integer(min: 0, max: nil), description: "", example: "0", default: 0),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        // Cross-field rules: dates exactly with `custom`.
        let periodName = args.string("period") ?? "30d"
        let today = context.today
        let period: Period
        switch periodName {
        case "custom":
            guard let start = args.day("start_date") else { throw Messages.customDateRequired("start_date") }
            guard let end = args.day("end_date") else { throw Messages.customDateRequired("end_date") }
            period = try Period.checked(from: start, to: end, fromName: "start_date", toName: "end_date")
        default:
            if args.has("start_date") { throw Messages.customDateNotAllowed("start_date") }
            if args.has("end_date") { throw Messages.customDateNotAllowed("end_date") }
            switch periodName {
            case "7d": period = Period.trailing(7, endingOn: today)
            case "30d": period = Period.trailing(30, endingOn: today)
            case "90d": period = Period.trailing(90, endingOn: today)
            default: period = (PeriodPreset(rawValue: periodName) ?? .last_30_days).resolve(today: today)
            }
        }
        // References.
        var campaign: Campaign?
        if let reference = args.string("campaign_id") { campaign = try context.campaign(reference, field: "campaign_id") }
        let limit = Int(min(args.int("limit") ?? 25, Self.maxLimit))
        let offset = Int(clamping: args.int("offset") ?? 0)
        let status = args.string("status")
        let data = context.data

        // Batches: newest first (pre-sorted), filtered, one page.
        let all = data.tables.batchesByWorkspace[context.workspaceID] ?? []
        let matching = all.filter { batch in
            (status.map { Identifiers.sameBytes(batch.status, $0) } ?? true) && (campaign.map { batch.campaignID == $0.id } ?? true)
        }
        let start = min(offset, matching.count)
        let page = matching[start..<min(matching.count, start + limit)]

        // Campaign stats and totals over the period: totals take every row (campaign-less ones too),
        // or only the named campaign's rows.
        var sums: [UUID128: CallCounters] = [:]
        var totals = CallCounters()
        for row in data.callStatsRows(workspaceID: context.workspaceID, from: period.from, to: period.to) {
            if let campaign, row.campaignID != campaign.id { continue }
            totals.add(row.counters)
            guard let id = row.campaignID else { continue }
            sums[id, default: CallCounters()].add(row.counters)
        }
        let stats: [(id: UUID128, name: String?, key: NameKey, counters: CallCounters)] = sums.map { id, counters in
            let known = data.campaignIndexByID[id].flatMap { data.campaigns[$0].workspaceID == context.workspaceID ? data.campaigns[$0].name : nil }
            return (id, known, NameKey(known), counters)
        }.sorted { a, b in
            if a.counters.totalCalls != b.counters.totalCalls { return a.counters.totalCalls > b.counters.totalCalls }
            if a.key != b.key { return a.key < b.key }
            return a.id < b.id
        }

        return Output(
            activeBatches: page.map(Batch.init),
            campaignStats: CampaignStatsList(items: stats.prefix(Self.campaignStatsCap).map { CampaignCalls(id: $0.id, name: $0.name, $0.counters) }),
            campaignStatsTotal: Int64(stats.count),
            totals: CallTotals(totals),
            pagination: Pagination(
                total: Int64(matching.count), limit: Int64(limit), offset: Int64(offset), hasMore: start + page.count < matching.count),
            period: NamedPeriod(name: periodName, from: period.from, to: period.to))
    }
}

extension AnalyticsGetCallDashboard {
    /// The call dashboard: one page of batches, per-campaign call stats and totals over the period.
    public struct Output: OutputObject {
        public var activeBatches: [Batch]
        public var campaignStats: CampaignStatsList
        public var campaignStatsTotal: Int64
        public var totals: CallTotals
        public var pagination: Pagination
        public var period: NamedPeriod

        public static let fields: [OutputField<Self>] = [
            .init("active_batches", \.activeBatches), .init("campaign_stats", \.campaignStats),
            .init("campaign_stats_total", \.campaignStatsTotal), .init("totals", \.totals), .init("pagination", \.pagination),
            .init("period", \.period),
        ]
    }

    /// A call batch with its progress.
    public struct Batch: OutputObject {
        public var id: String
        public var workspaceID: Int64
        public var campaignID: String?
        public var status: String
        public var totalCalls: Int64
        public var completedCount: Int64
        public var failedCount: Int64
        public var pendingCount: Int64
        public var inProgressCount: Int64
        public var progressPct: Int64
        /// As stored (echoed verbatim).
        public var createdAt: JSONValue
        public var completedAt: JSONValue

        init(_ b: CallBatch) {
            id = b.id.description
            workspaceID = b.workspaceID
            campaignID = b.campaignID?.description
            status = b.status
            totalCalls = b.totalCalls
            completedCount = b.completed
            failedCount = b.failed
            pendingCount = b.pending
            inProgressCount = b.inProgress
            progressPct = b.totalCalls == 0 ? 0 : ExactMath.roundedQuotient((b.completed + b.failed) * 100, b.totalCalls)
            createdAt = b.createdAtRaw
            completedAt = b.completedAtRaw
        }

        public static let fields: [OutputField<Self>] = [
            .init("id", \.id), .init("workspace_id", \.workspaceID), .init("campaign_id", \.campaignID), .init("status", \.status),
            .init("total_calls", \.totalCalls), .init("completed_count", \.completedCount), .init("failed_count", \.failedCount),
            .init("pending_count", \.pendingCount), .init("in_progress_count", \.inProgressCount), .init("progress_pct", \.progressPct),
            .init("created_at", \.createdAt), .init("completed_at", \.completedAt),
        ]
    }

    /// The first `campaignStatsCap` campaigns' call stats, most calls first.
    public struct CampaignStatsList: OutputValue {
        public var items: [CampaignCalls]

        public static var schema: JSONValue { ["type": "array", "maxItems": .int(Int64(campaignStatsCap)), "items": CampaignCalls.schema] }
        public var json: JSONValue { items.json }
    }

    /// One campaign's summed call counters over the period, with the SPEC §5.6 formulas (the same
    /// figures as `totals`, spread into the row after the campaign's id and name).
    public struct CampaignCalls: OutputObject {
        public var campaignID: String
        /// `null` when the campaign is unknown or not of this workspace.
        public var campaignName: String?
        public var figures: CallTotals

        init(id: UUID128, name: String?, _ c: CallCounters) {
            campaignID = id.description
            campaignName = name
            figures = CallTotals(c)
        }

        public static let fields: [OutputField<Self>] =
            [.init("campaign_id", \.campaignID), .init("campaign_name", \.campaignName)] + OutputField.inlined("figures", \.figures)
    }

    /// All the period's calls (campaign-less rows too, or only the named campaign's): summed counters and formulas.
    public typealias CallTotals = CallFigureSet<AnalyticsCallNames>

    /// Where `active_batches` is in the filtered list.
    public struct Pagination: OutputObject {
        public var total: Int64
        public var limit: Int64
        public var offset: Int64
        public var hasMore: Bool

        public static let fields: [OutputField<Self>] = [
            .init("total", \.total), .init("limit", \.limit), .init("offset", \.offset), .init("has_more", \.hasMore),
        ]
    }

    /// The period argument's name and the days it covers.
    public struct NamedPeriod: OutputObject {
        public var name: String
        public var from: Day
        public var to: Day

        public static let fields: [OutputField<Self>] = [.init("name", \.name), .init("from", \.from), .init("to", \.to)]
    }
}
