import StatsCore
import StatsJSON
import StatsStore

/// Shared JSON shapes.
enum Shapes {
    static func clicks(_ t: ClickTotals) -> JSONValue {
        var o = JSONObject()
        o["campaignClicks"] = .int(t.campaign)
        o["vcardClicks"] = .int(t.vcard)
        o["otherClicks"] = .int(t.other)
        o["totalClicks"] = .int(t.total)
        return .object(o)
    }

    static func outreach(_ c: OutreachCounts) -> JSONValue {
        var o = JSONObject()
        o["emailsSent"] = .int(c.emailsSent)
        o["invitesSent"] = .int(c.invitesSent)
        o["invitesAccepted"] = .int(c.invitesAccepted)
        o["linkedinMessagesSent"] = .int(c.linkedinMessagesSent)
        o["replies"] = .int(c.replies)
        o["interested"] = .int(c.interested)
        o["bounces"] = .int(c.bounces)
        o["prospectsContacted"] = .int(c.prospectsContacted)
        return .object(o)
    }

    static func percent(_ num: Int64, _ den: Int64) -> JSONValue { JSONValue(ExactMath.percent(num, den)) }

    static func change(_ current: Int64, _ previous: Int64) -> JSONValue {
        JSONValue(ExactMath.changePercent(current: current, previous: previous))
    }

    /// `rates` of §5.1 / §5.2: reply = replies / contacted, bounce = bounces / emails, acceptance = accepted / invites.
    static func rates(_ c: OutreachCounts) -> JSONValue {
        var o = JSONObject()
        o["replyRatePct"] = percent(c.replies, c.prospectsContacted)
        o["bounceRatePct"] = percent(c.bounces, c.emailsSent)
        o["acceptanceRatePct"] = percent(c.invitesAccepted, c.invitesSent)
        return .object(o)
    }

    /// `calls` of §5.1 / §5.2: summed daily counters with the §5.6 formulas.
    static func calls(_ c: CallCounters) -> JSONValue {
        var o = JSONObject()
        o["totalCalls"] = .int(c.totalCalls)
        o["completedCalls"] = .int(c.completedCalls)
        o["connectedCalls"] = .int(c.connectedCalls)
        o["meetingsBooked"] = .int(c.meetingsBooked)
        o["qualifiedLeads"] = .int(c.qualifiedLeads)
        o["conversationsHad"] = .int(c.conversationsHad)
        o["avgDurationSeconds"] = .int(c.averageDurationSeconds)
        o["contactRatePct"] = .double(c.contactRatePct)
        o["conversionRatePct"] = .double(c.conversionRatePct)
        return .object(o)
    }

    /// `trend` of §5.2 / §5.3: the change against the comparison period; `null` with `compare: "none"`.
    static func trend(previous: Period?, clicks: (ClickTotals, ClickTotals), outreach: (OutreachCounts, OutreachCounts)) -> JSONValue {
        guard let previous else { return .null }
        var change = JSONObject()
        change["totalClicks"] = Self.change(clicks.0.total, clicks.1.total)
        change["replies"] = Self.change(outreach.0.replies, outreach.1.replies)
        change["prospectsContacted"] = Self.change(outreach.0.prospectsContacted, outreach.1.prospectsContacted)
        var o = JSONObject()
        o["previousPeriod"] = .object(previous.json)
        o["changePct"] = .object(change)
        return .object(o)
    }
}
