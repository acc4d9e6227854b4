import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.1: click totals, outreach, rates and calls of the session workspace over a period, the
/// comparison period and change percentages, signals, and an optional day/week/month chart with the top campaigns.
public struct StatsGetWorkspaceOverview: Tool {
    public init() {}

    public let name = "stats_get_workspace_overview"
    public let title = "Workspace overview"
    public let description = """
        Whole-workspace figures for a period: clicks by kind, outreach (emails, invites, replies, bounces, prospects \
        contacted), rates and calls, against a comparison period; optional day/week/month chart with the top 10 \
        campaigns. Give `period` or from and to. One campaign: stats_get_campaign_performance; one user: stats_get_user_metrics.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("from", .date, description: "First day.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day (inclusive).", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
        ArgumentSpec("breakdown", .oneOf(["none", "day", "week", "month"]), description: "Chart buckets.", example: "\"week\"", default: "none"),
        ArgumentSpec("workspacePublicId", .publicID("ws"), description: "Optional; the session workspace.", example: "\"ws_01j9s2ge61sws9w3swp55nk7yz\""),
    ]

    /// The figures of one period.
    struct Figures {
        var clicks: ClickTotals
        var outreach: OutreachCounts
        var calls: CallCounters

        init(_ context: ToolContext, _ period: Period) {
            let data = context.data
            let workspaceID = context.workspaceID
            clicks = data.workspaceClicks(workspaceID, from: period.from, to: period.to)
            // A prospect belongs to exactly one campaign, so the workspace's distinct-prospect counts are
            // the sums of the per-campaign ones.
            outreach = OutreachCounts()
            for index in data.campaignsByWorkspace[workspaceID] ?? [] {
                outreach.add(data.outreach(campaignIndex: index, from: period.from, to: period.to, zone: context.zone))
            }
            // Every row of the workspace (by its own workspace_id), campaign-less rows included.
            calls = CallCounters()
            for row in data.callStatsRows(workspaceID: workspaceID, from: period.from, to: period.to) { calls.add(row.counters) }
        }
    }

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .required)
        let period = resolved.period
        let breakdown = args.string("breakdown") ?? "none"
        if breakdown == "day", period.dayCount > SpanLimits.maximumDayBreakdownDays { throw Messages.dayBreakdownTooLong(days: period.dayCount) }
        let workspace = context.session.workspace
        if let requested = args.string("workspacePublicId"), !Identifiers.sameBytes(requested, workspace.publicID) {
            throw Messages.workspaceMismatch(requested)
        }
        let previous = resolved.comparison(args)
        let current = Figures(context, period)
        let before = previous.map { (period: $0, figures: Figures(context, $0)) }
        let offset = context.zone.offset(atUTCSeconds: context.now.seconds)
        return Output(
            workspace: WorkspaceInfo(name: workspace.name, publicID: workspace.publicID, timezone: workspace.timezone),
            period: ChosenPeriod(resolved),
            totals: ClickCounts(current.clicks),
            outreach: OutreachFigures(current.outreach),
            rates: OutreachRates(current.outreach),
            calls: CallFigures(current.calls),
            previous: before.map {
                PreviousFigures(
                    period: $0.period, totals: ClickCounts($0.figures.clicks), outreach: OutreachFigures($0.figures.outreach),
                    calls: CallFigures($0.figures.calls))
            },
            changePct: before.map { Change(current, $0.figures) },
            breakdown: Breakdown(chart: breakdown == "none" ? nil : chart(breakdown, period, previous, context)),
            signals: Self.signals(current.clicks),
            generatedAt: context.now.string(withOffset: offset))
    }

    /// One entry per kind with a non-zero count, by count descending, ties by type.
    static func signals(_ t: ClickTotals) -> [Signal] {
        let all = [
            Signal(type: .campaign_clicks, count: t.campaign), Signal(type: .vcard_clicks, count: t.vcard),
            Signal(type: .other_clicks, count: t.other),
        ]
        return all.filter { $0.count > 0 }.sorted { a, b in a.count != b.count ? a.count > b.count : a.type.rawValue < b.type.rawValue }
    }

    /// Buckets of a period: (label, first day, last day), clipped to the period.
    static func buckets(_ breakdown: String, _ period: Period) -> [(label: String, from: Day, to: Day)] {
        var out: [(String, Day, Day)] = []
        switch breakdown {
        case "day":
            var d = period.from
            while d <= period.to {
                out.append((d.description, d, d))
                d = d.adding(1)
            }
        case "week":
            var monday = period.from.monday
            while monday <= period.to {
                out.append((monday.description, max(monday, period.from), min(monday.adding(6), period.to)))
                monday = monday.adding(7)
            }
        default:  // month
            var first = period.from.firstOfMonth
            while first <= period.to {
                let next = first.firstOfNextMonth
                out.append((first.monthLabel, max(first, period.from), min(next.adding(-1), period.to)))
                first = next
            }
        }
        return out
    }

    /// The chart; without a comparison period the `previous` labels and dataset are empty.
    func chart(_ breakdown: String, _ period: Period, _ previous: Period?, _ context: ToolContext) -> Chart {
        let data = context.data
        let workspaceID = context.workspaceID
        let currentBuckets = Self.buckets(breakdown, period)
        let previousBuckets = previous.map { Self.buckets(breakdown, $0) } ?? []
        // One lookup of the workspace's daily counts, then a range sum per bucket.
        let daily = data.tables.workspaceClicks[workspaceID] ?? DailyCounts(kinds: ClickKind.allCases.count)
        let current = currentBuckets.map { daily.clickTotals(from: $0.from, to: $0.to).total }
        let before = previousBuckets.map { daily.clickTotals(from: $0.from, to: $0.to).total }

        // Top 10 campaigns by campaign clicks in the period (at least one), ties by public id.
        var ranked: [(campaign: Campaign, clicks: Int64)] = []
        for index in data.campaignsByWorkspace[workspaceID] ?? [] {
            guard let clicks = data.tables.campaignClicks[index] else { continue }
            let n = clicks.count(kind: ClickKind.campaign.rawValue, from: period.from.number, to: period.to.number)
            if n > 0 { ranked.append((data.campaigns[index], n)) }
        }
        ranked.sort { a, b in
            a.clicks != b.clicks ? a.clicks > b.clicks : a.campaign.publicID.utf8.lexicographicallyPrecedes(b.campaign.publicID.utf8)
        }
        let campaigns: [CampaignSeries] = ranked.prefix(Self.topCampaigns).map { entry in
            let clicks = data.tables.campaignClicks[entry.campaign.index]
            return CampaignSeries(
                campaignPublicID: entry.campaign.publicID, name: entry.campaign.name,
                data: currentBuckets.map { clicks?.count(kind: ClickKind.campaign.rawValue, from: $0.from.number, to: $0.to.number) ?? 0 })
        }
        return Chart(
            datasets: ChartDatasets(current: current, previous: before, campaigns: TopCampaigns(campaigns)),
            labels: ChartLabels(current: currentBuckets.map(\.label), previous: previousBuckets.map(\.label)))
    }

    /// How many campaigns the chart carries at most.
    static let topCampaigns = 10
}

extension StatsGetWorkspaceOverview {
    /// The §5.1 answer.
    public struct Output: OutputObject {
        public var workspace: WorkspaceInfo
        public var period: ChosenPeriod
        public var totals: ClickCounts
        public var outreach: OutreachFigures
        public var rates: OutreachRates
        public var calls: CallFigures
        public var previous: PreviousFigures?
        public var changePct: Change?
        public var breakdown: Breakdown
        public var signals: [Signal]
        public var generatedAt: String

        public static let fields: [OutputField<Self>] = [
            .init("workspace", \.workspace), .init("period", \.period), .init("totals", \.totals), .init("outreach", \.outreach),
            .init("rates", \.rates), .init("calls", \.calls), .init("previous", \.previous), .init("changePct", \.changePct),
            .init("breakdown", \.breakdown), .init("signals", \.signals), .init("generatedAt", \.generatedAt),
        ]
    }

    /// The session workspace.
    public struct WorkspaceInfo: OutputObject {
        public var name: String
        public var publicID: String
        public var timezone: String

        public static let fields: [OutputField<Self>] = [
            .init("name", \.name), .init("publicId", \.publicID), .init("timezone", \.timezone),
        ]
    }

    /// The comparison period's figures (`null` with `compare: "none"`).
    public struct PreviousFigures: OutputObject {
        public var period: Period
        public var totals: ClickCounts
        public var outreach: OutreachFigures
        public var calls: CallFigures

        public static let fields: [OutputField<Self>] = [
            .init("period", \.period), .init("totals", \.totals), .init("outreach", \.outreach), .init("calls", \.calls),
        ]
    }

    /// Change percentages against the comparison period (`null` when the previous value is 0).
    public struct Change: OutputObject {
        public var campaignClicks: Double?
        public var vcardClicks: Double?
        public var otherClicks: Double?
        public var totalClicks: Double?
        public var prospectsContacted: Double?
        public var replies: Double?
        public var meetingsBooked: Double?
        public var totalCalls: Double?

        init(_ current: Figures, _ before: Figures) {
            func change(_ c: Int64, _ p: Int64) -> Double? { ExactMath.changePercent(current: c, previous: p) }
            campaignClicks = change(current.clicks.campaign, before.clicks.campaign)
            vcardClicks = change(current.clicks.vcard, before.clicks.vcard)
            otherClicks = change(current.clicks.other, before.clicks.other)
            totalClicks = change(current.clicks.total, before.clicks.total)
            prospectsContacted = change(current.outreach.prospectsContacted, before.outreach.prospectsContacted)
            replies = change(current.outreach.replies, before.outreach.replies)
            meetingsBooked = change(current.calls.meetingsBooked, before.calls.meetingsBooked)
            totalCalls = change(current.calls.totalCalls, before.calls.totalCalls)
        }

        public static let fields: [OutputField<Self>] = [
            .init("campaignClicks", \.campaignClicks), .init("vcardClicks", \.vcardClicks), .init("otherClicks", \.otherClicks),
            .init("totalClicks", \.totalClicks), .init("prospectsContacted", \.prospectsContacted), .init("replies", \.replies),
            .init("meetingsBooked", \.meetingsBooked), .init("totalCalls", \.totalCalls),
        ]
    }

    /// `{}` with `breakdown: "none"`, else the chart.
    public struct Breakdown: OutputObject {
        public var chart: Chart?

        public static let fields: [OutputField<Self>] = [.omittable("chart", \.chart)]
    }

    /// Click totals per bucket of the period (and of the comparison period), with the top campaigns.
    public struct Chart: OutputObject {
        public var datasets: ChartDatasets
        public var labels: ChartLabels

        public static let fields: [OutputField<Self>] = [.init("datasets", \.datasets), .init("labels", \.labels)]
    }

    /// Total clicks per bucket, and campaign clicks per bucket of the top campaigns.
    public struct ChartDatasets: OutputObject {
        public var current: [Int64]
        public var previous: [Int64]
        public var campaigns: TopCampaigns

        public static let fields: [OutputField<Self>] = [
            .init("current", \.current), .init("previous", \.previous), .init("campaigns", \.campaigns),
        ]
    }

    /// At most 10 campaigns, by campaign clicks in the period descending.
    public struct TopCampaigns: OutputValue {
        public var campaigns: [CampaignSeries]

        init(_ campaigns: [CampaignSeries]) { self.campaigns = campaigns }

        public static var schema: JSONValue {
            guard case var .object(o) = [CampaignSeries].schema else { return [CampaignSeries].schema }
            o["maxItems"] = .int(Int64(StatsGetWorkspaceOverview.topCampaigns))
            return .object(o)
        }

        public var json: JSONValue { campaigns.json }
    }

    /// One campaign's campaign clicks per bucket.
    public struct CampaignSeries: OutputObject {
        public var campaignPublicID: String
        public var name: String?
        public var data: [Int64]

        public static let fields: [OutputField<Self>] = [
            .init("campaignPublicId", \.campaignPublicID), .init("name", \.name), .init("data", \.data),
        ]
    }

    /// Bucket labels: days, Mondays (`YYYY-MM-DD`) or months.
    public struct ChartLabels: OutputObject {
        public var current: [String]
        public var previous: [String]

        public static let fields: [OutputField<Self>] = [.init("current", \.current), .init("previous", \.previous)]
    }

    /// A click kind with a non-zero count.
    public struct Signal: OutputObject {
        public var type: SignalType
        public var count: Int64

        public static let fields: [OutputField<Self>] = [.init("type", \.type), .init("count", \.count)]
    }

    /// The click kinds of `signals`.
    public enum SignalType: String, OutputEnum {
        case campaign_clicks, vcard_clicks, other_clicks
    }
}
