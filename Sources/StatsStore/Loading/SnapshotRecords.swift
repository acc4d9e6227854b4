import StatsCore
import StatsJSON

/// `weekly_snapshots[]` (SPEC §2): one copy of a campaign's `stats` per (campaign, week_start).
enum SnapshotRecords {
    static let shape = RecordShape(array: "weekly_snapshots", noun: "snapshot", [
        FieldRule("campaign_id", .uuid, .required),
        FieldRule("week_start", .date, .required),
        FieldRule("stats", .object, .optional),
        FieldRule("captured_at", .timestamp, .nullable),
    ])

    struct Selected {
        var record: JSONObject
        var ordinal: Int
        /// Index of the campaign among the served campaigns.
        var campaign: Int
        var week: Day
    }

    /// THE record-selection rule for snapshots, used by the loader and by compaction
    /// (`StoreSelection`): in array order, a snapshot is served when it is well-typed, its campaign is
    /// served, and no earlier served snapshot has the same (campaign, week_start).
    static func select(_ records: [(JSONObject, Int)], campaignIndex: (UUID128) -> Int?, campaignCount: Int,
                       problems: inout [StoreProblem]) -> [Selected]
    {
        var out: [Selected] = []
        var weeks = [Set<Day>](repeating: [], count: campaignCount)
        for (o, i) in records {
            if let violation = shape.violation(o, ordinal: i) {
                problems.append(violation)
                continue
            }
            let path = shape.path(i)
            guard let c = o["campaign_id"]?.stringValue.flatMap(UUID128.init).flatMap(campaignIndex) else {
                problems.append(StoreProblem(path: path + ".campaign_id", message: "unknown campaign; ignored"))
                continue
            }
            guard let week = o["week_start"]?.stringValue.flatMap(Day.parse) else { continue }
            if week.isoWeekday != 1 { problems.append(StoreProblem(path: path + ".week_start", message: "\(week) is not a Monday")) }
            guard weeks[c].insert(week).inserted else {
                problems.append(StoreProblem(path: path, message: "duplicate snapshot for this campaign and week; the first one wins"))
                continue
            }
            out.append(Selected(record: o, ordinal: i, campaign: c, week: week))
        }
        return out
    }
}

extension RawStore {
    /// Per campaign: snapshots unique per week, sorted by week.
    mutating func buildSnapshots(_ camps: LoadedCampaigns) -> [[WeeklySnapshot]] {
        var lists = [[WeeklySnapshot]](repeating: [], count: camps.count)
        let selected = SnapshotRecords.select(
            snapshots, campaignIndex: { camps.byID[$0] }, campaignCount: camps.count, problems: &problems)
        for s in selected {
            lists[s.campaign].append(
                WeeklySnapshot(campaignIndex: s.campaign, weekStart: s.week, stats: s.record["stats"]?.objectValue, record: s.record))
        }
        for c in lists.indices { lists[c].sort { $0.weekStart < $1.weekStart } }
        snapshots = []
        return lists
    }
}
