import StatsCore
import StatsJSON

/// `prospects[]` (SPEC §2): streamed (millions of rows), so read field by field without a tree.
enum ProspectRecords {
    static let id: StaticString = "id"
    static let campaignID: StaticString = "campaign_id"
    static let status: StaticString = "status"

    static let shape = RecordShape(array: "prospects", noun: "prospect", [
        FieldRule("\(id)", .uuid, .required),
        FieldRule("\(campaignID)", .uuid, .required),
        FieldRule("\(status)", .string, .nullable),
    ])
}

struct RawProspect {
    var id: UUID128
    var campaign: UUID128
    var status: Int32
    var ordinal: Int32
}

/// Per campaign (by campaign index): prospect count, counts by status in first-seen order, and each
/// prospect's (campaign, campaign-local number) for resolving activities.
struct LoadedProspects {
    var perCampaignCount: [Int64]
    var statusCounts: [[(status: String, count: Int64)]]
    var local: [UUID128: (campaign: Int32, local: Int32)]
}

extension RawStore {
    mutating func readProspects(_ r: inout RecordReader) throws {
        try stream(&r, ProspectRecords.shape.array) { me, rr, i in
            var id: UUID128?
            var campaign: UUID128?
            var status: String?
            var wrong: String?
            try rr.members { rr, key, _ in
                if rr.keyIs(key, ProspectRecords.id) {
                    if case let .value(u) = try rr.uuid() { id = u }
                } else if rr.keyIs(key, ProspectRecords.campaignID) {
                    if case let .value(u) = try rr.uuid() { campaign = u }
                } else if rr.keyIs(key, ProspectRecords.status) {
                    switch try rr.stringField() {
                    case let .value(s): status = s
                    case .null: status = nil
                    case .invalid: wrong = "\(ProspectRecords.status)"
                    }
                } else {
                    try rr.skip()
                }
            }
            let path = ProspectRecords.shape.path(i)
            if let wrong {
                me.problem(path + "." + wrong, "wrong type; expected a string or null; the prospect is ignored")
                return
            }
            guard let id, let campaign else {
                me.problem(path, "missing or malformed id or campaign_id; ignored")
                return
            }
            let s = me.intern(status ?? "")
            me.prospects.append(RawProspect(id: id, campaign: campaign, status: s, ordinal: Int32(truncatingIfNeeded: i)))
        }
    }

    /// Prospects grouped by campaign into contiguous local numbers.
    mutating func buildProspects(_ camps: LoadedCampaigns) -> LoadedProspects {
        let campaignCount = camps.count
        var prospectCampaign: [UUID128: (campaign: Int32, local: Int32)] = [:]
        prospectCampaign.reserveCapacity(prospects.count)
        var perCampaignCount = [Int64](repeating: 0, count: campaignCount)
        var statusCounts = [[Int64]](repeating: [], count: campaignCount)
        var statusOrder = [[Int32]](repeating: [], count: campaignCount)
        for p in prospects {
            guard let c = camps.byID[p.campaign] else {
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
        let names = statusNames
        let prospectStatus: [[(status: String, count: Int64)]] = (0..<campaignCount).map { c in
            statusOrder[c].map { (names[Int($0)], statusCounts[c][Int($0)]) }
        }
        return LoadedProspects(perCampaignCount: perCampaignCount, statusCounts: prospectStatus, local: prospectCampaign)
    }
}
