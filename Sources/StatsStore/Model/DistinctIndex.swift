import Foundation
/// Answers a campaign's outreach figures (SPEC §5.2 `outreach`) for any time range in O(log n),
/// without visiting the activities of the range.
///
/// Per campaign, over its time-sorted activities (`CampaignActivities`, positions 0..<n):
/// - **Type counts.** The positions of each activity type, ascending, grouped by type: the count of
///   a type in positions lo..<hi is two binary searches.
/// - **Distinct prospects** of a class (replied: `reply`; interested: `interested`; contacted: the
///   outbound types). Number the class's events 0..<m in time order and give event j the value
///   v(j) = 1 + the number of the same prospect's previous event of that class (0 when it has none),
///   so v(j) <= j. The prospects with at least one event among class events jl..<jh are exactly the
///   events of that slice whose previous event lies before jl, i.e. #{ j < jh : v(j) <= jl } - jl
///   (every j < jl qualifies). That is one "count values <= x in a prefix" query on a wavelet matrix
///   of v: O(log m) rank operations. A class without repeated prospects needs no matrix.
///
/// The index is immutable: sync tools never change activities, so it lives as long as the loaded tables.
public struct OutreachIndex: Sendable {
    public let campaigns: [CampaignOutreachIndex]

    /// Builds the index of every campaign's activities (`prospectCounts[c]` = campaign c's prospects).
    public init(activities: [CampaignActivities], prospectCounts: [Int64]) {
        // Campaigns are independent: build them on every core (a strided split, so one big campaign
        // does not leave the other workers a long tail), each worker with its own scratch buffer.
        let n = activities.count
        var built = [CampaignOutreachIndex?](repeating: nil, count: n)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, n))
        built.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var last: [Int32] = []
                var c = worker
                while c < n {
                    let prospects = c < prospectCounts.count ? Int(prospectCounts[c]) : 0
                    out[c] = CampaignOutreachIndex(activities[c], prospects: prospects, scratch: &last)
                    c += workers
                }
            }
        }
        campaigns = built.compactMap { $0 }  // every slot is filled above
    }

    /// Bytes held by the index (arrays' payloads), for reports.
    public var byteCount: Int { campaigns.reduce(0) { $0 + $1.byteCount } }
}

/// Which `OutreachCounts` fields a query needs (a ranking needs one or two; skipping the rest saves work).
public struct OutreachFields: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let emailsSent = OutreachFields(rawValue: 1)
    public static let invitesSent = OutreachFields(rawValue: 2)
    public static let invitesAccepted = OutreachFields(rawValue: 4)
    public static let linkedinMessagesSent = OutreachFields(rawValue: 8)
    public static let replies = OutreachFields(rawValue: 16)
    public static let interested = OutreachFields(rawValue: 32)
    public static let bounces = OutreachFields(rawValue: 64)
    public static let prospectsContacted = OutreachFields(rawValue: 128)
    public static let all = OutreachFields(rawValue: 255)
}

/// One campaign's part of `OutreachIndex`.
public struct CampaignOutreachIndex: Sendable {
    /// Activity positions grouped by `ActivityType` raw value, ascending within a type.
    let positions: [Int32]
    /// `positions[typeStart[t]..<typeStart[t + 1]]` are the positions of type t.
    let typeStart: [Int32]
    let replied: DistinctClass
    let interested: DistinctClass
    let contacted: DistinctClass

    static let typeCount = ActivityType.allCases.count

    init(_ table: CampaignActivities, prospects: Int, scratch last: inout [Int32]) {
        let n = table.count
        var counts = [Int32](repeating: 0, count: Self.typeCount + 1)
        for t in table.type where Int(t) < Self.typeCount { counts[Int(t) + 1] += 1 }
        for t in 0..<Self.typeCount { counts[t + 1] += counts[t] }
        typeStart = counts
        var fill = counts
        var positions = [Int32](repeating: 0, count: Int(counts[Self.typeCount]))
        // Per class: v(j) built in time order; `last` holds each prospect's latest event number + 1.
        var values: [[UInt32]] = [[], [], []]
        var repeats = [false, false, false]
        // Prospect numbers are campaign-local; guard against a table that disagrees with `prospects`.
        var width = prospects
        for p in table.prospect where Int(p) >= width { width = Int(p) + 1 }
        if last.count < 3 * width { last = [Int32](repeating: 0, count: 3 * width) }
        for k in 0..<n {
            let raw = table.type[k]
            guard Int(raw) < Self.typeCount, let type = ActivityType(rawValue: raw) else { continue }
            positions[Int(fill[Int(raw)])] = Int32(k)
            fill[Int(raw)] += 1
            let cls: Int
            switch type {
            case .reply: cls = 0
            case .interested: cls = 1
            case .emailSent, .inviteSent, .linkedinMessageSent: cls = 2
            default: continue
            }
            let slot = cls * width + Int(table.prospect[k])
            let v = UInt32(last[slot])
            if v != 0 { repeats[cls] = true }
            values[cls].append(v)
            last[slot] = Int32(values[cls].count)
        }
        // Reset only the slots this campaign touched (the scratch buffer is shared across campaigns).
        for k in 0..<n { for cls in 0..<3 { last[cls * width + Int(table.prospect[k])] = 0 } }
        self.positions = positions
        replied = DistinctClass(values[0], hasRepeats: repeats[0])
        interested = DistinctClass(values[1], hasRepeats: repeats[1])
        contacted = DistinctClass(values[2], hasRepeats: repeats[2])
    }

    /// Activities of type `t` at positions < `bound`.
    @inline(__always)
    func countBelow(_ t: Int, _ bound: Int) -> Int {
        var lo = Int(typeStart[t])
        let start = lo
        var hi = Int(typeStart[t + 1])
        if lo == hi { return 0 }
        let b = Int32(truncatingIfNeeded: bound)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if positions[mid] < b { lo = mid + 1 } else { hi = mid }
        }
        return lo - start
    }

    /// The outreach figures of the activities at positions lo..<hi (only `fields`; the others stay 0).
    public func outreach(positions lo: Int, _ hi: Int, fields: OutreachFields = .all) -> OutreachCounts {
        @inline(__always) func span(_ t: ActivityType) -> (below: Int, upTo: Int) {
            (countBelow(Int(t.rawValue), lo), countBelow(Int(t.rawValue), hi))
        }
        var r = OutreachCounts()
        var email = (below: 0, upTo: 0), invite = (below: 0, upTo: 0), message = (below: 0, upTo: 0)
        if !fields.isDisjoint(with: [.emailsSent, .prospectsContacted]) { email = span(.emailSent) }
        if !fields.isDisjoint(with: [.invitesSent, .prospectsContacted]) { invite = span(.inviteSent) }
        if !fields.isDisjoint(with: [.linkedinMessagesSent, .prospectsContacted]) { message = span(.linkedinMessageSent) }
        r.emailsSent = Int64(email.upTo - email.below)
        r.invitesSent = Int64(invite.upTo - invite.below)
        r.linkedinMessagesSent = Int64(message.upTo - message.below)
        if fields.contains(.invitesAccepted) {
            let accepted = span(.inviteAccepted)
            r.invitesAccepted = Int64(accepted.upTo - accepted.below)
        }
        if fields.contains(.bounces) {
            let bounce = span(.bounce)
            r.bounces = Int64(bounce.upTo - bounce.below)
        }
        if fields.contains(.replies) {
            let reply = span(.reply)
            r.replies = Int64(replied.distinct(reply.below, reply.upTo))
        }
        if fields.contains(.interested) {
            let interest = span(.interested)
            r.interested = Int64(interested.distinct(interest.below, interest.upTo))
        }
        if fields.contains(.prospectsContacted) {
            // Outbound events are numbered in time order across the three types.
            r.prospectsContacted = Int64(
                contacted.distinct(email.below + invite.below + message.below, email.upTo + invite.upTo + message.upTo))
        }
        return r
    }

    var byteCount: Int {
        positions.count * 4 + typeStart.count * 4 + replied.byteCount + interested.byteCount + contacted.byteCount
    }
}

/// The distinct-prospect part of one class: a wavelet matrix of v(j), or nothing when no prospect repeats.
struct DistinctClass: Sendable {
    let matrix: WaveletMatrix?

    init(_ values: [UInt32], hasRepeats: Bool) {
        matrix = hasRepeats ? WaveletMatrix(values, maxValue: UInt32(values.count)) : nil
    }

    /// Distinct prospects among class events jl..<jh.
    @inline(__always)
    func distinct(_ jl: Int, _ jh: Int) -> Int {
        guard jh > jl else { return 0 }
        guard let matrix else { return jh - jl }
        return matrix.countLess(than: jl + 1, prefix: jh) - jl
    }

    var byteCount: Int { matrix?.byteCount ?? 0 }
}

/// A wavelet matrix over unsigned values < 2^levels: "how many of the first k values are < x" in
/// O(levels) rank operations. Bit vectors are 64-bit words with a running count of ones per word.
struct WaveletMatrix: Sendable {
    let length: Int
    let levels: Int
    let wordsPerLevel: Int
    /// Level l (from the top bit down) occupies words[l * wordsPerLevel ..< (l + 1) * wordsPerLevel].
    let words: [UInt64]
    /// ones[l * wordsPerLevel + w]: ones of level l in words before w.
    let ones: [UInt32]
    /// Zeros per level (where the ones' part of the next level starts).
    let zeros: [Int]

    init(_ values: [UInt32], maxValue: UInt32) {
        length = values.count
        var levels = 1
        while levels < 32 && (UInt64(1) << UInt64(levels)) <= UInt64(maxValue) { levels += 1 }
        self.levels = levels
        wordsPerLevel = (values.count >> 6) + 1
        var words = [UInt64](repeating: 0, count: levels * wordsPerLevel)
        var ones = [UInt32](repeating: 0, count: levels * wordsPerLevel)
        var zeros = [Int](repeating: 0, count: levels)
        var current = values
        var zeroPart: [UInt32] = []
        var onePart: [UInt32] = []
        zeroPart.reserveCapacity(values.count)
        onePart.reserveCapacity(values.count)
        for l in 0..<levels {
            let shift = UInt32(levels - 1 - l)
            let base = l * wordsPerLevel
            zeroPart.removeAll(keepingCapacity: true)
            onePart.removeAll(keepingCapacity: true)
            for (i, v) in current.enumerated() {
                if (v >> shift) & 1 == 1 {
                    words[base + (i >> 6)] |= UInt64(1) << UInt64(i & 63)
                    onePart.append(v)
                } else {
                    zeroPart.append(v)
                }
            }
            var running: UInt32 = 0
            for w in 0..<wordsPerLevel {
                ones[base + w] = running
                running &+= UInt32(words[base + w].nonzeroBitCount)
            }
            zeros[l] = zeroPart.count
            current = zeroPart
            current.append(contentsOf: onePart)
        }
        self.words = words
        self.ones = ones
        self.zeros = zeros
    }

    /// Ones of level l among positions 0..<i.
    @inline(__always)
    func rank1(_ l: Int, _ i: Int) -> Int {
        let index = l * wordsPerLevel + (i >> 6)
        let r = Int(ones[index])
        let bits = i & 63
        return bits == 0 ? r : r + (words[index] & ((UInt64(1) << UInt64(bits)) - 1)).nonzeroBitCount
    }

    /// How many of the first `k` values are < x.
    func countLess(than x: Int, prefix k: Int) -> Int {
        if x <= 0 || k <= 0 { return 0 }
        if x >= 1 << levels { return k }
        var s = 0
        var e = k
        var result = 0
        for l in 0..<levels {
            let s1 = rank1(l, s)
            let e1 = rank1(l, e)
            if (x >> (levels - 1 - l)) & 1 == 1 {
                result += (e - e1) - (s - s1)  // values with a 0 here are smaller than x
                s = zeros[l] + s1
                e = zeros[l] + e1
            } else {
                s -= s1
                e -= e1
            }
        }
        return result
    }

    var byteCount: Int { words.count * 8 + ones.count * 4 + zeros.count * 8 }
}
