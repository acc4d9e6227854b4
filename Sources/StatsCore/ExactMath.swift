/// Exact rounding of rationals, half away from zero (SPEC §4): no floating point until the
/// final, already-rounded value is converted.
public enum ExactMath {
    /// `num / den` rounded half away from zero. `den` must not be 0 (it may be negative).
    /// Computed in `Int128`; traps only when the result does not fit (`Int64.min / -1`).
    @inlinable
    public static func roundedQuotient(_ num: Int64, _ den: Int64) -> Int64 {
        Int64(roundedQuotient(Int128(num), Int128(den)))
    }

    /// `num / den` rounded half away from zero. `den` must not be 0 (it may be negative).
    /// Traps only when the result does not fit (`Int128.min / -1`).
    @inlinable
    public static func roundedQuotient(_ num: Int128, _ den: Int128) -> Int128 {
        precondition(den != 0, "ExactMath.roundedQuotient: zero denominator")
        let q = num / den                 // truncates toward zero
        let r = (num % den).magnitude     // < |den|, so no overflow below
        guard r != 0, r >= den.magnitude - r else { return q }
        return (num < 0) == (den < 0) ? q + 1 : q - 1
    }

    /// `num / den * 100` rounded half away from zero to one decimal (e.g. 40.0, 2.6, -33.3);
    /// `nil` when `den == 0`. The result is the exact tenths integer divided by 10.
    @inlinable
    public static func percent(_ num: Int64, _ den: Int64) -> Double? {
        wide(Int128(num), Int128(den))
    }

    /// `(current - previous) / previous * 100` to one decimal; `nil` when `previous == 0`.
    @inlinable
    public static func changePercent(current: Int64, previous: Int64) -> Double? {
        wide(Int128(current) - Int128(previous), Int128(previous))
    }

    @usableFromInline
    static func wide(_ num: Int128, _ den: Int128) -> Double? {
        guard den != 0 else { return nil }
        return Double(roundedQuotient(num * 1000, den)) / 10
    }
}
