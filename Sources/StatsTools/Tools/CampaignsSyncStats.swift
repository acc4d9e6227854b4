import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.7: recompute a campaign's `stats` from its prospects' statuses, stamp it, and run the
/// bounce guard (active email campaigns: ≥ 100 attempted and ≥ 5 % bounced → paused).
public struct CampaignsSyncStats: Tool {
    public init() {}

    public let name = "campaigns_sync_stats"
    public let title = "Sync campaign stats"
    public let isSync = true
    public let description = """
        Recomputes one campaign's `stats` from its prospects' statuses and stamps last_synced_at. For an active email \
        campaign with ≥ \(BounceGuardRule.minimumAttempted) prospects past pending and ≥ \(BounceGuardRule.thresholdPercent) % bounced, pauses it (bounce guard). `id`: UUID or cp_ id. \
        `dry_run: true` stores nothing. For a read-only look use campaigns_get.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("id", .campaignRef, required: true, description: "", example: "\"cp_01kkzt3j4fqf3hpytm9r5e964z\""),
        ArgumentSpec("dry_run", .boolean, description: "Store nothing.", example: "true", default: false),
    ]

    struct Outcome {
        var ops: [JournalOp]
        var output: Output
        var paused: Campaign?
    }

    /// The whole computation, from one consistent view of the store.
    func compute(_ data: StoreData, campaign: Campaign, now: Instant, dryRun: Bool) -> Outcome {
        let statusCounts = data.tables.prospectStatusCounts[campaign.index]
        let total = data.tables.prospectCounts[campaign.index]
        var stats = JSONObject()
        stats["total"] = .int(total)
        var byStatus: [(key: String, value: Int64)] = []
        var pending: Int64 = 0
        var bounced: Int64 = 0
        for (status, count) in statusCounts {
            byStatus.append((status, count))
            if status == "pending" {
                pending = count
            } else if count > 0 && status != "total" {  // `total` is the prospect count, never a status count
                stats[status] = .int(count)
            }
            if status == "bounced" { bounced = count }
        }
        let stamp = JSONValue.string(now.utcString)
        var fields = JSONObject()
        fields["stats"] = .object(stats)
        fields["updated_at"] = stamp
        fields["last_synced_at"] = stamp

        var bounceGuard: BounceGuard?
        var paused = false
        if campaign.type == "email" && campaign.status == "active" {
            let attempted = total - pending
            paused = BounceGuardRule.trips(attempted: attempted, bounced: bounced)
            bounceGuard = BounceGuard(
                checked: true, attempted: attempted, bounced: bounced, ratePct: ExactMath.percent(bounced, attempted), paused: paused)
            if paused {
                fields["status"] = "paused"
                fields["paused_reason"] = "bounce_rate"
            }
        }
        var record = campaign.record
        for member in fields { record[member.key] = member.value }

        let output = Output(
            campaign: SyncedCampaign(record: record), prospectsByStatus: byStatus.isEmpty ? nil : OutputMap(byStatus),
            bounceGuard: bounceGuard, dryRun: dryRun)
        var after = campaign
        after.record = record
        return Outcome(
            ops: [.setCampaignFields(campaignID: campaign.id.description, fields: fields)], output: output,
            paused: paused ? after : nil)
    }

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let reference = try args.required("id")
        let dryRun = args.bool("dry_run") ?? false
        let campaign = try context.campaign(reference, field: "id")
        if dryRun { return compute(context.data, campaign: campaign, now: context.now, dryRun: true).output }
        guard let committer = context.committer else { throw ToolError(.internal, "This server cannot write the store.") }
        let workspaceID = context.workspaceID
        let now = context.now
        let outcome: Outcome = try committer.commit { (fresh: StoreData) throws(ToolError) -> (ops: [JournalOp], result: Outcome) in
            // Re-read under the lock: the campaign may have changed or gone since the request began.
            guard let current = fresh.campaign(id: campaign.id), current.workspaceID == workspaceID else {
                var error = Messages.notFound("campaign", reference)
                error.field = "id"
                throw error
            }
            let o = compute(fresh, campaign: current, now: now, dryRun: false)
            return (o.ops, o)
        }
        if let paused = outcome.paused {
            var message = JSONObject()
            message["event"] = "campaign_paused"
            message["reason"] = "bounce_rate"
            message["campaign_public_id"] = .string(paused.publicID)
            message["campaign_name"] = JSONValue(paused.name)
            message["message"] = .string("Campaign \(paused.publicID) (\(paused.name ?? "unnamed")) was paused by the bounce guard: \(BounceGuardRule.thresholdPercent) % or more of its attempted prospects bounced.")
            context.log("warning", .object(message))
        }
        return outcome.output
    }
}

extension CampaignsSyncStats {
    /// The answer of `campaigns_sync_stats` (SPEC §5.7).
    public struct Output: OutputObject {
        public var campaign: SyncedCampaign
        /// Prospects by stored status; `nil` (key left out) when the campaign has none.
        public var prospectsByStatus: OutputMap<Int64>?
        /// `nil` for non-email campaigns and email campaigns that are not active.
        public var bounceGuard: BounceGuard?
        public var dryRun: Bool

        public static let fields: [OutputField<Self>] = [
            .init("campaign", \.campaign), .omittable("prospects_by_status", \.prospectsByStatus),
            .init("bounce_guard", \.bounceGuard), .init("dry_run", \.dryRun),
        ]
    }

    /// The bounce guard's check of an active email campaign.
    public struct BounceGuard: OutputObject {
        public var checked: Bool
        public var attempted: Int64
        public var bounced: Int64
        public var ratePct: Double?
        public var paused: Bool

        public static let fields: [OutputField<Self>] = [
            .init("checked", \.checked), .init("attempted", \.attempted), .init("bounced", \.bounced),
            .init("rate_pct", \.ratePct), .init("paused", \.paused),
        ]
    }

    /// The campaign record as stored after the sync, unknown fields included, in stored key order: an open
    /// object (`additionalProperties: true`) whose schema names the identity keys, the ones the loader
    /// guarantees the type of (SPEC §11) and the ones the sync has just set (`stats` of integers, the stamps).
    public struct SyncedCampaign: OutputValue {
        public var record: JSONObject

        public static var schema: JSONValue {
            var properties = JSONObject()
            properties["id"] = String.schema
            properties["public_id"] = String.schema
            properties["workspace_id"] = Int64.schema
            properties["user_id"] = String?.schema
            properties["type"] = String.schema
            properties["name"] = String?.schema
            properties["status"] = String.schema
            properties["stats"] = OutputMap<Int64>.schema
            properties["updated_at"] = String.schema
            properties["last_synced_at"] = String.schema
            properties["paused_reason"] = String.schema
            var o = JSONObject()
            o["type"] = "object"
            o["required"] = ["id", "public_id", "workspace_id", "type", "status", "stats", "updated_at", "last_synced_at"]
            o["properties"] = .object(properties)
            o["additionalProperties"] = true
            return .object(o)
        }

        public var json: JSONValue { .object(record) }
    }
}
