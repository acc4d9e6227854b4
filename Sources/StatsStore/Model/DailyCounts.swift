/// Per-day counters of a few kinds with prefix sums: any inclusive day range is answered in
/// O(log n) without touching the underlying events and without allocating.
public struct DailyCounts: Sendable {
    public let kinds: Int
    /// Sorted distinct day numbers that have at least one event.
    public private(set) var days: [Int32] = []
    /// Flat prefix sums: `prefix[i * kinds + k]` = events of kind k on days[0..<i].
    private(set) var prefix: [Int64]

    public init(kinds: Int) {
        self.kinds = kinds
        prefix = Array(repeating: 0, count: kinds)
    }

    /// The parts as `days` and `prefix` hold them (a decoded store image); nil when they do not fit together.
    init?(kinds: Int, days: [Int32], prefix: [Int64]) {
        guard kinds > 0, prefix.count == (days.count + 1) * kinds else { return nil }
        self.kinds = kinds
        self.days = days
        self.prefix = prefix
    }

    /// Builds from (day, kind) events in any order.
    public init(kinds: Int, events: [(day: Int32, kind: Int)]) {
        self.init(kinds: kinds)
        let sorted = events.sorted { $0.day < $1.day }
        var counts = [Int64](repeating: 0, count: kinds)
        var i = 0
        while i < sorted.count {
            let day = sorted[i].day
            for k in 0..<kinds { counts[k] = 0 }
            while i < sorted.count && sorted[i].day == day {
                counts[sorted[i].kind] += 1
                i += 1
            }
            append(day: day, counts: counts)
        }
    }

    /// Appends a day's counts; days must be appended in increasing order.
    public mutating func append(day: Int32, counts: [Int64]) {
        precondition(days.last.map { $0 < day } ?? true, "days must increase")
        let base = days.count * kinds
        days.append(day)
        for k in 0..<kinds { prefix.append(prefix[base + k] + counts[k]) }
    }

    public var isEmpty: Bool { days.isEmpty }

    /// First index with days[i] >= day.
    @inline(__always)
    func lowerBound(_ day: Int) -> Int {
        var lo = 0
        var hi = days.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if Int(days[mid]) < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Index range of days[] covering from...to (inclusive day numbers).
    @inline(__always)
    func span(from: Int, to: Int) -> (Int, Int) {
        guard from <= to, !days.isEmpty else { return (0, 0) }
        let lo = lowerBound(from)
        let hi = to == Int.max ? days.count : lowerBound(to + 1)
        return (lo, max(lo, hi))
    }

    /// Events of kind `kind` on days from...to.
    public func count(kind: Int, from: Int, to: Int) -> Int64 {
        let (lo, hi) = span(from: from, to: to)
        return prefix[hi * kinds + kind] - prefix[lo * kinds + kind]
    }

    /// Events of the first three kinds on days from...to, with one pair of binary searches.
    public func firstThree(from: Int, to: Int) -> (Int64, Int64, Int64) {
        let (lo, hi) = span(from: from, to: to)
        guard hi > lo, kinds >= 3 else { return (0, 0, 0) }
        let a = lo * kinds
        let b = hi * kinds
        return (prefix[b] - prefix[a], prefix[b + 1] - prefix[a + 1], prefix[b + 2] - prefix[a + 2])
    }

    /// Events of each kind on days from...to (inclusive day numbers).
    public func counts(from: Int, to: Int) -> [Int64] {
        let (lo, hi) = span(from: from, to: to)
        return (0..<kinds).map { prefix[hi * kinds + $0] - prefix[lo * kinds + $0] }
    }
}
