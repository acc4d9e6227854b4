import StatsCore
import StatsJSON

/// Tables that never change between two loads of the base file: tenants, people, keys, and the
/// bulk event data with every index and aggregate the queries need (built once, at load).
public final class StoreTables: Sendable {
    public let workspaces: [Workspace]
    public let workspaceIndexByID: [Int64: Int]
    public let workspaceIndexByPublicID: [String: Int]
    public let users: [User]
    public let userIndexByID: [UUID128: Int]
    public let userIndexByPublicID: [String: Int]
    public let apiKeys: [String: APIKey]

    /// Per campaign (by campaign index): prospect count and counts by status, in first-seen order.
    public let prospectCounts: [Int64]
    public let prospectStatusCounts: [[(status: String, count: Int64)]]
    /// Per campaign: its activities sorted by time (ties in file order), struct-of-arrays.
    public let activities: [CampaignActivities]
    /// Per campaign: all-time funnel figures (SPEC §5.5).
    public let funnels: [CampaignFunnel]
    /// Per campaign: outreach figures of any time range in O(log n) (built once, from `activities`).
    public let outreachIndex: OutreachIndex

    /// Clicks per local day (workspace time zone), kinds indexed by `ClickKind`.
    public let workspaceClicks: [Int64: DailyCounts]
    public let campaignClicks: [Int: DailyCounts]
    public let userClicks: [WorkspaceUser: DailyCounts]
    public let aliasCounts: [WorkspaceUser: Int]

    /// Call batches per workspace, newest `created_at` first, ties by id.
    public let batchesByWorkspace: [Int64: [CallBatch]]
    /// `call_stats_daily` rows per workspace, sorted by date.
    public let callStatsByWorkspace: [Int64: [CallStatsRow]]

    init(
        workspaces: [Workspace], workspaceIndexByID: [Int64: Int], workspaceIndexByPublicID: [String: Int],
        users: [User], userIndexByID: [UUID128: Int], userIndexByPublicID: [String: Int], apiKeys: [String: APIKey],
        prospectCounts: [Int64], prospectStatusCounts: [[(status: String, count: Int64)]],
        activities: [CampaignActivities], funnels: [CampaignFunnel],
        workspaceClicks: [Int64: DailyCounts], campaignClicks: [Int: DailyCounts], userClicks: [WorkspaceUser: DailyCounts],
        aliasCounts: [WorkspaceUser: Int], batchesByWorkspace: [Int64: [CallBatch]], callStatsByWorkspace: [Int64: [CallStatsRow]]
    ) {
        self.workspaces = workspaces
        self.workspaceIndexByID = workspaceIndexByID
        self.workspaceIndexByPublicID = workspaceIndexByPublicID
        self.users = users
        self.userIndexByID = userIndexByID
        self.userIndexByPublicID = userIndexByPublicID
        self.apiKeys = apiKeys
        self.prospectCounts = prospectCounts
        self.prospectStatusCounts = prospectStatusCounts
        self.activities = activities
        self.funnels = funnels
        self.outreachIndex = OutreachIndex(activities: activities, prospectCounts: prospectCounts)
        self.workspaceClicks = workspaceClicks
        self.campaignClicks = campaignClicks
        self.userClicks = userClicks
        self.aliasCounts = aliasCounts
        self.batchesByWorkspace = batchesByWorkspace
        self.callStatsByWorkspace = callStatsByWorkspace
    }
}

public struct WorkspaceUser: Hashable, Sendable {
    public var workspaceID: Int64
    public var userID: UUID128
    public init(workspaceID: Int64, userID: UUID128) {
        self.workspaceID = workspaceID
        self.userID = userID
    }
}

/// A campaign's activities sorted by instant. `prospect` is the campaign-local prospect number
/// (0..<prospect count), so distinct-prospect counts need only a small bitmap per query.
public struct CampaignActivities: Sendable {
    public var at: [Int64]  // nanoseconds since the epoch
    public var type: [UInt8]  // ActivityType raw values
    public var prospect: [Int32]

    public init() {
        at = []
        type = []
        prospect = []
    }

    public var count: Int { at.count }

    /// Index range of the activities with lower <= at < upper (nanoseconds).
    public func range(fromNanos lower: Int64, toNanos upper: Int64) -> Range<Int> {
        func bound(_ x: Int64) -> Int {
            var lo = 0
            var hi = at.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if at[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let a = bound(lower)
        let b = bound(upper)
        return a..<max(a, b)
    }
}

/// All-time funnel of one campaign (SPEC §5.5).
public struct CampaignFunnel: Sendable, Equatable {
    public var typeCounts: [Int64] = Array(repeating: 0, count: ActivityType.allCases.count)
    public var prospectsContacted: Int64 = 0
    public var replied: Int64 = 0
    public var interested: Int64 = 0
    /// Sum of reply times in nanoseconds and how many prospects contributed.
    public var replyTimeNanosSum: Int128 = 0
    public var replyTimeCount: Int64 = 0

    public init() {}
}

/// One consistent view of the store: the load-time tables plus the small, journal-mutable parts
/// (campaign records and weekly snapshots). A value: a request keeps using the view it started with.
public struct StoreData: Sendable {
    public let tables: StoreTables
    public private(set) var campaigns: [Campaign]
    public let campaignIndexByID: [UUID128: Int]
    public let campaignIndexByPublicID: [String: Int]
    /// Campaign indexes per workspace, in stored order.
    public let campaignsByWorkspace: [Int64: [Int]]
    /// User indexes per linked workspace ordered by name (SPEC §11), then public id: sorted once.
    public let usersByWorkspaceByName: [Int64: [Int]]
    /// Campaign indexes per workspace ordered by name (SPEC §11), then id: sorted once, not per call.
    public private(set) var campaignsByWorkspaceByName: [Int64: [Int]]
    /// Each campaign's position in its workspace's name order (for ordering any subset cheaply).
    public private(set) var nameRank: [Int]
    /// Campaigns per (workspace, owner), for `owned_campaigns` without a scan (owners never change
    /// through the journal; a hand edit reloads everything).
    public let ownedCampaignCounts: [WorkspaceUser: Int]
    /// Per campaign index: snapshots sorted by `week_start`, unique per week.
    public private(set) var snapshots: [[WeeklySnapshot]]
    /// Per campaign: call-stats prefix sums by day (call rows never change through the journal).
    public let callIndex: CallIndex

    init(tables: StoreTables, campaigns: [Campaign], snapshots: [[WeeklySnapshot]]) {
        self.tables = tables
        self.campaigns = campaigns
        var byID: [UUID128: Int] = [:]
        var byPublic: [String: Int] = [:]
        var byWorkspace: [Int64: [Int]] = [:]
        var owned: [WorkspaceUser: Int] = [:]
        for c in campaigns {
            byID[c.id] = c.index
            byPublic[c.publicID] = c.index
            byWorkspace[c.workspaceID, default: []].append(c.index)
            if let owner = c.ownerID { owned[WorkspaceUser(workspaceID: c.workspaceID, userID: owner), default: 0] += 1 }
        }
        ownedCampaignCounts = owned
        let users = tables.users
        let orderedUsers = NameOrder.sorted(
            Array(users.indices), name: { users[$0].name },
            tieLess: { users[$0].publicID.utf8.lexicographicallyPrecedes(users[$1].publicID.utf8) })
        var usersByWorkspace: [Int64: [Int]] = [:]
        for index in orderedUsers {
            for workspaceID in users[index].workspaceIDs { usersByWorkspace[workspaceID, default: []].append(index) }
        }
        usersByWorkspaceByName = usersByWorkspace
        campaignsByWorkspaceByName = [:]
        nameRank = Array(repeating: 0, count: campaigns.count)
        campaignIndexByID = byID
        campaignIndexByPublicID = byPublic
        campaignsByWorkspace = byWorkspace
        self.snapshots = snapshots
        callIndex = CallIndex(rowsByWorkspace: tables.callStatsByWorkspace, campaignIndexByID: byID, campaigns: campaigns)
        for workspaceID in byWorkspace.keys { sortByName(workspaceID) }
    }

    // MARK: Lookups

    public func workspace(id: Int64) -> Workspace? {
        tables.workspaceIndexByID[id].map { tables.workspaces[$0] }
    }

    public func workspace(publicID: String) -> Workspace? {
        tables.workspaceIndexByPublicID[publicID].map { tables.workspaces[$0] }
    }

    public func user(id: UUID128) -> User? { tables.userIndexByID[id].map { tables.users[$0] } }
    public func user(publicID: String) -> User? { tables.userIndexByPublicID[publicID].map { tables.users[$0] } }

    public func campaign(id: UUID128) -> Campaign? { campaignIndexByID[id].map { campaigns[$0] } }
    public func campaign(publicID: String) -> Campaign? { campaignIndexByPublicID[publicID].map { campaigns[$0] } }

    /// The workspace's campaigns in stored order (a lazy view: nothing is copied up front).
    public func campaigns(inWorkspace id: Int64) -> LazyMapCollection<[Int], Campaign> {
        let all = campaigns
        return (campaignsByWorkspace[id] ?? []).lazy.map { all[$0] }
    }

    private mutating func sortByName(_ workspaceID: Int64) {
        let all = campaigns
        let ordered = NameOrder.sorted(
            campaignsByWorkspace[workspaceID] ?? [], name: { all[$0].name }, tieLess: { all[$0].id < all[$1].id })
        for (rank, index) in ordered.enumerated() { nameRank[index] = rank }
        campaignsByWorkspaceByName[workspaceID] = ordered
    }

    /// Campaign indexes ordered by name, then id (indexes of several workspaces: by workspace first).
    public func orderedByName(_ indexes: [Int]) -> [Int] {
        indexes.sorted { a, b in
            let (wa, wb) = (campaigns[a].workspaceID, campaigns[b].workspaceID)
            return wa != wb ? wa < wb : nameRank[a] < nameRank[b]
        }
    }

    // MARK: Journal

    /// Applies committed journal ops (idempotent).
    public mutating func apply(_ ops: [JournalOp]) {
        for op in ops {
            switch op {
            case let .setCampaignFields(campaignID, fields):
                guard let uuid = UUID128(campaignID), let index = campaignIndexByID[uuid] else { continue }
                var record = campaigns[index].record
                for member in fields { record[member.key] = member.value }
                campaigns[index] = StoreLoader.refreshCampaign(campaigns[index], record: record)
                if fields["name"] != nil { sortByName(campaigns[index].workspaceID) }
            case let .putSnapshot(record):
                guard let idText = record["campaign_id"]?.stringValue, let uuid = UUID128(idText),
                    let index = campaignIndexByID[uuid],
                    let weekText = record["week_start"]?.stringValue, let week = Day.parse(weekText)
                else { continue }
                var list = snapshots[index]
                if let i = list.firstIndex(where: { $0.weekStart == week }) {
                    // Set the op's fields on the existing record (its unknown fields stay), as compaction does.
                    var merged = list[i].record
                    for member in record { merged[member.key] = member.value }
                    list[i] = WeeklySnapshot(campaignIndex: index, weekStart: week, stats: merged["stats"]?.objectValue, record: merged)
                } else {
                    let snapshot = WeeklySnapshot(
                        campaignIndex: index, weekStart: week, stats: record["stats"]?.objectValue, record: record)
                    let i = list.firstIndex(where: { $0.weekStart > week }) ?? list.count
                    list.insert(snapshot, at: i)
                }
                snapshots[index] = list
            }
        }
    }
}
