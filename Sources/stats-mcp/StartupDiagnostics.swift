import Foundation
import StatsCore
import StatsServer
import StatsStore

/// Start-up diagnostics on stderr (SPEC §8): the resolved absolute store path, whether it loaded
/// (records per array, time taken) or why not, and the key's state — never the key itself.
/// Healthy lines are `info`, problems `warning`; a line is written when its level reaches `threshold`.
struct StartupDiagnostics: Sendable {
    var storePath: String
    var keySource: String
    var key: String?
    var keyProblem: String?
    var threshold: LogLevel

    /// The resolved store path, at once (before the store has loaded).
    func writePath(store: any StoreProvider) {
        let resolved = (store as? StoreService)?.files?.resolvedPath ?? storePath
        emit([(.info, "store: \(resolved)" + (resolved == storePath ? "" : " (given as \(storePath))"))])
    }

    /// The load result and the key's state, once the store has loaded (waits for it).
    func write(store: any StoreProvider, started: Date) {
        var lines: [(LogLevel, String)] = []
        switch store.current(progress: nil) {
        case let .success(data):
            let ms = Int((Date().timeIntervalSince(started) * 1000).rounded())
            lines.append((.info, "store loaded in \(ms) ms: " + StoreCounts(data).summary))
            let state = Self.keyState(key: key, problem: keyProblem, source: keySource, data: data)
            lines.append((state.ok ? .info : .warning, "API key: " + state.text))
        case let .failure(unavailable):
            lines.append((.warning, "store not loaded: " + unavailable.message))
            let state = Self.keyState(key: key, problem: keyProblem, source: keySource, data: nil)
            lines.append((state.ok ? .info : .warning, "API key: " + state.text))
        }
        emit(lines)
    }

    private func emit(_ lines: [(LogLevel, String)]) {
        for (level, text) in lines where level >= threshold {
            FileHandle.standardError.write(Data("stats-mcp [\(level.name)] \(text)\n".utf8))
        }
    }

    /// set / not set / unknown / revoked / user not linked (SPEC §8), with what to do.
    static func keyState(key: String?, problem: String?, source: String, data: StoreData?) -> (ok: Bool, text: String) {
        guard let key else {
            if let problem { return (false, "not set — \(problem) Every tool call will answer unauthorized.") }
            return (false, "not set — set STATS_API_KEY in the server's environment (make one with `stats-mcp keys add`); every tool call will answer unauthorized")
        }
        guard let data else { return (true, "set (from \(source)); not checked, the store did not load") }
        let hash = SHA256.hexDigest(key)
        guard let record = data.tables.apiKeys[hash] else {
            return (false, "unknown — the key from \(source) is not in this store (`stats-mcp keys list` shows the store's keys)")
        }
        if record.revoked { return (false, "revoked — the key from \(source) was revoked; make a new one with `stats-mcp keys add`") }
        guard let userID = record.userID, let user = data.user(id: userID), let workspaceID = record.workspaceID,
            let workspace = data.workspace(id: workspaceID)
        else { return (false, "bound to a user or workspace that is not in this store (`stats-mcp check` lists the problem)") }
        guard user.workspaceIDs.contains(workspaceID) else {
            return (false, "user not linked — the key's user \(user.publicID) is not linked to workspace \(workspace.id); add \(workspace.id) to the user's workspace_ids")
        }
        return (true, "set (from \(source)), key id \(String(hash.prefix(12))) — user \(user.publicID) in workspace \(workspace.id) (\(workspace.publicID))")
    }
}

/// Records per array of a loaded store (the records the tools see; ignored records excluded).
struct StoreCounts {
    var rows: [(name: String, count: Int)]

    init(_ data: StoreData) {
        let t = data.tables
        rows = [
            ("workspaces", t.workspaces.count),
            ("users", t.users.count),
            ("api_keys", t.apiKeys.count),
            ("campaigns", data.campaigns.count),
            ("prospects", Int(t.prospectCounts.reduce(0, +))),
            ("activities", t.activities.reduce(0) { $0 + $1.count }),
            ("weekly_snapshots", data.snapshots.reduce(0) { $0 + $1.count }),
            ("clicks", t.workspaceClicks.values.reduce(0) { sum, daily in
                sum + Int(daily.counts(from: Int(Int32.min), to: Int(Int32.max)).reduce(0, +)) }),
            ("aliases", t.aliasCounts.values.reduce(0, +)),
            ("call_batches", t.batchesByWorkspace.values.reduce(0) { $0 + $1.count }),
            ("calls", t.batchesByWorkspace.values.reduce(0) { $0 + $1.reduce(0) { $0 + Int($1.totalCalls) } }),
            ("call_stats_daily", t.callStatsByWorkspace.values.reduce(0) { $0 + $1.count }),
        ]
    }

    func count(_ name: String) -> Int { rows.first { $0.name == name }?.count ?? 0 }

    var summary: String { rows.map { "\($0.count) \($0.name)" }.joined(separator: ", ") }
}
