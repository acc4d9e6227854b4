import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.9: the session workspace's campaigns, filtered, newest first, paged by cursor.
public struct CampaignsList: Tool {
    public init() {}

    public let name = "campaigns_list"
    public let title = "List campaigns"
    public let description = """
        Lists the workspace's campaigns, newest first: UUID, cp_ id, name, type, status, owner, created_at, with \
        `total`. Use it to find campaign ids. Narrow with status, type, owner (usr_ id), query (part of the name); \
        page with limit and cursor (next_cursor, same filters).
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("status", .oneOf(Vocabulary.campaignStatuses), description: "", example: "\"active\""),
        ArgumentSpec("type", .oneOf(Vocabulary.campaignTypes), description: "", example: "\"email\""),
        ArgumentSpec("owner", .publicID("usr"), description: "Owner's usr_ id.", example: "\"usr_01j5gsy5vg24epgyws65f63wh4\""),
        ArgumentSpec("query", .boundedText(maxCharacters: ArgumentLimits.queryCharacters), description: "Part of the name.", example: "\"outreach\""),
        ArgumentSpec("limit", .integer(min: 1, max: 100), description: "", example: "25", default: 25),
        ArgumentSpec("cursor", .text, description: "next_cursor of the previous page.", example: "\"c1.eyJ…\""),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let status = args.string("status")
        let type = args.string("type")
        let ownerText = args.string("owner")
        let query = args.string("query") ?? ""
        let limit = Int(args.int("limit") ?? 25)

        // The filter set a cursor is bound to (an empty query is no filter).
        var filters = JSONObject()
        if let status { filters["status"] = .string(status) }
        if let type { filters["type"] = .string(type) }
        if let ownerText { filters["owner"] = .string(ownerText) }
        if !query.isEmpty { filters["query"] = .string(query) }
        var offset = 0
        if let cursor = args.string("cursor") {
            offset = try Cursor.offset(cursor, tool: name, workspaceID: context.workspaceID, filters: filters)
        }
        // References last.
        let owner = try ownerText.map { text throws(ToolError) in try context.linkedUser(publicID: text, field: "owner") }

        let data = context.data
        let needle = NameQuery(query)
        let workspaceID = context.workspaceID
        // Fields read in place (no copy of a campaign and its record per candidate or row).
        return data.campaigns.withUnsafeBufferPointer { campaigns in
            // Matching campaign indexes with their sort keys (newest created_at first, a missing or
            // unreadable created_at last, ties by id).
            var matches: [(dated: Bool, created: Int64, id: UUID128, at: Int)] = []
            for i in data.campaignsByWorkspace[workspaceID] ?? [] {
                guard status.map({ Identifiers.sameBytes(campaigns[i].status, $0) }) ?? true,
                    type.map({ Identifiers.sameBytes(campaigns[i].type, $0) }) ?? true,
                    owner.map({ campaigns[i].ownerID == $0.id }) ?? true,
                    needle.matches(campaigns[i].name)
                else { continue }
                let created = campaigns[i].createdAt
                matches.append((created != nil, created?.nanoseconds ?? 0, campaigns[i].id, i))
            }
            matches.sort { a, b in
                if a.dated != b.dated { return a.dated }
                return a.created != b.created ? a.created > b.created : a.id < b.id
            }
            let start = min(offset, matches.count)
            let end = min(matches.count, start + limit)
            return Output(
                campaigns: matches[start..<end].map { match in
                    let i = match.at
                    // The owner when it is a user of this workspace; an unknown owner, or a user linked only
                    // to other workspaces (another tenant's person), is null.
                    let rowOwner = campaigns[i].ownerID.flatMap(data.user(id:)).flatMap { user in
                        user.workspaceIDs.contains(workspaceID) ? Owner(publicID: user.publicID, name: user.name) : nil
                    }
                    return CampaignRow(
                        id: campaigns[i].id.description, publicID: campaigns[i].publicID, name: campaigns[i].name,
                        type: campaigns[i].type, status: campaigns[i].status, owner: rowOwner,
                        createdAt: campaigns[i].record["created_at"]?.stringValue)
                },
                total: Int64(matches.count),
                nextCursor: end < matches.count ? Cursor.make(tool: name, workspaceID: workspaceID, filters: filters, offset: end) : nil)
        }
    }
}

extension CampaignsList {
    /// The campaigns_list answer: one page of campaigns, the count of all matches, and the next page's cursor.
    public struct Output: OutputObject {
        public var campaigns: [CampaignRow]
        public var total: Int64
        public var nextCursor: String?

        public static let fields: [OutputField<Self>] = [
            .init("campaigns", \.campaigns),
            .init("total", \.total, description: "Campaigns matching the filters (all pages)."),
            .init("next_cursor", \.nextCursor, description: "Pass as `cursor` (same filters) for the next page; null on the last page."),
        ]
    }

    /// One campaign of the list: ids, name, type, status, owner and creation time as stored.
    public struct CampaignRow: OutputObject {
        public var id: String
        public var publicID: String
        public var name: String?
        public var type: String
        public var status: String
        public var owner: Owner?
        public var createdAt: String?

        public static let fields: [OutputField<Self>] = [
            .init("id", \.id), .init("public_id", \.publicID), .init("name", \.name), .init("type", \.type),
            .init("status", \.status), .init("owner", \.owner), .init("created_at", \.createdAt),
        ]
    }

    /// A campaign's owner (a user of the session workspace): usr_ id and name.
    public struct Owner: OutputObject {
        public var publicID: String
        public var name: String?

        public static let fields: [OutputField<Self>] = [.init("public_id", \.publicID), .init("name", \.name)]
    }
}
