extension DemoPlan {
    // MARK: Prospect statuses

    /// Splits `total` into integer parts proportional to `weights` (largest remainder;
    /// ties go to the lower index). All-zero weights give all zeros.
    static func apportion(_ total: Int, _ weights: [Double]) -> [Int] {
        var sum = 0.0
        for w in weights { sum += w }
        var out = [Int](repeating: 0, count: weights.count)
        guard total > 0, sum > 0 else { return out }
        var fractions: [(Double, Int)] = []
        var used = 0
        for (i, w) in weights.enumerated() {
            let exact = Double(total) * w / sum
            let whole = Int(exact)
            out[i] = whole
            used += whole
            fractions.append((exact - Double(whole), i))
        }
        fractions.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        var k = 0
        while used < total {
            let i = fractions[k % fractions.count].1
            if weights[i] > 0 { out[i] += 1; used += 1 }
            k += 1
        }
        return out
    }

    /// Prospect counts per status for a campaign, realistic for its type and status.
    static func statusCounts(for c: Campaign, rng: inout DemoRNG) -> [Int] {
        let statuses = prospectStatuses[c.type]
        let n = c.prospectCount
        if c.status == 0 {
            var counts = [Int](repeating: 0, count: statuses.count)
            counts[0] = n
            return counts
        }
        var w: [Double]
        switch (c.type, c.status) {
        case (0, 1): w = [18, 30, 18, 8, 10, 4, 3, 2]
        case (0, 2): w = [30, 28, 15, 6, 8, 3, 3, 2]
        case (0, _): w = [2, 38, 24, 9, 12, 5, 3.5, 3]
        case (1, 1): w = [18, 30, 14, 16, 9, 4, 5]
        case (1, 2): w = [30, 28, 12, 12, 7, 3, 6]
        case (1, _): w = [2, 25, 18, 24, 13, 6, 8]
        case (2, 1): w = [28, 24, 16, 6, 14, 12]
        case (2, 2): w = [40, 20, 12, 4, 12, 12]
        default: w = [3, 30, 22, 9, 20, 16]
        }
        if c.role == .bounceWatch { w[0] = 8 }
        for i in 0..<w.count { w[i] *= 0.7 + 0.6 * rng.unit() }
        var counts = apportion(n, w)
        if c.type == 0 {
            let attempted = n - counts[0]
            let bounced: Int
            switch c.role {
            case .flagship: bounced = attempted * 25 / 1000
            case .bounceWatch: bounced = (attempted * 65 + 500) / 1000
            case .bouncePaused: bounced = (attempted * 90 + 500) / 1000
            case .normal: bounced = attempted >= 100 ? min(counts[6], (attempted - 1) / 20 * 8 / 10) : counts[6]
            }
            // Move the difference between `bounced` and `sent` (attempted stays the same).
            var delta = counts[6] - bounced
            counts[6] = bounced
            counts[1] += delta
            if counts[1] < 0 {
                delta = -counts[1]
                counts[1] = 0
                for i in [2, 3, 7, 4, 5] where delta > 0 {
                    let d = min(delta, counts[i])
                    counts[i] -= d
                    delta -= d
                }
            }
        }
        return counts
    }

    /// A campaign's prospects' statuses in enrollment order: a deterministic shuffle of
    /// `statusCounts`, identical every time it is asked for.
    func statusSequence(_ c: Campaign) -> [UInt8] {
        var seq = [UInt8]()
        seq.reserveCapacity(c.prospectCount)
        for (s, k) in c.statusCounts.enumerated() {
            seq.append(contentsOf: repeatElement(UInt8(s), count: k))
        }
        var rng = DemoRNG(seed: seed, stream: 0x5348_5546_0000_0000 | UInt64(c.index))   // "SHUF"
        if seq.count > 1 {
            for i in stride(from: seq.count - 1, to: 0, by: -1) {
                let j = rng.below(i + 1)
                seq.swapAt(i, j)
            }
        }
        return seq
    }

    /// The stats object of a campaign, in the order the status vocabulary lists them.
    func stats(_ c: Campaign) -> [(String, Int)] {
        var out: [(String, Int)] = [("total", c.prospectCount)]
        let names = DemoPlan.prospectStatuses[c.type]
        for (i, k) in c.statusCounts.enumerated() where i > 0 && k > 0 { out.append((names[i], k)) }
        return out
    }
}
