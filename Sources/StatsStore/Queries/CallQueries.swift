import StatsCore

extension StoreData {
    /// `call_stats_daily` rows of a workspace with date in from...to (binary search on the sorted rows).
    public func callStatsRows(workspaceID: Int64, from: Day, to: Day) -> ArraySlice<CallStatsRow> {
        guard let rows = tables.callStatsByWorkspace[workspaceID], !rows.isEmpty else { return [] }
        func bound(_ day: Day) -> Int {
            var lo = 0
            var hi = rows.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if rows[mid].date < day { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let a = bound(from)
        let b = bound(to.adding(1))
        return rows[a..<max(a, b)]
    }

    /// Summed counters of one campaign's rows in the period.
    public func callCounters(workspaceID: Int64, campaign: UUID128, from: Day, to: Day) -> CallCounters {
        var sum = CallCounters()
        for row in callStatsRows(workspaceID: workspaceID, from: from, to: to) where row.campaignID == campaign {
            sum.add(row.counters)
        }
        return sum
    }
}
