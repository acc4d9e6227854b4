import StatsCore

/// Per campaign: its `call_stats_daily` rows (those filed under the campaign's own workspace) as
/// per-day prefix sums, so any day range is two binary searches (a ranking of every campaign by a
/// call figure must not scan the workspace's rows once per campaign). Sums wrap like
/// `CallCounters.add`, so a difference of prefixes equals the wrapped sum of the rows.
public struct CallIndex: Sendable {
    struct Series: Sendable {
        /// Distinct day numbers with rows, ascending.
        var days: [Int32] = []
        /// prefix[i] = sum of the rows on days[0..<i] (prefix[0] = zero).
        var prefix: [CallCounters] = [CallCounters()]
    }

    let series: [Int: Series]

    /// `rowsByWorkspace`: rows per workspace sorted by date; a row counts for a campaign of the same workspace.
    init(rowsByWorkspace: [Int64: [CallStatsRow]], campaignIndexByID: [UUID128: Int], campaigns: [Campaign]) {
        var series: [Int: Series] = [:]
        for (workspaceID, rows) in rowsByWorkspace {
            for row in rows {
                guard let id = row.campaignID, let c = campaignIndexByID[id], campaigns[c].workspaceID == workspaceID else { continue }
                let day = Int32(clamping: row.date.number)
                series[c, default: Series()].add(day: day, row.counters)
            }
        }
        self.series = series
    }

    /// Summed counters of campaign `campaignIndex` on days from...to.
    public func counters(campaignIndex: Int, from: Day, to: Day) -> CallCounters {
        guard let s = series[campaignIndex], from <= to else { return CallCounters() }
        func bound(_ day: Int) -> Int {
            var lo = 0
            var hi = s.days.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if Int(s.days[mid]) < day { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let a = bound(from.number)
        let b = max(a, bound(to.number + 1))
        var sum = s.prefix[b]
        let base = s.prefix[a]
        sum.totalCalls &-= base.totalCalls
        sum.completedCalls &-= base.completedCalls
        sum.connectedCalls &-= base.connectedCalls
        sum.meetingsBooked &-= base.meetingsBooked
        sum.qualifiedLeads &-= base.qualifiedLeads
        sum.conversationsHad &-= base.conversationsHad
        sum.totalDurationSeconds &-= base.totalDurationSeconds
        return sum
    }
}

extension CallIndex.Series {
    /// Adds a row; rows arrive sorted by day.
    mutating func add(day: Int32, _ counters: CallCounters) {
        if days.last != day {
            days.append(day)
            prefix.append(prefix[prefix.count - 1])
        }
        prefix[prefix.count - 1].add(counters)
    }
}

extension StoreData {
    /// Summed `call_stats_daily` counters of one campaign (rows of its own workspace) on days from...to, in O(log n).
    public func callCounters(campaignIndex: Int, from: Day, to: Day) -> CallCounters {
        callIndex.counters(campaignIndex: campaignIndex, from: from, to: to)
    }
}
