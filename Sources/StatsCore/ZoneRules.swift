import Foundation

/// Fast UTC → local conversion for one IANA time zone.
///
/// At construction the zone's offset changes between 1900 and 2200 are read once from
/// Foundation's `TimeZone` into a sorted table; every query afterwards is a binary search
/// (O(log n), no Foundation calls). Instants before 1900 use the 1900 offset; instants after
/// the last transition read (at most 2200) keep the last offset.
public final class ZoneRules: Sendable {
    /// The identifier this zone was requested with (e.g. `Europe/Berlin`).
    public let identifier: String
    /// UTC seconds at which the offset changes, strictly increasing.
    private let transitions: [Int64]
    /// `offsets[i]` applies from `transitions[i-1]` (inclusive) to `transitions[i]` (exclusive);
    /// `offsets.count == transitions.count + 1`.
    private let offsets: [Int]

    /// Coordinated Universal Time: offset 0, no transitions.
    public static let utc = ZoneRules(identifier: "UTC", transitions: [], offsets: [0])

    private init(identifier: String, transitions: [Int64], offsets: [Int]) {
        self.identifier = identifier
        self.transitions = transitions
        self.offsets = offsets
    }

    /// 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z in seconds since the epoch.
    private static let tableStart: Int64 = -2_208_988_800
    private static let tableEnd: Int64 = 7_258_118_400

    private convenience init(identifier: String, zone: TimeZone) {
        var transitions: [Int64] = []
        var offsets: [Int] = [zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(Self.tableStart)))]
        var cursor = Date(timeIntervalSince1970: Double(Self.tableStart))
        var guardCount = 0
        while guardCount < 100_000, let next = zone.nextDaylightSavingTimeTransition(after: cursor),
              next > cursor {
            guardCount += 1
            let t = next.timeIntervalSince1970
            guard t < Double(Self.tableEnd) else { break }
            cursor = next
            let offset = zone.secondsFromGMT(for: next)
            if offset != offsets[offsets.count - 1] {
                let at = Int64(t.rounded(.down))
                if let last = transitions.last, at <= last {   // defensive: keep strictly increasing
                    offsets[offsets.count - 1] = offset
                } else {
                    transitions.append(at)
                    offsets.append(offset)
                }
            }
        }
        self.init(identifier: identifier, transitions: transitions, offsets: offsets)
    }

    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var zones: [String: ZoneRules?] = [:]
    }
    private static let cache = Cache()

    /// The rules of the IANA zone `identifier`, or `nil` when Foundation does not know the name.
    /// Results (including unknown names) are cached per identifier; safe from any thread.
    public static func named(_ identifier: String) -> ZoneRules? {
        if identifier == "UTC" { return utc }
        cache.lock.lock()
        if let hit = cache.zones[identifier] { cache.lock.unlock(); return hit }
        cache.lock.unlock()
        // Built outside the lock: two racing threads may both build; the first stored wins.
        let built = TimeZone(identifier: identifier).map { ZoneRules(identifier: identifier, zone: $0) }
        cache.lock.lock()
        defer { cache.lock.unlock() }
        if let hit = cache.zones[identifier] { return hit }
        cache.zones[identifier] = .some(built)
        return built
    }

    /// Index into `offsets` of the segment containing `seconds`: the number of transitions `<= seconds`.
    @inline(__always)
    private func segment(_ seconds: Int64) -> Int {
        var lo = 0, hi = transitions.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if transitions[mid] <= seconds { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Seconds east of UTC in effect at the UTC instant `seconds`.
    public func offset(atUTCSeconds seconds: Int64) -> Int {
        offsets[segment(seconds)]
    }

    /// The local calendar date at the UTC instant `seconds`.
    public func localDay(utcSeconds seconds: Int64) -> Day {
        let local = seconds + Int64(offset(atUTCSeconds: seconds))
        let q = local / 86_400
        return Day(number: Int(local % 86_400 < 0 ? q - 1 : q))
    }

    /// The local calendar date at `instant`.
    public func localDay(of instant: Instant) -> Day {
        localDay(utcSeconds: instant.seconds)
    }

    /// The UTC second at which local date `day` begins: the first instant whose local time is at
    /// or after `day` 00:00. When midnight is skipped by a transition this is the transition itself;
    /// when the whole day is skipped (e.g. Pacific/Apia 2011-12-30) it equals `startOfDay(day + 1)`,
    /// so `[startOfDay(d), startOfDay(d + 1))` is always the set of instants of local day `d`
    /// (empty for a skipped day).
    public func startOfDay(_ day: Day) -> Int64 {
        let midnight = Int64(day.number) * 86_400
        // Offsets are within ±26 h, so the answer lies within two days of local midnight.
        var start = midnight - 172_800
        var i = segment(start)
        while true {
            let o = Int64(offsets[i])
            let end = i < transitions.count ? transitions[i] : Int64.max
            let candidate = max(start, midnight - o)
            if candidate < end { return candidate }
            start = end
            i += 1
        }
    }
}
