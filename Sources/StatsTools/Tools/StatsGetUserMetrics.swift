import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.3: one user's campaign assignments, aliases, clicks and the outreach of the campaigns
/// they own, over a period, with the trend against the previous period.
public struct StatsGetUserMetrics: Tool {
    public init() {}

    public let name = "stats_get_user_metrics"
    public let title = "User metrics"
    public let description = """
        Read-only metrics of one user of the workspace for a period: campaigns they own or are assigned to, their \
        aliases, clicks attributed to them, and the outreach (emails, invites, messages, replies, interested, bounces, \
        prospects contacted) of the campaigns they own, with the change against the previous period. The user is a \
        usr_… public id linked to the workspace (find it with users_list). Pass both `from` and `to` (YYYY-MM-DD, \
        inclusive); otherwise the last 30 days ending today are used (`period.defaulted: true`).
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("userPublicId", .publicID("usr"), required: true, description: "The user's usr_… public id.", example: "\"usr_01j5gsy5vg24epgyws65f63wh4\""),
        ArgumentSpec("from", .date, description: "First day, YYYY-MM-DD; give it together with `to`.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day, YYYY-MM-DD; give it together with `from`.", example: "\"2026-03-31\""),
    ]

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let (period, periodJSON) = try Shapes.defaultablePeriod(args, today: context.today)
        let user = try context.linkedUser(publicID: args.string("userPublicId")!, field: "userPublicId")
        let data = context.data
        let workspaceID = context.workspaceID
        let previous = period.previous
        let campaigns = data.campaigns(inWorkspace: workspaceID)
        let assignments = campaigns.filter { $0.ownerID == user.id || $0.assigneeIDs.contains(user.id) }.count
        let owned = campaigns.filter { $0.ownerID == user.id }
        var outreach = OutreachCounts()
        var outreachBefore = OutreachCounts()
        for campaign in owned {
            outreach.add(data.outreach(campaignIndex: campaign.index, from: period.from, to: period.to, zone: context.zone))
            outreachBefore.add(data.outreach(campaignIndex: campaign.index, from: previous.from, to: previous.to, zone: context.zone))
        }
        let clicks = data.userClicks(workspaceID, user: user.id, from: period.from, to: period.to)
        let clicksBefore = data.userClicks(workspaceID, user: user.id, from: previous.from, to: previous.to)

        var result = JSONObject()
        result["user"] = ["publicId": .string(user.publicID), "name": JSONValue(user.name)]
        result["period"] = .object(periodJSON)
        result["campaignAssignments"] = .int(Int64(assignments))
        result["aliases"] = .int(Int64(data.tables.aliasCounts[WorkspaceUser(workspaceID: workspaceID, userID: user.id)] ?? 0))
        result["clicks"] = Shapes.clicks(clicks)
        result["outreach"] = Shapes.outreach(outreach)
        result["trend"] = Shapes.trend(previous: previous, clicks: (clicks, clicksBefore), outreach: (outreach, outreachBefore))
        return .object(result)
    }

    public let outputSchemaText = """
        {"type":"object","required":["user","period","campaignAssignments","aliases","clicks","outreach","trend"],
         "properties":{
          "user":{"type":"object","required":["publicId","name"],"properties":{"publicId":{"type":"string"},"name":{"type":["string","null"]}}},
          "period":{"type":"object","required":["from","to","defaulted"],"properties":{
            "from":{"type":"string"},"to":{"type":"string"},"defaulted":{"type":"boolean"},"note":{"type":"string"}}},
          "campaignAssignments":{"type":"integer"},
          "aliases":{"type":"integer"},
          "clicks":{"type":"object","required":["campaignClicks","vcardClicks","otherClicks","totalClicks"],"properties":{
            "campaignClicks":{"type":"integer"},"vcardClicks":{"type":"integer"},"otherClicks":{"type":"integer"},"totalClicks":{"type":"integer"}}},
          "outreach":{"type":"object","required":["emailsSent","invitesSent","invitesAccepted","linkedinMessagesSent","replies","interested","bounces","prospectsContacted"],
            "properties":{"emailsSent":{"type":"integer"},"invitesSent":{"type":"integer"},"invitesAccepted":{"type":"integer"},"linkedinMessagesSent":{"type":"integer"},
              "replies":{"type":"integer"},"interested":{"type":"integer"},"bounces":{"type":"integer"},"prospectsContacted":{"type":"integer"}}},
          "trend":{"type":"object","required":["previousPeriod","changePct"],"properties":{
            "previousPeriod":{"type":"object","required":["from","to"],"properties":{"from":{"type":"string"},"to":{"type":"string"}}},
            "changePct":{"type":"object","required":["totalClicks","replies","prospectsContacted"],"properties":{
              "totalClicks":{"type":["number","null"]},"replies":{"type":["number","null"]},"prospectsContacted":{"type":["number","null"]}}}}}}}
        """
}
