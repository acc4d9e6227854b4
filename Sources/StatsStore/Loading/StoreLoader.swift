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
        do {
            try readDocument(bytes, into: &raw)
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

    /// The first pass: reads the top-level members into `raw` (throws `JSONParseError`, or
    /// `StoreLoadError.format` when the top level is not an object). A leading UTF-8 BOM is tolerated.
    static func readDocument(_ bytes: UnsafeBufferPointer<UInt8>, into raw: inout RawStore) throws {
        var reader = RecordReader(JSONReader(bytes: bytes, maxDepth: 512))
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
    }

    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "missing" }
        let text = JSON.string(value)
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }
}

// MARK: - Raw records (first pass)

struct RawStore {
    /// Only `workspaces`, `campaigns` and `weekly_snapshots` are read (the rest is skipped): what
    /// `StoreSelection` needs to know which records the loader serves.
    var selectionOnly = false
    /// How many times the top-level `campaigns` / `weekly_snapshots` keys occurred (the last one counts).
    var campaignsOccurrences = 0
    var snapshotsOccurrences = 0
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
        if r.keyIs(key, "workspaces") {
            workspaces = try objects(&r, WorkspaceRecords.shape.array)
        } else if r.keyIs(key, "campaigns") {
            campaignsOccurrences += 1
            campaigns = try objects(&r, CampaignRecords.shape.array)
        } else if r.keyIs(key, "weekly_snapshots") {
            snapshotsOccurrences += 1
            snapshots = try objects(&r, SnapshotRecords.shape.array)
        } else if selectionOnly {
            try r.skip()
        } else if r.keyIs(key, "format") {
            format = try r.value()
        } else if r.keyIs(key, "version") {
            version = try r.value()
        } else if r.keyIs(key, "users") {
            users = try objects(&r, UserRecords.shape.array)
        } else if r.keyIs(key, "api_keys") {
            apiKeys = try objects(&r, APIKeyRecords.shape.array)
        } else if r.keyIs(key, "aliases") {
            aliases = try objects(&r, AliasRecords.shape.array)
        } else if r.keyIs(key, "call_batches") {
            batches = try objects(&r, CallBatchRecords.shape.array)
        } else if r.keyIs(key, "call_stats_daily") {
            callStats = try objects(&r, CallStatsRecords.shape.array)
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

    // MARK: - Second pass: resolve references, build indexes and aggregates (one file per record kind)

    mutating func build() -> (data: StoreData, problems: [StoreProblem]) {
        let ws = buildWorkspaces()
        let people = buildUsers(ws)
        let keys = buildAPIKeys(ws, people)
        let camps = buildCampaigns(ws, people)
        let prospectTables = buildProspects(camps)
        let activityTables = buildActivities(camps, prospectTables)
        let clickTables = buildClicks(ws, camps)
        let aliasCounts = buildAliases(ws)
        let snapshotLists = buildSnapshots(camps)
        let batchesByWorkspace = buildCallBatches(ws)
        let rowsByWorkspace = buildCallStats(ws)

        let tables = StoreTables(
            workspaces: ws.list, workspaceIndexByID: ws.byID, workspaceIndexByPublicID: ws.byPublic,
            users: people.list, userIndexByID: people.byID, userIndexByPublicID: people.byPublic, apiKeys: keys,
            prospectCounts: prospectTables.perCampaignCount, prospectStatusCounts: prospectTables.statusCounts,
            activities: activityTables.tables, funnels: activityTables.funnels,
            workspaceClicks: clickTables.workspace, campaignClicks: clickTables.campaign, userClicks: clickTables.user,
            aliasCounts: aliasCounts, batchesByWorkspace: batchesByWorkspace, callStatsByWorkspace: rowsByWorkspace)
        let data = StoreData(tables: tables, campaigns: camps.list, snapshots: snapshotLists)
        return (data, problems)
    }

    /// Checks a tree-parsed record against its kind's shape; reports and returns false when it breaks it.
    mutating func conforms(_ record: JSONObject, _ ordinal: Int, _ shape: RecordShape) -> Bool {
        guard let violation = shape.violation(record, ordinal: ordinal) else { return true }
        problems.append(violation)
        return false
    }
}

/// Problems of one big array, each with its JSON path; past `limit` only a count is kept, so a store
/// with millions of bad rows cannot flood memory (the summary names how many more there were).
struct CappedProblems {
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
