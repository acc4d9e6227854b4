import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.6: the session workspace's AI call batches (paginated, with progress) and per-campaign
/// call statistics over a period.
public struct AnalyticsGetCallDashboard: Tool {
    public init() {}

    public let name = "analytics_get_call_dashboard"
    public let title = "AI call dashboard"
    public let description = """
        AI phone calls: batch progress, per-campaign call outcomes and totals for a period. active_batches: call batches newest first with progress_pct (not by period); narrow \
        with status, campaign_id; page with limit (25, max 100), offset. campaign_stats: call stats per campaign \
        over the period, most calls first, first 25 (campaign_stats_total counts all). totals: all the period's \
        calls. period: Nd ends today; custom needs start_date and end_date.
        """

    /// The call dashboard's own period names (SPEC §5.6); the §4 presets are accepted too.
    static let ownPeriods = ["today", "7d", "30d", "90d", "custom"]
    static let periods = ownPeriods + PeriodPreset.names.filter { !ownPeriods.contains($0) }
    /// At most this many `campaign_stats` rows are listed; `campaign_stats_total` counts them all.
    static let campaignStatsCap = 25
    static let maxLimit: Int64 = 100

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("period", .oneOf(periods), description: "", example: "\"30d\"", default: "30d"),
        ArgumentSpec("start_date", .date, description: "", example: "\"2026-03-01\""),
        ArgumentSpec("end_date", .date, description: "", example: "\"2026-03-31\""),
        ArgumentSpec("status", .oneOf(Vocabulary.batchStatuses), description: "Batch status.", example: "\"processing\""),
        ArgumentSpec("campaign_id", .campaignRef, description: "", example: "\"cp_01k5mhj7r34errcj8cdmm89xy5\""),
        ArgumentSpec("limit", .integer(min: 1, max: nil), description: "", example: "25", default: 25),
        ArgumentSpec("offset", .integer(min: 0, max: nil), description: "", example: "0", default: 0),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        // Cross-field rules: dates exactly with `custom`.
        let periodName = args.string("period") ?? "30d"
        let today = context.today
        let period: Period
        switch periodName {
        case "custom":
            guard let start = args.day("start_date") else { throw Messages.customDateRequired("start_date") }
            guard let end = args.day("end_date") else { throw Messages.customDateRequired("end_date") }
            period = try Period.checked(from: start, to: end, fromName: "start_date", toName: "end_date")
        default:
            if args.has("start_date") { throw Messages.customDateNotAllowed("start_date") }
            if args.has("end_date") { throw Messages.customDateNotAllowed("end_date") }
            switch periodName {
            case "7d": period = Period.trailing(7, endingOn: today)
            case "30d": period = Period.trailing(30, endingOn: today)
            case "90d": period = Period.trailing(90, endingOn: today)
            default: period = (PeriodPreset(rawValue: periodName) ?? .last_30_days).resolve(today: today)
            }
        }
        // References.
        var campaign: Campaign?
        if let reference = args.string("campaign_id") { campaign = try context.campaign(reference, field: "campaign_id") }
        let limit = Int(min(args.int("limit") ?? 25, Self.maxLimit))
        let offset = Int(clamping: args.int("offset") ?? 0)
        let status = args.string("status")
        let data = context.data

        // Batches: newest first (pre-sorted), filtered, one page.
        let all = data.tables.batchesByWorkspace[context.workspaceID] ?? []
        let matching = all.filter { batch in
            (status.map { Identifiers.sameBytes(batch.status, $0) } ?? true) && (campaign.map { batch.campaignID == $0.id } ?? true)
        }
        let start = min(offset, matching.count)
        let page = matching[start..<min(matching.count, start + limit)]

        // Campaign stats and totals over the period: totals take every row (campaign-less ones too),
        // or only the named campaign's rows.
        var sums: [UUID128: CallCounters] = [:]
        var totals = CallCounters()
        for row in data.callStatsRows(workspaceID: context.workspaceID, from: period.from, to: period.to) {
            if let campaign, row.campaignID != campaign.id { continue }
            totals.add(row.counters)
            guard let id = row.campaignID else { continue }
            sums[id, default: CallCounters()].add(row.counters)
        }
        let stats: [(id: UUID128, name: String?, key: NameKey, counters: CallCounters)] = sums.map { id, counters in
            let known = data.campaignIndexByID[id].flatMap { data.campaigns[$0].workspaceID == context.workspaceID ? data.campaigns[$0].name : nil }
            return (id, known, NameKey(known), counters)
        }.sorted { a, b in
            if a.counters.totalCalls != b.counters.totalCalls { return a.counters.totalCalls > b.counters.totalCalls }
            if a.key != b.key { return a.key < b.key }
            return a.id < b.id
        }

        var result = JSONObject()
        result["active_batches"] = .array(page.map(Self.batch))
        result["campaign_stats"] = .array(stats.prefix(Self.campaignStatsCap).map { Self.campaignStats(id: $0.id, name: $0.name, $0.counters) })
        result["campaign_stats_total"] = .int(Int64(stats.count))
        result["totals"] = .object(Self.counters(totals))
        var pagination = JSONObject()
        pagination["total"] = .int(Int64(matching.count))
        pagination["limit"] = .int(Int64(limit))
        pagination["offset"] = .int(Int64(offset))
        pagination["has_more"] = .bool(start + page.count < matching.count)
        result["pagination"] = .object(pagination)
        var periodJSON = JSONObject()
        periodJSON["name"] = .string(periodName)
        periodJSON["from"] = .string(period.from.description)
        periodJSON["to"] = .string(period.to.description)
        result["period"] = .object(periodJSON)
        return .object(result)
    }

    static func batch(_ b: CallBatch) -> JSONValue {
        var o = JSONObject()
        o["id"] = .string(b.id.description)
        o["workspace_id"] = .int(b.workspaceID)
        o["campaign_id"] = JSONValue(b.campaignID?.description)
        o["status"] = .string(b.status)
        o["total_calls"] = .int(b.totalCalls)
        o["completed_count"] = .int(b.completed)
        o["failed_count"] = .int(b.failed)
        o["pending_count"] = .int(b.pending)
        o["in_progress_count"] = .int(b.inProgress)
        o["progress_pct"] = .int(b.totalCalls == 0 ? 0 : ExactMath.roundedQuotient((b.completed + b.failed) * 100, b.totalCalls))
        o["created_at"] = b.createdAtRaw
        o["completed_at"] = b.completedAtRaw
        return .object(o)
    }

    static func campaignStats(id: UUID128, name: String?, _ c: CallCounters) -> JSONValue {
        var o = JSONObject()
        o["campaign_id"] = .string(id.description)
        o["campaign_name"] = JSONValue(name)
        for member in counters(c) { o.appendUnchecked(member.key, member.value) }
        return .object(o)
    }

    /// The counter fields of a `campaign_stats` row and of `totals`, with their formulas.
    static func counters(_ c: CallCounters) -> JSONObject {
        var o = JSONObject()
        o.appendUnchecked("total_calls", .int(c.totalCalls))
        o.appendUnchecked("completed_calls", .int(c.completedCalls))
        o.appendUnchecked("connected_calls", .int(c.connectedCalls))
        o.appendUnchecked("meetings_booked", .int(c.meetingsBooked))
        o.appendUnchecked("qualified_leads", .int(c.qualifiedLeads))
        o.appendUnchecked("conversations_had", .int(c.conversationsHad))
        o.appendUnchecked("avg_duration_seconds", .int(c.averageDurationSeconds))
        o.appendUnchecked("contact_rate", .double(c.contactRatePct))
        o.appendUnchecked("conversion_rate", .double(c.conversionRatePct))
        return o
    }

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

    public let outputSchemaText = """
        {"type":"object","required":["active_batches","campaign_stats","campaign_stats_total","totals","pagination","period"],"additionalProperties":false,
         "properties":{
          "active_batches":{"type":"array","items":{"type":"object","required":["id","workspace_id","campaign_id","status","total_calls","completed_count",
              "failed_count","pending_count","in_progress_count","progress_pct","created_at","completed_at"],"properties":{
            "id":{"type":"string"},"campaign_id":{"type":["string","null"]},"status":{"type":"string"},
            "created_at":{},"completed_at":{}},"additionalProperties":{"type":"integer"}}},
          "campaign_stats":{"type":"array","maxItems":25,"items":{"$ref":"#/$defs/s","required":["campaign_id","campaign_name"]}},
          "campaign_stats_total":{"type":"integer"},
          "totals":{"$ref":"#/$defs/s"},
          "pagination":{"type":"object","required":["total","limit","offset","has_more"],"properties":{"has_more":{"type":"boolean"}},
            "additionalProperties":{"type":"integer"}},
          "period":{"type":"object","required":["name","from","to"],"additionalProperties":{"type":"string"}}},
         "$defs":{"s":{"type":"object","required":["total_calls","completed_calls","connected_calls","meetings_booked","qualified_leads",
            "conversations_had","avg_duration_seconds","contact_rate","conversion_rate"],"properties":{
            "campaign_id":{"type":"string"},"campaign_name":{"type":["string","null"]},"contact_rate":{"type":"number"},"conversion_rate":{"type":"number"}},
            "additionalProperties":{"type":"integer"}}}}
        """
}
