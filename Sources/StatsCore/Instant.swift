/// An instant on the UTC time line with exact nanoseconds since 1970-01-01T00:00:00Z.
/// `Int64` nanoseconds cover 1677-09-21T00:12:43Z … 2262-04-11T23:47:16Z.
public struct Instant: Hashable, Comparable, Sendable {
    /// Nanoseconds since 1970-01-01T00:00:00Z (negative before it).
    public var nanoseconds: Int64

    /// Wraps a nanosecond count.
    @inlinable
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// Whole seconds since the epoch (traps if out of the representable range, about ±292 years).
    @inlinable
    public init(seconds: Int64) { self.nanoseconds = seconds * 1_000_000_000 }

    /// Whole seconds since the epoch, rounded down (floor), so -0.5 s gives -1.
    @inlinable
    public var seconds: Int64 {
        let q = nanoseconds / 1_000_000_000
        return nanoseconds % 1_000_000_000 < 0 ? q - 1 : q
    }

    @inlinable
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// Parses an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS[.fraction]` then `Z` or `±HH:MM`
    /// (`t` and `z` accepted in lower case). Every field is validated (real date, hour 0–23,
    /// minute 0–59, second 0–60 where 60 counts as 59 plus the fraction, offset hours 0–23 and
    /// minutes 0–59). The fraction has 1+ digits; the first 9 are kept exactly, the rest are
    /// truncated. Returns `nil` on anything else, including surrounding spaces, and for
    /// instants outside the `Int64` nanosecond range. Never traps.
    public static func parse(_ text: String) -> Instant? {
        if let r = text.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return r }
        return Array(text.utf8).withUnsafeBufferPointer { parse(utf8: $0) }
    }

    /// ``parse(_:)`` on raw UTF-8 bytes (the whole buffer must be the timestamp).
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> Instant? {
        let n = b.count
        guard n >= 20, b[4] == 0x2D, b[7] == 0x2D, b[10] | 0x20 == 0x74,
              b[13] == 0x3A, b[16] == 0x3A else { return nil }
        let year = Digits.read(b, 0, 4), month = Digits.read(b, 5, 2), day = Digits.read(b, 8, 2)
        let hour = Digits.read(b, 11, 2), minute = Digits.read(b, 14, 2)
        var second = Digits.read(b, 17, 2)
        guard year >= 0, month >= 1, month <= 12, day >= 1,
              day <= Day.daysInMonth(year: year, month: month),
              hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 60
        else { return nil }
        if second == 60 { second = 59 }

        var i = 19
        var fraction: Int64 = 0
        if b[i] == 0x2E {
            i += 1
            var digits = 0
            while i < n, b[i] &- 0x30 <= 9 {
                if digits < 9 { fraction = fraction * 10 + Int64(b[i] &- 0x30) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            var k = digits
            while k < 9 { fraction *= 10; k += 1 }
        }

        guard i < n else { return nil }
        var offset = 0
        switch b[i] {
        case 0x5A, 0x7A:                       // Z z
            guard i + 1 == n else { return nil }
        case 0x2B, 0x2D:                       // + -
            guard i + 6 == n, b[i + 3] == 0x3A else { return nil }
            let oh = Digits.read(b, i + 1, 2), om = Digits.read(b, i + 4, 2)
            guard oh >= 0, oh <= 23, om >= 0, om <= 59 else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
        default:
            return nil
        }

        let days = Day.daysFromCivil(year, month, day)
        let secs = Int64(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
        return Int64(exactly: Int128(secs) * 1_000_000_000 + Int128(fraction)).map(Instant.init(nanoseconds:))
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` in UTC, whole seconds (fraction dropped, floor).
    public var utcString: String { Instant.format(localSeconds: seconds) + "Z" }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for an offset in seconds east of UTC (`+00:00` for 0),
    /// whole seconds (floor). Seconds within the offset (historical LMT offsets such as
    /// +00:53:28) are dropped, truncating toward zero, so the text always denotes this instant.
    public func string(withOffset offsetSeconds: Int) -> String {
        let minutes = offsetSeconds / 60
        let local = seconds + Int64(minutes * 60)
        let m = minutes.magnitude
        return Instant.format(localSeconds: local) + (minutes < 0 ? "-" : "+")
            + Digits.two(Int(m / 60)) + ":" + Digits.two(Int(m % 60))
    }

    /// `YYYY-MM-DDTHH:MM:SS` for a count of (local) seconds since the epoch.
    static func format(localSeconds s: Int64) -> String {
        var days = s / 86_400
        var rem = s % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let r = Int(rem)
        return Day(number: Int(days)).description + "T" + Digits.two(r / 3600) + ":"
            + Digits.two(r / 60 % 60) + ":" + Digits.two(r % 60)
    }
}
