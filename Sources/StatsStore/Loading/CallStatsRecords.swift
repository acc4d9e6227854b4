import StatsCore
import StatsJSON

/// `call_stats_daily[]` (SPEC §2): pre-aggregated per-day call counters per campaign.
enum CallStatsRecords {
    static let counters = [
        "total_calls", "completed_calls", "connected_calls", "meetings_booked", "qualified_leads", "conversations_had",
        "total_duration_seconds",
    ]

    static let shape = RecordShape(array: "call_stats_daily", noun: "row", [
        FieldRule("workspace_id", .integer, .required),
        FieldRule("date", .date, .required),
        FieldRule("campaign_id", .string, .nullable),
    ] + counters.map { FieldRule($0, .integer, .nullable) })
}

extension RawStore {
    /// `call_stats_daily` rows per workspace, sorted by date.
    mutating func buildCallStats(_ ws: LoadedWorkspaces) -> [Int64: [CallStatsRow]] {
        var rowsByWorkspace: [Int64: [CallStatsRow]] = [:]
        for (o, i) in callStats {
            guard conforms(o, i, CallStatsRecords.shape) else { continue }
            guard let wsID = o["workspace_id"]?.integerValue, ws.byID[wsID] != nil else {
                problem(CallStatsRecords.shape.path(i) + ".workspace_id", "unknown or malformed workspace; ignored")
                continue
            }
            guard let date = o["date"]?.stringValue.flatMap(Day.parse) else { continue }
            var counters = CallCounters()
            func field(_ name: String) -> Int64 { o[name]?.integerValue ?? 0 }
            let names = CallStatsRecords.counters
            counters.totalCalls = field(names[0])
            counters.completedCalls = field(names[1])
            counters.connectedCalls = field(names[2])
            counters.meetingsBooked = field(names[3])
            counters.qualifiedLeads = field(names[4])
            counters.conversationsHad = field(names[5])
            counters.totalDurationSeconds = field(names[6])
            rowsByWorkspace[wsID, default: []].append(
                CallStatsRow(date: date, campaignID: o["campaign_id"]?.stringValue.flatMap(UUID128.init), counters: counters))
        }
        callStats = []
        for (k, rows) in rowsByWorkspace { rowsByWorkspace[k] = rows.sorted { $0.date < $1.date } }
        return rowsByWorkspace
    }
}
