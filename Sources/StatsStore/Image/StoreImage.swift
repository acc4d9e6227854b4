import StatsCore
import StatsJSON

/// A loaded store view as compact bytes, and back: what `StoreLoader` built from the records (every
/// index, aggregate and ignored-record decision), so a process can take over a view without
/// reading millions of records again. The PostgreSQL store keeps one image per change-counter
/// value (docs/POSTGRES.md); an image is only ever used for the exact version it was made from.
///
/// The layout is private to one build (`layout`): an image written by another layout is refused
/// and the store is read from its records instead. Derived indexes (`OutreachIndex`, name order,
/// call prefix sums) are rebuilt on decode by the same code the loader uses.
public enum StoreImage {
    /// Changes whenever the encoding below or the model it mirrors changes.
    public static let layout = "stats-mcp store image 2"

    public static func encode(_ data: StoreData, problems: [StoreProblem]) -> [UInt8] {
        var w = ImageWriter()
        w.string(layout)
        w.u64(0x0102_0304_0506_0708)  // byte order of the raw arrays
        w.int(problems.count)
        for p in problems {
            w.string(p.path)
            w.string(p.message)
            w.bool(p.severity == .error)
        }
        let t = data.tables
        w.int(t.workspaces.count)
        for ws in t.workspaces {
            w.i64(ws.id)
            w.string(ws.publicID)
            w.string(ws.name)
            w.string(ws.timezone)
        }
        map(&w, t.workspaceIndexByID, key: { $0.i64($1) }, value: { $0.int($1) })
        map(&w, t.workspaceIndexByPublicID, key: { $0.string($1) }, value: { $0.int($1) })
        w.int(t.users.count)
        for u in t.users {
            uuid(&w, u.id)
            w.string(u.publicID)
            w.optionalString(u.name)
            w.optionalString(u.email)
            w.raw(u.workspaceIDs)
        }
        map(&w, t.userIndexByID, key: { uuid(&$0, $1) }, value: { $0.int($1) })
        map(&w, t.userIndexByPublicID, key: { $0.string($1) }, value: { $0.int($1) })
        map(&w, t.apiKeys, key: { $0.string($1) }) { w, k in
            optionalUUID(&w, k.userID)
            w.bool(k.workspaceID != nil)
            w.i64(k.workspaceID ?? 0)
            w.bool(k.revoked)
        }
        w.raw(t.prospectCounts)
        w.int(t.prospectStatusCounts.count)
        for list in t.prospectStatusCounts {
            w.int(list.count)
            for (status, count) in list {
                w.string(status)
                w.i64(count)
            }
        }
        w.int(t.activities.count)
        for a in t.activities {
            w.raw(a.at)
            w.raw(a.type)
            w.raw(a.prospect)
        }
        w.int(t.funnels.count)
        for f in t.funnels {
            w.raw(f.typeCounts)
            w.i64(f.prospectsContacted)
            w.i64(f.replied)
            w.i64(f.interested)
            w.u64(UInt64(truncatingIfNeeded: f.replyTimeNanosSum))
            w.u64(UInt64(truncatingIfNeeded: f.replyTimeNanosSum >> 64))
            w.i64(f.replyTimeCount)
        }
        map(&w, t.workspaceClicks, key: { $0.i64($1) }, value: daily)
        map(&w, t.campaignClicks, key: { $0.int($1) }, value: daily)
        map(&w, t.userClicks, key: workspaceUser, value: daily)
        map(&w, t.aliasCounts, key: workspaceUser, value: { $0.int($1) })
        map(&w, t.batchesByWorkspace, key: { $0.i64($1) }) { w, list in
            w.int(list.count)
            for b in list {
                uuid(&w, b.id)
                w.i64(b.workspaceID)
                optionalUUID(&w, b.campaignID)
                w.string(b.status)
                w.json(b.createdAtRaw)
                w.json(b.completedAtRaw)
                w.bool(b.createdAt != nil)
                w.i64(b.createdAt?.nanoseconds ?? 0)
                for v in [b.totalCalls, b.completed, b.failed, b.pending, b.inProgress] { w.i64(v) }
            }
        }
        map(&w, t.callStatsByWorkspace, key: { $0.i64($1) }) { w, rows in
            w.int(rows.count)
            for r in rows {
                w.int(r.date.number)
                optionalUUID(&w, r.campaignID)
                let c = r.counters
                for v in [c.totalCalls, c.completedCalls, c.connectedCalls, c.meetingsBooked, c.qualifiedLeads, c.conversationsHad, c.totalDurationSeconds] {
                    w.i64(v)
                }
            }
        }
        w.int(data.campaigns.count)
        for c in data.campaigns {
            w.int(c.index)
            uuid(&w, c.id)
            w.string(c.publicID)
            w.i64(c.workspaceID)
            optionalUUID(&w, c.ownerID)
            w.string(c.type)
            w.optionalString(c.name)
            w.string(c.status)
            w.bool(c.createdAt != nil)
            w.i64(c.createdAt?.nanoseconds ?? 0)
            w.int(c.assigneeIDs.count)
            for a in c.assigneeIDs { uuid(&w, a) }
            w.object(c.record)
        }
        w.int(data.snapshots.count)
        for list in data.snapshots {
            w.int(list.count)
            for s in list {
                w.int(s.campaignIndex)
                w.int(s.weekStart.number)
                w.object(s.record)  // `stats` is the record's (as the loader and the journal set it)
            }
        }
        w.string("end")
        w.u64(checksum(w.bytes[...]))
        return w.bytes
    }

    /// FNV-1a over 64-bit words (then the tail bytes): every single-byte change alters it, and it
    /// runs at memory speed, so a damaged image is refused before any of it is trusted.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { raw in checksum(raw) }
    }

    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        let words = raw.count / 8
        for i in 0..<words { h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* prime }
        for i in (words * 8)..<raw.count { h = (h ^ UInt64(raw[i])) &* prime }
        return h
    }

    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(ImageError) -> (data: StoreData, problems: [StoreProblem]) {
        guard bytes.count >= 8 else { throw ImageError("the store image is empty") }
        let body = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - 8)])
        var tail = ImageReader(UnsafeBufferPointer(rebasing: bytes[(bytes.count - 8)...]))
        guard try tail.u64() == checksum(UnsafeRawBufferPointer(body)) else { throw ImageError("the store image is damaged (checksum)") }
        var r = ImageReader(body)
        guard (try? r.string()) == layout else { throw ImageError("the store image was written by another build") }
        guard try r.u64() == 0x0102_0304_0506_0708 else { throw ImageError("the store image has another byte order") }
        var problems: [StoreProblem] = []
        for _ in 0..<(try r.count()) {
            let path = try r.string()
            let message = try r.string()
            problems.append(StoreProblem(path: path, message: message, severity: try r.bool() ? .error : .warning))
        }
        var workspaces: [Workspace] = []
        for _ in 0..<(try r.count()) {
            let id = try r.i64()
            let publicID = try r.string()
            let name = try r.string()
            let timezone = try r.string()
            workspaces.append(Workspace(id: id, publicID: publicID, name: name, timezone: timezone, zone: ZoneRules.named(timezone) ?? .utc))
        }
        let workspaceIndexByID = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.i64() }, value: index(workspaces.count))
        let workspaceIndexByPublicID = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.string() }, value: index(workspaces.count))
        var users: [User] = []
        for _ in 0..<(try r.count()) {
            let id = try uuid(&r)
            let publicID = try r.string()
            let name = try r.optionalString()
            let email = try r.optionalString()
            users.append(User(id: id, publicID: publicID, name: name, email: email, workspaceIDs: try r.raw(Int64.self)))
        }
        let userIndexByID = try map(&r, key: uuid, value: index(users.count))
        let userIndexByPublicID = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.string() }, value: index(users.count))
        let apiKeys = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.string() }) { (r: inout ImageReader) throws(ImageError) in
            let user = try optionalUUID(&r)
            let hasWorkspace = try r.bool()
            let workspace = try r.i64()
            return APIKey(userID: user, workspaceID: hasWorkspace ? workspace : nil, revoked: try r.bool())
        }
        let prospectCounts = try r.raw(Int64.self)
        var prospectStatusCounts: [[(status: String, count: Int64)]] = []
        for _ in 0..<(try r.count()) {
            var list: [(status: String, count: Int64)] = []
            for _ in 0..<(try r.count()) {
                let status = try r.string()
                list.append((status, try r.i64()))
            }
            prospectStatusCounts.append(list)
        }
        var activities: [CampaignActivities] = []
        for _ in 0..<(try r.count(minimumBytes: 24)) {
            var a = CampaignActivities()
            a.at = try r.raw(Int64.self)
            a.type = try r.raw(UInt8.self)
            a.prospect = try r.raw(Int32.self)
            guard a.type.count == a.at.count, a.prospect.count == a.at.count else { throw ImageError("an activity table is torn") }
            activities.append(a)
        }
        var funnels: [CampaignFunnel] = []
        for _ in 0..<(try r.count(minimumBytes: 48)) {
            var f = CampaignFunnel()
            f.typeCounts = try r.raw(Int64.self)
            guard f.typeCounts.count == ActivityType.allCases.count else { throw ImageError("a funnel is torn") }
            f.prospectsContacted = try r.i64()
            f.replied = try r.i64()
            f.interested = try r.i64()
            let low = try r.u64()
            let high = try r.u64()
            f.replyTimeNanosSum = Int128(Int64(bitPattern: high)) << 64 | Int128(low)
            f.replyTimeCount = try r.i64()
            funnels.append(f)
        }
        let campaignCount = prospectCounts.count
        guard prospectStatusCounts.count == campaignCount, activities.count == campaignCount, funnels.count == campaignCount else {
            throw ImageError("the per-campaign tables disagree in length")
        }
        let workspaceClicks = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.i64() }, value: daily)
        let campaignClicks = try map(&r, key: index(campaignCount), value: daily)
        let userClicks = try map(&r, key: workspaceUser, value: daily)
        let aliasCounts = try map(&r, key: workspaceUser) { (r: inout ImageReader) throws(ImageError) in try r.int() }
        let batchesByWorkspace = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.i64() }) { (r: inout ImageReader) throws(ImageError) in
            var list: [CallBatch] = []
            for _ in 0..<(try r.count()) {
                let id = try uuid(&r)
                let workspaceID = try r.i64()
                let campaignID = try optionalUUID(&r)
                let status = try r.string()
                let createdAtRaw = try r.json()
                let completedAtRaw = try r.json()
                let hasCreated = try r.bool()
                let created = try r.i64()
                var b = CallBatch(
                    id: id, workspaceID: workspaceID, campaignID: campaignID, status: status, createdAtRaw: createdAtRaw,
                    completedAtRaw: completedAtRaw, createdAt: hasCreated ? Instant(nanoseconds: created) : nil)
                b.totalCalls = try r.i64()
                b.completed = try r.i64()
                b.failed = try r.i64()
                b.pending = try r.i64()
                b.inProgress = try r.i64()
                list.append(b)
            }
            return list
        }
        let callStatsByWorkspace = try map(&r, key: { (r: inout ImageReader) throws(ImageError) in try r.i64() }) { (r: inout ImageReader) throws(ImageError) in
            var rows: [CallStatsRow] = []
            for _ in 0..<(try r.count()) {
                let date = Day(number: try r.int())
                let campaignID = try optionalUUID(&r)
                var c = CallCounters()
                c.totalCalls = try r.i64()
                c.completedCalls = try r.i64()
                c.connectedCalls = try r.i64()
                c.meetingsBooked = try r.i64()
                c.qualifiedLeads = try r.i64()
                c.conversationsHad = try r.i64()
                c.totalDurationSeconds = try r.i64()
                rows.append(CallStatsRow(date: date, campaignID: campaignID, counters: c))
            }
            return rows
        }
        var campaigns: [Campaign] = []
        for _ in 0..<(try r.count()) {
            let index = try r.int()
            guard index == campaigns.count else { throw ImageError("a campaign is out of order") }
            let id = try uuid(&r)
            let publicID = try r.string()
            let workspaceID = try r.i64()
            let ownerID = try optionalUUID(&r)
            let type = try r.string()
            let name = try r.optionalString()
            let status = try r.string()
            let hasCreated = try r.bool()
            let created = try r.i64()
            var assignees: [UUID128] = []
            for _ in 0..<(try r.count()) { assignees.append(try uuid(&r)) }
            campaigns.append(Campaign(
                index: index, id: id, publicID: publicID, workspaceID: workspaceID, ownerID: ownerID, type: type, name: name,
                status: status, createdAt: hasCreated ? Instant(nanoseconds: created) : nil, assigneeIDs: assignees, record: try r.object()))
        }
        var snapshots: [[WeeklySnapshot]] = []
        for _ in 0..<(try r.count()) {
            var list: [WeeklySnapshot] = []
            for _ in 0..<(try r.count()) {
                let campaignIndex = try r.int()
                let week = Day(number: try r.int())
                let record = try r.object()
                list.append(WeeklySnapshot(campaignIndex: campaignIndex, weekStart: week, stats: record["stats"]?.objectValue, record: record))
            }
            snapshots.append(list)
        }
        guard campaigns.count == campaignCount, snapshots.count == campaignCount else { throw ImageError("the campaign tables disagree in length") }
        guard try r.string() == "end", r.atEnd else { throw ImageError("the store image does not end where it should") }
        let tables = StoreTables(
            workspaces: workspaces, workspaceIndexByID: workspaceIndexByID, workspaceIndexByPublicID: workspaceIndexByPublicID,
            users: users, userIndexByID: userIndexByID, userIndexByPublicID: userIndexByPublicID, apiKeys: apiKeys,
            prospectCounts: prospectCounts, prospectStatusCounts: prospectStatusCounts, activities: activities, funnels: funnels,
            workspaceClicks: workspaceClicks, campaignClicks: campaignClicks, userClicks: userClicks, aliasCounts: aliasCounts,
            batchesByWorkspace: batchesByWorkspace, callStatsByWorkspace: callStatsByWorkspace)
        return (StoreData(tables: tables, campaigns: campaigns, snapshots: snapshots), problems)
    }

    // MARK: Parts

    /// A dictionary in a fixed order (by encoded key bytes), so one view always gives the same image.
    private static func map<K, V>(_ w: inout ImageWriter, _ m: [K: V], key: (inout ImageWriter, K) -> Void, value: (inout ImageWriter, V) -> Void) {
        var entries: [(key: [UInt8], value: V)] = []
        entries.reserveCapacity(m.count)
        for (k, v) in m {
            var kw = ImageWriter()
            key(&kw, k)
            entries.append((kw.bytes, v))
        }
        entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
        w.int(entries.count)
        for e in entries {
            w.bytes.append(contentsOf: e.key)
            value(&w, e.value)
        }
    }

    private static func map<K: Hashable, V>(
        _ r: inout ImageReader, key: (inout ImageReader) throws(ImageError) -> K, value: (inout ImageReader) throws(ImageError) -> V
    ) throws(ImageError) -> [K: V] {
        let n = try r.count()
        var m: [K: V] = [:]
        m.reserveCapacity(n)
        for _ in 0..<n {
            let k = try key(&r)
            m[k] = try value(&r)
        }
        return m
    }

    /// An index below `limit`.
    private static func index(_ limit: Int) -> (inout ImageReader) throws(ImageError) -> Int {
        { (r: inout ImageReader) throws(ImageError) -> Int in
            let i = try r.int()
            guard i >= 0, i < limit else { throw ImageError("an index is out of range") }
            return i
        }
    }

    private static func uuid(_ w: inout ImageWriter, _ id: UUID128) {
        w.u64(id.high)
        w.u64(id.low)
    }

    private static func uuid(_ r: inout ImageReader) throws(ImageError) -> UUID128 {
        let high = try r.u64()
        return UUID128(high: high, low: try r.u64())
    }

    private static func optionalUUID(_ w: inout ImageWriter, _ id: UUID128?) {
        w.bool(id != nil)
        if let id { uuid(&w, id) }
    }

    private static func optionalUUID(_ r: inout ImageReader) throws(ImageError) -> UUID128? {
        try r.bool() ? try uuid(&r) : nil
    }

    private static func workspaceUser(_ w: inout ImageWriter, _ k: WorkspaceUser) {
        w.i64(k.workspaceID)
        uuid(&w, k.userID)
    }

    private static func workspaceUser(_ r: inout ImageReader) throws(ImageError) -> WorkspaceUser {
        let workspaceID = try r.i64()
        return WorkspaceUser(workspaceID: workspaceID, userID: try uuid(&r))
    }

    private static func daily(_ w: inout ImageWriter, _ d: DailyCounts) {
        w.int(d.kinds)
        w.raw(d.days)
        w.raw(d.prefix)
    }

    private static func daily(_ r: inout ImageReader) throws(ImageError) -> DailyCounts {
        let kinds = try r.int()
        let days = try r.raw(Int32.self)
        guard let d = DailyCounts(kinds: kinds, days: days, prefix: try r.raw(Int64.self)) else { throw ImageError("a day table is torn") }
        return d
    }
}
