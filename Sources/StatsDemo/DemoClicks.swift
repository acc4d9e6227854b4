// MARK: - Clicks

extension DemoGenerator {
    func writeClicks(_ out: ByteOut, _ t: Tables,
                             _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        let total = p.clickTotal
        let firstDay = DemoPlan.anchorDay - (DemoPlan.clickDays - 1)
        var dayRNG = DemoRNG(seed: seed, stream: 0x4441_5953)   // "DAYS"
        // Integer day weights: weekday pattern × growth trend × noise, occasional spikes.
        let dow = [100, 110, 112, 104, 85, 34, 28]
        var cumulative = [Int](repeating: 0, count: DemoPlan.clickDays)
        var acc = 0
        for i in 0..<DemoPlan.clickDays {
            var w = dow[Civil.isoWeekday(firstDay + i) - 1] * (45 + 55 * i / (DemoPlan.clickDays - 1))
                * (80 + dayRNG.below(41))
            if dayRNG.chance(0.02) { w *= 2 }
            acc += w
            cumulative[i] = acc
        }
        var wsThreshold: [Int] = []
        var wsSum = 0
        for w in p.workspaces { wsSum += w.clickWeight; wsThreshold.append(wsSum) }
        let offsets = p.workspaces.map(\.offset)
        let wsIDs = p.workspaces.map(\.id)

        var rng = DemoRNG(seed: seed, stream: 0x434C_4943)   // "CLIC"
        var keys: [UInt64] = []
        var first = true
        out.str("\"clicks\":[")
        var previous = 0
        for i in 0..<DemoPlan.clickDays {
            let upTo = acc == 0 ? 0 : total * cumulative[i] / acc
            let count = upTo - previous
            previous = upTo
            if count == 0 { continue }
            let d = firstDay + i
            keys.removeAll(keepingCapacity: true)
            for _ in 0..<count {
                let r = rng.below(wsSum)
                var w = 0
                while r >= wsThreshold[w] { w += 1 }
                let sod = rng.chance(0.75)
                    ? 8 * 3600 + rng.below(19_800) + rng.below(19_800)
                    : rng.below(86_400)
                let at = d * 86_400 + sod - offsets[w]
                keys.append(UInt64(at) << 3 | UInt64(w))
            }
            keys.sort()
            for key in keys {
                let w = Int(key & 7)
                let at = Int(key >> 3)
                // Kind and attribution.
                var kind = 0   // 0 campaign, 1 vcard, 2 other
                let roll = rng.below(100)
                if roll >= 56 { kind = roll < 83 ? 1 : 2 }
                var campaign: Int? = nil
                var user: Int? = nil
                var alias: Int? = nil
                if kind == 0 {
                    let created = t.wsCampaignCreated[w]
                    // Campaigns created at or before the click (binary search).
                    var lo = 0, hi = created.count
                    while lo < hi {
                        let mid = (lo + hi) >> 1
                        if created[mid] <= at { lo = mid + 1 } else { hi = mid }
                    }
                    if lo == 0 {
                        kind = 2
                    } else {
                        let pick = max(rng.below(lo), rng.below(lo))   // favour recent campaigns
                        let ci = t.wsCampaigns[w][pick]
                        campaign = ci
                        if rng.below(100) < 75 {
                            user = p.campaigns[ci].owner
                            if rng.below(100) < 15, let a = p.campaigns[ci].ownerAlias {
                                alias = a
                            }
                        }
                    }
                }
                if kind == 1 {
                    let aliases = t.wsAliases[w]
                    if !aliases.isEmpty && rng.below(100) < 85 {
                        let a = aliases[rng.below(aliases.count)]
                        alias = a
                        user = p.aliases[a].user
                    } else {
                        let users = t.wsUsers[w]
                        if !users.isEmpty { user = users[rng.below(users.count)] }
                    }
                } else if kind == 2 {
                    let r = rng.below(100)
                    if r < 20 {
                        let aliases = t.wsAliases[w]
                        if !aliases.isEmpty {
                            let a = aliases[rng.below(aliases.count)]
                            alias = a
                            user = p.aliases[a].user
                        }
                    } else if r < 50 {
                        let users = t.wsUsers[w]
                        if !users.isEmpty { user = users[rng.below(users.count)] }
                    }
                }
                out.str(first ? "\n{\"workspace_id\":" : ",\n{\"workspace_id\":")
                first = false
                out.int(wsIDs[w])
                switch kind {
                case 0: out.str(",\"kind\":\"campaign\",\"at\":")
                case 1: out.str(",\"kind\":\"vcard\",\"at\":")
                default: out.str(",\"kind\":\"other\",\"at\":")
                }
                out.timestamp(at)
                out.str(",\"campaign_id\":")
                t.campaignIDs.write(orNull: campaign, out)
                out.str(",\"user_id\":")
                t.userIDs.write(orNull: user, out)
                out.str(",\"alias_id\":")
                t.aliasIDs.write(orNull: alias, out)
                out.byte(0x7D)
                out.unitsDone += 1
                try out.maybeFlush(sink)
            }
        }
        out.str("\n],\n")
    }
}
