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
        All-time outreach funnel of every campaign in a workspace, from the recorded activities: prospects, emails \
        sent, LinkedIn invites sent/accepted and messages sent, prospects contacted, prospects who replied or were \
        interested, and the average time from a prospect's first outbound touch to their first reply (seconds and \
        text such as "2 days"; null when no prospect replied after being contacted). Campaign status is upper-case. \
        `workspace_id`: omit it for the workspace bound to your API key, pass an integer workspace id or a ws_… id \
        of another workspace you are linked to, or "ALL" for every workspace you are linked to. Any other workspace \
        is answered with `forbidden` (Access denied). Campaigns are ordered by workspace_id, then name. For a period \
        (e.g. last month) use stats_get_campaign_performance; for weekly trends analytics_get_dashboard.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec(
            "workspace_id", .workspaceRef,
            description: "An integer workspace id, a ws_… public id, or \"ALL\" (any case) for every workspace you are linked to. Omitted: the session workspace.",
            example: "\"ALL\""),
    ]

    public func run(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> JSONValue {
        let data = context.data
        let user = data.user(id: context.session.user.id) ?? context.session.user
        let linked = user.workspaceIDs

        var workspaceIDs: [Int64]
        switch args["workspace_id"] {
        case nil:
            workspaceIDs = [context.workspaceID]
        case let .int(id)?:
            guard data.workspace(id: id) != nil, linked.contains(id) else { throw Messages.accessDenied }
            workspaceIDs = [id]
        case let .string(text)?:
            if Self.isAll(text) {
                workspaceIDs = linked.filter { data.workspace(id: $0) != nil }.sorted()
            } else if Identifiers.isPublicID(text, prefix: "ws") {
                guard let workspace = data.workspace(publicID: text), linked.contains(workspace.id) else { throw Messages.accessDenied }
                workspaceIDs = [workspace.id]
            } else {
                throw Messages.invalidWorkspaceID(.string(text))
            }
        case let other?:
            throw Messages.invalidWorkspaceID(other)
        }

        var indexes: [Int] = []
        for workspaceID in workspaceIDs { indexes += data.campaignsByWorkspaceByName[workspaceID] ?? [] }
        return ["campaigns": .array(RowCache.shared.rows(indexes, data))]
    }

    /// `"ALL"` in any ASCII case.
    static func isAll(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 3 && bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } == Array("all".utf8)
    }

    static func row(_ index: Int, _ data: StoreData) -> JSONValue {
        let funnel = data.tables.funnels[index]
        func count(_ type: ActivityType) -> JSONValue { .int(funnel.typeCounts[Int(type.rawValue)]) }
        var analytics = JSONObject()
        analytics.appendUnchecked("amount_of_prospects", .int(data.tables.prospectCounts[index]))
        analytics.appendUnchecked("amount_of_emails_sent", count(.emailSent))
        analytics.appendUnchecked("amount_of_invites_sent", count(.inviteSent))
        analytics.appendUnchecked("amount_of_invites_accepted", count(.inviteAccepted))
        analytics.appendUnchecked("amount_of_linkedin_messages_sent", count(.linkedinMessageSent))
        analytics.appendUnchecked("amount_of_prospects_contacted", .int(funnel.prospectsContacted))
        analytics.appendUnchecked("amount_of_replies", .int(funnel.replied))
        analytics.appendUnchecked("amount_of_interested", .int(funnel.interested))
        let seconds = averageReplySeconds(funnel)
        analytics.appendUnchecked("average_reply_time", JSONValue(seconds.map(replyTimeText)))
        analytics.appendUnchecked("average_reply_time_seconds", JSONValue(seconds))

        var o = JSONObject()
        o.appendUnchecked("id", .string(data.campaigns[index].id.description))
        o.appendUnchecked("public_id", .string(data.campaigns[index].publicID))
        o.appendUnchecked("name", JSONValue(data.campaigns[index].name))
        o.appendUnchecked("status", .string(data.campaigns[index].status.uppercased()))
        o.appendUnchecked("workspace_id", .int(data.campaigns[index].workspaceID))
        o.appendUnchecked("analytics", .object(analytics))
        return .object(o)
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

    public let outputSchemaText = """
        {"type":"object","required":["campaigns"],
         "properties":{
          "campaigns":{"type":"array","items":{"type":"object","required":["id","public_id","name","status","workspace_id","analytics"],"properties":{
            "id":{"type":"string"},"public_id":{"type":"string"},"name":{"type":["string","null"]},
            "status":{"type":"string","description":"The campaign status upper-cased, e.g. ACTIVE."},
            "workspace_id":{"type":"integer"},
            "analytics":{"type":"object","required":["amount_of_prospects","amount_of_emails_sent","amount_of_invites_sent","amount_of_invites_accepted",
                "amount_of_linkedin_messages_sent","amount_of_prospects_contacted","amount_of_replies","amount_of_interested",
                "average_reply_time","average_reply_time_seconds"],"properties":{
              "amount_of_prospects":{"type":"integer"},"amount_of_emails_sent":{"type":"integer"},"amount_of_invites_sent":{"type":"integer"},
              "amount_of_invites_accepted":{"type":"integer"},"amount_of_linkedin_messages_sent":{"type":"integer"},
              "amount_of_prospects_contacted":{"type":"integer"},"amount_of_replies":{"type":"integer"},"amount_of_interested":{"type":"integer"},
              "average_reply_time":{"type":["string","null"],"description":"e.g. \\"45 minutes\\", \\"1 hour\\", \\"2 days\\"."},
              "average_reply_time_seconds":{"type":["integer","null"]}}}}}}}}
        """
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
            var row: JSONValue
        }

        private let lock = NSLock()
        /// The load the entries belong to (weak: a reload frees the old tables, and a nil never matches).
        private weak var tables: StoreTables?
        private var entries: [Int: Entry] = [:]

        func rows(_ indexes: [Int], _ data: StoreData) -> [JSONValue] {
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
                    let row = JSONValue.raw(RawJSON(JSON.bytes(AnalyticsGetCampaignAnalytics.row(index, data))))
                    entries[index] = Entry(status: status, name: name, row: row)
                    return row
                }
            }
        }
    }
}
