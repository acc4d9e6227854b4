import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.4: weekly counter deltas (from weekly snapshots) and all-time counters, per channel, of
/// the caller's campaigns in the session workspace.
public struct AnalyticsGetDashboard: Tool {
    public init() {}

    public let name = "analytics_get_dashboard"
    public let title = "Weekly campaign dashboard"
    public let description = """
        Week-by-week progress and all-time totals of the campaigns you own in this workspace, split by channel \
        (linkedin, email, call). `weekly` lists, oldest first, how much each campaign counter (e.g. sent, replied, \
        connection_sent) grew in each week, from the weekly snapshots of the campaigns' cumulative stats (a week is \
        labelled by its Monday; a counter that went down shows a negative number). `allTime` sums the campaigns' \
        current stats. Scope: every campaign you own, or only `campaign_ids` (campaign UUIDs or cp_… ids, as an \
        array or a comma-separated string; each must be a campaign you own here). `range` (all, 12w, 26w, 52w) \
        limits the weeks shown; an unrecognised value shows all weeks, and `range` in the answer says which was \
        applied. For click counts use stats_get_workspace_overview; for activity-based funnels and reply times \
        analytics_get_campaign_analytics.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec(
            "campaign_ids", .campaignRefList,
            description: "Campaigns to include: an array of campaign UUIDs / cp_… ids, or one comma-separated string. Omitted or empty: every campaign you own in the workspace.",
            example: "[\"cp_01kky66tzq5p847eh2tkbc4xyn\"]"),
        ArgumentSpec(
            "range", .text,
            description: "Weeks to show: all (default), 12w, 26w or 52w (weeks starting on or after the Monday N-1 weeks before this week's Monday). Any other text shows all weeks.",
            example: "\"12w\"", default: "all"),
    ]

    static let channels = ["linkedin", "email", "call"]
    static let ranges: [(name: String, weeks: Int)] = [("12w", 12), ("26w", 26), ("52w", 52)]

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let data = context.data
        let userID = context.session.user.id
        let requested = (args["campaign_ids"]?.arrayValue ?? []).compactMap(\.stringValue)

        // Scope: the caller's campaigns of the session workspace, or exactly the listed ones.
        var scope: [Campaign] = []
        if requested.isEmpty {
            scope = data.campaigns(inWorkspace: context.workspaceID).filter { $0.ownerID == userID }
        } else {
            var seen = Set<Int>()
            var missing: [String] = []
            for reference in requested {
                let found: Campaign?
                if Identifiers.isUUID(reference), let uuid = UUID128(reference) {
                    found = data.campaign(id: uuid)
                } else {
                    found = data.campaign(publicID: reference)
                }
                guard let campaign = found, campaign.workspaceID == context.workspaceID, campaign.ownerID == userID else {
                    if !missing.contains(where: { Identifiers.sameBytes($0, reference) }) { missing.append(reference) }
                    continue
                }
                if seen.insert(campaign.index).inserted { scope.append(campaign) }
            }
            if !missing.isEmpty { throw Messages.campaignsNotFound(missing, field: "campaign_ids") }
        }
        scope.sort { a, b in
            if TextMatch.nameLess(a.name, b.name) { return true }
            if TextMatch.nameLess(b.name, a.name) { return false }
            return a.id < b.id
        }

        // Range: exact match, anything else is `all`.
        let rangeText = args.string("range") ?? "all"
        var applied = "all"
        var cutoff: Day?
        if let match = Self.ranges.first(where: { Identifiers.sameBytes($0.name, rangeText) }) {
            applied = match.name
            cutoff = context.today.monday.adding(-7 * (match.weeks - 1))
        }

        // Weekly deltas over the whole history; the range trims the output only.
        var weeks: [Day: [CounterSums]] = [:]
        var allTime = [CounterSums](repeating: CounterSums(), count: 3)
        for campaign in scope {
            guard let channel = Self.channels.firstIndex(of: campaign.type) else { continue }
            for entry in data.snapshotDeltas(campaignIndex: campaign.index) {
                var sums = weeks[entry.weekStart] ?? [CounterSums](repeating: CounterSums(), count: 3)
                for (key, delta) in entry.deltas { sums[channel].add(key, delta) }
                weeks[entry.weekStart] = sums
            }
            for (key, value) in StoreData.counters(of: campaign.stats) { allTime[channel].add(key, Int128(value)) }
        }

        let weekly: [JSONValue] = weeks.keys.sorted()
            .filter { week in cutoff.map { week >= $0 } ?? true }
            .map { week in
                var o = JSONObject()
                o["week_start"] = .string(week.description)
                for (i, channel) in Self.channels.enumerated() { o[channel] = .object(weeks[week]![i].json) }
                return .object(o)
            }
        var allTimeJSON = JSONObject()
        for (i, channel) in Self.channels.enumerated() { allTimeJSON[channel] = .object(allTime[i].json) }

        var result = JSONObject()
        result["weekly"] = .array(weekly)
        result["allTime"] = .object(allTimeJSON)
        result["campaigns"] = .array(scope.map { campaign in
            var o = JSONObject()
            o["id"] = .string(campaign.id.description)
            o["public_id"] = .string(campaign.publicID)
            o["name"] = JSONValue(campaign.name)
            o["type"] = .string(campaign.type)
            o["status"] = .string(campaign.status)
            return .object(o)
        })
        result["range"] = .string(applied)
        return .object(result)
    }

    public let outputSchemaText = """
        {"type":"object","required":["weekly","allTime","campaigns","range"],
         "properties":{
          "weekly":{"type":"array","items":{"type":"object","required":["week_start","linkedin","email","call"],"properties":{
            "week_start":{"type":"string","format":"date"},
            "linkedin":{"$ref":"#/$defs/counters"},"email":{"$ref":"#/$defs/counters"},"call":{"$ref":"#/$defs/counters"}}}},
          "allTime":{"type":"object","required":["linkedin","email","call"],"properties":{
            "linkedin":{"$ref":"#/$defs/counters"},"email":{"$ref":"#/$defs/counters"},"call":{"$ref":"#/$defs/counters"}}},
          "campaigns":{"type":"array","items":{"type":"object","required":["id","public_id","name","type","status"],"properties":{
            "id":{"type":"string"},"public_id":{"type":"string"},"name":{"type":["string","null"]},"type":{"type":"string"},"status":{"type":"string"}}}},
          "range":{"type":"string","enum":["all","12w","26w","52w"]}},
         "$defs":{
          "counters":{"type":"object","additionalProperties":{"type":"integer"},
            "description":"Counter name (e.g. sent, replied, connection_sent) to its value; {} when nothing contributed."}}}
        """
}
