/// A deterministic generator of demo stores in the SPEC §2 format.
///
/// The same (scale, seed) always gives byte-identical output. The document is streamed:
/// records are written into one reusable buffer that is handed to the sink every ~1 MiB,
/// so even the `large` store (≈ 1.5 GB) never sits in memory.
///
/// Contents, anchored on ``anchorDay`` (the last day with data; `--demo` uses it as today):
/// five workspaces (UTC, America/New_York, Europe/Berlin, Asia/Kolkata and an empty sandbox),
/// users linked to one or several workspaces, API keys (stored as SHA-256; one revoked),
/// campaigns of every type and status with `stats` equal to their prospects' status counts,
/// prospects, time-ordered activities per prospect, 26 weekly snapshots per campaign with
/// cumulative growing stats, clicks over ~18 months with a weekday pattern, aliases,
/// call batches of every status with their calls, and daily call stats.
public struct DemoGenerator: Sendable {
    public let scale: DemoScale
    public let seed: UInt64
    let plan: DemoPlan

    public init(scale: DemoScale = .small, seed: UInt64 = 1) {
        self.scale = scale
        self.seed = seed
        plan = DemoPlan(scale: scale, seed: seed)
    }

    /// The documented demo API keys (plain text); the first is the owner of the main demo
    /// workspace, the second an analyst of it, the third a user of another workspace only.
    /// The key strings are the same for every seed; the ids they bind to depend on the seed.
    public var keys: [DemoKey] { plan.documentedKeys }

    /// A key present in `api_keys` but revoked (for demonstrating `unauthorized`).
    public static let revokedKey: String = DemoPlan.revokedKey

    /// The date the demo data is anchored on (the last day with data).
    public static let anchorDay: String = "2026-11-20"

    /// The integer id of the main demo workspace (bound to the first key).
    public var mainWorkspaceID: Int { plan.workspaces[0].id }

    /// The big active email campaign of the main workspace (10 % of all prospects:
    /// 100,000 at `large`), the one the benchmark syncs.
    public var flagshipCampaign: DemoCampaignInfo { info(plan.campaigns[0]) }

    /// The active email campaign whose bounce rate (~6.5 %) trips the bounce guard on sync.
    public var bounceWatchCampaign: DemoCampaignInfo { info(plan.campaigns[1]) }

    /// Record counts of the generated store, by top-level array name.
    public var expectedCounts: [String: Int] {
        [
            "workspaces": plan.workspaces.count, "users": plan.users.count, "api_keys": plan.apiKeys.count,
            "campaigns": plan.campaigns.count, "prospects": plan.prospectTotal, "clicks": plan.clickTotal,
            "aliases": plan.aliases.count, "call_batches": plan.batches.count, "calls": plan.callTotal,
        ]
    }

    private func info(_ c: DemoPlan.Campaign) -> DemoCampaignInfo {
        DemoCampaignInfo(id: c.id, publicID: c.publicID, name: c.name, type: DemoPlan.campaignTypes[c.type],
                         status: DemoPlan.campaignStatuses[c.status],
                         workspaceID: plan.workspaces[c.workspace].id, prospectCount: c.prospectCount)
    }

    /// The whole document as bytes (for small scales).
    public func makeBytes() -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(max(1 << 16, plan.prospectTotal * 1_400))
        write { chunk in result.append(contentsOf: chunk) }
        return result
    }

    /// Streams the whole store JSON document (UTF-8, one record per line) to `sink` in
    /// chunks of about 1 MiB. `progress` receives a fraction in 0…1 after each chunk.
    public func write(progress: ((Double) -> Void)? = nil,
                      to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        let units = 2 * p.prospectTotal + p.clickTotal + p.callTotal + 30 * p.campaigns.count + 1_000
        let out = ByteOut(unitsTotal: units, progress: progress)
        let t = Tables(plan: p)

        out.str("{\"format\":\"stats-mcp-store\",\"version\":1,\n\"x_generator\":{\"tool\":\"stats-mcp demo\",\"scale\":")
        out.string(scale.name)
        out.str(",\"seed\":")
        out.string(String(seed))
        out.str(",\"anchor_day\":")
        out.string(DemoGenerator.anchorDay)
        out.str(",\"prospects\":")
        out.int(p.prospectTotal)
        out.str("},\n")

        try writeHeadArrays(out, t, sink)
        try writeProspects(out, t, sink)
        var snap = [Int32](repeating: 0, count: p.campaigns.count * Snap.stride)
        try writeActivities(out, t, &snap, sink)
        try writeSnapshots(out, t, snap, sink)
        try writeClicks(out, t, sink)
        try writeTail(out, t, sink)
        out.str("\n}\n")
        out.unitsDone = out.unitsTotal
        try out.flush(sink)
    }
}

// MARK: - Static vocabulary as StaticString (written with memcpy)

private let prospectStatusNames: [[StaticString]] = [
    ["pending", "sent", "opened", "clicked", "replied", "interested", "bounced", "unsubscribed"],
    ["pending", "connection_sent", "connected", "message_sent", "replied", "interested", "withdrawn"],
    ["pending", "called", "connected", "meeting_booked", "not_interested", "failed"],
]

private enum Act {
    static let emailSent: UInt8 = 0, inviteSent: UInt8 = 1, inviteAccepted: UInt8 = 2, message: UInt8 = 3,
               reply: UInt8 = 4, interested: UInt8 = 5, bounce: UInt8 = 6
    static let names: [StaticString] = [
        "email_sent\",\"at\":", "invite_sent\",\"at\":", "invite_accepted\",\"at\":",
        "linkedin_message_sent\",\"at\":", "reply\",\"at\":", "interested\",\"at\":", "bounce\",\"at\":",
    ]
}

/// Layout of the weekly-snapshot accumulator: per campaign, 27 week buckets of 8 slots
/// (slot 0 = enrolled prospects, slot s = prospects that reached status s).
private enum Snap {
    static let buckets = DemoPlan.snapshotWeeks + 1
    static let slots = 8
    static let stride = buckets * slots

    @inline(__always)
    static func bucket(_ t: Int) -> Int {
        if t < DemoPlan.firstCapture { return 0 }
        return min(DemoPlan.snapshotWeeks, (t - DemoPlan.firstCapture) / 604_800 + 1)
    }
}

/// Fixed-width id strings, laid out contiguously for fast copying.
private final class IDTable {
    let base: UnsafeMutablePointer<UInt8>

    init(_ strings: [String]) {
        base = .allocate(capacity: max(1, strings.count * 36))
        for (i, s) in strings.enumerated() {
            let bytes = Array(s.utf8)
            precondition(bytes.count == 36)
            (base + 36 * i).update(from: bytes, count: 36)
        }
    }

    deinit { base.deallocate() }

    @inline(__always)
    func write(_ i: Int, _ out: ByteOut) {
        out.byte(0x22)
        out.bytes(base + 36 * i, 36)
        out.byte(0x22)
    }

    @inline(__always)
    func write(orNull i: Int?, _ out: ByteOut) {
        if let i { write(i, out) } else { out.str("null") }
    }

    @inline(__always)
    subscript(i: Int) -> UnsafeMutablePointer<UInt8> { base + 36 * i }
}

/// Lookup tables shared by the streaming passes.
private final class Tables {
    let plan: DemoPlan
    let campaignIDs: IDTable
    let userIDs: IDTable
    let aliasIDs: IDTable
    /// Per workspace: non-draft campaigns sorted by creation, and their creation instants.
    let wsCampaigns: [[Int]]
    let wsCampaignCreated: [[Int]]
    let wsUsers: [[Int]]
    let wsAliases: [[Int]]

    init(plan: DemoPlan) {
        self.plan = plan
        campaignIDs = IDTable(plan.campaigns.map(\.id))
        userIDs = IDTable(plan.users.map(\.id))
        aliasIDs = IDTable(plan.aliases.map(\.id))
        var wc = [[Int]](repeating: [], count: plan.workspaces.count)
        for c in plan.campaigns where c.status != 0 { wc[c.workspace].append(c.index) }
        for w in 0..<wc.count {
            wc[w].sort { a, b in
                let ca = plan.campaigns[a].createdAt, cb = plan.campaigns[b].createdAt
                return ca != cb ? ca < cb : a < b
            }
        }
        wsCampaigns = wc
        wsCampaignCreated = wc.map { $0.map { plan.campaigns[$0].createdAt } }
        var wu = [[Int]](repeating: [], count: plan.workspaces.count)
        for u in plan.users { for w in u.workspaces { wu[w].append(u.index) } }
        wsUsers = wu
        var wa = [[Int]](repeating: [], count: plan.workspaces.count)
        for a in plan.aliases { wa[a.workspace].append(a.index) }
        wsAliases = wa
    }
}

// MARK: - Sections

extension DemoGenerator {
    @inline(__always)
    private func separator(_ out: ByteOut, _ first: inout Bool) {
        if first {
            out.byte(0x0A)
            first = false
        } else {
            out.str(",\n")
        }
    }

    /// workspaces, users, api_keys, campaigns (small arrays).
    private func writeHeadArrays(_ out: ByteOut, _ t: Tables,
                                 _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"workspaces\":[")
        for w in p.workspaces {
            separator(out, &first)
            out.str("{\"id\":"); out.int(w.id)
            out.str(",\"public_id\":"); out.string(w.publicID)
            out.str(",\"name\":"); out.string(w.name)
            out.str(",\"timezone\":"); out.string(w.timezone)
            out.byte(0x7D)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"users\":[")
        first = true
        for u in p.users {
            separator(out, &first)
            out.str("{\"id\":"); t.userIDs.write(u.index, out)
            out.str(",\"public_id\":"); out.string(u.publicID)
            out.str(",\"name\":"); out.string(u.name)
            out.str(",\"email\":"); out.string(u.email)
            out.str(",\"workspace_ids\":[")
            for (i, w) in u.workspaces.enumerated() {
                if i > 0 { out.byte(0x2C) }
                out.int(p.workspaces[w].id)
            }
            out.str("]}")
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"api_keys\":[")
        first = true
        for k in p.apiKeys {
            separator(out, &first)
            out.str("{\"key_sha256\":"); out.string(DemoPlan.keyHash(k.plain))
            out.str(",\"user_id\":"); t.userIDs.write(k.user, out)
            out.str(",\"workspace_id\":"); out.int(p.workspaces[k.workspace].id)
            out.str(",\"label\":"); out.string(k.label)
            out.str(k.revoked ? ",\"revoked\":true}" : ",\"revoked\":false}")
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"campaigns\":[")
        first = true
        for c in p.campaigns {
            separator(out, &first)
            writeCampaign(out, t, c)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n")
    }

    private func writeCampaign(_ out: ByteOut, _ t: Tables, _ c: DemoPlan.Campaign) {
        let p = plan
        out.str("{\"id\":"); t.campaignIDs.write(c.index, out)
        out.str(",\"public_id\":"); out.string(c.publicID)
        out.str(",\"workspace_id\":"); out.int(p.workspaces[c.workspace].id)
        out.str(",\"user_id\":"); t.userIDs.write(c.owner, out)
        out.str(",\"type\":"); out.string(DemoPlan.campaignTypes[c.type])
        out.str(",\"name\":"); out.string(c.name)
        out.str(",\"status\":"); out.string(DemoPlan.campaignStatuses[c.status])
        if c.role == .bouncePaused { out.str(",\"paused_reason\":\"bounce_rate\"") }
        out.str(",\"daily_limit\":"); out.int(c.dailyLimit)
        out.str(c.stopOnReply ? ",\"stop_on_reply\":true" : ",\"stop_on_reply\":false")
        out.str(c.openTracking ? ",\"open_tracking\":true" : ",\"open_tracking\":false")
        out.str(",\"signature\":"); out.string(orNull: c.signature)
        out.str(",\"skip_other_campaigns\":")
        switch c.skipOtherCampaigns {
        case .none: out.str("null")
        case .some(true): out.str("true")
        case .some(false): out.str("false")
        }
        out.str(",\"operating_hours\":")
        switch c.operatingHours {
        case 0: out.str("null")
        case 1: out.str("{\"start\":\"09:00\",\"end\":\"17:00\",\"days\":[1,2,3,4,5]}")
        case 2: out.str("{\"start\":\"08:30\",\"end\":\"18:00\",\"days\":[1,2,3,4,5]}")
        default: out.str("{\"start\":\"10:00\",\"end\":\"16:00\",\"days\":[1,2,3,4]}")
        }
        out.str(",\"stats\":{")
        for (i, kv) in p.stats(c).enumerated() {
            if i > 0 { out.byte(0x2C) }
            out.string(kv.0); out.byte(0x3A); out.int(kv.1)
        }
        out.str("},\"created_at\":"); out.timestamp(c.createdAt)
        out.str(",\"updated_at\":"); out.timestamp(c.updatedAt)
        out.str(",\"last_synced_at\":"); out.timestamp(orNull: c.lastSyncedAt)
        out.str(",\"sender_accounts\":[")
        for (i, s) in c.senderAccounts.enumerated() {
            if i > 0 { out.byte(0x2C) }
            out.string(s)
        }
        out.str("],\"assignee_ids\":[")
        for (i, u) in c.assignees.enumerated() {
            if i > 0 { out.byte(0x2C) }
            t.userIDs.write(u, out)
        }
        out.str("]}")
    }

    private func writeProspects(_ out: ByteOut, _ t: Tables,
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
    private func writeActivities(_ out: ByteOut, _ t: Tables, _ snap: inout [Int32],
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

    private func writeSnapshots(_ out: ByteOut, _ t: Tables, _ snap: [Int32],
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

    private func writeClicks(_ out: ByteOut, _ t: Tables,
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

    /// aliases, call_batches, calls, call_stats_daily.
    private func writeTail(_ out: ByteOut, _ t: Tables,
                           _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"aliases\":[")
        for a in p.aliases {
            separator(out, &first)
            out.str("{\"id\":"); t.aliasIDs.write(a.index, out)
            out.str(",\"workspace_id\":"); out.int(p.workspaces[a.workspace].id)
            out.str(",\"user_id\":"); t.userIDs.write(a.user, out)
            out.str(",\"slug\":"); out.string(a.slug)
            out.byte(0x7D)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"call_batches\":[")
        first = true
        for b in p.batches {
            separator(out, &first)
            out.str("{\"id\":"); out.string(b.id)
            out.str(",\"workspace_id\":"); out.int(p.workspaces[b.workspace].id)
            out.str(",\"campaign_id\":"); t.campaignIDs.write(b.campaign, out)
            out.str(",\"status\":"); out.string(DemoPlan.batchStatuses[b.status])
            out.str(",\"created_at\":"); out.timestamp(b.createdAt)
            out.str(",\"completed_at\":"); out.timestamp(orNull: b.completedAt)
            out.byte(0x7D)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"calls\":[")
        first = true
        let callNames: [StaticString] = ["pending", "in_progress", "completed", "failed"]
        for b in p.batches {
            var rng = DemoRNG(seed: seed, stream: 0x4341_4C4C_0000_0000 | UInt64(b.index))   // "CALL"
            var seq: [UInt8] = []
            for (s, k) in b.callCounts.enumerated() { seq.append(contentsOf: repeatElement(UInt8(s), count: k)) }
            if seq.count > 1 {
                for i in stride(from: seq.count - 1, to: 0, by: -1) { seq.swapAt(i, rng.below(i + 1)) }
            }
            let batchID = Array(b.id.utf8)
            for (k, s) in seq.enumerated() {
                let u = p.ids.uuid(.call, b.callStart + k)
                separator(out, &first)
                out.str("{\"id\":")
                out.uuid(u.hi, u.lo)
                out.str(",\"batch_id\":")
                out.quoted(batchID)
                out.str(",\"status\":\"")
                out.str(callNames[Int(s)])
                out.str("\"}")
                out.unitsDone += 1
                try out.maybeFlush(sink)
            }
        }
        out.str("\n],\n\"call_stats_daily\":[")
        first = true
        let anchor = DemoPlan.anchorDay
        var hasCalls = [Bool](repeating: false, count: p.workspaces.count)
        for c in p.campaigns where c.type == 2 && c.status != 0 {
            hasCalls[c.workspace] = true
            var rng = DemoRNG(seed: seed, stream: 0x4353_5444_0000_0000 | UInt64(c.index))   // "CSTD"
            let offset = p.workspaces[c.workspace].offset
            let firstDay = max((c.runStart + offset) / 86_400, anchor - 400)
            let lastDay = min((c.runEnd + offset) / 86_400, anchor)
            let runDays = max(1, lastDay - firstDay + 1)
            let rate = max(2, c.prospectCount * 3 / runDays)
            if firstDay > lastDay { continue }
            for d in firstDay...lastDay where Civil.isoWeekday(d) <= 5 {
                writeCallStatsRow(out, &first, &rng, workspace: c.workspace, day: d, campaign: c.index,
                                  rate: rate, t)
                try out.maybeFlush(sink)
            }
        }
        for w in 0..<p.workspaces.count where hasCalls[w] {
            var rng = DemoRNG(seed: seed, stream: 0x4353_544E_0000_0000 | UInt64(w))   // "CSTN"
            for d in (anchor - 120)...anchor where Civil.isoWeekday(d) <= 5 {
                if rng.chance(0.35) {
                    writeCallStatsRow(out, &first, &rng, workspace: w, day: d, campaign: nil, rate: 3, t)
                    try out.maybeFlush(sink)
                }
            }
        }
        out.str("\n]")
    }

    private func writeCallStatsRow(_ out: ByteOut, _ first: inout Bool, _ rng: inout DemoRNG,
                                   workspace: Int, day: Int, campaign: Int?, rate: Int, _ t: Tables) {
        let total = max(1, rate * (50 + rng.below(100)) / 100)
        let completed = total * (60 + rng.below(30)) / 100
        let connected = completed * (30 + rng.below(30)) / 100
        let conversations = connected * (40 + rng.below(40)) / 100
        let qualified = conversations * (20 + rng.below(30)) / 100
        let meetings = qualified * (20 + rng.below(50)) / 100
        let duration = completed * (45 + rng.below(200))
        separator(out, &first)
        out.str("{\"workspace_id\":"); out.int(plan.workspaces[workspace].id)
        out.str(",\"date\":\""); out.date(day)
        out.str("\",\"campaign_id\":"); t.campaignIDs.write(orNull: campaign, out)
        out.str(",\"total_calls\":"); out.int(total)
        out.str(",\"completed_calls\":"); out.int(completed)
        out.str(",\"connected_calls\":"); out.int(connected)
        out.str(",\"meetings_booked\":"); out.int(meetings)
        out.str(",\"qualified_leads\":"); out.int(qualified)
        out.str(",\"conversations_had\":"); out.int(conversations)
        out.str(",\"total_duration_seconds\":"); out.int(duration)
        out.byte(0x7D)
        out.unitsDone += 1
    }
}
