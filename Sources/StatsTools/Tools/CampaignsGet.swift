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

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let campaign = try context.campaign(try args.required("id"), field: "id")
        return Output(campaign: StoredCampaign(record: campaign.record))
    }
}

extension CampaignsGet {
    /// The campaigns_get answer: one campaign record.
    public struct Output: OutputObject {
        public var campaign: StoredCampaign

        public static let fields: [OutputField<Self>] = [
            .init("campaign", \.campaign, description: "The campaign record as stored, unknown fields included.")
        ]
    }

    /// A campaign record echoed as stored (SPEC §2), unknown fields included: its keys are the record's,
    /// so the schema types the fields the store checks on load (and on every journal op) and admits any other.
    public struct StoredCampaign: OutputValue {
        public var record: JSONObject

        /// The checked fields with the Swift type of their values (`Optional` where the store admits `null`);
        /// an object or array field holds whatever was stored.
        static let known: [(key: String, schema: JSONValue)] = [
            ("id", String.schema), ("public_id", String.schema), ("workspace_id", Int64.schema), ("user_id", Optional<String>.schema),
            ("type", String.schema), ("name", Optional<String>.schema), ("status", String.schema), ("paused_reason", String.schema),
            ("daily_limit", Optional<Int64>.schema), ("stop_on_reply", Optional<Bool>.schema), ("open_tracking", Optional<Bool>.schema),
            ("signature", Optional<String>.schema), ("skip_other_campaigns", Optional<Bool>.schema),
            ("operating_hours", ["type": ["object", "null"]]),
            ("stats", ["type": "object", "description": "Cumulative counters, e.g. total, sent, replied, bounced."]),
            ("created_at", Optional<String>.schema), ("updated_at", Optional<String>.schema), ("last_synced_at", Optional<String>.schema),
            ("sender_accounts", ["type": ["array", "null"]]), ("assignee_ids", ["type": ["array", "null"]]),
        ]
        /// Present (and not `null`) in every served record.
        static let required = ["id", "public_id", "workspace_id", "type", "status"]

        public static var schema: JSONValue {
            var properties = JSONObject()
            for (key, schema) in known { properties[key] = schema }
            var o = JSONObject()
            o["type"] = "object"
            o["required"] = .array(required.map { .string($0) })
            o["additionalProperties"] = true
            o["properties"] = .object(properties)
            return .object(o)
        }

        public var json: JSONValue { .object(record) }
    }
}
