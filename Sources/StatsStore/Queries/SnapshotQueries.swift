import Foundation
import StatsCore
import StatsJSON

/// Counters keyed by name in first-seen order, keys compared by their UTF-8 bytes (like JSON object
/// keys), values summed exactly in `Int128`. Stats objects hold a handful of keys, so lookups scan
/// linearly and switch to a hash index only when there are many.
public struct CounterSums: Sendable {
    public private(set) var keys: [String] = []
    public private(set) var values: [Int128] = []
    private var index: [ByteKey: Int]? = nil
    private static let linearLimit = 24

    public init() {}

    public var isEmpty: Bool { keys.isEmpty }

    func position(of key: String) -> Int? {
        if let index { return index[ByteKey(text: key)] }
        // `==` is a fast byte comparison for ASCII; the byte check keeps canonically-equivalent but
        // differently encoded keys apart.
        return keys.firstIndex { $0 == key && Identifiers.sameBytes($0, key) }
    }

    /// Adds `value` to `key`, creating the key (with this value) when it is new.
    public mutating func add(_ key: String, _ value: Int128) {
        if let i = position(of: key) {
            values[i] += value
            return
        }
        keys.append(key)
        values.append(value)
        if index != nil {
            index![ByteKey(text: key)] = keys.count - 1
        } else if keys.count > Self.linearLimit {
            var built: [ByteKey: Int] = [:]
            for (i, k) in keys.enumerated() { built[ByteKey(text: k)] = i }
            index = built
        }
    }

    /// `{key: sum}` in first-seen order; a sum outside Int64 is written as a (rounded) number.
    public var json: JSONObject {
        var o = JSONObject()
        for (k, v) in zip(keys, values) { o.appendUnchecked(k, CounterSums.number(v)) }
        return o
    }

    /// An exact integer when it fits in Int64, else the nearest double.
    public static func number(_ v: Int128) -> JSONValue {
        Int64(exactly: v).map { .int($0) } ?? .double(Double(v))
    }
}

/// A string compared and hashed by its UTF-8 bytes (not by Unicode canonical equivalence).
struct ByteKey: Hashable {
    let text: String
    static func == (a: ByteKey, b: ByteKey) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into hasher: inout Hasher) {
        for byte in text.utf8 { hasher.combine(byte) }
    }
}

/// The weekly deltas of one campaign (SPEC §5.4) in a compact form: one group per snapshot after the
/// first that has at least one counter key, in `week_start` order; counter names are ids into the
/// name table returned with it.
public struct PackedDeltas: Sendable {
    public struct Group: Sendable {
        /// The later snapshot's `week_start`.
        public var week: Day
        /// Range of this group's entries in `keys` / `deltas`.
        public var range: Range<Int>
    }

    public var groups: [Group] = []
    public var keys: [Int32] = []
    public var deltas: [Int128] = []

    public init() {}
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

    /// Weekly deltas of these campaigns (SPEC §5.4), one `PackedDeltas` per index, and the table of
    /// counter names their key ids refer to. Each snapshot after a campaign's first contributes, for
    /// every counter key present in it or in the previous snapshot (except `total`),
    /// `value - previous value` with a missing value counting as 0; a snapshot without any counter
    /// key contributes nothing.
    ///
    /// Results are cached per campaign and reused while the campaign's snapshot list is the very
    /// same array (a journal `putSnapshot` replaces the list, which recomputes that campaign only),
    /// so a dashboard over many campaigns costs a pass over small integer arrays, not a walk over
    /// every snapshot's JSON.
    public func packedSnapshotDeltas(_ campaignIndexes: [Int]) -> (deltas: [PackedDeltas], names: [String]) {
        SnapshotDeltaCache.shared.deltas(self, campaignIndexes)
    }
}

/// Process-wide cache behind `packedSnapshotDeltas` (thread-safe).
///
/// An entry keeps a reference to the snapshot array it was computed from. Arrays are values: while
/// the entry holds that buffer it cannot be mutated in place or freed, so "the list still uses the
/// same buffer" means "the list is unchanged". Only the newest load (`StoreTables` instance) is kept.
final class SnapshotDeltaCache: @unchecked Sendable {
    static let shared = SnapshotDeltaCache()

    private struct Entry {
        var list: [WeeklySnapshot]
        var packed: PackedDeltas
    }

    private let lock = NSLock()
    private var tables: ObjectIdentifier?
    private var entries: [Int: Entry] = [:]
    private var names: [String] = []
    private var nameIDs: [ByteKey: Int32] = [:]

    func deltas(_ data: StoreData, _ campaignIndexes: [Int]) -> (deltas: [PackedDeltas], names: [String]) {
        lock.lock()
        defer { lock.unlock() }
        let id = ObjectIdentifier(data.tables)
        if tables != id {
            // Another load: start over (entries and the name table go together).
            tables = id
            entries = [:]
            names = []
            nameIDs = [:]
        }
        var out: [PackedDeltas] = []
        out.reserveCapacity(campaignIndexes.count)
        for c in campaignIndexes {
            let list = data.snapshots[c]
            guard list.count > 1 else {
                out.append(PackedDeltas())
                continue
            }
            if let entry = entries[c], Self.sameBuffer(entry.list, list) {
                out.append(entry.packed)
                continue
            }
            let packed = compute(list)
            entries[c] = Entry(list: list, packed: packed)
            out.append(packed)
        }
        return (out, names)
    }

    private static func sameBuffer(_ a: [WeeklySnapshot], _ b: [WeeklySnapshot]) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }

    private func nameID(_ key: String) -> Int32 {
        let k = ByteKey(text: key)
        if let id = nameIDs[k] { return id }
        let id = Int32(names.count)
        names.append(key)
        nameIDs[k] = id
        return id
    }

    private func compute(_ list: [WeeklySnapshot]) -> PackedDeltas {
        var packed = PackedDeltas()
        var previous = StoreData.counters(of: list[0].stats)
        for snapshot in list.dropFirst() {
            let current = StoreData.counters(of: snapshot.stats)
            // Keys of a JSON object are unique (by bytes), so each key appears once per side.
            var sums = CounterSums()
            for (key, value) in current { sums.add(key, Int128(value)) }
            for (key, value) in previous { sums.add(key, -Int128(value)) }
            if !sums.isEmpty {
                let start = packed.keys.count
                for (key, delta) in zip(sums.keys, sums.values) {
                    packed.keys.append(nameID(key))
                    packed.deltas.append(delta)
                }
                packed.groups.append(PackedDeltas.Group(week: snapshot.weekStart, range: start..<packed.keys.count))
            }
            previous = current
        }
        return packed
    }
}
