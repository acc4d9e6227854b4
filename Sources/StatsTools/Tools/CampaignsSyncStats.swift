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
        var output: JSONValue
        var paused: Campaign?
    }

    /// The whole computation, from one consistent view of the store.
    func compute(_ data: StoreData, campaign: Campaign, now: Instant, dryRun: Bool) -> Outcome {
        let statusCounts = data.tables.prospectStatusCounts[campaign.index]
        let total = data.tables.prospectCounts[campaign.index]
        var stats = JSONObject()
        stats["total"] = .int(total)
        var byStatus = JSONObject()
        var pending: Int64 = 0
        var bounced: Int64 = 0
        for (status, count) in statusCounts {
            byStatus[status] = .int(count)
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

        var guardJSON: JSONValue = .null
        var paused = false
        if campaign.type == "email" && campaign.status == "active" {
            let attempted = total - pending
            paused = BounceGuardRule.trips(attempted: attempted, bounced: bounced)
            var g = JSONObject()
            g["checked"] = true
            g["attempted"] = .int(attempted)
            g["bounced"] = .int(bounced)
            g["rate_pct"] = JSONValue(ExactMath.percent(bounced, attempted))
            g["paused"] = .bool(paused)
            guardJSON = .object(g)
            if paused {
                fields["status"] = "paused"
                fields["paused_reason"] = "bounce_rate"
            }
        }
        var record = campaign.record
        for member in fields { record[member.key] = member.value }

        var result = JSONObject()
        result["campaign"] = .object(record)
        if !byStatus.isEmpty { result["prospects_by_status"] = .object(byStatus) }
        result["bounce_guard"] = guardJSON
        result["dry_run"] = .bool(dryRun)
        var after = campaign
        after.record = record
        return Outcome(
            ops: [.setCampaignFields(campaignID: campaign.id.description, fields: fields)], output: .object(result),
            paused: paused ? after : nil)
    }

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
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

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

    public let outputSchemaText = """
        {"type":"object","required":["campaign","bounce_guard","dry_run"],
         "properties":{
          "campaign":{"type":"object","required":["id","public_id","workspace_id","type","status","stats"],"properties":{
            "id":{"type":"string"},"public_id":{"type":"string"},"workspace_id":{"type":"integer"},"user_id":{"type":["string","null"]},
            "type":{"type":"string"},"name":{"type":["string","null"]},"status":{"type":"string"},"stats":{"type":"object"},
            "updated_at":{"type":["string","null"]},"last_synced_at":{"type":["string","null"]},"paused_reason":{"type":"string"}},
            "additionalProperties":true},
          "prospects_by_status":{"type":"object","additionalProperties":{"type":"integer"}},
          "bounce_guard":{"oneOf":[{"type":"null"},{"type":"object","required":["checked","attempted","bounced","rate_pct","paused"],"properties":{
            "checked":{"type":"boolean"},"attempted":{"type":"integer"},"bounced":{"type":"integer"},"rate_pct":{"type":["number","null"]},"paused":{"type":"boolean"}}}]},
          "dry_run":{"type":"boolean"}}}
        """
}
