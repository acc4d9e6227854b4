import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.2: one campaign's clicks, outreach funnel, rates, call figures and trend over a period.
public struct StatsGetCampaignPerformance: Tool {
    public init() {}

    public let name = "stats_get_campaign_performance"
    public let title = "Campaign performance"
    public let description = """
        Read-only metrics of one campaign of the workspace for a period: clicks by kind, outreach (emails, LinkedIn \
        invites/acceptances/messages, replies, interested, bounces, prospects contacted), reply/bounce/acceptance \
        rates, call figures for call campaigns, and the change against the previous period of the same length. \
        Pass both `from` and `to` (YYYY-MM-DD, workspace time zone, inclusive); otherwise the last 30 days ending \
        today are used and `period.defaulted` is true. The campaign is a cp_… public id (find it with campaigns_list). \
        For the whole workspace use stats_get_workspace_overview; for all-time funnels analytics_get_campaign_analytics.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("campaignPublicId", .publicID("cp"), required: true, description: "The campaign's cp_… public id.", example: "\"cp_01khfhj28c8p8v3qbk15kvwspy\""),
        ArgumentSpec("from", .date, description: "First day, YYYY-MM-DD; give it together with `to`.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day, YYYY-MM-DD; give it together with `from`.", example: "\"2026-03-31\""),
    ]

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let (period, periodJSON) = try Shapes.defaultablePeriod(args, today: context.today)
        let campaign = try context.campaign(args.string("campaignPublicId")!, field: "campaignPublicId")
        let data = context.data
        let zone = context.zone
        let previous = period.previous
        let clicks = data.campaignClicks(campaign.index, from: period.from, to: period.to)
        let clicksBefore = data.campaignClicks(campaign.index, from: previous.from, to: previous.to)
        let outreach = data.outreach(campaignIndex: campaign.index, from: period.from, to: period.to, zone: zone)
        let outreachBefore = data.outreach(campaignIndex: campaign.index, from: previous.from, to: previous.to, zone: zone)

        var result = JSONObject()
        var c = JSONObject()
        c["publicId"] = .string(campaign.publicID)
        c["id"] = .string(campaign.id.description)
        c["name"] = JSONValue(campaign.name)
        c["type"] = .string(campaign.type)
        c["status"] = .string(campaign.status)
        result["campaign"] = .object(c)
        result["period"] = .object(periodJSON)
        result["clicks"] = Shapes.clicks(clicks)
        result["outreach"] = Shapes.outreach(outreach)
        var rates = JSONObject()
        rates["replyRatePct"] = Shapes.percent(outreach.replies, outreach.prospectsContacted)
        rates["bounceRatePct"] = Shapes.percent(outreach.bounces, outreach.emailsSent)
        rates["acceptanceRatePct"] = Shapes.percent(outreach.invitesAccepted, outreach.invitesSent)
        result["rates"] = .object(rates)
        result["calls"] = campaign.type == "call" ? callFigures(data.callCounters(workspaceID: context.workspaceID, campaign: campaign.id, from: period.from, to: period.to)) : .null
        result["trend"] = Shapes.trend(previous: previous, clicks: (clicks, clicksBefore), outreach: (outreach, outreachBefore))
        return .object(result)
    }

    /// §5.6 formulas with §5.2 names.
    func callFigures(_ c: CallCounters) -> JSONValue {
        var o = JSONObject()
        o["totalCalls"] = .int(c.totalCalls)
        o["completedCalls"] = .int(c.completedCalls)
        o["connectedCalls"] = .int(c.connectedCalls)
        o["meetingsBooked"] = .int(c.meetingsBooked)
        o["qualifiedLeads"] = .int(c.qualifiedLeads)
        o["conversationsHad"] = .int(c.conversationsHad)
        o["avgDurationSeconds"] = .int(c.averageDurationSeconds)
        o["contactRatePct"] = .double(c.contactRatePct)
        o["conversionRatePct"] = .double(c.conversionRatePct)
        return .object(o)
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
