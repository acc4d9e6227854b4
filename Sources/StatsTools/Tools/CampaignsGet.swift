import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.8: one campaign record of the session workspace, exactly as stored.
public struct CampaignsGet: Tool {
    public init() {}

    public let name = "campaigns_get"
    public let title = "Get campaign"
    public let description = """
        One campaign's full stored record: type, status, owner, settings, cumulative `stats`, timestamps and any extra \
        fields. `id`: UUID or cp_ id. For figures over a period use stats_get_campaign_performance.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("id", .campaignRef, required: true, description: "", example: "\"cp_01khfhj28c8p8v3qbk15kvwspy\""),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let campaign = try context.campaign(try args.required("id"), field: "id")
        return ["campaign": .object(campaign.record)]
    }

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

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
