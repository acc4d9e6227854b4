import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.12: who the caller is, which workspace, what "today" is there, and what data exists.
public struct WorkspaceGet: Tool {
    public init() {}

    public let name = "workspace_get"
    public let title = "Workspace, caller, today and data spans"
    public let description = """
        Who and where you are, and what today is: call this first. The workspace (id, ws_ id, name, time zone), you (usr_ id, owned \
        campaigns), today and now in the workspace's zone (for relative dates; or pass a `period` preset), campaign \
        counts by type and status, users, and the count and first/last date of clicks, activities and call stats.
        """

    public let arguments: [ArgumentSpec] = []

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let data = context.data
        let workspace = context.session.workspace
        let user = context.session.user
        let zone = context.zone
        let workspaceID = workspace.id

        var result = JSONObject()
        result["workspace"] = [
            "id": .int(workspaceID), "public_id": .string(workspace.publicID), "name": .string(workspace.name),
            "timezone": .string(workspace.timezone),
        ]
        var you = JSONObject()
        you["id"] = .string(user.id.description)
        you["public_id"] = .string(user.publicID)
        you["name"] = JSONValue(user.name)
        you["owned_campaigns"] = .int(Int64(data.ownedCampaignCounts[WorkspaceUser(workspaceID: workspaceID, userID: user.id)] ?? 0))
        result["you"] = .object(you)
        result["today"] = .string(context.today.description)
        result["now"] = .string(context.now.string(withOffset: zone.offset(atUTCSeconds: context.now.seconds)))

        // Campaigns by stored type and status (a non-string value counts only in `total`), and the
        // span of their activities (each campaign's table is sorted by time: first and last are O(1)).
        let indexes = data.campaignsByWorkspace[workspaceID] ?? []
        var typeCounts: [String: Int64] = [:]
        var statusCounts: [String: Int64] = [:]
        var activityCount: Int64 = 0
        var firstAt = Int64.max
        var lastAt = Int64.min
        for index in indexes {
            let c = data.campaigns[index]
            // `type`/`status` hold the stored string; "" may also mean "not a string": then ask the record.
            if let type = c.type.isEmpty ? c.record["type"]?.stringValue : c.type { typeCounts[type, default: 0] += 1 }
            if let status = c.status.isEmpty ? c.record["status"]?.stringValue : c.status { statusCounts[status, default: 0] += 1 }
            let table = data.tables.activities[index]
            if let first = table.at.first, let last = table.at.last {
                activityCount += Int64(table.count)
                firstAt = min(firstAt, first)
                lastAt = max(lastAt, last)
            }
        }
        // Keys in a stable order: the values of SPEC §2 first, then any other stored value by code point.
        func counts(_ counts: [String: Int64], known: [String]) -> JSONValue {
            let others = counts.keys.filter { !known.contains($0) }.sorted()
            return .object(JSONObject((known + others).compactMap { key in counts[key].map { (key, .int($0)) } }))
        }
        result["campaigns"] = [
            "total": .int(Int64(indexes.count)), "by_type": counts(typeCounts, known: ["email", "linkedin", "call"]),
            "by_status": counts(statusCounts, known: ["draft", "active", "paused", "completed", "archived"]),
        ]
        result["users"] = .int(Int64(data.usersByWorkspaceByName[workspaceID]?.count ?? 0))

        var spans = JSONObject()
        let clicks = data.tables.workspaceClicks[workspaceID]
        let clickCount = clicks.map { $0.counts(from: Int.min, to: Int.max).reduce(0, +) } ?? 0
        spans["clicks"] = Self.span(
            count: clickCount, first: clicks?.days.first.map { Day(number: Int($0)) }, last: clicks?.days.last.map { Day(number: Int($0)) })
        spans["activities"] = Self.span(
            count: activityCount,
            first: activityCount > 0 ? zone.localDay(utcSeconds: Self.floorSeconds(firstAt)) : nil,
            last: activityCount > 0 ? zone.localDay(utcSeconds: Self.floorSeconds(lastAt)) : nil)
        let rows = data.tables.callStatsByWorkspace[workspaceID] ?? []
        spans["call_stats"] = Self.span(count: Int64(rows.count), first: rows.first?.date, last: rows.last?.date)
        result["data"] = .object(spans)

        let linked = user.workspaceIDs.sorted().compactMap { data.workspace(id: $0) }
        result["linked_workspaces"] = .array(linked.map { w in
            ["id": .int(w.id), "public_id": .string(w.publicID), "name": .string(w.name)]
        })
        result["sync_tools"] = .bool(!context.readOnly)
        return .object(result)
    }

    static func span(count: Int64, first: Day?, last: Day?) -> JSONValue {
        var o = JSONObject()
        o["count"] = .int(count)
        o["first"] = count > 0 ? JSONValue(first?.description) : .null
        o["last"] = count > 0 ? JSONValue(last?.description) : .null
        return .object(o)
    }

    /// Nanoseconds to whole seconds, rounding toward the past (an instant's second).
    static func floorSeconds(_ nanos: Int64) -> Int64 {
        let q = nanos / 1_000_000_000
        return nanos % 1_000_000_000 < 0 ? q - 1 : q
    }

    public let outputSchemaText = """
        {"type":"object","required":["workspace","you","today","now","campaigns","users","data","linked_workspaces","sync_tools"],"additionalProperties":false,
         "properties":{
          "workspace":{"type":"object","properties":{"id":{"type":"integer"},"public_id":{"type":"string"},"name":{"type":"string"},"timezone":{"type":"string"}}},
          "you":{"type":"object","properties":{"id":{"type":"string"},"public_id":{"type":"string"},"name":{"type":["string","null"]},"owned_campaigns":{"type":"integer"}}},
          "today":{"type":"string"},"now":{"type":"string"},
          "campaigns":{"type":"object","properties":{"total":{"type":"integer"},"by_type":{"$ref":"#/$defs/n"},"by_status":{"$ref":"#/$defs/n"}}},
          "users":{"type":"integer"},
          "data":{"type":"object","required":["clicks","activities","call_stats"],"additionalProperties":{"type":"object","required":["count","first","last"],"properties":{"count":{"type":"integer"},"first":{"type":["string","null"]},"last":{"type":["string","null"]}}}},
          "linked_workspaces":{"type":"array","items":{"type":"object","required":["id","public_id","name"]}},
          "sync_tools":{"type":"boolean"}},
         "$defs":{"n":{"type":"object","additionalProperties":{"type":"integer"}}}}
        """
}
