/// A calendar day in the proleptic Gregorian calendar, stored as a day number
/// (days since 1970-01-01). Conversions use Howard Hinnant's integer
/// `days_from_civil` / `civil_from_days` algorithms; no Foundation calendar is involved.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var number: Int

    /// Wraps a day number (days since 1970-01-01).
    @inlinable
    public init(number: Int) { self.number = number }

    /// The day `year-month-day`, or `nil` unless it is a real calendar date
    /// (month 1–12, day within the month, leap years per the Gregorian rules).
    /// Years are limited to ±1,000,000,000 so the arithmetic can never overflow.
    public init?(year: Int, month: Int, day: Int) {
        guard year >= -1_000_000_000, year <= 1_000_000_000, month >= 1, month <= 12,
              day >= 1, day <= Day.daysInMonth(year: year, month: month) else { return nil }
        self.number = Day.daysFromCivil(year, month, day)
    }

    /// Strict `YYYY-MM-DD`: exactly 10 ASCII characters (4-2-2 digits), a real calendar date,
    /// years 0000–9999. `"2026-2-3"`, `"2026-02-30"`, `"2026-02-03T00:00"`, `" 2026-02-03"` give `nil`.
    public static func parse(_ text: String) -> Day? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// ``parse(_:)`` on raw UTF-8 bytes (the whole buffer must be the date).
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        let y = Digits.read(b, 0, 4), m = Digits.read(b, 5, 2), d = Digits.read(b, 8, 2)
        guard y >= 0, m >= 0, d >= 0 else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// Number of days in `month` (1–12) of `year`.
    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Gregorian leap year: divisible by 4, except centuries not divisible by 400.
    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The calendar year.
    public var year: Int { civil.year }
    /// The month, 1–12.
    public var month: Int { civil.month }
    /// The day of the month, 1–31.
    public var dayOfMonth: Int { civil.day }

    /// ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    @inlinable
    public var isoWeekday: Int {
        let r = number % 7                 // 0 = Thursday
        return (r + 10) % 7 + 1            // handles negative remainders
    }

    /// The Monday of this day's ISO week (itself when it is a Monday).
    @inlinable
    public var monday: Day { Day(number: number - (isoWeekday - 1)) }

    /// The first day of this day's month.
    public var firstOfMonth: Day { Day(number: number - dayOfMonth + 1) }

    /// The first day of the month after this day's month.
    public var firstOfNextMonth: Day {
        let c = civil
        return Day(number: number - c.day + 1 + Day.daysInMonth(year: c.year, month: c.month))
    }

    /// The day `days` later (earlier when negative).
    @inlinable
    public func adding(_ days: Int) -> Day { Day(number: number + days) }

    /// `YYYY-MM-DD`, zero padded (a `-` sign precedes negative years).
    public var description: String {
        let c = civil
        return Digits.year(c.year) + "-" + Digits.two(c.month) + "-" + Digits.two(c.day)
    }

    /// `YYYY-MM`, zero padded.
    public var monthLabel: String {
        let c = civil
        return Digits.year(c.year) + "-" + Digits.two(c.month)
    }

    /// The smallest date an argument may name: 2000-01-01.
    public static let argumentMin = Day(number: 10957)
    /// The largest date an argument may name: 2100-12-31.
    public static let argumentMax = Day(number: 47846)

    @inlinable
    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

    /// Year, month and day of this day number (Hinnant's `civil_from_days`).
    public var civil: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097                                          // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365  // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                  // [0, 365]
        let mp = (5 * doy + 2) / 153                                         // [0, 11]
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Hinnant's `days_from_civil` (inputs assumed valid).
    @usableFromInline
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Small ASCII digit helpers shared by the parsers and formatters of this module.
enum Digits {
    /// The value of `count` ASCII digits at `at`, or -1 if any is not a digit or out of range.
    @inline(__always)
    static func read(_ b: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int {
        guard at >= 0, at + count <= b.count else { return -1 }
        var v = 0
        for i in at..<(at + count) {
            let d = Int(b[i]) &- 0x30
            guard d >= 0, d <= 9 else { return -1 }
            v = v * 10 + d
        }
        return v
    }

    /// Two digits, zero padded (0–99).
    @inline(__always)
    static func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    /// A year zero padded to at least 4 digits, with a leading `-` when negative.
    static func year(_ y: Int) -> String {
        let s = String(y.magnitude)
        let padded = s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
        return y < 0 ? "-" + padded : padded
    }
}
