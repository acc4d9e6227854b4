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
    /// so the schema is the loader's guarantee for a kept campaign (`StoreFieldRules`, the one
    /// declaration of the store's fields): the required fields with their types, any other field as stored.
    public struct StoredCampaign: OutputValue {
        public var record: JSONObject

        public static var schema: JSONValue { StoreFieldRules.guaranteedRecordSchema(array: "campaigns") }

        public var json: JSONValue { .object(record) }
    }
}
