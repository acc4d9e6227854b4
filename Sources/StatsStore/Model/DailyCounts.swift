/// Per-day counters of a few kinds with prefix sums: any inclusive day range is answered in
/// O(log n) without touching the underlying events.
public struct DailyCounts: Sendable {
    /// Sorted distinct day numbers that have at least one event.
    public private(set) var days: [Int32] = []
    /// `prefix[k][i]` = events of kind k on days[0..<i].
    public private(set) var prefix: [[Int64]]

    public init(kinds: Int) {
        prefix = Array(repeating: [0], count: kinds)
    }

    /// Builds from (day, kind) events in any order.
    public init(kinds: Int, events: [(day: Int32, kind: Int)]) {
        self.init(kinds: kinds)
        let sorted = events.sorted { $0.day < $1.day }
        var i = 0
        while i < sorted.count {
            let day = sorted[i].day
            var counts = [Int64](repeating: 0, count: kinds)
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
        days.append(day)
        for k in 0..<prefix.count { prefix[k].append(prefix[k].last! + counts[k]) }
    }

    public var isEmpty: Bool { days.isEmpty }

    /// First index with days[i] >= day.
    @inline(__always)
    func lowerBound(_ day: Int32) -> Int {
        var lo = 0
        var hi = days.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if days[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Events of each kind on days from...to (inclusive day numbers).
    public func counts(from: Int, to: Int) -> [Int64] {
        guard from <= to, !days.isEmpty else { return Array(repeating: 0, count: prefix.count) }
        let lo = lowerBound(Int32(clamping: from))
        let hi = lowerBound(Int32(clamping: to) &+ 1 > Int32(clamping: to) ? Int32(clamping: to) + 1 : Int32.max)
        return prefix.map { $0[hi] - $0[lo] }
    }
}
