import StatsCore
import StatsJSON
import StatsStore

/// An inclusive range of calendar days.
public struct Period: Sendable, Equatable {
    public var from: Day
    public var to: Day

    public init(from: Day, to: Day) {
        self.from = from
        self.to = to
    }

    /// Days in the range, both ends included.
    public var dayCount: Int { to.number - from.number + 1 }

    /// The range of the same length ending the day before `from` (SPEC §4).
    public var previous: Period {
        Period(from: from.adding(-dayCount), to: from.adding(-1))
    }

    /// `{"from": …, "to": …}`
    public var json: JSONObject {
        var o = JSONObject()
        o["from"] = .string(from.description)
        o["to"] = .string(to.description)
        return o
    }

    /// The general range rules: from <= to, at most 1096 days (cross-field, no `field`).
    public static func checked(from: Day, to: Day, fromName: String = "from", toName: String = "to") throws(ToolError) -> Period {
        guard from <= to else { throw Messages.fromAfterTo(from, to, fromName: fromName, toName: toName) }
        let period = Period(from: from, to: to)
        guard period.dayCount <= 1096 else { throw Messages.spanTooLong(days: period.dayCount, limit: 1096) }
        return period
    }

    /// The last `days` days ending `today`.
    public static func trailing(_ days: Int, endingOn today: Day) -> Period {
        Period(from: today.adding(-(days - 1)), to: today)
    }
}

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

    /// `trend` of §5.2 / §5.3.
    static func trend(previous: Period, clicks: (ClickTotals, ClickTotals), outreach: (OutreachCounts, OutreachCounts)) -> JSONValue {
        var change = JSONObject()
        change["totalClicks"] = Self.change(clicks.0.total, clicks.1.total)
        change["replies"] = Self.change(outreach.0.replies, outreach.1.replies)
        change["prospectsContacted"] = Self.change(outreach.0.prospectsContacted, outreach.1.prospectsContacted)
        var o = JSONObject()
        o["previousPeriod"] = .object(previous.json)
        o["changePct"] = .object(change)
        return .object(o)
    }

    /// The §5.2/§5.3 period: explicit when both dates are given, else the trailing 30 days
    /// (`defaulted`, with a `note` naming a lone ignored date).
    static func defaultablePeriod(_ args: Arguments, today: Day) throws(ToolError) -> (Period, JSONObject) {
        var o = JSONObject()
        if let from = args.day("from"), let to = args.day("to") {
            let period = try Period.checked(from: from, to: to)
            o = period.json
            o["defaulted"] = false
            return (period, o)
        }
        let period = Period.trailing(30, endingOn: today)
        o = period.json
        o["defaulted"] = true
        if args.has("from") {
            o["note"] = .string("Only `from` was given, so it was ignored: pass both `from` and `to` for a custom period. Using the last 30 days ending today.")
        } else if args.has("to") {
            o["note"] = .string("Only `to` was given, so it was ignored: pass both `from` and `to` for a custom period. Using the last 30 days ending today.")
        }
        return (period, o)
    }
}
