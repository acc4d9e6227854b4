// MARK: - Prospects, activities and weekly snapshots

extension DemoGenerator {
    func writeProspects(_ out: ByteOut, _ t: Tables,
                                _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"prospects\":[")
        for c in p.campaigns where c.prospectCount > 0 {
            let seq = p.statusSequence(c)
            let names = prospectStatusNames[c.type]
            let cid = t.campaignIDs[c.index]
            for j in 0..<c.prospectCount {
                let u = p.ids.uuid(.prospect, c.prospectStart + j)
                out.str(first ? "\n{\"id\":\"" : ",\n{\"id\":\"")
                first = false
                Hex.writeUUID(u.hi, u.lo, to: out.base + out.count)
                out.count += 36
                out.str("\",\"campaign_id\":\"")
                out.bytes(cid, 36)
                out.str("\",\"status\":\"")
                out.str(names[Int(seq[j])])
                out.str("\"}")
                out.unitsDone += 1
                try out.maybeFlush(sink)
            }
        }
        out.str("\n],\n")
    }

    /// Activities, prospect by prospect in time order; also fills the snapshot accumulator.
    func writeActivities(_ out: ByteOut, _ t: Tables, _ snap: inout [Int32],
                                 _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"activities\":[")
        let pid = UnsafeMutablePointer<UInt8>.allocate(capacity: 36)
        defer { pid.deallocate() }
        var types: [UInt8] = []
        var times: [Int] = []
        types.reserveCapacity(16)
        times.reserveCapacity(16)
        let day = 86_400
        for c in p.campaigns where c.prospectCount > 0 {
            let seq = p.statusSequence(c)
            let cid = t.campaignIDs[c.index]
            let offset = p.workspaces[c.workspace].offset
            var rng = DemoRNG(seed: seed, stream: 0x4143_5449_0000_0000 | UInt64(c.index))   // "ACTI"
            let span = max(1, c.runEnd - c.runStart)
            let snapBase = c.index * Snap.stride
            /// A random moment in local business hours (08:00–18:00) of the day containing `t`.
            func business(_ t: Int) -> Int {
                let local = t + offset
                let d = local >= 0 ? local / day : (local - day + 1) / day
                return d * day + 8 * 3600 + rng.below(10 * 3600) - offset
            }
            for j in 0..<c.prospectCount {
                let status = Int(seq[j])
                out.unitsDone += 1
                if status == 0 || c.status == 0 {
                    // Enrolled, not contacted yet.
                    let enrolled = c.status == 0 ? c.createdAt + rng.below(max(1, c.updatedAt - c.createdAt + 1))
                        : c.createdAt + rng.below(max(1, c.runEnd - c.createdAt))
                    snap[snapBase + Snap.bucket(enrolled) * Snap.slots] += 1
                    continue
                }
                var t0 = business(c.runStart + rng.below(span))
                if t0 < c.runStart { t0 += day }
                types.removeAll(keepingCapacity: true)
                times.removeAll(keepingCapacity: true)
                var now = t0
                var final = t0
                switch c.type {
                case 0:   // email: pending sent opened clicked replied interested bounced unsubscribed
                    types.append(Act.emailSent); times.append(now)
                    if status == 6 {
                        now += 30 + rng.below(4 * 3600)
                        types.append(Act.bounce); times.append(now)
                    } else {
                        let replied = status == 4 || status == 5
                        let steps = replied ? 1 + rng.below(4) : 2 + rng.below(6)
                        for _ in 1..<steps {
                            now = business(now + (2 + rng.below(3)) * day)
                            types.append(Act.emailSent); times.append(now)
                        }
                        if replied {
                            now += 1200 + rng.below(3 * day)
                            types.append(Act.reply); times.append(now)
                            if status == 5 {
                                now += 600 + rng.below(2 * day)
                                types.append(Act.interested); times.append(now)
                            }
                        }
                    }
                    final = now
                case 1:   // linkedin: pending connection_sent connected message_sent replied interested withdrawn
                    types.append(Act.inviteSent); times.append(now)
                    if status == 6 {
                        final = now + (14 + rng.below(8)) * day
                    } else {
                        if status >= 2 {
                            now += 3600 + rng.below(6 * day)
                            types.append(Act.inviteAccepted); times.append(now)
                        }
                        if status >= 3 {
                            let messages = 1 + rng.below(4)
                            now += 600 + rng.below(2 * day)
                            types.append(Act.message); times.append(now)
                            for _ in 1..<messages {
                                now = business(now + (2 + rng.below(3)) * day)
                                types.append(Act.message); times.append(now)
                            }
                        }
                        if status >= 4 {
                            now += 1800 + rng.below(3 * day)
                            types.append(Act.reply); times.append(now)
                            if status == 5 {
                                now += 600 + rng.below(day)
                                types.append(Act.interested); times.append(now)
                            }
                        }
                        final = now
                    }
                default:  // call: no activities; the outcome lands within a few days
                    final = now + rng.below(4 * day)
                }
                // Keep the whole chain inside the campaign's run (shift back by whole days).
                let end = max(final, times.last ?? final)
                var shift = 0
                if end > c.runEnd {
                    shift = (end - c.runEnd + day - 1) / day * day
                    if t0 - shift < c.runStart { shift = max(0, t0 - c.runStart) }
                }
                let enrolled = max(c.createdAt, t0 - shift - rng.below(3 * day))
                snap[snapBase + Snap.bucket(enrolled) * Snap.slots] += 1
                snap[snapBase + Snap.bucket(min(final - shift, c.runEnd)) * Snap.slots + status] += 1
                if types.isEmpty { continue }
                let u = p.ids.uuid(.prospect, c.prospectStart + j)
                Hex.writeUUID(u.hi, u.lo, to: pid)
                for k in 0..<types.count {
                    out.str(first ? "\n{\"campaign_id\":\"" : ",\n{\"campaign_id\":\"")
                    first = false
                    out.bytes(cid, 36)
                    out.str("\",\"prospect_id\":\"")
                    out.bytes(pid, 36)
                    out.str("\",\"type\":\"")
                    out.str(Act.names[Int(types[k])])
                    out.timestamp(min(times[k] - shift, c.runEnd))
                    out.byte(0x7D)
                }
                try out.maybeFlush(sink)
            }
        }
        out.str("\n],\n")
    }

    func writeSnapshots(_ out: ByteOut, _ t: Tables, _ snap: [Int32],
                                _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"weekly_snapshots\":[")
        for c in p.campaigns where c.status != 0 {
            var rng = DemoRNG(seed: seed, stream: 0x534E_4150_0000_0000 | UInt64(c.index))   // "SNAP"
            var cum = [Int](repeating: 0, count: Snap.slots)
            let names = prospectStatusNames[c.type]
            let base = c.index * Snap.stride
            for k in 0..<DemoPlan.snapshotWeeks {
                for s in 0..<Snap.slots { cum[s] += Int(snap[base + k * Snap.slots + s]) }
                let weekStart = DemoPlan.firstSnapshotMonday + 7 * k
                let captured = weekStart * 86_400 + 300 + rng.below(600)
                guard captured > c.createdAt else { continue }
                separator(out, &first)
                out.str("{\"campaign_id\":")
                t.campaignIDs.write(c.index, out)
                out.str(",\"week_start\":\"")
                out.date(weekStart)
                out.str("\",\"stats\":{\"total\":")
                out.int(cum[0])
                for s in 1..<names.count where cum[s] > 0 {
                    out.str(",\"")
                    out.str(names[s])
                    out.str("\":")
                    out.int(cum[s])
                }
                out.str("},\"captured_at\":")
                out.timestamp(captured)
                out.byte(0x7D)
            }
            out.unitsDone += 30
            try out.maybeFlush(sink)
        }
        out.str("\n],\n")
    }
}
