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
    /// Cost: O(log n) (`OutreachIndex`), whatever the period holds.
    public func outreach(campaignIndex: Int, from: Day, to: Day, zone: ZoneRules) -> OutreachCounts {
        outreach(campaignIndex: campaignIndex, from: from, to: to, zone: zone, fields: .all)
    }

    /// `outreach(campaignIndex:from:to:zone:)` computing only `fields` (the others are 0, except when
    /// the period holds every activity: then all are filled from the all-time funnel).
    public func outreach(campaignIndex: Int, from: Day, to: Day, zone: ZoneRules, fields: OutreachFields) -> OutreachCounts {
        let table = tables.activities[campaignIndex]
        guard table.count > 0 else { return OutreachCounts() }
        let range = table.range(fromNanos: Self.nanos(zone.startOfDay(from)), toNanos: Self.nanos(zone.startOfDay(to.adding(1))))
        guard !range.isEmpty else { return OutreachCounts() }
        if range.count == table.count {
            // The period holds every activity of the campaign: the all-time funnel is the answer.
            let f = tables.funnels[campaignIndex]
            var result = OutreachCounts()
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
        return tables.outreachIndex.campaigns[campaignIndex].outreach(positions: range.lowerBound, range.upperBound, fields: fields)
    }

    /// Seconds to nanoseconds, saturating.
    static func nanos(_ seconds: Int64) -> Int64 {
        let n = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return n.overflow ? (seconds < 0 ? Int64.min : Int64.max) : n.partialValue
    }

    /// The reference scan of `outreach(campaignIndex:from:to:zone:)`: visits every activity of the
    /// period (kept for tests that check the index against it).
    public func outreachByScan(campaignIndex: Int, from: Day, to: Day, zone: ZoneRules) -> OutreachCounts {
        let table = tables.activities[campaignIndex]
        var result = OutreachCounts()
        let lower = Self.nanos(zone.startOfDay(from)), upper = Self.nanos(zone.startOfDay(to.adding(1)))
        var marks: [Int32: UInt8] = [:]
        for k in 0..<table.count where table.at[k] >= lower && table.at[k] < upper {
            var bit: UInt8 = 0
            switch ActivityType(rawValue: table.type[k]) {
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
            if bit != 0 { marks[table.prospect[k], default: 0] |= bit }
        }
        for m in marks.values {
            if m & 1 != 0 { result.replies += 1 }
            if m & 2 != 0 { result.interested += 1 }
            if m & 4 != 0 { result.prospectsContacted += 1 }
        }
        return result
    }
}
