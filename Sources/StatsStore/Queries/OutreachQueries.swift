import StatsCore

/// Outreach figures of a period (SPEC §5.2 `outreach`).
public struct OutreachCounts: Sendable, Equatable {
    public var emailsSent: Int64 = 0
    public var invitesSent: Int64 = 0
    public var invitesAccepted: Int64 = 0
    public var linkedinMessagesSent: Int64 = 0
    public var replies: Int64 = 0
    public var interested: Int64 = 0
    public var bounces: Int64 = 0
    public var prospectsContacted: Int64 = 0

    public init() {}

    public mutating func add(_ o: OutreachCounts) {
        emailsSent += o.emailsSent
        invitesSent += o.invitesSent
        invitesAccepted += o.invitesAccepted
        linkedinMessagesSent += o.linkedinMessagesSent
        replies += o.replies
        interested += o.interested
        bounces += o.bounces
        prospectsContacted += o.prospectsContacted
    }
}

extension StoreData {
    /// Activities of one campaign with local day in from...to (the campaign workspace's zone):
    /// per-type counts and distinct prospects that replied / were interested / were contacted.
    /// Cost: O(log n + activities in the period).
    public func outreach(campaignIndex: Int, from: Day, to: Day, zone: ZoneRules) -> OutreachCounts {
        let table = tables.activities[campaignIndex]
        var result = OutreachCounts()
        guard table.count > 0 else { return result }
        let lower = zone.startOfDay(from).multipliedReportingOverflow(by: 1_000_000_000)
        let upper = zone.startOfDay(to.adding(1)).multipliedReportingOverflow(by: 1_000_000_000)
        let range = table.range(fromNanos: lower.overflow ? Int64.min : lower.partialValue,
                                toNanos: upper.overflow ? Int64.max : upper.partialValue)
        guard !range.isEmpty else { return result }
        if range.count == table.count {
            // The period holds every activity of the campaign: the all-time funnel is the answer.
            let f = tables.funnels[campaignIndex]
            result.emailsSent = f.typeCounts[Int(ActivityType.emailSent.rawValue)]
            result.invitesSent = f.typeCounts[Int(ActivityType.inviteSent.rawValue)]
            result.invitesAccepted = f.typeCounts[Int(ActivityType.inviteAccepted.rawValue)]
            result.linkedinMessagesSent = f.typeCounts[Int(ActivityType.linkedinMessageSent.rawValue)]
            result.bounces = f.typeCounts[Int(ActivityType.bounce.rawValue)]
            result.replies = f.replied
            result.interested = f.interested
            result.prospectsContacted = f.prospectsContacted
            return result
        }
        // bit 0 replied, bit 1 interested, bit 2 contacted. Distinct prospects are counted from the
        // marks; when the period holds few activities compared with the campaign's prospects, only the
        // touched prospects are revisited, otherwise one linear pass over the marks is cheaper.
        let prospectCount = Int(tables.prospectCounts[campaignIndex])
        var marks = [UInt8](repeating: 0, count: prospectCount)
        let sparse = range.count * 8 < prospectCount
        var touched: [Int32] = []
        if sparse { touched.reserveCapacity(range.count) }
        table.prospect.withUnsafeBufferPointer { prospects in
            table.type.withUnsafeBufferPointer { types in
                marks.withUnsafeMutableBufferPointer { marks in
                    for k in range {
                        let p = Int(prospects[k])
                        var bit: UInt8 = 0
                        switch ActivityType(rawValue: types[k]) {
                        case .emailSent?:
                            result.emailsSent += 1
                            bit = 4
                        case .inviteSent?:
                            result.invitesSent += 1
                            bit = 4
                        case .linkedinMessageSent?:
                            result.linkedinMessagesSent += 1
                            bit = 4
                        case .inviteAccepted?: result.invitesAccepted += 1
                        case .bounce?: result.bounces += 1
                        case .reply?: bit = 1
                        case .interested?: bit = 2
                        case nil: break
                        }
                        if bit != 0 {
                            if sparse && marks[p] == 0 { touched.append(Int32(p)) }
                            marks[p] |= bit
                        }
                    }
                }
            }
        }
        func tally(_ m: UInt8) {
            if m & 1 != 0 { result.replies += 1 }
            if m & 2 != 0 { result.interested += 1 }
            if m & 4 != 0 { result.prospectsContacted += 1 }
        }
        if sparse {
            for p in touched { tally(marks[Int(p)]) }
        } else {
            for m in marks where m != 0 { tally(m) }
        }
        return result
    }
}
