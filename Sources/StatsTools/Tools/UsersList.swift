import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.10: users linked to the session workspace, by name, paged by cursor.
public struct UsersList: Tool {
    public init() {}

    public let name = "users_list"
    public let title = "List users"
    public let description = """
        Lists the users of this workspace by name: usr_ id, name, campaigns owned, with `total`. Use it to find a \
        user id. Narrow with query (part of the name); page with limit and cursor.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("query", .boundedText(maxCharacters: ArgumentLimits.queryCharacters), description: "Part of the name.", example: "\"ada\""),
        ArgumentSpec("limit", .integer(min: 1, max: 100), description: "", example: "25", default: 25),
        ArgumentSpec("cursor", .text, description: "next_cursor of the previous page.", example: "\"c1.eyJ…\""),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let query = args.string("query") ?? ""
        let limit = Int(args.int("limit") ?? 25)
        var filters = JSONObject()
        if !query.isEmpty { filters["query"] = .string(query) }
        var offset = 0
        if let cursor = args.string("cursor") {
            offset = try Cursor.offset(cursor, tool: name, workspaceID: context.workspaceID, filters: filters)
        }

        let data = context.data
        let workspaceID = context.workspaceID
        let needle = NameQuery(query)
        let users: [User] = (data.usersByWorkspaceByName[workspaceID] ?? []).compactMap { index in
            let user = data.tables.users[index]
            return needle.matches(user.name) ? user : nil
        }
        let start = min(offset, users.count)
        let end = min(users.count, start + limit)

        var result = JSONObject()
        result["users"] = .array(users[start..<end].map { user in
            var o = JSONObject()
            o["public_id"] = .string(user.publicID)
            o["name"] = JSONValue(user.name)
            o["owned_campaigns"] = .int(Int64(data.ownedCampaignCounts[WorkspaceUser(workspaceID: workspaceID, userID: user.id)] ?? 0))
            return .object(o)
        })
        result["total"] = .int(Int64(users.count))
        result["next_cursor"] = end < users.count
            ? .string(Cursor.make(tool: name, workspaceID: workspaceID, filters: filters, offset: end)) : .null
        return .object(result)
    }

    public var outputSchema: JSONValue { Self.parsedSchema(outputSchemaText) }

    public let outputSchemaText = """
        {"type":"object","required":["users","total","next_cursor"],
         "properties":{
          "users":{"type":"array","items":{"type":"object","required":["public_id","name","owned_campaigns"],"properties":{
            "public_id":{"type":"string"},"name":{"type":["string","null"]},
            "owned_campaigns":{"type":"integer","description":"Campaigns of this workspace the user owns."}}}},
          "total":{"type":"integer","description":"Users matching the query (all pages)."},
          "next_cursor":{"type":["string","null"],"description":"Pass as `cursor` (same query) for the next page; null on the last page."}}}
        """
}
