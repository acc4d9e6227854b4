import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.13: the session workspace's campaigns ranked by one figure over a period.
public struct AnalyticsRankCampaigns: Tool {
    public init() {}

    /// The figures a campaign can be ranked by (SPEC §5.13), declared once.
    public enum Metric: String, CaseIterable, Sendable, OutputValue {
        case emails_sent, invites_sent, invites_accepted, linkedin_messages_sent, bounces, replies, interested
        case prospects_contacted, clicks, total_calls, connected_calls, meetings_booked
        case reply_rate, bounce_rate, acceptance_rate, contact_rate, conversion_rate

        var isRate: Bool {
            switch self {
            case .reply_rate, .bounce_rate, .acceptance_rate, .contact_rate, .conversion_rate: return true
            default: return false
            }
        }

        enum Source { case activities, clicks, calls }

        var source: Source {
            switch self {
            case .clicks: return .clicks
            case .total_calls, .connected_calls, .meetings_booked, .contact_rate, .conversion_rate: return .calls
            default: return .activities
            }
        }

        /// The outreach figures an activity metric needs.
        var fields: OutreachFields {
            switch self {
            case .emails_sent: return .emailsSent
            case .invites_sent: return .invitesSent
            case .invites_accepted: return .invitesAccepted
            case .linkedin_messages_sent: return .linkedinMessagesSent
            case .bounces: return .bounces
            case .replies: return .replies
            case .interested: return .interested
            case .prospects_contacted: return .prospectsContacted
            case .reply_rate: return [.replies, .prospectsContacted]
            case .bounce_rate: return [.bounces, .emailsSent]
            case .acceptance_rate: return [.invitesAccepted, .invitesSent]
            default: return []
            }
        }

        /// (numerator, denominator) of an activity metric (denominator unused for counts).
        func fraction(_ o: OutreachCounts) -> (Int64, Int64) {
            switch self {
            case .emails_sent: return (o.emailsSent, 0)
            case .invites_sent: return (o.invitesSent, 0)
            case .invites_accepted: return (o.invitesAccepted, 0)
            case .linkedin_messages_sent: return (o.linkedinMessagesSent, 0)
            case .bounces: return (o.bounces, 0)
            case .replies: return (o.replies, 0)
            case .interested: return (o.interested, 0)
            case .prospects_contacted: return (o.prospectsContacted, 0)
            case .reply_rate: return (o.replies, o.prospectsContacted)
            case .bounce_rate: return (o.bounces, o.emailsSent)
            case .acceptance_rate: return (o.invitesAccepted, o.invitesSent)
            default: return (0, 0)
            }
        }

        /// Written as its name; the output schema says only `string` (the input schema lists the names,
        /// and tools/list has a byte budget, SPEC §5).
        public static var schema: JSONValue { ["type": "string"] }
        public var json: JSONValue { .string(rawValue) }

        /// (numerator, denominator) of a call metric.
        func fraction(_ c: CallCounters) -> (Int64, Int64) {
            switch self {
            case .total_calls: return (c.totalCalls, 0)
            case .connected_calls: return (c.connectedCalls, 0)
            case .meetings_booked: return (c.meetingsBooked, 0)
            case .contact_rate: return (c.connectedCalls, c.totalCalls)
            case .conversion_rate: return (c.meetingsBooked, c.totalCalls)
            default: return (0, 0)
            }
        }
    }

    public static let maxLimit: Int64 = 50
    public static let defaultLimit: Int64 = 10
    public static let defaultMinSample: Int64 = 20

    public let name = "analytics_rank_campaigns"
    public let title = "Rank campaigns by a metric"
    public let description = """
        Ranks the workspace's campaigns by one metric over a period: "worst bounce rate", "top LinkedIn campaigns by \
        replies last week". Rates rank only campaigns whose denominator is at least min_sample (others: `excluded`). \
        Period: a preset or from+to (default last 30 days). Narrow with type, status, owner, limit.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("metric", .oneOf(Metric.allCases.map(\.rawValue)), required: true, description: "*_rate: percent.", example: "\"bounce_rate\""),
        ArgumentSpec("from", .date, description: "First day (with to).", example: "\"2026-03-01\""),
        ArgumentSpec("to", .date, description: "Last day (with from).", example: "\"2026-03-31\""),
        .periodPreset,
        ArgumentSpec("type", .oneOf(Vocabulary.campaignTypes), description: "Campaign type.", example: "\"linkedin\""),
        ArgumentSpec("status", .oneOf(Vocabulary.campaignStatuses), description: "Campaign status.", example: "\"active\""),
        ArgumentSpec("owner", .userRef, description: "Owner: usr_… or UUID.", example: "\"usr_01j5gsy5vg24epgyws65f63wh4\""),
        ArgumentSpec("order", .oneOf(["desc", "asc"]), description: "Ties: by name.", example: "\"asc\"", default: "desc"),
        ArgumentSpec("limit", .integer(min: 1, max: maxLimit), description: "Rows.", example: "5", default: .int(defaultLimit)),
        ArgumentSpec("min_sample", .integer(min: 1, max: nil), description: "Rates: least denominator.", example: "100", default: .int(defaultMinSample)),
    ]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        guard let metric = args.value("metric", as: Metric.self) else { throw Messages.missing("metric", example: "\"bounce_rate\"") }
        let resolved = try ResolvedPeriod.resolve(args, today: context.today, defaulting: .lastThirtyDaysStrict)
        let period = resolved.period
        let type = args.string("type")
        let status = args.string("status")
        let descending = (args.string("order") ?? "desc") == "desc"
        let limit = Int(args.int("limit") ?? Self.defaultLimit)
        let minSample = args.int("min_sample") ?? Self.defaultMinSample
        // References last (SPEC §11).
        let owner = try args.string("owner").map { text throws(ToolError) in try context.rankOwner(text) }

        let data = context.data
        let workspaceID = context.workspaceID
        var scope: [Int] = []
        for index in data.campaignsByWorkspace[workspaceID] ?? [] {
            let c = data.campaigns[index]
            guard type.map({ Identifiers.sameBytes(c.type, $0) }) ?? true,
                status.map({ Identifiers.sameBytes(c.status, $0) }) ?? true,
                owner.map({ c.ownerID == $0.id }) ?? true
            else { continue }
            scope.append(index)
        }

        // (campaign index, numerator, denominator) of every campaign in scope.
        var figures: [(index: Int, num: Int64, den: Int64)] = []
        figures.reserveCapacity(scope.count)
        switch metric.source {
        case .activities:
            for index in scope {
                let counts = data.outreach(campaignIndex: index, from: period.from, to: period.to, zone: context.zone, fields: metric.fields)
                let (num, den) = metric.fraction(counts)
                figures.append((index, num, den))
            }
        case .clicks:
            for index in scope { figures.append((index, data.campaignClicks(index, from: period.from, to: period.to).total, 0)) }
        case .calls:
            for index in scope {
                let (num, den) = metric.fraction(data.callCounters(campaignIndex: index, from: period.from, to: period.to))
                figures.append((index, num, den))
            }
        }

        var excluded = 0
        if metric.isRate {
            let all = figures.count
            figures.removeAll { $0.den < minSample }
            excluded = all - figures.count
        }
        let nameRank = data.nameRank
        let isRate = metric.isRate
        figures.sort { a, b in
            // Exact comparison of the values: a.num / a.den vs b.num / b.den (denominators >= 1).
            let left = isRate ? Int128(a.num) * Int128(b.den) : Int128(a.num)
            let right = isRate ? Int128(b.num) * Int128(a.den) : Int128(b.num)
            if left != right { return descending ? left > right : left < right }
            return nameRank[a.index] < nameRank[b.index]
        }

        return Output(
            metric: metric, order: descending ? .desc : .asc, minSample: minSample,
            period: RankPeriod(from: period.from, to: period.to, defaulted: resolved.defaulted ?? false, preset: resolved.preset?.rawValue),
            campaigns: figures.prefix(limit).enumerated().map { rank, f in
                let c = data.campaigns[f.index]
                return RankedCampaign(
                    rank: Int64(rank + 1), id: c.id.description, publicID: c.publicID, name: c.name, type: c.type, status: c.status,
                    // A rate's denominator is at least min_sample (≥ 1): the percent always exists.
                    value: isRate ? .rate(ExactMath.percent(f.num, f.den) ?? 0) : .count(f.num),
                    numerator: f.num, denominator: isRate ? f.den : nil)
            },
            ranked: Int64(figures.count), excluded: Int64(excluded))
    }
}

extension AnalyticsRankCampaigns {
    /// The ranking: what was ranked, over which period, and the first `limit` campaigns.
    public struct Output: OutputObject {
        public var metric: Metric
        public var order: Order
        public var minSample: Int64
        public var period: RankPeriod
        public var campaigns: [RankedCampaign]
        public var ranked: Int64
        public var excluded: Int64

        public static let fields: [OutputField<Self>] = [
            .init("metric", \.metric), .init("order", \.order), .init("min_sample", \.minSample), .init("period", \.period),
            .init("campaigns", \.campaigns),
            .init("ranked", \.ranked, description: "Campaigns ranked (campaigns lists the first limit)."),
            .init("excluded", \.excluded, description: "Rate metrics: campaigns in scope with a denominator below min_sample."),
        ]
    }

    /// The ranking direction.
    public enum Order: String, OutputEnum {
        case desc, asc
    }

    /// The period ranked over (SPEC §5.13): `defaulted` when no dates or preset were given; `preset` when one was.
    public struct RankPeriod: OutputObject {
        public var from: Day
        public var to: Day
        public var defaulted: Bool
        public var preset: String?

        public static let fields: [OutputField<Self>] = [
            .init("from", \.from), .init("to", \.to), .init("defaulted", \.defaulted), .omittable("preset", \.preset),
        ]
    }

    /// One ranked campaign with its figure.
    public struct RankedCampaign: OutputObject {
        public var rank: Int64
        public var id: String
        public var publicID: String
        public var name: String?
        public var type: String
        public var status: String
        public var value: RankValue
        public var numerator: Int64
        /// A rate's denominator; `null` for a count.
        public var denominator: Int64?

        public static let fields: [OutputField<Self>] = [
            .init("rank", \.rank), .init("id", \.id), .init("public_id", \.publicID), .init("name", \.name), .init("type", \.type),
            .init("status", \.status), .init("value", \.value, description: "The count, or the rate in percent (one decimal)."),
            .init("numerator", \.numerator), .init("denominator", \.denominator),
        ]
    }

    /// A campaign's figure: an integer count, or a rate in percent.
    public enum RankValue: OutputValue {
        case count(Int64)
        case rate(Double)

        public static var schema: JSONValue { ["type": "number"] }
        public var json: JSONValue {
            switch self {
            case let .count(n): return .int(n)
            case let .rate(p): return .double(p)
            }
        }
    }
}

extension ToolContext {
    /// The `owner` of SPEC §5.13: a user UUID or usr_ id of a user linked to the session workspace,
    /// else `not_found` (worded the same whether the user exists elsewhere or nowhere).
    fileprivate func rankOwner(_ reference: String) throws(ToolError) -> User {
        let found = Identifiers.isUUID(reference) ? UUID128(reference).flatMap(data.user(id:)) : data.user(publicID: reference)
        guard let user = found, user.workspaceIDs.contains(workspaceID) else {
            var error = Messages.notFound("user", reference)
            error.field = "owner"
            throw error
        }
        return user
    }
}
