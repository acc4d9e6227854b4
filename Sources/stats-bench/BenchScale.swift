// stats-bench: the demo store of a scale (generated once into the cache) and the benchmark of one scale.
import Foundation
import StatsDemo
import StatsJSON

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Stores

@MainActor func ensureStore(_ scale: DemoScale) throws -> (path: String, generated: Double?) {
    try FileManager.default.createDirectory(atPath: options.cache, withIntermediateDirectories: true)
    let path = "\(options.cache)/\(scale.name)-seed\(options.seed).json"
    if FileManager.default.fileExists(atPath: path) { return (path, nil) }
    let tmp = path + ".tmp\(getpid())"
    guard let fp = fopen(tmp, "wb") else { throw BenchError(description: "cannot create \(tmp)") }
    let t0 = nowNS()
    var lastPct = -10
    try DemoGenerator(scale: scale, seed: options.seed).write(progress: { f in
        let pct = Int(f * 100)
        if pct >= lastPct + 10 { lastPct = pct; log("    generating \(scale.name): \(pct)%") }
    }, to: { chunk in
        if fwrite(chunk.baseAddress, 1, chunk.count, fp) != chunk.count { throw BenchError(description: "write failed") }
    })
    fclose(fp)
    let secs = Double(nowNS() - t0) / 1e9
    guard rename(tmp, path) == 0 else { throw BenchError(description: "rename failed") }
    return (path, secs)
}

// MARK: - The benchmark of one scale

@MainActor func bench(_ scale: DemoScale) throws {
    let name = scale.name
    log("\n== \(name) ==")
    let (storePath, genSecs) = try ensureStore(scale)
    let size = fileSize(storePath)
    let sizeMB = Double(size) / 1e6
    log(String(format: "  store %@ (%.1f MB)%@", storePath, sizeMB, genSecs.map { String(format: ", generated in %.1f s", $0) } ?? ", cached"))
    if let g = genSecs { extra["\(name).generate_seconds"] = .double(g) }
    extra["\(name).file_bytes"] = .int(Int64(size))

    let gen = DemoGenerator(scale: scale, seed: options.seed)
    let owner = gen.keys[0]
    let flagship = gen.flagshipCampaign
    let key = owner.key
    let isLarge = size > 500_000_000
    let logDir = "\(options.cache)/logs"
    try FileManager.default.createDirectory(atPath: logDir, withIntermediateDirectories: true)

    // SPEC §12: serve from PostgreSQL — the demo store imported into the database given with --store.
    var served = storePath
    if let url = options.pgStore {
        let t0 = nowNS()
        for args in [["db", "init", url], ["db", "import", storePath, url, "--replace"]] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binaryPath)
            p.arguments = args
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            if p.terminationStatus != 0 { throw BenchError(description: "stats-mcp \(args.prefix(2).joined(separator: " ")) failed") }
        }
        let secs = Double(nowNS() - t0) / 1e9
        log(String(format: "  imported into PostgreSQL in %.1f s", secs))
        extra["\(name).pg_import_seconds"] = .double(secs)
        served = url
    }
    let pg = options.pgStore != nil

    // Warm the page cache so every run measures the same thing (a warm file, as after the first run).
    if let fh = FileHandle(forReadingAtPath: storePath) {
        while let d = try? fh.read(upToCount: 16 << 20), !d.isEmpty {}
        try? fh.close()
    }

    // (1) start → initialize, median of N fresh processes (each closed right after the handshake).
    var startups: [Double] = []
    let runs = isLarge ? min(options.startupRuns, 5) : options.startupRuns
    for i in 0..<runs {
        let s = try Server(store: served, key: key, stderrPath: "\(logDir)/\(name)-startup-\(i).err")
        startups.append(ms(try s.initialize()))
        _ = s.close()
    }
    let startupMedian = median(startups)
    record(Row(scale: name, what: "[\(name)] start → initialize response (median of \(runs))", measured: startupMedian,
               unit: "ms", target: "≤ 20 ms", ok: startupMedian <= 20,
               detail: String(format: "min %.1f max %.1f", startups.min() ?? 0, startups.max() ?? 0)))

    // (2) + (6) first tool call (includes the load) on a fresh process.
    let server = try Server(store: served, key: key, stderrPath: "\(logDir)/\(name)-main.err")
    let initNS = try server.initialize()
    let first = try server.tool("campaigns_get", ["id": .string(flagship.publicID)], timeout: 1800)
    if first.isError { throw BenchError(description: "campaigns_get failed: \(JSON.string(first.result))") }
    let firstMS = ms(first.ns)
    let sinceSpawnMS = ms(server.initializedAt - server.spawnedAt) + firstMS
    record(Row(scale: name, what: "[\(name)] first tool call after initialize (incl. load)", measured: firstMS, unit: "ms",
               target: "-", ok: nil, detail: String(format: "%.1f ms since spawn; init %.1f ms", sinceSpawnMS, ms(initNS))))
    if pg {
        record(Row(scale: name, what: "[\(name)] PostgreSQL: start → first tool answer", measured: sinceSpawnMS, unit: "ms",
                   target: "≤ 1000 ms", ok: sinceSpawnMS <= 1000, detail: "connect + rows → store view + the call"))
    }
    let loadMBs = sizeMB / (firstMS / 1000)
    record(Row(scale: name, what: "[\(name)] store load rate (size / first-call latency)", measured: loadMBs,
               unit: "MB/s", target: "≥ 150 MB/s", ok: loadMBs >= 150,
               detail: String(format: "%.1f MB; %.0f MB/s counting from spawn", sizeMB, sizeMB / (sinceSpawnMS / 1000))))
    let memAfterLoad = server.memory()
    extra["\(name).rss_after_load_kb"] = .int(Int64(memAfterLoad.rssKB))

    // Discover ids for the read tools.
    let callList = try server.tool("campaigns_list", ["type": "call", "limit": 1])
    let callCampaign = callList.result["campaigns"]?.arrayValue?.first?["public_id"]?.stringValue ?? flagship.publicID
    let emailList = try server.tool("campaigns_list", ["type": "email", "status": "active", "limit": 100])
    let emailCount = emailList.result["total"]?.integerValue ?? 0
    extra["\(name).active_email_campaigns"] = .int(emailCount)
    extra["\(name).flagship"] = ["public_id": .string(flagship.publicID), "prospects": .int(Int64(flagship.prospectCount)),
                                 "type": .string(flagship.type), "status": .string(flagship.status)]

    // (3) pipelined throughput.
    let n = options.pipeline
    func throughput(_ label: String, _ count: Int, _ method: String, _ params: JSONValue?, target: Double?) throws {
        let r = try server.pipelined(count: count, method: method, params: params)
        let rate = Double(r.calls) / r.seconds
        record(Row(scale: name, what: "[\(name)] pipelined \(label) ×\(count)", measured: rate, unit: "call/s",
                   target: target.map { String(format: "≥ %.0f/s", $0) } ?? "-", ok: target.map { rate >= $0 },
                   detail: String(format: "%.3f s", r.seconds)))
    }
    try throughput("ping", n, "ping", nil, target: 50_000)
    try throughput("tools/call campaigns_get", n, "tools/call",
                   ["name": "campaigns_get", "arguments": ["id": .string(flagship.publicID)]], target: 50_000)
    try throughput("tools/call users_list", n, "tools/call",
                   ["name": "users_list", "arguments": ["limit": 5]], target: 50_000)

    // (4) latency of every read tool, sequential.
    let today = DemoGenerator.anchorDay
    let reads: [(String, String, JSONValue)] = [
        ("campaigns_get", "campaigns_get", ["id": .string(flagship.publicID)]),
        ("campaigns_list", "campaigns_list", ["limit": 25]),
        ("campaigns_list query", "campaigns_list", ["query": "a", "type": "email", "limit": 100]),
        ("users_list", "users_list", ["limit": 25]),
        ("stats_get_workspace_overview 30d", "stats_get_workspace_overview", ["from": "2026-10-22", "to": .string(today)]),
        ("stats_get_workspace_overview 1y day", "stats_get_workspace_overview",
         ["from": "2025-11-21", "to": .string(today), "breakdown": "day"]),
        ("stats_get_campaign_performance flagship", "stats_get_campaign_performance",
         ["campaignPublicId": .string(flagship.publicID), "from": "2026-01-01", "to": .string(today)]),
        ("stats_get_campaign_performance call", "stats_get_campaign_performance", ["campaignPublicId": .string(callCampaign)]),
        ("stats_get_user_metrics", "stats_get_user_metrics",
         ["userPublicId": .string(owner.userPublicID), "from": "2026-01-01", "to": .string(today)]),
        ("analytics_get_dashboard", "analytics_get_dashboard", ["range": "all"]),
        ("analytics_get_campaign_analytics", "analytics_get_campaign_analytics", [:]),
        ("analytics_get_campaign_analytics ALL", "analytics_get_campaign_analytics", ["workspace_id": "ALL"]),
        ("analytics_get_campaign_analytics ALL limit 100", "analytics_get_campaign_analytics", ["workspace_id": "ALL", "limit": 100]),
        ("analytics_get_campaign_analytics ALL by reply time asc", "analytics_get_campaign_analytics",
         ["workspace_id": "ALL", "sort": "average_reply_time_seconds", "order": "asc", "limit": 100]),
        ("analytics_get_campaign_analytics query+sort", "analytics_get_campaign_analytics",
         ["workspace_id": "ALL", "query": "a", "sort": "amount_of_replies", "limit": 100]),
        ("analytics_get_call_dashboard 90d", "analytics_get_call_dashboard", ["period": "90d", "limit": 100]),
        ("workspace_get", "workspace_get", [:]),
        ("analytics_rank_campaigns replies 30d", "analytics_rank_campaigns", ["metric": "replies"]),
        ("analytics_rank_campaigns reply_rate 1096d", "analytics_rank_campaigns",
         ["metric": "reply_rate", "from": "2023-11-21", "to": .string(today), "limit": 50]),
        ("analytics_rank_campaigns prospects_contacted this_year", "analytics_rank_campaigns",
         ["metric": "prospects_contacted", "period": "this_year"]),
        ("analytics_rank_campaigns contact_rate 1096d", "analytics_rank_campaigns",
         ["metric": "contact_rate", "from": "2023-11-21", "to": .string(today), "min_sample": 1]),
        ("analytics_get_call_dashboard custom 1096 d", "analytics_get_call_dashboard",
         ["period": "custom", "start_date": "2023-11-21", "end_date": .string(today), "limit": 100]),
    ]
    var heaviest: (label: String, tool: String, args: JSONValue, p50: Double) = ("", "", .null, -1)
    var toolJSON: [String: JSONValue] = [:]
    for (label, tool, args) in reads {
        var samples: [Double] = []
        var errors = 0
        var rowsInAnswer = 0
        let budgetNS: UInt64 = isLarge ? 15_000_000_000 : 8_000_000_000
        let t0 = nowNS()
        while samples.count < options.samples && (samples.count < 10 || nowNS() - t0 < budgetNS) {
            let r = try server.tool(tool, args)
            if r.isError { errors += 1 }
            samples.append(ms(r.ns))
            rowsInAnswer = answerRows(r.result)
        }
        let p50 = percentile(samples, 50), p99 = percentile(samples, 99)
        let ok = pg ? p50 <= 20 && p99 <= 100 : p50 <= 2 && p99 <= 10
        let responseBytes = server.lastResponseBytes
        let bytesPerRow = rowsInAnswer > 0 ? responseBytes / rowsInAnswer : responseBytes
        record(Row(scale: name, what: "[\(name)] \(label) p50 / p99", measured: p50, unit: "ms",
                   target: pg ? "p50≤20 p99≤100" : "p50≤2 p99≤10", ok: isLarge || scale == .large ? ok : (ok ? true : nil),
                   detail: String(format: "p99 %.3f ms, max %.3f, n=%d, %d B, %d rows, %d B/row%@", p99, samples.max() ?? 0, samples.count,
                                  responseBytes, rowsInAnswer, bytesPerRow, errors > 0 ? ", \(errors) TOOL ERRORS" : "")))
        toolJSON[label] = ["tool": .string(tool), "p50_ms": .double(p50), "p99_ms": .double(p99),
                           "max_ms": .double(samples.max() ?? 0), "response_bytes": .int(Int64(responseBytes)),
                           "rows": .int(Int64(rowsInAnswer)), "bytes_per_row": .int(Int64(bytesPerRow)), "samples": .int(Int64(samples.count)), "errors": .int(Int64(errors))]
        if p50 > heaviest.p50 { heaviest = (label, tool, args, p50) }
    }
    extra["\(name).read_tools"] = .object(JSONObject(toolJSON.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))

    // Heavy call pipelined: enough calls for ~2 s.
    let heavyCount = max(20, min(20_000, Int(2000 / max(heaviest.p50, 0.01))))
    try throughput("heavy \(heaviest.label)", heavyCount, "tools/call",
                   ["name": .string(heaviest.tool), "arguments": heaviest.args], target: nil)

    // (7) peak memory before closing stdin.
    let mem = server.memory()
    let ratio = Double(mem.hwmKB) * 1024 / Double(size)
    record(Row(scale: name, what: "[\(name)] peak RSS (VmHWM) / file size", measured: ratio, unit: "×",
               target: "≤ 1.5×", ok: ratio <= 1.5,
               detail: String(format: "VmHWM %.1f MB, VmRSS %.1f MB, file %.1f MB", Double(mem.hwmKB) / 1024,
                              Double(mem.rssKB) / 1024, sizeMB)))
    let exitMS = server.close()
    record(Row(scale: name, what: "[\(name)] stdin EOF → exit", measured: exitMS, unit: "ms", target: "< 2000 ms",
               ok: exitMS < 2000))

    // (5) writes, on a throw-away copy of the store.
    let workDir = "\(options.cache)/work-\(name)-\(getpid())"
    try? FileManager.default.removeItem(atPath: workDir)
    try FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: workDir) }
    let workStore = "\(workDir)/store.json"
    if !pg { try FileManager.default.copyItem(atPath: storePath, toPath: workStore) }
    let w = try Server(store: pg ? served : workStore, key: key, stderrPath: "\(logDir)/\(name)-write.err")
    _ = try w.initialize()
    _ = try w.tool("campaigns_get", ["id": .string(flagship.publicID)], timeout: 1800)
    var syncSamples: [Double] = []
    var syncDry: [Double] = []
    var syncErrors = 0
    let syncRuns = isLarge ? 20 : 30
    for _ in 0..<syncRuns {
        let r = try w.tool("campaigns_sync_stats", ["id": .string(flagship.publicID)])
        if r.isError { syncErrors += 1; if syncErrors == 1 { log("    sync error: \(JSON.string(r.result))") } }
        syncSamples.append(ms(r.ns))
    }
    for _ in 0..<10 {
        let r = try w.tool("campaigns_sync_stats", ["id": .string(flagship.publicID), "dry_run": true])
        syncDry.append(ms(r.ns))
    }
    let syncP50 = percentile(syncSamples, 50), syncP99 = percentile(syncSamples, 99)
    record(Row(scale: name, what: "[\(name)] campaigns_sync_stats flagship (\(flagship.prospectCount) prospects) p50",
               measured: syncP50, unit: "ms", target: "≤ 50 ms", ok: syncP50 <= 50 && syncErrors == 0,
               detail: String(format: "p99 %.2f ms, first %.2f ms, dry-run p50 %.2f ms%@", syncP99, syncSamples.first ?? 0,
                              percentile(syncDry, 50), syncErrors > 0 ? ", \(syncErrors) TOOL ERRORS" : "")))
    var snapSamples: [Double] = []
    var snapErrors = 0
    for i in 0..<(isLarge ? 5 : 10) {
        // Alternate between two Mondays: capture then replace.
        let week = i % 2 == 0 ? "2026-11-16" : "2026-11-09"
        let r = try w.tool("campaigns_capture_weekly_snapshots", ["week_start": .string(week)])
        if r.isError { snapErrors += 1; if snapErrors == 1 { log("    snapshot error: \(JSON.string(r.result))") } }
        snapSamples.append(ms(r.ns))
    }
    let snapP50 = percentile(snapSamples, 50)
    record(Row(scale: name, what: "[\(name)] campaigns_capture_weekly_snapshots p50", measured: snapP50, unit: "ms",
               target: "-", ok: nil,
               detail: String(format: "max %.2f ms, n=%d%@", snapSamples.max() ?? 0, snapSamples.count,
                              snapErrors > 0 ? ", \(snapErrors) TOOL ERRORS" : "")))
    _ = w.close()
    if pg { return }
    // Reload after the writes: journal replay cost.
    let r2 = try Server(store: workStore, key: key, stderrPath: "\(logDir)/\(name)-reload.err")
    _ = try r2.initialize()
    let reload = try r2.tool("campaigns_get", ["id": .string(flagship.publicID)], timeout: 1800)
    record(Row(scale: name, what: "[\(name)] first call after writes (load + journal replay)", measured: ms(reload.ns),
               unit: "ms", target: "-", ok: nil, detail: String(format: "journal %d bytes", fileSize(workStore + ".journal"))))
    _ = r2.close()
}
