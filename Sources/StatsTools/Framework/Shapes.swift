import StatsCore
import StatsJSON
import StatsStore

// Output types shared by the stats tools (SPEC §5.1–§5.3). A type used more than once in one tool's
// answer is published once under `$defs`, named after the Swift type.

/// Clicks by kind over a period (`totals` of §5.1, `clicks` of §5.2 / §5.3).
public struct ClickCounts: OutputObject {
    public var campaignClicks: Int64
    public var vcardClicks: Int64
    public var otherClicks: Int64
    public var totalClicks: Int64

    public init(_ t: ClickTotals) {
        campaignClicks = t.campaign
        vcardClicks = t.vcard
        otherClicks = t.other
        totalClicks = t.total
    }

    public static let fields: [OutputField<Self>] = [
        .init("campaignClicks", \.campaignClicks), .init("vcardClicks", \.vcardClicks),
        .init("otherClicks", \.otherClicks), .init("totalClicks", \.totalClicks),
    ]
}

/// The outreach funnel over a period: emails, invites, messages, replies, bounces, prospects contacted.
public struct OutreachFigures: OutputObject {
    public var emailsSent: Int64
    public var invitesSent: Int64
    public var invitesAccepted: Int64
    public var linkedinMessagesSent: Int64
    public var replies: Int64
    public var interested: Int64
    public var bounces: Int64
    public var prospectsContacted: Int64

    public init(_ c: OutreachCounts) {
        emailsSent = c.emailsSent
        invitesSent = c.invitesSent
        invitesAccepted = c.invitesAccepted
        linkedinMessagesSent = c.linkedinMessagesSent
        replies = c.replies
        interested = c.interested
        bounces = c.bounces
        prospectsContacted = c.prospectsContacted
    }

    public static let fields: [OutputField<Self>] = [
        .init("emailsSent", \.emailsSent), .init("invitesSent", \.invitesSent), .init("invitesAccepted", \.invitesAccepted),
        .init("linkedinMessagesSent", \.linkedinMessagesSent), .init("replies", \.replies), .init("interested", \.interested),
        .init("bounces", \.bounces), .init("prospectsContacted", \.prospectsContacted),
    ]
}

/// `rates` of §5.1 / §5.2: reply = replies / contacted, bounce = bounces / emails, acceptance = accepted / invites
/// (`null` when the denominator is 0).
public struct OutreachRates: OutputObject {
    public var replyRatePct: Double?
    public var bounceRatePct: Double?
    public var acceptanceRatePct: Double?

    public init(_ c: OutreachCounts) {
        replyRatePct = ExactMath.percent(c.replies, c.prospectsContacted)
        bounceRatePct = ExactMath.percent(c.bounces, c.emailsSent)
        acceptanceRatePct = ExactMath.percent(c.invitesAccepted, c.invitesSent)
    }

    public static let fields: [OutputField<Self>] = [
        .init("replyRatePct", \.replyRatePct), .init("bounceRatePct", \.bounceRatePct), .init("acceptanceRatePct", \.acceptanceRatePct),
    ]
}

/// The names of the nine call figures (SPEC §5.6) in one tool family's casing (§5 intro: camelCase for
/// `stats_*`, snake_case elsewhere), in answer order.
public protocol CallFigureNames {
    static var names: [String] { get }
}

/// `stats_*` tools: `totalCalls`, …, `contactRatePct`.
public enum StatsCallNames: CallFigureNames {
    public static let names = [
        "totalCalls", "completedCalls", "connectedCalls", "meetingsBooked", "qualifiedLeads", "conversationsHad",
        "avgDurationSeconds", "contactRatePct", "conversionRatePct",
    ]
}

/// `analytics_get_call_dashboard`: `total_calls`, …, `contact_rate`.
public enum AnalyticsCallNames: CallFigureNames {
    public static let names = [
        "total_calls", "completed_calls", "connected_calls", "meetings_booked", "qualified_leads", "conversations_had",
        "avg_duration_seconds", "contact_rate", "conversion_rate",
    ]
}

/// Summed daily call counters with the §5.6 formulas, named in `Names`' casing (one declaration of the
/// figures for `calls` of §5.1 / §5.2 and `totals` of §5.7).
public struct CallFigureSet<Names: CallFigureNames>: OutputObject {
    public var totalCalls: Int64
    public var completedCalls: Int64
    public var connectedCalls: Int64
    public var meetingsBooked: Int64
    public var qualifiedLeads: Int64
    public var conversationsHad: Int64
    public var avgDurationSeconds: Int64
    public var contactRatePct: Double
    public var conversionRatePct: Double

    public init(_ c: CallCounters) {
        totalCalls = c.totalCalls
        completedCalls = c.completedCalls
        connectedCalls = c.connectedCalls
        meetingsBooked = c.meetingsBooked
        qualifiedLeads = c.qualifiedLeads
        conversationsHad = c.conversationsHad
        avgDurationSeconds = c.averageDurationSeconds
        contactRatePct = c.contactRatePct
        conversionRatePct = c.conversionRatePct
    }

    public static var fields: [OutputField<Self>] {
        let n = Names.names
        return [
            .init(n[0], \.totalCalls), .init(n[1], \.completedCalls), .init(n[2], \.connectedCalls), .init(n[3], \.meetingsBooked),
            .init(n[4], \.qualifiedLeads), .init(n[5], \.conversationsHad), .init(n[6], \.avgDurationSeconds),
            .init(n[7], \.contactRatePct), .init(n[8], \.conversionRatePct),
        ]
    }
}

/// `calls` of §5.1 / §5.2.
public typealias CallFigures = CallFigureSet<StatsCallNames>

/// `trend` of §5.2 / §5.3: the comparison period and the change against it.
public struct Trend: OutputObject {
    public var previousPeriod: Period
    public var changePct: TrendChange

    /// The trend against `previous`; `nil` (answered as `null`) with `compare: "none"`.
    public init?(previous: Period?, clicks: (ClickTotals, ClickTotals), outreach: (OutreachCounts, OutreachCounts)) {
        guard let previous else { return nil }
        previousPeriod = previous
        changePct = TrendChange(
            totalClicks: ExactMath.changePercent(current: clicks.0.total, previous: clicks.1.total),
            replies: ExactMath.changePercent(current: outreach.0.replies, previous: outreach.1.replies),
            prospectsContacted: ExactMath.changePercent(current: outreach.0.prospectsContacted, previous: outreach.1.prospectsContacted))
    }

    public static let fields: [OutputField<Self>] = [.init("previousPeriod", \.previousPeriod), .init("changePct", \.changePct)]
}

/// Change percentages of a trend (`null` when the previous value is 0).
public struct TrendChange: OutputObject {
    public var totalClicks: Double?
    public var replies: Double?
    public var prospectsContacted: Double?

    public static let fields: [OutputField<Self>] = [
        .init("totalClicks", \.totalClicks), .init("replies", \.replies), .init("prospectsContacted", \.prospectsContacted),
    ]
}

/// The period of a tool that requires one (§5.1): its days, and the preset when one named it.
public struct ChosenPeriod: OutputObject {
    public var from: Day
    public var to: Day
    /// The preset's name (a plain string: the inputSchema lists the names, and repeating them here
    /// would cost ~190 bytes of the tools/list budget per tool).
    public var preset: String?

    public init(_ resolved: ResolvedPeriod) {
        from = resolved.period.from
        to = resolved.period.to
        preset = resolved.preset?.rawValue
    }

    public static let fields: [OutputField<Self>] = [.init("from", \.from), .init("to", \.to), .omittable("preset", \.preset)]
}

/// The period of a tool that defaults to the last 30 days (§5.2, §5.3, §5.13): its days, whether it
/// was defaulted, the note on an ignored lone date, and the preset when one named it.
public struct DefaultablePeriod: OutputObject {
    public var from: Day
    public var to: Day
    public var defaulted: Bool
    public var note: String?
    /// The preset's name (a plain string: the inputSchema lists the names, and repeating them here
    /// would cost ~190 bytes of the tools/list budget per tool).
    public var preset: String?

    public init(_ resolved: ResolvedPeriod) {
        from = resolved.period.from
        to = resolved.period.to
        defaulted = resolved.defaulted ?? false
        note = resolved.note
        preset = resolved.preset?.rawValue
    }

    public static let fields: [OutputField<Self>] = [
        .init("from", \.from), .init("to", \.to), .init("defaulted", \.defaulted),
        .omittable("note", \.note), .omittable("preset", \.preset),
    ]
}
