import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.1: click totals, outreach, rates and calls of the session workspace over a period, the
/// comparison period and change percentages, signals, and an optional day/week/month chart with the top campaigns.
public struct StatsGetWorkspaceOverview: Tool {
    public init() {}

    public let name = "stats_get_workspace_overview"
    public let title = "Workspace overview"
    public let description = """
        Whole-workspace figures for a period: clicks by kind, outreach (emails, invites, replies, bounces, prospects \
        contacted), rates and calls, against a comparison period; optional day/week/month chart with the top 10 \
        campaigns. Give `period` or from and to. One campaign: stats_get_campaign_performance; one user: stats_get_user_metrics.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("from", .date, description: "First day.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day (inclusive).", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
        ArgumentSpec("breakdown", .oneOf(["none", "day", "week", "month"]), description: "Chart buckets.", example: "\"week\"", default: "none"),
        ArgumentSpec("workspacePublicId", .publicID("ws"), description: "Optional; the session workspace.", example: "\"ws_01j9s2ge61sws9w3swp55nk7yz\""),
    ]

    /// The figures of one period.
    struct Figures {
        var clicks: ClickTotals
        var outreach: OutreachCounts
        var calls: CallCounters

        init(_ context: ToolContext, _ period: Period) {
            let data = context.data
            let workspaceID = context.workspaceID
            clicks = data.workspaceClicks(workspaceID, from: period.from, to: period.to)
            // A prospect belongs to exactly one campaign, so the workspace's distinct-prospect counts are
            // the sums of the per-campaign ones.
            outreach = OutreachCounts()
            for index in data.campaignsByWorkspace[workspaceID] ?? [] {
                outreach.add(data.outreach(campaignIndex: index, from: period.from, to: period.to, zone: context.zone))
            }
            // Every row of the workspace (by its own workspace_id), campaign-less rows included.
            calls = CallCounters()
            for row in data.callStatsRows(workspaceID: workspaceID, from: period.from, to: period.to) { calls.add(row.counters) }
        }
    }

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .required)
        let period = resolved.period
        let breakdown = args.string("breakdown") ?? "none"
        if breakdown == "day", period.dayCount > SpanLimits.maximumDayBreakdownDays { throw Messages.dayBreakdownTooLong(days: period.dayCount) }
        let workspace = context.session.workspace
        if let requested = args.string("workspacePublicId"), !Identifiers.sameBytes(requested, workspace.publicID) {
            throw Messages.workspaceMismatch(requested)
        }
        let previous = resolved.comparison(args)
        let current = Figures(context, period)

        var result = JSONObject()
        result["workspace"] = ["name": .string(workspace.name), "publicId": .string(workspace.publicID), "timezone": .string(workspace.timezone)]
        result["period"] = .object(resolved.json)
        result["totals"] = Shapes.clicks(current.clicks)
        result["outreach"] = Shapes.outreach(current.outreach)
        result["rates"] = Shapes.rates(current.outreach)
        result["calls"] = Shapes.calls(current.calls)
        if let previous {
            let before = Figures(context, previous)
            var p = JSONObject()
            p["period"] = .object(previous.json)
            p["totals"] = Shapes.clicks(before.clicks)
            p["outreach"] = Shapes.outreach(before.outreach)
            p["calls"] = Shapes.calls(before.calls)
            result["previous"] = .object(p)
            var change = JSONObject()
            change["campaignClicks"] = Shapes.change(current.clicks.campaign, before.clicks.campaign)
            change["vcardClicks"] = Shapes.change(current.clicks.vcard, before.clicks.vcard)
            change["otherClicks"] = Shapes.change(current.clicks.other, before.clicks.other)
            change["totalClicks"] = Shapes.change(current.clicks.total, before.clicks.total)
            change["prospectsContacted"] = Shapes.change(current.outreach.prospectsContacted, before.outreach.prospectsContacted)
            change["replies"] = Shapes.change(current.outreach.replies, before.outreach.replies)
            change["meetingsBooked"] = Shapes.change(current.calls.meetingsBooked, before.calls.meetingsBooked)
            change["totalCalls"] = Shapes.change(current.calls.totalCalls, before.calls.totalCalls)
            result["changePct"] = .object(change)
        } else {
            result["previous"] = .null
            result["changePct"] = .null
        }
        result["breakdown"] = breakdown == "none" ? .object(JSONObject()) : chart(breakdown, period, previous, context)
        result["signals"] = .array(Self.signals(current.clicks))
        let offset = context.zone.offset(atUTCSeconds: context.now.seconds)
        result["generatedAt"] = .string(context.now.string(withOffset: offset))
        return .object(result)
    }

    /// One entry per kind with a non-zero count, by count descending, ties by type.
    static func signals(_ t: ClickTotals) -> [JSONValue] {
        let all: [(type: String, count: Int64)] = [("campaign_clicks", t.campaign), ("vcard_clicks", t.vcard), ("other_clicks", t.other)]
        let sorted = all.filter { $0.count > 0 }.sorted { a, b in a.count != b.count ? a.count > b.count : a.type < b.type }
        return sorted.map { entry -> JSONValue in
            var o = JSONObject()
            o["type"] = .string(entry.type)
            o["count"] = .int(entry.count)
            return .object(o)
        }
    }

    /// Buckets of a period: (label, first day, last day), clipped to the period.
    static func buckets(_ breakdown: String, _ period: Period) -> [(label: String, from: Day, to: Day)] {
        var out: [(String, Day, Day)] = []
        switch breakdown {
        case "day":
            var d = period.from
            while d <= period.to {
                out.append((d.description, d, d))
                d = d.adding(1)
            }
        case "week":
            var monday = period.from.monday
            while monday <= period.to {
                out.append((monday.description, max(monday, period.from), min(monday.adding(6), period.to)))
                monday = monday.adding(7)
            }
        default:  // month
            var first = period.from.firstOfMonth
            while first <= period.to {
                let next = first.firstOfNextMonth
                out.append((first.monthLabel, max(first, period.from), min(next.adding(-1), period.to)))
                first = next
            }
        }
        return out
    }

    /// The chart; without a comparison period the `previous` labels and dataset are empty.
    func chart(_ breakdown: String, _ period: Period, _ previous: Period?, _ context: ToolContext) -> JSONValue {
        let data = context.data
        let workspaceID = context.workspaceID
        let currentBuckets = Self.buckets(breakdown, period)
        let previousBuckets = previous.map { Self.buckets(breakdown, $0) } ?? []
        // One lookup of the workspace's daily counts, then a range sum per bucket.
        let daily = data.tables.workspaceClicks[workspaceID] ?? DailyCounts(kinds: ClickKind.allCases.count)
        let current = currentBuckets.map { JSONValue.int(daily.clickTotals(from: $0.from, to: $0.to).total) }
        let before = previousBuckets.map { JSONValue.int(daily.clickTotals(from: $0.from, to: $0.to).total) }

        // Top 10 campaigns by campaign clicks in the period (at least one), ties by public id.
        var ranked: [(campaign: Campaign, clicks: Int64)] = []
        for index in data.campaignsByWorkspace[workspaceID] ?? [] {
            guard let clicks = data.tables.campaignClicks[index] else { continue }
            let n = clicks.count(kind: ClickKind.campaign.rawValue, from: period.from.number, to: period.to.number)
            if n > 0 { ranked.append((data.campaigns[index], n)) }
        }
        ranked.sort { a, b in
            a.clicks != b.clicks ? a.clicks > b.clicks : a.campaign.publicID.utf8.lexicographicallyPrecedes(b.campaign.publicID.utf8)
        }
        let campaigns: [JSONValue] = ranked.prefix(10).map { entry in
            var o = JSONObject()
            o["campaignPublicId"] = .string(entry.campaign.publicID)
            o["name"] = JSONValue(entry.campaign.name)
            let clicks = data.tables.campaignClicks[entry.campaign.index]
            o["data"] = .array(currentBuckets.map { .int(clicks?.count(kind: ClickKind.campaign.rawValue, from: $0.from.number, to: $0.to.number) ?? 0) })
            return .object(o)
        }
        var datasets = JSONObject()
        datasets["current"] = .array(current)
        datasets["previous"] = .array(before)
        datasets["campaigns"] = .array(campaigns)
        var labels = JSONObject()
        labels["current"] = .array(currentBuckets.map { .string($0.label) })
        labels["previous"] = .array(previousBuckets.map { .string($0.label) })
        return ["chart": ["datasets": .object(datasets), "labels": .object(labels)]]
    }

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

    public let outputSchemaText = """
        {"type":"object","required":["workspace","period","totals","outreach","rates","calls","previous","changePct","breakdown","signals","generatedAt"],"additionalProperties":false,
         "properties":{
          "workspace":{"type":"object","required":["name","publicId","timezone"],"additionalProperties":{"type":"string"}},
          "period":{"$ref":"#/$defs/p"},
          "totals":{"$ref":"#/$defs/k"},
          "outreach":{"$ref":"#/$defs/o"},
          "rates":{"type":"object","required":["replyRatePct","bounceRatePct","acceptanceRatePct"],"additionalProperties":{"type":["number","null"]}},
          "calls":{"$ref":"#/$defs/c"},
          "previous":{"type":["object","null"],"required":["period","totals","outreach","calls"],"properties":{"period":{"$ref":"#/$defs/p"},"totals":{"$ref":"#/$defs/k"},"outreach":{"$ref":"#/$defs/o"},"calls":{"$ref":"#/$defs/c"}},"additionalProperties":false},
          "changePct":{"type":["object","null"],"required":["campaignClicks","vcardClicks","otherClicks","totalClicks","prospectsContacted","replies","meetingsBooked","totalCalls"],"additionalProperties":{"type":["number","null"]}},
          "breakdown":{"type":"object","properties":{"chart":{"type":"object","properties":{"datasets":{"type":"object","properties":{"campaigns":{"type":"array","maxItems":10,"items":{"type":"object"}}},"additionalProperties":{"type":"array"}},"labels":{"type":"object","additionalProperties":{"type":"array","items":{"type":"string"}}}}}}},
          "signals":{"type":"array","items":{"type":"object","properties":{"type":{"type":"string"},"count":{"type":"integer"}}}},
          "generatedAt":{"type":"string"}},
         "$defs":{
          "p":{"type":"object","required":["from","to"],"additionalProperties":{"type":"string"}},
          "k":{"type":"object","required":["campaignClicks","vcardClicks","otherClicks","totalClicks"],"additionalProperties":{"type":"integer"}},
          "o":{"type":"object","required":["emailsSent","invitesSent","invitesAccepted","linkedinMessagesSent","replies","interested","bounces","prospectsContacted"],"additionalProperties":{"type":"integer"}},
          "c":{"type":"object","required":["totalCalls","completedCalls","connectedCalls","meetingsBooked","qualifiedLeads","conversationsHad","avgDurationSeconds","contactRatePct","conversionRatePct"],"additionalProperties":{"type":"number"}}}}
        """
}
