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

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
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

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

    public let outputSchemaText = """
        {"type":"object","required":["campaign","period","clicks","outreach","rates","calls","trend"],"additionalProperties":false,
         "properties":{
          "campaign":{"type":"object","required":["publicId","id","name","type","status"],"properties":{"name":{"type":["string","null"]}},"additionalProperties":{"type":"string"}},
          "period":{"type":"object","required":["from","to","defaulted"],"properties":{"defaulted":{"type":"boolean"}},"additionalProperties":{"type":"string"}},
          "clicks":{"type":"object","required":["campaignClicks","vcardClicks","otherClicks","totalClicks"],"additionalProperties":{"type":"integer"}},
          "outreach":{"type":"object","required":["emailsSent","invitesSent","invitesAccepted","linkedinMessagesSent","replies","interested","bounces","prospectsContacted"],"additionalProperties":{"type":"integer"}},
          "rates":{"type":"object","required":["replyRatePct","bounceRatePct","acceptanceRatePct"],"additionalProperties":{"type":["number","null"]}},
          "calls":{"type":["object","null"],"required":["totalCalls","completedCalls","connectedCalls","meetingsBooked","qualifiedLeads","conversationsHad","avgDurationSeconds","contactRatePct","conversionRatePct"],"additionalProperties":{"type":"number"}},
          "trend":{"type":["object","null"],"required":["previousPeriod","changePct"],"properties":{"previousPeriod":{"type":"object","required":["from","to"],"additionalProperties":{"type":"string"}},"changePct":{"type":"object","required":["totalClicks","replies","prospectsContacted"],"additionalProperties":{"type":["number","null"]}}},"additionalProperties":false}}}
        """
}
