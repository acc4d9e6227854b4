import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.2: one campaign's clicks, outreach funnel, rates, call figures and trend over a period.
public struct StatsGetCampaignPerformance: Tool {
    public init() {}

    public let name = "stats_get_campaign_performance"
    public let title = "Campaign performance"
    public let description = """
        One campaign's clicks, outreach funnel (emails, LinkedIn invites, replies, bounces, prospects contacted), \
        reply/bounce/acceptance rates, call figures for call campaigns, and the change against a comparison period. \
        Name the campaign by cp_ id or UUID (campaigns_list finds it; analytics_rank_campaigns compares many). \
        Give `period` or both from and to; otherwise the last 30 days. Whole workspace: stats_get_workspace_overview.
        """

    static let campaignExample = "\"cp_01khfhj28c8p8v3qbk15kvwspy\""

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("campaignPublicId", .campaignRef, required: true, description: "The campaign's cp_ id or UUID.", example: campaignExample),
        ArgumentSpec("from", .date, description: "First day (with to).", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day, inclusive.", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
    ]

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .lastThirtyDays)
        let period = resolved.period
        let previous = resolved.comparison(args)
        guard let reference = args.string("campaignPublicId") else { throw Messages.missing("campaignPublicId", example: Self.campaignExample) }
        let campaign = try context.campaign(reference, field: "campaignPublicId")
        let data = context.data
        let zone = context.zone
        let clicks = data.campaignClicks(campaign.index, from: period.from, to: period.to)
        let outreach = data.outreach(campaignIndex: campaign.index, from: period.from, to: period.to, zone: zone)

        var result = JSONObject()
        var c = JSONObject()
        c["publicId"] = .string(campaign.publicID)
        c["id"] = .string(campaign.id.description)
        c["name"] = JSONValue(campaign.name)
        c["type"] = .string(campaign.type)
        c["status"] = .string(campaign.status)
        result["campaign"] = .object(c)
        result["period"] = .object(resolved.json)
        result["clicks"] = Shapes.clicks(clicks)
        result["outreach"] = Shapes.outreach(outreach)
        result["rates"] = Shapes.rates(outreach)
        result["calls"] = campaign.type == "call"
            ? Shapes.calls(data.callCounters(workspaceID: context.workspaceID, campaign: campaign.id, from: period.from, to: period.to))
            : .null
        if let previous {
            let clicksBefore = data.campaignClicks(campaign.index, from: previous.from, to: previous.to)
            let outreachBefore = data.outreach(campaignIndex: campaign.index, from: previous.from, to: previous.to, zone: zone)
            result["trend"] = Shapes.trend(previous: previous, clicks: (clicks, clicksBefore), outreach: (outreach, outreachBefore))
        } else {
            result["trend"] = .null
        }
        return .object(result)
    }

    public let outputSchemaText = """
        {"type":"object","required":["campaign","period","clicks","outreach","rates","calls","trend"],
         "properties":{
          "campaign":{"type":"object","required":["publicId","id","name","type","status"],"properties":{
            "publicId":{"type":"string"},"id":{"type":"string"},"name":{"type":["string","null"]},"type":{"type":"string"},"status":{"type":"string"}}},
          "period":{"type":"object","required":["from","to","defaulted"],"properties":{
            "from":{"type":"string"},"to":{"type":"string"},"defaulted":{"type":"boolean"},"note":{"type":"string"}}},
          "clicks":{"type":"object","required":["campaignClicks","vcardClicks","otherClicks","totalClicks"],"properties":{
            "campaignClicks":{"type":"integer"},"vcardClicks":{"type":"integer"},"otherClicks":{"type":"integer"},"totalClicks":{"type":"integer"}}},
          "outreach":{"type":"object","required":["emailsSent","invitesSent","invitesAccepted","linkedinMessagesSent","replies","interested","bounces","prospectsContacted"],
            "properties":{"emailsSent":{"type":"integer"},"invitesSent":{"type":"integer"},"invitesAccepted":{"type":"integer"},"linkedinMessagesSent":{"type":"integer"},
              "replies":{"type":"integer"},"interested":{"type":"integer"},"bounces":{"type":"integer"},"prospectsContacted":{"type":"integer"}}},
          "rates":{"type":"object","required":["replyRatePct","bounceRatePct","acceptanceRatePct"],"properties":{
            "replyRatePct":{"type":["number","null"]},"bounceRatePct":{"type":["number","null"]},"acceptanceRatePct":{"type":["number","null"]}}},
          "calls":{"oneOf":[{"type":"null"},{"type":"object","required":["totalCalls","completedCalls","connectedCalls","meetingsBooked","qualifiedLeads","conversationsHad","avgDurationSeconds","contactRatePct","conversionRatePct"],
            "properties":{"totalCalls":{"type":"integer"},"completedCalls":{"type":"integer"},"connectedCalls":{"type":"integer"},"meetingsBooked":{"type":"integer"},
              "qualifiedLeads":{"type":"integer"},"conversationsHad":{"type":"integer"},"avgDurationSeconds":{"type":"integer"},"contactRatePct":{"type":"number"},"conversionRatePct":{"type":"number"}}}]},
          "trend":{"type":"object","required":["previousPeriod","changePct"],"properties":{
            "previousPeriod":{"type":"object","required":["from","to"],"properties":{"from":{"type":"string"},"to":{"type":"string"}}},
            "changePct":{"type":"object","required":["totalClicks","replies","prospectsContacted"],"properties":{
              "totalClicks":{"type":["number","null"]},"replies":{"type":["number","null"]},"prospectsContacted":{"type":["number","null"]}}}}}}}
        """
}
