import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.3: one user's campaign assignments, aliases, clicks and the outreach of the campaigns
/// they own, over a period, with the trend against the previous period.
public struct StatsGetUserMetrics: Tool {
    public init() {}

    public let name = "stats_get_user_metrics"
    public let title = "User metrics"
    public let description = """
        One user for a period: campaigns owned or assigned, aliases, clicks attributed to them, and the outreach of \
        the campaigns they own, with the change against a comparison period. User by usr_ id or UUID (users_list). \
        Give `period` or from and to; default the last 30 days.
        """

    static let userExample = "\"usr_01j5gsy5vg24epgyws65f63wh4\""

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("userPublicId", .userRef, required: true, description: "The user's usr_ id or UUID.", example: userExample),
        ArgumentSpec("from", .date, description: "First day.", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day (inclusive).", example: "\"2026-03-31\""),
        .periodPreset,
        .compare,
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .lastThirtyDays)
        let period = resolved.period
        let previous = resolved.comparison(args)
        guard let reference = args.string("userPublicId") else { throw Messages.missing("userPublicId", example: Self.userExample) }
        let user = try context.linkedUser(reference: reference, field: "userPublicId")
        let data = context.data
        let workspaceID = context.workspaceID
        let campaigns = data.campaigns(inWorkspace: workspaceID)
        let assignments = campaigns.filter { $0.ownerID == user.id || $0.assigneeIDs.contains(user.id) }.count
        let owned = campaigns.filter { $0.ownerID == user.id }
        func outreach(_ p: Period) -> OutreachCounts {
            var sum = OutreachCounts()
            for campaign in owned { sum.add(data.outreach(campaignIndex: campaign.index, from: p.from, to: p.to, zone: context.zone)) }
            return sum
        }
        let current = outreach(period)
        let clicks = data.userClicks(workspaceID, user: user.id, from: period.from, to: period.to)
        var trend: Trend?
        if let previous {
            let clicksBefore = data.userClicks(workspaceID, user: user.id, from: previous.from, to: previous.to)
            trend = Trend(previous: previous, clicks: (clicks, clicksBefore), outreach: (current, outreach(previous)))
        }
        return Output(
            user: UserInfo(publicID: user.publicID, name: user.name),
            period: DefaultablePeriod(resolved),
            campaignAssignments: Int64(assignments),
            aliases: Int64(data.tables.aliasCounts[WorkspaceUser(workspaceID: workspaceID, userID: user.id)] ?? 0),
            clicks: ClickCounts(clicks),
            outreach: OutreachFigures(current),
            trend: trend)
    }
}

extension StatsGetUserMetrics {
    /// The §5.3 answer.
    public struct Output: OutputObject {
        public var user: UserInfo
        public var period: DefaultablePeriod
        public var campaignAssignments: Int64
        public var aliases: Int64
        public var clicks: ClickCounts
        public var outreach: OutreachFigures
        public var trend: Trend?

        public static let fields: [OutputField<Self>] = [
            .init("user", \.user), .init("period", \.period), .init("campaignAssignments", \.campaignAssignments),
            .init("aliases", \.aliases), .init("clicks", \.clicks), .init("outreach", \.outreach), .init("trend", \.trend),
        ]
    }

    /// The user: usr_ id and name.
    public struct UserInfo: OutputObject {
        public var publicID: String
        public var name: String?

        public static let fields: [OutputField<Self>] = [.init("publicId", \.publicID), .init("name", \.name)]
    }
}

extension ToolContext {
    /// A user linked to the session workspace, by `usr_` id or UUID (SPEC §5.3); anything else is `not_found`.
    fileprivate func linkedUser(reference: String, field: String) throws(ToolError) -> User {
        if let uuid = UUID128(reference), Identifiers.isUUID(reference) {
            guard let user = data.user(id: uuid), user.workspaceIDs.contains(workspaceID) else {
                var error = Messages.notFound("user", reference)
                error.field = field
                throw error
            }
            return user
        }
        return try linkedUser(publicID: reference, field: field)
    }
}
