import Foundation
import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.5: all-time outreach funnel and average reply time of every campaign of one workspace,
/// or of every workspace the caller is linked to.
public struct AnalyticsGetCampaignAnalytics: Tool {
    public init() {}

    public let name = "analytics_get_campaign_analytics"
    public let title = "All-time campaign analytics"
    public let description = """
        All-time funnel per campaign: prospects, emails, LinkedIn invites/accepts/messages, contacted, replied, \
        interested, average reply time. workspace_id: omit for yours, or "ALL". Narrow with type, status, query \
        (name part); sort by a figure (order default desc); limit (default 25), then next_cursor as cursor. Date \
        ranges: stats_get_campaign_performance.
        """

    /// The figures of an `analytics` object a caller can sort by (SPEC §5.5), in answer order.
    enum Figure: String, CaseIterable {
        case amount_of_prospects, amount_of_emails_sent, amount_of_invites_sent, amount_of_invites_accepted
        case amount_of_linkedin_messages_sent, amount_of_prospects_contacted, amount_of_replies, amount_of_interested
        case average_reply_time_seconds

        /// The figure of campaign `index`; nil only for an average reply time with no sample.
        func value(_ index: Int, _ tables: StoreTables) -> Int64? {
            let funnel = tables.funnels[index]
            switch self {
            case .amount_of_prospects: return tables.prospectCounts[index]
            case .amount_of_emails_sent: return funnel.typeCounts[Int(ActivityType.emailSent.rawValue)]
            case .amount_of_invites_sent: return funnel.typeCounts[Int(ActivityType.inviteSent.rawValue)]
            case .amount_of_invites_accepted: return funnel.typeCounts[Int(ActivityType.inviteAccepted.rawValue)]
            case .amount_of_linkedin_messages_sent: return funnel.typeCounts[Int(ActivityType.linkedinMessageSent.rawValue)]
            case .amount_of_prospects_contacted: return funnel.prospectsContacted
            case .amount_of_replies: return funnel.replied
            case .amount_of_interested: return funnel.interested
            case .average_reply_time_seconds: return AnalyticsGetCampaignAnalytics.averageReplySeconds(funnel)
            }
        }
    }

    enum SortOrder: String, CaseIterable { case asc, desc }

    static let statuses = Vocabulary.campaignStatuses
    static let types = Vocabulary.campaignTypes
    static let defaultLimit: Int64 = 25

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("workspace_id", .workspaceRef, description: "Id, ws_… id or ALL; integer accepted.", example: "\"ALL\""),
        ArgumentSpec("type", .oneOf(types), description: "", example: "\"email\""),
        ArgumentSpec("status", .oneOf(statuses), description: "", example: "\"active\""),
        ArgumentSpec("query", .boundedText(maxCharacters: ArgumentLimits.queryCharacters), description: "", example: "\"outreach\""),
        ArgumentSpec("sort", .oneOf(Figure.allCases.map(\.rawValue)), description: "", example: "\"amount_of_replies\""),
        ArgumentSpec("order", .oneOf(SortOrder.allCases.map(\.rawValue)), description: "", example: "\"desc\""),
        ArgumentSpec("limit", .integer(min: 1, max: 100), description: "", example: "25", default: .int(defaultLimit)),
        ArgumentSpec("cursor", .text, description: "", example: "\"c1.eyJ…\""),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let data = context.data
        let type = args.string("type")
        let status = args.string("status")
        let query = args.string("query") ?? ""
        let sort = args.value("sort", as: Figure.self)
        let limit = Int(args.int("limit") ?? Self.defaultLimit)

        // Cross-field: `order` only with `sort` (before any reference check, SPEC §11).
        if sort == nil, let order = args.string("order") { throw Messages.orderWithoutSort(order) }
        let order = args.value("order", as: SortOrder.self) ?? .desc

        // The normalised workspace selection a cursor binds (no lookup can fail here): "ALL", or the
        // workspace id (a ws_ id of a known workspace becomes its id; an unknown one stays as given and
        // is refused below).
        let selection: JSONValue
        switch args["workspace_id"] {
        case nil: selection = .int(context.workspaceID)
        case let .string(text)? where Identifiers.isPublicID(text, prefix: "ws"):
            selection = data.workspace(publicID: text).map { .int($0.id) } ?? .string(text)
        case let value?: selection = value
        }
        var filters = JSONObject()
        filters["ws"] = selection
        if let type { filters["type"] = .string(type) }
        if let status { filters["status"] = .string(status) }
        if !query.isEmpty { filters["query"] = .string(query) }
        if let sort {
            filters["sort"] = .string(sort.rawValue)
            filters["order"] = .string(order.rawValue)
        }
        var offset = 0
        if let cursor = args.string("cursor") {
            offset = try Cursor.offset(cursor, tool: name, workspaceID: context.workspaceID, filters: filters)
        }

        // References: a workspace the user is linked to (and that exists), or every such workspace.
        let user = data.user(id: context.session.user.id) ?? context.session.user
        let linked = user.workspaceIDs
        let workspaceIDs: [Int64]
        switch selection {
        case let .int(id):
            guard data.workspace(id: id) != nil, linked.contains(id) else { throw Messages.accessDenied }
            workspaceIDs = [id]
        case .string("ALL"):
            workspaceIDs = linked.filter { data.workspace(id: $0) != nil }.sorted()
        default:
            throw Messages.accessDenied
        }

        // Matching campaigns in the base order (workspace id, name, id): the store keeps each
        // workspace's campaigns in name order.
        let needle = NameQuery(query)
        var matches: [Int] = []
        FoldedNames.shared.use(data.tables, needle) { folded in
            data.campaigns.withUnsafeBufferPointer { campaigns in
                for workspaceID in workspaceIDs {
                    for i in data.campaignsByWorkspaceByName[workspaceID] ?? [] {
                        // Fields read in place (no copy of the campaign record per row).
                        if let type, !Identifiers.sameBytes(campaigns[i].type, type) { continue }
                        if let status, !Identifiers.sameBytes(campaigns[i].status, status) { continue }
                        if !needle.isEmpty, !folded.matches(i, campaigns[i].name, needle) { continue }
                        matches.append(i)
                    }
                }
            }
        }
        if let sort { matches = Self.sorted(matches, by: sort, order, data.tables) }

        let start = min(offset, matches.count)
        let end = min(matches.count, start + limit)
        return Output(
            campaigns: RowCache.shared.rows(Array(matches[start..<end]), data),
            total: Int64(matches.count),
            nextCursor: end < matches.count ? Cursor.make(tool: name, workspaceID: context.workspaceID, filters: filters, offset: end) : nil)
    }

    /// `indexes` (in the base order) ordered by `figure` in `order`; a null figure last in either
    /// order; ties keep the base order (workspace id, name, id ascending) in both orders.
    static func sorted(_ indexes: [Int], by figure: Figure, _ order: SortOrder, _ tables: StoreTables) -> [Int] {
        var keyed: [(key: Int64, position: Int32)] = []
        keyed.reserveCapacity(indexes.count)
        var nulls: [Int] = []
        for (position, index) in indexes.enumerated() {
            if let value = figure.value(index, tables) {
                keyed.append((value, Int32(position)))
            } else {
                nulls.append(index)
            }
        }
        if order == .desc {
            keyed.sort { a, b in a.key != b.key ? a.key > b.key : a.position < b.position }
        } else {
            keyed.sort { a, b in a.key != b.key ? a.key < b.key : a.position < b.position }
        }
        return keyed.map { indexes[Int($0.position)] } + nulls
    }

    static func row(_ index: Int, _ data: StoreData) -> Row {
        let funnel = data.tables.funnels[index]
        func count(_ type: ActivityType) -> Int64 { funnel.typeCounts[Int(type.rawValue)] }
        let seconds = averageReplySeconds(funnel)
        let campaign = data.campaigns[index]
        return Row(
            id: campaign.id.description, publicID: campaign.publicID, name: campaign.name, status: campaign.status.uppercased(),
            workspaceID: campaign.workspaceID,
            analytics: Analytics(
                amountOfProspects: data.tables.prospectCounts[index], amountOfEmailsSent: count(.emailSent),
                amountOfInvitesSent: count(.inviteSent), amountOfInvitesAccepted: count(.inviteAccepted),
                amountOfLinkedinMessagesSent: count(.linkedinMessageSent), amountOfProspectsContacted: funnel.prospectsContacted,
                amountOfReplies: funnel.replied, amountOfInterested: funnel.interested,
                averageReplyTime: seconds.map(replyTimeText), averageReplyTimeSeconds: seconds))
    }

    /// Mean reply time in whole seconds: the exact mean of the nanosecond differences, rounded half
    /// away from zero; nil when no prospect replied after an earlier outbound activity.
    static func averageReplySeconds(_ funnel: CampaignFunnel) -> Int64? {
        guard funnel.replyTimeCount > 0 else { return nil }
        let seconds = ExactMath.roundedQuotient(funnel.replyTimeNanosSum, Int128(funnel.replyTimeCount) * 1_000_000_000)
        return Int64(clamping: seconds)
    }

    /// SPEC §5.5 text of the rounded seconds: minutes under an hour (at least 1), hours under a day,
    /// else days; each rounded half away from zero; singular for 1.
    static func replyTimeText(_ seconds: Int64) -> String {
        func unit(_ n: Int64, _ word: String) -> String { n == 1 ? "1 \(word)" : "\(n) \(word)s" }
        if seconds < 3600 { return unit(max(1, ExactMath.roundedQuotient(seconds, 60)), "minute") }
        if seconds < 86400 { return unit(ExactMath.roundedQuotient(seconds, 3600), "hour") }
        return unit(ExactMath.roundedQuotient(seconds, 86400), "day")
    }
}

extension AnalyticsGetCampaignAnalytics {
    /// The analytics_get_campaign_analytics answer: one page of campaign rows, the count of all matches,
    /// and the next page's cursor.
    public struct Output: OutputObject {
        /// Rows as cached, already serialized (`RowCache`).
        public var campaigns: [Encoded<Row>]
        public var total: Int64
        public var nextCursor: String?

        public static let fields: [OutputField<Self>] = [
            .init("campaigns", \.campaigns), .init("total", \.total), .init("next_cursor", \.nextCursor),
        ]
    }

    /// One campaign: ids, name, status (upper case), workspace and its all-time figures.
    public struct Row: OutputObject {
        public var id: String
        public var publicID: String
        public var name: String?
        public var status: String
        public var workspaceID: Int64
        public var analytics: Analytics

        public static let fields: [OutputField<Self>] = [
            .init("id", \.id), .init("public_id", \.publicID), .init("name", \.name), .init("status", \.status),
            .init("workspace_id", \.workspaceID), .init("analytics", \.analytics),
        ]
    }

    /// A campaign's all-time funnel (SPEC §5.5); the reply times are `null` when no prospect replied.
    public struct Analytics: OutputObject {
        public var amountOfProspects: Int64
        public var amountOfEmailsSent: Int64
        public var amountOfInvitesSent: Int64
        public var amountOfInvitesAccepted: Int64
        public var amountOfLinkedinMessagesSent: Int64
        public var amountOfProspectsContacted: Int64
        public var amountOfReplies: Int64
        public var amountOfInterested: Int64
        public var averageReplyTime: String?
        public var averageReplyTimeSeconds: Int64?

        public static let fields: [OutputField<Self>] = [
            .init("amount_of_prospects", \.amountOfProspects), .init("amount_of_emails_sent", \.amountOfEmailsSent),
            .init("amount_of_invites_sent", \.amountOfInvitesSent), .init("amount_of_invites_accepted", \.amountOfInvitesAccepted),
            .init("amount_of_linkedin_messages_sent", \.amountOfLinkedinMessagesSent),
            .init("amount_of_prospects_contacted", \.amountOfProspectsContacted), .init("amount_of_replies", \.amountOfReplies),
            .init("amount_of_interested", \.amountOfInterested), .init("average_reply_time", \.averageReplyTime),
            .init("average_reply_time_seconds", \.averageReplyTimeSeconds),
        ]
    }
}

extension Messages {
    /// SPEC §5.5/§11: `order` given without `sort` (`field: order`).
    static func orderWithoutSort(_ order: String) -> ToolError {
        ToolError(
            .invalidArgument, "'order' (\(order)) is only accepted together with 'sort'.", field: "order",
            hint: "Example: \"sort\": \"amount_of_replies\", \"order\": \"desc\"")
    }
}

extension AnalyticsGetCampaignAnalytics {
    /// Serialized rows per campaign, reused while the store's tables (funnels, prospect counts) and the
    /// campaign's own fields are unchanged: an all-time answer for ~1,000 campaigns is then a copy of
    /// ready bytes instead of a tree built and written anew on every call.
    final class RowCache: @unchecked Sendable {
        static let shared = RowCache()

        private struct Entry {
            var status: String
            var name: String?
            var row: Encoded<Row>
        }

        private let lock = NSLock()
        /// The load the entries belong to (weak: a reload frees the old tables, and a nil never matches).
        private weak var tables: StoreTables?
        private var entries: [Int: Entry] = [:]

        func rows(_ indexes: [Int], _ data: StoreData) -> [Encoded<Row>] {
            lock.lock()
            defer { lock.unlock() }
            if tables !== data.tables {
                tables = data.tables
                entries = [:]
            }
            return data.campaigns.withUnsafeBufferPointer { campaigns in
                indexes.map { index in
                    let status = campaigns[index].status
                    let name = campaigns[index].name
                    if let entry = entries[index], Identifiers.sameBytes(entry.status, status),
                        entry.name.map({ cached in name.map { Identifiers.sameBytes($0, cached) } ?? false }) ?? (name == nil)
                    {
                        return entry.row
                    }
                    let row = Encoded(AnalyticsGetCampaignAnalytics.row(index, data))
                    entries[index] = Entry(status: status, name: name, row: row)
                    return row
                }
            }
        }
    }
}

extension AnalyticsGetCampaignAnalytics {
    /// Folded (NFC, lower-cased) campaign names that are not ASCII, kept while the store's tables and
    /// the name are unchanged: `query` over ~2,000 campaigns would otherwise normalise every non-ASCII
    /// name on every call. ASCII names are matched in place by `NameQuery`.
    final class FoldedNames: @unchecked Sendable {
        static let shared = FoldedNames()

        private let lock = NSLock()
        private weak var tables: StoreTables?
        private var entries: [Int: (name: String, folded: [UInt8])] = [:]

        /// Runs `body` with the cache of `tables` locked.
        func use<T>(_ tables: StoreTables, _ query: NameQuery, _ body: (inout Lookup) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            if self.tables !== tables {
                self.tables = tables
                entries = [:]
            }
            var lookup = Lookup(entries: entries, needle: Array(query.folded.utf8))
            entries = [:]  // one owner while `body` runs: no copy on write
            defer { entries = lookup.entries }
            return body(&lookup)
        }

        struct Lookup {
            fileprivate var entries: [Int: (name: String, folded: [UInt8])]
            fileprivate let needle: [UInt8]

            /// SPEC §11 case-insensitive substring test of campaign `index`'s `name` against `query`.
            mutating func matches(_ index: Int, _ name: String?, _ query: NameQuery) -> Bool {
                guard let name else { return query.isEmpty }
                if name.utf8.allSatisfy({ $0 < 0x80 }) { return query.matches(name) }
                let folded: [UInt8]
                if let entry = entries[index], Identifiers.sameBytes(entry.name, name) {
                    folded = entry.folded
                } else {
                    folded = Array(TextMatch.folded(name).utf8)
                    entries[index] = (name, folded)
                }
                guard needle.count <= folded.count else { return false }
                var i = 0
                while i + needle.count <= folded.count {
                    var j = 0
                    while j < needle.count, folded[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return true }
                    i += 1
                }
                return false
            }
        }
    }
}
