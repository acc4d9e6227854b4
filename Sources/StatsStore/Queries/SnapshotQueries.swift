import StatsCore
import StatsJSON

/// Counters keyed by name in first-seen order, keys compared by their UTF-8 bytes (like JSON object
/// keys), values summed exactly in `Int128`.
public struct CounterSums: Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [Int128] = []
    private var index: [[UInt8]: Int] = [:]

    public init() {}

    public var isEmpty: Bool { keys.isEmpty }

    /// Adds `value` to `key`, creating the key (with this value) when it is new.
    public mutating func add(_ key: String, _ value: Int128) {
        let bytes = Array(key.utf8)
        if let i = index[bytes] {
            values[i] += value
        } else {
            index[bytes] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// `{key: sum}` in first-seen order; a sum outside Int64 is written as a (rounded) number.
    public var json: JSONObject {
        var o = JSONObject()
        for (k, v) in zip(keys, values) {
            o.appendUnchecked(k, Int64(exactly: v).map { .int($0) } ?? .double(Double(v)))
        }
        return o
    }
}

/// One snapshot's contribution to the weekly dashboard (SPEC §5.4).
public struct SnapshotDelta: Sendable {
    /// The later snapshot's `week_start`.
    public var weekStart: Day
    /// `(key, value - previous value)` for every counter key of either snapshot except `total`.
    public var deltas: [(key: String, delta: Int128)]
}

extension StoreData {
    /// The integer counters of a `stats` object, except `total`, in stored order. Values that are not
    /// integers (strings, fractions, null, booleans …) are skipped (SPEC §11); a number with a zero
    /// fraction (`5.0`) counts as the integer it equals.
    public static func counters(of stats: JSONObject?) -> [(key: String, value: Int64)] {
        guard let stats else { return [] }
        var out: [(key: String, value: Int64)] = []
        out.reserveCapacity(stats.count)
        for member in stats where !Identifiers.sameBytes(member.key, "total") {
            if let v = member.value.integerValue { out.append((member.key, v)) }
        }
        return out
    }

    /// Weekly deltas of one campaign (SPEC §5.4): its snapshots in `week_start` order, the first a
    /// baseline; each later snapshot yields, for every counter key present in it or in the previous
    /// snapshot (except `total`), `value - previous value` with a missing value counting as 0.
    /// Entries without any counter key are left out (they contribute nothing).
    public func snapshotDeltas(campaignIndex: Int) -> [SnapshotDelta] {
        let list = snapshots[campaignIndex]
        guard list.count > 1 else { return [] }
        var out: [SnapshotDelta] = []
        var previous = Self.counters(of: list[0].stats)
        for snapshot in list.dropFirst() {
            let current = Self.counters(of: snapshot.stats)
            // Keys of a JSON object are unique (by bytes), so each key appears once per side.
            var deltas: [(key: String, delta: Int128)] = current.map { ($0.key, Int128($0.value)) }
            var position: [[UInt8]: Int] = [:]
            for (i, entry) in current.enumerated() { position[Array(entry.key.utf8)] = i }
            for (key, value) in previous {
                if let i = position[Array(key.utf8)] {
                    deltas[i].delta -= Int128(value)
                } else {
                    deltas.append((key, -Int128(value)))
                }
            }
            if !deltas.isEmpty { out.append(SnapshotDelta(weekStart: snapshot.weekStart, deltas: deltas)) }
            previous = current
        }
        return out
    }
}
