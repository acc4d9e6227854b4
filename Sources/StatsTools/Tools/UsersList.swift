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

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
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
        // Indexes of the matching users (fields read in place: no copy of a user per candidate).
        let tables = data.tables
        let matches = (data.usersByWorkspaceByName[workspaceID] ?? []).filter { needle.matches(tables.users[$0].name) }
        let start = min(offset, matches.count)
        let end = min(matches.count, start + limit)

        return Output(
            users: matches[start..<end].map { index in
                UserRow(
                    publicID: tables.users[index].publicID, name: tables.users[index].name,
                    ownedCampaigns: Int64(data.ownedCampaignCounts[WorkspaceUser(workspaceID: workspaceID, userID: tables.users[index].id)] ?? 0))
            },
            total: Int64(matches.count),
            nextCursor: end < matches.count ? Cursor.make(tool: name, workspaceID: workspaceID, filters: filters, offset: end) : nil)
    }
}

extension UsersList {
    /// The users_list answer: one page of users, the count of all matches, and the next page's cursor.
    public struct Output: OutputObject {
        public var users: [UserRow]
        public var total: Int64
        public var nextCursor: String?

        public static let fields: [OutputField<Self>] = [
            .init("users", \.users),
            .init("total", \.total, description: "Users matching the query (all pages)."),
            .init("next_cursor", \.nextCursor, description: "Pass as `cursor` (same query) for the next page; null on the last page."),
        ]
    }

    /// One user of the workspace: usr_ id, name and the campaigns of this workspace the user owns.
    public struct UserRow: OutputObject {
        public var publicID: String
        public var name: String?
        public var ownedCampaigns: Int64

        public static let fields: [OutputField<Self>] = [
            .init("public_id", \.publicID), .init("name", \.name),
            .init("owned_campaigns", \.ownedCampaigns, description: "Campaigns of this workspace the user owns."),
        ]
    }
}
