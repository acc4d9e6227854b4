import StatsCore
import StatsJSON

/// The calendar units a preset or a comparison aligns to (SPEC §4).
public enum CalendarUnit: Sendable {
    case week, month, quarter, year

    /// The first day of the unit that holds `day` (weeks start on Monday).
    public func start(of day: Day) -> Day {
        let c = day.civil
        switch self {
        case .week: return day.monday
        case .month: return day.firstOfMonth
        case .quarter: return Day(year: c.year, month: (c.month - 1) / 3 * 3 + 1, day: 1) ?? day
        case .year: return Day(year: c.year, month: 1, day: 1) ?? day
        }
    }

    /// The whole unit before the one that holds `day`.
    public func previousUnit(of day: Day) -> Period {
        let end = start(of: day).adding(-1)
        return Period(from: start(of: end), to: end)
    }
}

/// SPEC §4 period presets, resolved against "today" in the session workspace's time zone.
public enum PeriodPreset: String, CaseIterable, Sendable {
    case today, yesterday
    case last_7_days, last_30_days, last_90_days
    case this_week, last_week, this_month, last_month, this_quarter, last_quarter, this_year, last_year

    public static var names: [String] { allCases.map(\.rawValue) }

    /// The range the preset names on `today`.
    public func resolve(today: Day) -> Period {
        switch self {
        case .today: return Period(from: today, to: today)
        case .yesterday: return Period(from: today.adding(-1), to: today.adding(-1))
        case .last_7_days: return Period.trailing(7, endingOn: today)
        case .last_30_days: return Period.trailing(30, endingOn: today)
        case .last_90_days: return Period.trailing(90, endingOn: today)
        case .this_week, .this_month, .this_quarter, .this_year:
            return Period(from: unit?.start(of: today) ?? today, to: today)
        case .last_week, .last_month, .last_quarter, .last_year:
            return unit?.previousUnit(of: today) ?? Period(from: today, to: today)
        }
    }

    /// The calendar unit of the `this_*` / `last_*` presets.
    var unit: CalendarUnit? {
        switch self {
        case .this_week, .last_week: return .week
        case .this_month, .last_month: return .month
        case .this_quarter, .last_quarter: return .quarter
        case .this_year, .last_year: return .year
        default: return nil
        }
    }

    /// `previous_period` of `period` (which this preset resolved to).
    func previousPeriod(of period: Period) -> Period {
        switch self {
        case .last_week, .last_month, .last_quarter, .last_year:
            // The whole calendar unit before.
            return unit?.previousUnit(of: period.from) ?? period.previous
        case .this_week, .this_month, .this_quarter, .this_year:
            // The same number of days from the start of the previous unit, cut at that unit's last day.
            guard let prior = unit?.previousUnit(of: period.from) else { return period.previous }
            return Period(from: prior.from, to: min(prior.from.adding(period.dayCount - 1), prior.to))
        default:
            return period.previous
        }
    }
}

/// SPEC §4 `compare`.
public enum CompareMode: String, CaseIterable, Sendable {
    case previous_period, previous_year, none

    public static var names: [String] { allCases.map(\.rawValue) }

    /// The comparison range of `period` (resolved from `preset` when one was used); `nil` for `none`.
    public func comparison(of period: Period, preset: PeriodPreset?) -> Period? {
        switch self {
        case .none: return nil
        case .previous_year: return Period(from: period.from.sameDateLastYear, to: period.to.sameDateLastYear)
        case .previous_period: return preset?.previousPeriod(of: period) ?? period.previous
        }
    }
}

extension Day {
    /// The same month and day one year earlier; 29 February becomes 28 February.
    public var sameDateLastYear: Day {
        let c = civil
        return Day(year: c.year - 1, month: c.month, day: min(c.day, Day.daysInMonth(year: c.year - 1, month: c.month)))
            ?? adding(-365)
    }
}

/// The period a tool answers for: explicit dates, a preset, or the default, with what the answer echoes.
public struct ResolvedPeriod: Sendable, Equatable {
    public var period: Period
    public var preset: PeriodPreset?
    /// `true`/`false` for the tools that echo `defaulted` (§5.2, §5.3, §5.13); `nil` where it is not echoed.
    public var defaulted: Bool?
    /// Names a lone date that was ignored (§5.2, §5.3).
    public var note: String?

    /// `{from, to[, defaulted][, note][, preset]}`.
    public var json: JSONObject {
        var o = period.json
        if let defaulted { o["defaulted"] = .bool(defaulted) }
        if let note { o["note"] = .string(note) }
        if let preset { o["preset"] = .string(preset.rawValue) }
        return o
    }

    /// How a tool treats missing dates (SPEC §5.1, §5.2/§5.3, §5.13).
    public enum Defaulting: Sendable {
        /// §5.1: `period` or both dates are required (neither, or only `to` → missing `from`; only `from` → missing `to`).
        case required
        /// §5.2/§5.3: with no or one date, the last 30 days; a lone date is ignored with a note.
        case lastThirtyDays
        /// §5.13: with no dates, the last 30 days; a lone date is `invalid_argument` naming the missing one.
        case lastThirtyDaysStrict
    }

    /// Resolves `period` / `from` / `to` (already validated one by one) by the rules of SPEC §4 and §11.
    public static func resolve(_ args: Arguments, today: Day, defaulting: Defaulting) throws(ToolError) -> ResolvedPeriod {
        let from = args.day("from"), to = args.day("to")
        if let preset = args.value("period", as: PeriodPreset.self) {
            if from != nil || to != nil { throw Messages.periodWithDates() }
            return ResolvedPeriod(
                period: preset.resolve(today: today), preset: preset,
                defaulted: defaulting == .required ? nil : false, note: nil)
        }
        if let from, let to {
            return ResolvedPeriod(
                period: try Period.checked(from: from, to: to), preset: nil,
                defaulted: defaulting == .required ? nil : false, note: nil)
        }
        switch defaulting {
        case .required:
            throw from == nil ? Messages.missingDate("from") : Messages.missingDate("to")
        case .lastThirtyDaysStrict:
            if from != nil { throw Messages.loneDate(given: "from", missing: "to") }
            if to != nil { throw Messages.loneDate(given: "to", missing: "from") }
            return ResolvedPeriod(period: Period.trailing(30, endingOn: today), preset: nil, defaulted: true, note: nil)
        case .lastThirtyDays:
            var note: String?
            if from != nil {
                note = "Only `from` was given, so it was ignored: pass both `from` and `to` for a custom period. Using the last 30 days ending today."
            } else if to != nil {
                note = "Only `to` was given, so it was ignored: pass both `from` and `to` for a custom period. Using the last 30 days ending today."
            }
            return ResolvedPeriod(period: Period.trailing(30, endingOn: today), preset: nil, defaulted: true, note: note)
        }
    }
}

extension ArgumentSpec {
    /// SPEC §4 `period` (a preset), shared by every tool that takes `from`/`to`.
    public static let periodPreset = ArgumentSpec(
        "period", .oneOf(PeriodPreset.names),
        description: "Instead of from/to.",
        example: "\"last_month\"")

    /// SPEC §4 `compare`, shared by the comparing tools.
    public static let compare = ArgumentSpec(
        "compare", .oneOf(CompareMode.names),
        description: "What to compare with.",
        example: "\"previous_year\"", default: "previous_period")
}

extension ResolvedPeriod {
    /// The period the `compare` argument selects (default `previous_period`); `nil` for `none`.
    public func comparison(_ args: Arguments) -> Period? {
        (args.value("compare", as: CompareMode.self) ?? .previous_period).comparison(of: period, preset: preset)
    }
}
