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
        One user for a period: campaigns owned or assigned, aliases, clicks attributed to them, and the outreach of \
        the campaigns they own, with the change against a comparison period. User by usr_ id or UUID (users_list). \
        Give `period` or from and to; default the last 30 days.
        """

    static let userExample = "\"usr_01j5gsy5vg24epgyws65f63wh4\""

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("userPublicId", .userRef, required: true, description: "The user's usr_ id or UUID.", example: userExample),
        ArgumentSpec("from", .date, description: "First day.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day (inclusive).", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .lastThirtyDays)
        let period = resolved.period
        let previous = resolved.comparison(args)
        guard let reference = args.string("userPublicId") else { throw Messages.missing("userPublicId", example: Self.userExample) }
        let user = try context.linkedUser(reference: reference, field: "userPublicId")
        let data = context.data
        let workspaceID = context.workspaceID
        let campaigns = data.campaigns(inWorkspace: workspaceID)
        let assignments = campaigns.filter { $0.ownerID == user.id || $0.assigneeIDs.contains(user.id) }.count
        let owned = campaigns.filter { $0.ownerID == user.id }
        func outreach(_ p: Period) -> OutreachCounts {
            var sum = OutreachCounts()
            for campaign in owned { sum.add(data.outreach(campaignIndex: campaign.index, from: p.from, to: p.to, zone: context.zone)) }
            return sum
        }
        let current = outreach(period)
        let clicks = data.userClicks(workspaceID, user: user.id, from: period.from, to: period.to)

        var result = JSONObject()
        result["user"] = ["publicId": .string(user.publicID), "name": JSONValue(user.name)]
        result["period"] = .object(resolved.json)
        result["campaignAssignments"] = .int(Int64(assignments))
        result["aliases"] = .int(Int64(data.tables.aliasCounts[WorkspaceUser(workspaceID: workspaceID, userID: user.id)] ?? 0))
        result["clicks"] = Shapes.clicks(clicks)
        result["outreach"] = Shapes.outreach(current)
        if let previous {
            let clicksBefore = data.userClicks(workspaceID, user: user.id, from: previous.from, to: previous.to)
            result["trend"] = Shapes.trend(previous: previous, clicks: (clicks, clicksBefore), outreach: (current, outreach(previous)))
        } else {
            result["trend"] = .null
        }
        return .object(result)
    }

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

    public let outputSchemaText = """
        {"type":"object","required":["user","period","campaignAssignments","aliases","clicks","outreach","trend"],"additionalProperties":false,
         "properties":{
          "user":{"type":"object","required":["publicId","name"],"properties":{"name":{"type":["string","null"]}},"additionalProperties":{"type":"string"}},
          "period":{"type":"object","required":["from","to","defaulted"],"properties":{"defaulted":{"type":"boolean"}},"additionalProperties":{"type":"string"}},
          "campaignAssignments":{"type":"integer"},
          "aliases":{"type":"integer"},
          "clicks":{"type":"object","required":["campaignClicks","vcardClicks","otherClicks","totalClicks"],"additionalProperties":{"type":"integer"}},
          "outreach":{"type":"object","required":["emailsSent","invitesSent","invitesAccepted","linkedinMessagesSent","replies","interested","bounces","prospectsContacted"],"additionalProperties":{"type":"integer"}},
          "trend":{"type":["object","null"],"required":["previousPeriod","changePct"],"properties":{"previousPeriod":{"type":"object","required":["from","to"],"additionalProperties":{"type":"string"}},"changePct":{"type":"object","required":["totalClicks","replies","prospectsContacted"],"additionalProperties":{"type":["number","null"]}}},"additionalProperties":false}}}
        """
}

extension ToolContext {
    /// A user linked to the session workspace, by `usr_` id or UUID (SPEC §5.3); anything else is `not_found`.
    fileprivate func linkedUser(reference: String, field: String) throws(ToolError) -> User {
        if let uuid = UUID128(reference), Identifiers.isUUID(reference) {
            guard let user = data.user(id: uuid), user.workspaceIDs.contains(workspaceID) else {
                var error = Messages.notFound("user", reference)
                error.field = field
                throw error
            }
            return user
        }
        return try linkedUser(publicID: reference, field: field)
    }
}
