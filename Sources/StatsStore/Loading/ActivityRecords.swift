import StatsCore
import StatsJSON

/// `activities[]` (SPEC §2): streamed (millions of rows). Every field is required: an activity with
/// a missing, wrong-typed or unknown-valued field is ignored.
enum ActivityRecords {
    static let campaignID: StaticString = "campaign_id"
    static let prospectID: StaticString = "prospect_id"
    static let type: StaticString = "type"
    static let at: StaticString = "at"

    static let shape = RecordShape(array: "activities", noun: "activity", [
        FieldRule("\(campaignID)", .uuid, .required),
        FieldRule("\(prospectID)", .uuid, .required),
        FieldRule("\(type)", .string, .required),
        FieldRule("\(at)", .timestamp, .required),
    ])
}

struct RawActivity {
    var at: Int64
    var campaign: UUID128
    var prospect: UUID128
    var type: UInt8
    var ordinal: Int32  // index in the file's array, for `check`
}

struct LoadedActivities {
    var tables: [CampaignActivities]
    var funnels: [CampaignFunnel]
}

extension RawStore {
    mutating func readActivities(_ r: inout RecordReader) throws {
        try stream(&r, ActivityRecords.shape.array) { me, rr, i in
            var campaign: UUID128?
            var prospect: UUID128?
            var type: ActivityType?
            var at: Instant?
            try rr.members { rr, key, _ in
                if rr.keyIs(key, ActivityRecords.campaignID) {
                    if case let .value(u) = try rr.uuid() { campaign = u }
                } else if rr.keyIs(key, ActivityRecords.prospectID) {
                    if case let .value(u) = try rr.uuid() { prospect = u }
                } else if rr.keyIs(key, ActivityRecords.type) {
                    type = try rr.string().flatMap(ActivityType.init(name:))
                } else if rr.keyIs(key, ActivityRecords.at) {
                    at = try rr.instant()
                } else {
                    try rr.skip()
                }
            }
            guard let campaign, let prospect, let type, let at else {
                me.problem(ActivityRecords.shape.path(i), "missing or malformed campaign_id, prospect_id, type or at; ignored")
                return
            }
            me.activities.append(
                RawActivity(at: at.nanoseconds, campaign: campaign, prospect: prospect, type: type.rawValue, ordinal: Int32(truncatingIfNeeded: i)))
        }
    }

    /// Activities resolved, grouped per campaign, sorted by time (stable), with each campaign's funnel.
    mutating func buildActivities(_ camps: LoadedCampaigns, _ prospectTables: LoadedProspects) -> LoadedActivities {
        let campaignCount = camps.count
        let prospectCampaign = prospectTables.local
        var perCampaignActivities = [[Int]](repeating: [], count: campaignCount)
        var ignoredActivities = CappedProblems(array: ActivityRecords.shape.array)
        for (k, a) in activities.enumerated() {
            guard let c = camps.byID[a.campaign] else {
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
                guard let local = prospectCampaign[a.prospect]?.local else { continue }  // resolved above
                t.at.append(a.at)
                t.type.append(a.type)
                t.prospect.append(local)
            }
            funnels[c] = Self.funnel(t, prospects: Int(prospectTables.perCampaignCount[c]))
            activityTables[c] = t
        }
        activities = []
        return LoadedActivities(tables: activityTables, funnels: funnels)
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
