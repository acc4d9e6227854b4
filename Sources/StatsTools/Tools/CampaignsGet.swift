import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.8: one campaign record of the session workspace, exactly as stored.
public struct CampaignsGet: Tool {
    public init() {}

    public let name = "campaigns_get"
    public let title = "Get campaign"
    public let description = """
        The full stored record of one campaign of this workspace: type, status (and paused_reason), owner user_id, \
        settings (daily_limit, stop_on_reply, open_tracking, signature, operating_hours, sender_accounts …), the \
        cumulative `stats` counters, and created_at / updated_at / last_synced_at, including any extra fields the \
        store holds. `id` is the campaign's UUID or cp_… public id (find it with campaigns_list). Read-only; for \
        metrics over a period use stats_get_campaign_performance, to refresh `stats` campaigns_sync_stats.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("id", .campaignRef, required: true, description: "The campaign's UUID or cp_… public id.", example: "\"cp_01khfhj28c8p8v3qbk15kvwspy\""),
    ]

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let campaign = try context.campaign(args.string("id")!, field: "id")
        return ["campaign": .object(campaign.record)]
    }

    public let outputSchemaText = """
        {"type":"object","required":["campaign"],
         "properties":{
          "campaign":{"type":"object","required":["id","public_id","workspace_id"],
            "description":"The campaign record as stored, unknown fields included.",
            "properties":{
              "id":{"type":"string"},"public_id":{"type":"string"},"workspace_id":{"type":"integer"},"user_id":{"type":["string","null"]},
              "type":{"type":"string"},"name":{"type":["string","null"]},"status":{"type":"string"},"paused_reason":{"type":"string"},
              "daily_limit":{},"stop_on_reply":{},"open_tracking":{},"signature":{},"skip_other_campaigns":{},"operating_hours":{},
              "stats":{"type":"object","description":"Cumulative counters, e.g. total, sent, replied, bounced."},
              "created_at":{},"updated_at":{},"last_synced_at":{},"sender_accounts":{},"assignee_ids":{}},
            "additionalProperties":true}}}
        """
}
