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
        guard period.dayCount <= SpanLimits.maximumDays else { throw Messages.spanTooLong(days: period.dayCount, limit: SpanLimits.maximumDays) }
        return period
    }

    /// The last `days` days ending `today`.
    public static func trailing(_ days: Int, endingOn today: Day) -> Period {
        Period(from: today.adding(-(days - 1)), to: today)
    }
}

/// `{"from": …, "to": …}` in answers.
extension Period: OutputObject {
    public static let fields: [OutputField<Self>] = [.init("from", \.from), .init("to", \.to)]
}
