import StatsCore
import StatsJSON

/// Why the store cannot be served.
public enum StoreLoadError: Error, Sendable, Equatable {
    /// The JSON does not parse: where and why.
    case parse(message: String, line: Int, column: Int)
    /// `format` / `version` is not `stats-mcp-store` / 1 (or the top level is not an object).
    case format(String)
}

/// Streams a base file into `StoreData`: one pass over the bytes builds compact records, then the
/// indexes and aggregates are derived once. Unknown keys and fields are skipped here (they stay in
/// the file, which is only ever rewritten by copying untouched bytes).
public enum StoreLoader {
    /// - Parameters:
    ///   - progress: fraction of the bytes read so far, reported every few MiB.
    ///   - consumed: called with the reader's offset every few MiB; no byte before it is read again,
    ///     so the owner may give those pages back (error positions then need a fresh copy of the bytes).
    public static func load(
        _ bytes: UnsafeBufferPointer<UInt8>, progress: ((Double) -> Void)? = nil, consumed: ((Int) -> Void)? = nil
    ) throws -> (data: StoreData, problems: [StoreProblem]) {
        var raw = RawStore()
        var lastReport = 0
        if progress != nil || consumed != nil {
            raw.onPosition = { position in
                guard position - lastReport > 8 << 20 else { return }
                lastReport = position
                consumed?(position)
                progress?(Double(position) / Double(max(1, bytes.count)))
            }
        }
        var reader = RecordReader(JSONReader(bytes: bytes, maxDepth: 512))
        do {
            // A leading UTF-8 BOM is tolerated.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.json.position = 3 }
            guard reader.nextByte == UInt8(ascii: "{") else {
                if reader.json.peek() == nil { throw reader.json.error("the file is empty") }
                try reader.json.skipValue()
                throw StoreLoadError.format("the top level is not a JSON object")
            }
            try reader.members { r, key, _ in
                try raw.readMember(&r, key: key)
                raw.onPosition?(r.json.position)
            }
            reader.json.skipWhitespace()
            guard reader.json.isAtEnd else { throw reader.json.error("unexpected data after the JSON value") }
        } catch let e as JSONParseError {
            throw StoreLoadError.parse(message: e.message, line: e.line, column: e.column)
        }
        guard case let .string(format)? = raw.format, format == "stats-mcp-store" else {
            throw StoreLoadError.format("format is \(describe(raw.format)), expected \"stats-mcp-store\"")
        }
        guard let version = raw.version, version.integerValue == 1 else {
            throw StoreLoadError.format("version is \(describe(raw.version)), expected 1")
        }
        let built = raw.build()
        progress?(1)
        return built
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "missing" }
        let text = JSON.string(value)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// Re-derives a campaign's query fields from its (changed) record; identity fields stay.
    static func refreshCampaign(_ campaign: Campaign, record: JSONObject) -> Campaign {
        var c = campaign
        c.record = record
        c.type = record["type"]?.stringValue ?? c.type
        c.name = record["name"]?.stringValue
        c.status = record["status"]?.stringValue ?? c.status
        c.createdAt = record["created_at"]?.stringValue.flatMap(Instant.parse)
        c.ownerID = record["user_id"]?.stringValue.flatMap(UUID128.init)
        c.assigneeIDs = (record["assignee_ids"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(UUID128.init) }
        return c
    }
}

// MARK: - Raw records (first pass)

private struct RawProspect {
    var id: UUID128
    var campaign: UUID128
    var status: Int32
    var ordinal: Int32
}

private struct RawActivity {
    var at: Int64
    var campaign: UUID128
    var prospect: UUID128
    var type: UInt8
    var ordinal: Int32  // index in the file's array, for `check`
}

private struct RawClick {
    var at: Int64  // seconds
    var workspace: Int64
    var campaign: UUID128
    var user: UUID128
    var kind: UInt8
    var flags: UInt8  // 1 = has campaign, 2 = has user
    var ordinal: Int32  // index in the file's array, for `check`
}

private struct RawCall {
    var batch: UUID128
    var status: UInt8  // 0 pending, 1 in_progress, 2 completed, 3 failed, 4 other
    var id: UUID128?
    var ordinal: Int32  // index in the file's array, for `check`
}

private struct RawStore {
    /// Reports the reader's offset (progress, page release) while streaming big arrays.
    var onPosition: ((Int) -> Void)?
    var format: JSONValue?
    var version: JSONValue?
    var problems: [StoreProblem] = []
    var workspaces: [(JSONObject, Int)] = []
    var users: [(JSONObject, Int)] = []
    var apiKeys: [(JSONObject, Int)] = []
    var campaigns: [(JSONObject, Int)] = []
    var snapshots: [(JSONObject, Int)] = []
    var aliases: [(JSONObject, Int)] = []
    var batches: [(JSONObject, Int)] = []
    var callStats: [(JSONObject, Int)] = []
    var prospects: [RawProspect] = []
    var activities: [RawActivity] = []
    var clicks: [RawClick] = []
    var calls: [RawCall] = []
    var statusNames: [String] = []
    var statusIndex: [String: Int32] = [:]

    mutating func problem(_ path: String, _ message: String, _ severity: StoreProblem.Severity = .warning) {
        problems.append(StoreProblem(path: path, message: message, severity: severity))
    }

    mutating func readMember(_ r: inout RecordReader, key: Range<Int>) throws {
        if r.keyIs(key, "format") {
            format = try r.value()
        } else if r.keyIs(key, "version") {
            version = try r.value()
        } else if r.keyIs(key, "workspaces") {
            workspaces = try objects(&r, "workspaces")
        } else if r.keyIs(key, "users") {
            users = try objects(&r, "users")
        } else if r.keyIs(key, "api_keys") {
            apiKeys = try objects(&r, "api_keys")
        } else if r.keyIs(key, "campaigns") {
            campaigns = try objects(&r, "campaigns")
        } else if r.keyIs(key, "weekly_snapshots") {
            snapshots = try objects(&r, "weekly_snapshots")
        } else if r.keyIs(key, "aliases") {
            aliases = try objects(&r, "aliases")
        } else if r.keyIs(key, "call_batches") {
            batches = try objects(&r, "call_batches")
        } else if r.keyIs(key, "call_stats_daily") {
            callStats = try objects(&r, "call_stats_daily")
        } else if r.keyIs(key, "prospects") {
            try readProspects(&r)
        } else if r.keyIs(key, "activities") {
            try readActivities(&r)
        } else if r.keyIs(key, "clicks") {
            try readClicks(&r)
        } else if r.keyIs(key, "calls") {
            try readCalls(&r)
        } else {
            try r.skip()
        }
    }

    /// Reads an array of objects as JSON trees (small collections); non-objects are reported.
    mutating func objects(_ r: inout RecordReader, _ name: String) throws -> [(JSONObject, Int)] {
        guard r.nextByte == UInt8(ascii: "[") else {
            if r.json.consumeNull() { return [] }
            try r.skip()
            problem("$.\(name)", "not an array; ignored", .error)
            return []
        }
        var out: [(JSONObject, Int)] = []
        var i = 0
        try r.json.readArray(depth: 1) { json in
            let value = try json.parseValue(depth: 2)
            if case let .object(o) = value { out.append((o, i)) } else { problem("$.\(name)[\(i)]", "not an object; ignored") }
            i += 1
        }
        return out
    }

    /// Streams an array of objects, calling `body` for each (which reads its members).
    mutating func stream(_ r: inout RecordReader, _ name: String, _ body: (inout RawStore, inout RecordReader, Int) throws -> Void) throws {
        guard r.nextByte == UInt8(ascii: "[") else {
            if r.json.consumeNull() { return }
            try r.skip()
            problem("$.\(name)", "not an array; ignored", .error)
            return
        }
        var i = 0
        var me = self
        try r.json.readArray(depth: 1) { json in
            var rr = RecordReader(json)
            if rr.nextByte == UInt8(ascii: "{") {
                try body(&me, &rr, i)
            } else {
                try rr.json.skipValue(depth: 2)
                me.problem("$.\(name)[\(i)]", "not an object; ignored")
            }
            json = rr.json
            i += 1
            if i & 4095 == 0 { me.onPosition?(json.position) }
        }
        self = me
    }

    mutating func intern(_ status: String) -> Int32 {
        if let i = statusIndex[status] { return i }
        let i = Int32(statusNames.count)
        statusNames.append(status)
        statusIndex[status] = i
        return i
    }

    mutating func readProspects(_ r: inout RecordReader) throws {
        try stream(&r, "prospects") { me, rr, i in
            var id: UUID128?
            var campaign: UUID128?
            var status: String?
            try rr.members { rr, key, _ in
                if rr.keyIs(key, "id") {
                    if case let .value(u) = try rr.uuid() { id = u }
                } else if rr.keyIs(key, "campaign_id") {
                    if case let .value(u) = try rr.uuid() { campaign = u }
                } else if rr.keyIs(key, "status") {
                    status = try rr.string()
                } else {
                    try rr.skip()
                }
            }
            guard let id, let campaign else {
                me.problem("$.prospects[\(i)]", "missing or malformed id or campaign_id; ignored")
                return
            }
            let s = me.intern(status ?? "")
            me.prospects.append(RawProspect(id: id, campaign: campaign, status: s, ordinal: Int32(truncatingIfNeeded: i)))
        }
    }

    mutating func readActivities(_ r: inout RecordReader) throws {
        try stream(&r, "activities") { me, rr, i in
            var campaign: UUID128?
            var prospect: UUID128?
            var type: ActivityType?
            var at: Instant?
            try rr.members { rr, key, _ in
                if rr.keyIs(key, "campaign_id") {
                    if case let .value(u) = try rr.uuid() { campaign = u }
                } else if rr.keyIs(key, "prospect_id") {
                    if case let .value(u) = try rr.uuid() { prospect = u }
                } else if rr.keyIs(key, "type") {
                    type = try rr.string().flatMap(ActivityType.init(name:))
                } else if rr.keyIs(key, "at") {
                    at = try rr.instant()
                } else {
                    try rr.skip()
                }
            }
            guard let campaign, let prospect, let type, let at else {
                me.problem("$.activities[\(i)]", "missing or malformed campaign_id, prospect_id, type or at; ignored")
                return
            }
            me.activities.append(
                RawActivity(at: at.nanoseconds, campaign: campaign, prospect: prospect, type: type.rawValue, ordinal: Int32(truncatingIfNeeded: i)))
        }
    }

    mutating func readClicks(_ r: inout RecordReader) throws {
        try stream(&r, "clicks") { me, rr, i in
            var workspace: Int64?
            var kind: ClickKind?
            var at: Instant?
            var click = RawClick(
                at: 0, workspace: 0, campaign: UUID128(high: 0, low: 0), user: UUID128(high: 0, low: 0), kind: 0, flags: 0,
                ordinal: Int32(truncatingIfNeeded: i))
            try rr.members { rr, key, _ in
                if rr.keyIs(key, "workspace_id") {
                    workspace = try rr.int()
                } else if rr.keyIs(key, "kind") {
                    kind = try rr.string().flatMap(ClickKind.init(name:))
                } else if rr.keyIs(key, "at") {
                    at = try rr.instant()
                } else if rr.keyIs(key, "campaign_id") {
                    if case let .value(u) = try rr.uuid() {
                        click.campaign = u
                        click.flags |= 1
                    }
                } else if rr.keyIs(key, "user_id") {
                    if case let .value(u) = try rr.uuid() {
                        click.user = u
                        click.flags |= 2
                    }
                } else {
                    try rr.skip()
                }
            }
            guard let workspace, let kind, let at else {
                me.problem("$.clicks[\(i)]", "missing or malformed workspace_id, kind or at; ignored")
                return
            }
            click.workspace = workspace
            click.kind = UInt8(kind.rawValue)
            click.at = at.seconds
            me.clicks.append(click)
        }
    }

    mutating func readCalls(_ r: inout RecordReader) throws {
        try stream(&r, "calls") { me, rr, i in
            var batch: UUID128?
            var id: UUID128?
            var status: UInt8 = 4
            try rr.members { rr, key, _ in
                if rr.keyIs(key, "batch_id") {
                    if case let .value(u) = try rr.uuid() { batch = u }
                } else if rr.keyIs(key, "id") {
                    if case let .value(u) = try rr.uuid() { id = u }
                } else if rr.keyIs(key, "status") {
                    switch try rr.string() {
                    case "pending": status = 0
                    case "in_progress": status = 1
                    case "completed": status = 2
                    case "failed": status = 3
                    default: status = 4
                    }
                } else {
                    try rr.skip()
                }
            }
            guard let batch else {
                me.problem("$.calls[\(i)]", "missing or malformed batch_id; ignored")
                return
            }
            me.calls.append(RawCall(batch: batch, status: status, id: id, ordinal: Int32(truncatingIfNeeded: i)))
        }
    }

    // MARK: - Second pass: resolve references, build indexes and aggregates

    mutating func build() -> (data: StoreData, problems: [StoreProblem]) {
        // Workspaces
        var workspaceList: [Workspace] = []
        var wsByID: [Int64: Int] = [:]
        var wsByPublic: [String: Int] = [:]
        for (o, i) in workspaces {
            let path = "$.workspaces[\(i)]"
            guard let id = o["id"]?.integerValue, let publicID = o["public_id"]?.stringValue else {
                problem(path, "missing or malformed id or public_id; ignored")
                continue
            }
            if !Identifiers.isPublicID(publicID, prefix: "ws") { problem(path + ".public_id", "not a ws_ ULID") }
            if wsByID[id] != nil || wsByPublic[publicID] != nil {
                problem(path, "duplicate workspace id or public_id; the first one wins")
                continue
            }
            let tzName = o["timezone"]?.stringValue ?? "UTC"
            var zone = ZoneRules.utc
            var zoneName = tzName
            if let z = ZoneRules.named(tzName) {
                zone = z
            } else {
                problem(path + ".timezone", "unknown time zone \"\(tzName)\"; treated as UTC")
                zoneName = "UTC"  // answers echo the zone actually used
            }
            wsByID[id] = workspaceList.count
            wsByPublic[publicID] = workspaceList.count
            workspaceList.append(Workspace(id: id, publicID: publicID, name: o["name"]?.stringValue ?? "", timezone: zoneName, zone: zone))
        }

        // Users
        var userList: [User] = []
        var userByID: [UUID128: Int] = [:]
        var userByPublic: [String: Int] = [:]
        for (o, i) in users {
            let path = "$.users[\(i)]"
            guard let id = o["id"]?.stringValue.flatMap(UUID128.init), let publicID = o["public_id"]?.stringValue else {
                problem(path, "missing or malformed id or public_id; ignored")
                continue
            }
            if userByID[id] != nil || userByPublic[publicID] != nil {
                problem(path, "duplicate user id or public_id; the first one wins")
                continue
            }
            var linked: [Int64] = []
            for (k, w) in (o["workspace_ids"]?.arrayValue ?? []).enumerated() {
                guard let wid = w.integerValue else {
                    problem(path + ".workspace_ids[\(k)]", "not an integer; ignored")
                    continue
                }
                if wsByID[wid] == nil {
                    problem(path + ".workspace_ids[\(k)]", "unknown workspace \(wid); ignored")
                } else if !linked.contains(wid) {
                    linked.append(wid)
                }
            }
            userByID[id] = userList.count
            userByPublic[publicID] = userList.count
            userList.append(User(id: id, publicID: publicID, name: o["name"]?.stringValue, email: o["email"]?.stringValue, workspaceIDs: linked))
        }

        // API keys
        var keys: [String: APIKey] = [:]
        for (o, i) in apiKeys {
            let path = "$.api_keys[\(i)]"
            guard let sha = o["key_sha256"]?.stringValue else {
                problem(path, "missing key_sha256; ignored")
                continue
            }
            if keys[sha] != nil {
                problem(path, "duplicate key_sha256; the first one wins")
                continue
            }
            let userID = o["user_id"]?.stringValue.flatMap(UUID128.init)
            let wsID = o["workspace_id"]?.integerValue
            let key = APIKey(userID: userID, workspaceID: wsID, revoked: o["revoked"]?.boolValue ?? false)
            if let u = userID.flatMap({ userByID[$0] }), let w = wsID, wsByID[w] != nil {
                if !userList[u].workspaceIDs.contains(w) { problem(path, "bound to a user who is not linked to workspace \(w); the key is unauthorized") }
            } else {
                problem(path, "bound to an unknown user or workspace; the key is unauthorized")
            }
            keys[sha] = key
        }

        // Campaigns
        var campaignList: [Campaign] = []
        var campByID: [UUID128: Int] = [:]
        var campByPublic: [String: Int] = [:]
        for (o, i) in campaigns {
            let path = "$.campaigns[\(i)]"
            guard let id = o["id"]?.stringValue.flatMap(UUID128.init), let publicID = o["public_id"]?.stringValue,
                let wsID = o["workspace_id"]?.integerValue
            else {
                problem(path, "missing or malformed id, public_id or workspace_id; ignored")
                continue
            }
            guard wsByID[wsID] != nil else {
                problem(path + ".workspace_id", "unknown workspace \(wsID); the campaign and its records are ignored")
                continue
            }
            if campByID[id] != nil || campByPublic[publicID] != nil {
                problem(path, "duplicate campaign id or public_id; the first one wins")
                continue
            }
            let base = Campaign(
                index: campaignList.count, id: id, publicID: publicID, workspaceID: wsID, ownerID: nil, type: "", name: nil,
                status: "", createdAt: nil, assigneeIDs: [], record: o)
            let c = StoreLoader.refreshCampaign(base, record: o)
            if let owner = c.ownerID, userByID[owner] == nil { problem(path + ".user_id", "unknown owner; shown as null") }
            campByID[id] = c.index
            campByPublic[publicID] = c.index
            campaignList.append(c)
        }
        let campaignCount = campaignList.count

        // Prospects: grouped by campaign into contiguous local numbers.
        var prospectCampaign: [UUID128: (campaign: Int32, local: Int32)] = [:]
        prospectCampaign.reserveCapacity(prospects.count)
        var perCampaignCount = [Int64](repeating: 0, count: campaignCount)
        var statusCounts = [[Int64]](repeating: [], count: campaignCount)
        var statusOrder = [[Int32]](repeating: [], count: campaignCount)
        for p in prospects {
            guard let c = campByID[p.campaign] else {
                problem("$.prospects[\(p.ordinal)].campaign_id", "unknown campaign; ignored")
                continue
            }
            if prospectCampaign[p.id] != nil {
                problem("$.prospects[\(p.ordinal)].id", "duplicate prospect id; the first one wins")
                continue
            }
            prospectCampaign[p.id] = (Int32(c), Int32(perCampaignCount[c]))
            perCampaignCount[c] += 1
            let s = Int(p.status)
            if statusCounts[c].count <= s { statusCounts[c] += [Int64](repeating: 0, count: s + 1 - statusCounts[c].count) }
            if statusCounts[c][s] == 0 { statusOrder[c].append(p.status) }
            statusCounts[c][s] += 1
        }
        prospects = []
        let prospectStatus: [[(status: String, count: Int64)]] = (0..<campaignCount).map { c in
            statusOrder[c].map { (statusNames[Int($0)], statusCounts[c][Int($0)]) }
        }

        // Activities: resolved, grouped per campaign, sorted by time (stable).
        var perCampaignActivities = [[Int]](repeating: [], count: campaignCount)
        var ignoredActivities = CappedProblems(array: "activities")
        for (k, a) in activities.enumerated() {
            guard let c = campByID[a.campaign] else {
                ignoredActivities.add(a.ordinal, "campaign_id", "unknown campaign; ignored")
                continue
            }
            guard let p = prospectCampaign[a.prospect] else {
                ignoredActivities.add(a.ordinal, "prospect_id", "unknown prospect; ignored")
                continue
            }
            guard Int(p.campaign) == c else {
                ignoredActivities.add(a.ordinal, "prospect_id", "the prospect belongs to another campaign; ignored")
                continue
            }
            perCampaignActivities[c].append(k)
        }
        problems += ignoredActivities.problems
        var activityTables = [CampaignActivities](repeating: CampaignActivities(), count: campaignCount)
        var funnels = [CampaignFunnel](repeating: CampaignFunnel(), count: campaignCount)
        for c in 0..<campaignCount {
            let order = perCampaignActivities[c].sorted { (activities[$0].at, $0) < (activities[$1].at, $1) }
            var t = CampaignActivities()
            t.at.reserveCapacity(order.count)
            t.type.reserveCapacity(order.count)
            t.prospect.reserveCapacity(order.count)
            for k in order {
                let a = activities[k]
                t.at.append(a.at)
                t.type.append(a.type)
                t.prospect.append(prospectCampaign[a.prospect]!.local)
            }
            funnels[c] = Self.funnel(t, prospects: Int(perCampaignCount[c]))
            activityTables[c] = t
        }
        activities = []
        prospectCampaign = [:]

        // Clicks: per local day in the click's workspace time zone.
        var wsEvents: [Int64: [(day: Int32, kind: Int)]] = [:]
        var campaignEvents: [Int: [(day: Int32, kind: Int)]] = [:]
        var userEvents: [WorkspaceUser: [(day: Int32, kind: Int)]] = [:]
        var ignoredClicks = CappedProblems(array: "clicks")
        for click in clicks {
            guard let w = wsByID[click.workspace] else {
                ignoredClicks.add(click.ordinal, "workspace_id", "unknown workspace \(click.workspace); ignored")
                continue
            }
            let day = Int32(clamping: workspaceList[w].zone.localDay(utcSeconds: click.at).number)
            let event = (day: day, kind: Int(click.kind))
            wsEvents[click.workspace, default: []].append(event)
            if click.flags & 1 != 0, let c = campByID[click.campaign], campaignList[c].workspaceID == click.workspace {
                campaignEvents[c, default: []].append(event)
            }
            if click.flags & 2 != 0 {
                userEvents[WorkspaceUser(workspaceID: click.workspace, userID: click.user), default: []].append(event)
            }
        }
        problems += ignoredClicks.problems
        clicks = []
        let kinds = ClickKind.allCases.count
        let wsClicks = wsEvents.mapValues { DailyCounts(kinds: kinds, events: $0) }
        let campClicks = campaignEvents.mapValues { DailyCounts(kinds: kinds, events: $0) }
        let userClicks = userEvents.mapValues { DailyCounts(kinds: kinds, events: $0) }

        // Aliases
        var aliasCounts: [WorkspaceUser: Int] = [:]
        var aliasIDs = Set<UUID128>()
        for (o, i) in aliases {
            guard let wsID = o["workspace_id"]?.integerValue, wsByID[wsID] != nil else {
                problem("$.aliases[\(i)]", "unknown or malformed workspace_id; ignored")
                continue
            }
            if let id = o["id"]?.stringValue.flatMap(UUID128.init) {
                guard aliasIDs.insert(id).inserted else {
                    problem("$.aliases[\(i)].id", "duplicate alias id; the first one wins")
                    continue
                }
            }
            if let user = o["user_id"]?.stringValue.flatMap(UUID128.init) {
                aliasCounts[WorkspaceUser(workspaceID: wsID, userID: user), default: 0] += 1
            }
        }

        // Weekly snapshots: per campaign, unique per week, sorted.
        var snapshotLists = [[WeeklySnapshot]](repeating: [], count: campaignCount)
        for (o, i) in snapshots {
            let path = "$.weekly_snapshots[\(i)]"
            guard let c = o["campaign_id"]?.stringValue.flatMap(UUID128.init).flatMap({ campByID[$0] }) else {
                problem(path + ".campaign_id", "unknown campaign; ignored")
                continue
            }
            guard let week = o["week_start"]?.stringValue.flatMap(Day.parse) else {
                problem(path + ".week_start", "not a YYYY-MM-DD date; ignored")
                continue
            }
            if week.isoWeekday != 1 { problem(path + ".week_start", "\(week) is not a Monday") }
            if snapshotLists[c].contains(where: { $0.weekStart == week }) {
                problem(path, "duplicate snapshot for this campaign and week; the first one wins")
                continue
            }
            snapshotLists[c].append(WeeklySnapshot(campaignIndex: c, weekStart: week, stats: o["stats"]?.objectValue, record: o))
        }
        for c in 0..<campaignCount { snapshotLists[c].sort { $0.weekStart < $1.weekStart } }

        // Call batches and their calls.
        var batchList: [CallBatch] = []
        var batchByID: [UUID128: Int] = [:]
        for (o, i) in batches {
            let path = "$.call_batches[\(i)]"
            guard let id = o["id"]?.stringValue.flatMap(UUID128.init), let wsID = o["workspace_id"]?.integerValue else {
                problem(path, "missing or malformed id or workspace_id; ignored")
                continue
            }
            guard wsByID[wsID] != nil else {
                problem(path + ".workspace_id", "unknown workspace; ignored")
                continue
            }
            guard batchByID[id] == nil else {
                problem(path, "duplicate batch id; the first one wins")
                continue
            }
            let created = o["created_at"] ?? .null
            batchByID[id] = batchList.count
            batchList.append(
                CallBatch(
                    id: id, workspaceID: wsID, campaignID: o["campaign_id"]?.stringValue.flatMap(UUID128.init),
                    status: o["status"]?.stringValue ?? "", createdAtRaw: created, completedAtRaw: o["completed_at"] ?? .null,
                    createdAt: created.stringValue.flatMap(Instant.parse)))
        }
        var callIDs = Set<UUID128>()
        var ignoredCalls = CappedProblems(array: "calls")
        for call in calls {
            guard let b = batchByID[call.batch] else {
                ignoredCalls.add(call.ordinal, "batch_id", "unknown batch; ignored")
                continue
            }
            if let id = call.id, !callIDs.insert(id).inserted {
                ignoredCalls.add(call.ordinal, "id", "duplicate call id; the first one wins")
                continue
            }
            batchList[b].totalCalls += 1
            switch call.status {
            case 0: batchList[b].pending += 1
            case 1: batchList[b].inProgress += 1
            case 2: batchList[b].completed += 1
            case 3: batchList[b].failed += 1
            default: break
            }
        }
        problems += ignoredCalls.problems
        calls = []
        var batchesByWorkspace: [Int64: [CallBatch]] = [:]
        for b in batchList { batchesByWorkspace[b.workspaceID, default: []].append(b) }
        for (k, list) in batchesByWorkspace {
            batchesByWorkspace[k] = list.sorted { a, b in
                let ta = a.createdAt?.nanoseconds ?? Int64.min
                let tb = b.createdAt?.nanoseconds ?? Int64.min
                if ta != tb { return ta > tb }
                return a.id < b.id
            }
        }

        // Daily call stats.
        var rowsByWorkspace: [Int64: [CallStatsRow]] = [:]
        for (o, i) in callStats {
            let path = "$.call_stats_daily[\(i)]"
            guard let wsID = o["workspace_id"]?.integerValue, wsByID[wsID] != nil else {
                problem(path + ".workspace_id", "unknown or malformed workspace; ignored")
                continue
            }
            guard let date = o["date"]?.stringValue.flatMap(Day.parse) else {
                problem(path + ".date", "not a YYYY-MM-DD date; ignored")
                continue
            }
            var counters = CallCounters()
            func field(_ name: String) -> Int64 { o[name]?.integerValue ?? 0 }
            counters.totalCalls = field("total_calls")
            counters.completedCalls = field("completed_calls")
            counters.connectedCalls = field("connected_calls")
            counters.meetingsBooked = field("meetings_booked")
            counters.qualifiedLeads = field("qualified_leads")
            counters.conversationsHad = field("conversations_had")
            counters.totalDurationSeconds = field("total_duration_seconds")
            rowsByWorkspace[wsID, default: []].append(
                CallStatsRow(date: date, campaignID: o["campaign_id"]?.stringValue.flatMap(UUID128.init), counters: counters))
        }
        for (k, rows) in rowsByWorkspace { rowsByWorkspace[k] = rows.sorted { $0.date < $1.date } }

        let tables = StoreTables(
            workspaces: workspaceList, workspaceIndexByID: wsByID, workspaceIndexByPublicID: wsByPublic,
            users: userList, userIndexByID: userByID, userIndexByPublicID: userByPublic, apiKeys: keys,
            prospectCounts: perCampaignCount, prospectStatusCounts: prospectStatus,
            activities: activityTables, funnels: funnels,
            workspaceClicks: wsClicks, campaignClicks: campClicks, userClicks: userClicks,
            aliasCounts: aliasCounts, batchesByWorkspace: batchesByWorkspace, callStatsByWorkspace: rowsByWorkspace)
        let data = StoreData(tables: tables, campaigns: campaignList, snapshots: snapshotLists)
        return (data, problems)
    }

    /// All-time funnel of one campaign from its time-sorted activities.
    static func funnel(_ t: CampaignActivities, prospects: Int) -> CampaignFunnel {
        var f = CampaignFunnel()
        guard t.count > 0 else { return f }
        let none = Int64.max
        var firstOutbound = [Int64](repeating: none, count: prospects)
        var firstReply = [Int64](repeating: none, count: prospects)
        var interested = [Bool](repeating: false, count: prospects)
        for k in 0..<t.count {
            let type = t.type[k]
            f.typeCounts[Int(type)] += 1
            let p = Int(t.prospect[k])
            guard let kind = ActivityType(rawValue: type) else { continue }
            if kind.isOutbound {
                if firstOutbound[p] == none { firstOutbound[p] = t.at[k] }
            } else if kind == .reply {
                if firstReply[p] == none { firstReply[p] = t.at[k] }
            } else if kind == .interested {
                interested[p] = true
            }
        }
        for p in 0..<prospects {
            if firstOutbound[p] != none { f.prospectsContacted += 1 }
            if interested[p] { f.interested += 1 }
            if firstReply[p] != none {
                f.replied += 1
                if firstOutbound[p] < firstReply[p] {
                    f.replyTimeNanosSum += Int128(firstReply[p] - firstOutbound[p])
                    f.replyTimeCount += 1
                }
            }
        }
        return f
    }
}

/// Problems of one big array, each with its JSON path; past `limit` only a count is kept, so a store
/// with millions of bad rows cannot flood memory (the summary names how many more there were).
private struct CappedProblems {
    let array: String
    let limit = 1000
    var problems: [StoreProblem] = []
    var more = 0

    init(array: String) { self.array = array }

    mutating func add(_ ordinal: Int32, _ field: String, _ message: String) {
        if problems.count < limit {
            problems.append(StoreProblem(path: "$.\(array)[\(ordinal)].\(field)", message: message))
        } else {
            more += 1
            if more == 1 {
                problems.append(StoreProblem(path: "$.\(array)", message: "more records like the above; counted at the end"))
            }
            problems[limit] = StoreProblem(path: "$.\(array)", message: "\(more) more ignored records not listed one by one")
        }
    }
}
