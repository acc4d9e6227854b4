import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.2: one campaign's clicks, outreach funnel, rates, call figures and trend over a period.
public struct StatsGetCampaignPerformance: Tool {
    public init() {}

    public let name = "stats_get_campaign_performance"
    public let title = "Campaign performance"
    public let description = """
        One campaign for a period: clicks, outreach funnel, reply/bounce/acceptance rates, call figures (call \
        campaigns) and the change against a comparison period. Campaign by cp_ id or UUID (campaigns_list; to compare \
        campaigns use analytics_rank_campaigns). Give `period` or from and to; default the last 30 days.
        """

    static let campaignExample = "\"cp_01khfhj28c8p8v3qbk15kvwspy\""

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("campaignPublicId", .campaignRef, required: true, description: "The campaign's cp_ id or UUID.", example: campaignExample),
        ArgumentSpec("from", .date, description: "First day.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day (inclusive).", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .lastThirtyDays)
        let period = resolved.period
        let previous = resolved.comparison(args)
        guard let reference = args.string("campaignPublicId") else { throw Messages.missing("campaignPublicId", example: Self.campaignExample) }
        let campaign = try context.campaign(reference, field: "campaignPublicId")
        let data = context.data
        let zone = context.zone
        let clicks = data.campaignClicks(campaign.index, from: period.from, to: period.to)
        let outreach = data.outreach(campaignIndex: campaign.index, from: period.from, to: period.to, zone: zone)
        let calls = campaign.type == "call"
            ? CallFigures(data.callCounters(workspaceID: context.workspaceID, campaign: campaign.id, from: period.from, to: period.to))
            : nil
        var trend: Trend?
        if let previous {
            let clicksBefore = data.campaignClicks(campaign.index, from: previous.from, to: previous.to)
            let outreachBefore = data.outreach(campaignIndex: campaign.index, from: previous.from, to: previous.to, zone: zone)
            trend = Trend(previous: previous, clicks: (clicks, clicksBefore), outreach: (outreach, outreachBefore))
        }
        return Output(
            campaign: CampaignInfo(
                publicID: campaign.publicID, id: campaign.id.description, name: campaign.name,
                type: campaign.type, status: campaign.status),
            period: DefaultablePeriod(resolved),
            clicks: ClickCounts(clicks),
            outreach: OutreachFigures(outreach),
            rates: OutreachRates(outreach),
            calls: calls,
            trend: trend)
    }
}

extension StatsGetCampaignPerformance {
    /// The §5.2 answer.
    public struct Output: OutputObject {
        public var campaign: CampaignInfo
        public var period: DefaultablePeriod
        public var clicks: ClickCounts
        public var outreach: OutreachFigures
        public var rates: OutreachRates
        /// `null` unless the campaign is a call campaign.
        public var calls: CallFigures?
        public var trend: Trend?

        public static let fields: [OutputField<Self>] = [
            .init("campaign", \.campaign), .init("period", \.period), .init("clicks", \.clicks), .init("outreach", \.outreach),
            .init("rates", \.rates), .init("calls", \.calls), .init("trend", \.trend),
        ]
    }

    /// The campaign: its ids, name, and stored type and status.
    public struct CampaignInfo: OutputObject {
        public var publicID: String
        public var id: String
        public var name: String?
        public var type: String
        public var status: String

        public static let fields: [OutputField<Self>] = [
            .init("publicId", \.publicID), .init("id", \.id), .init("name", \.name), .init("type", \.type), .init("status", \.status),
        ]
    }
}
