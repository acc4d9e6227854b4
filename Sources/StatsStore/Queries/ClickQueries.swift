import StatsCore

/// Click totals by kind (`ClickKind` order: campaign, vcard, other).
public struct ClickTotals: Sendable, Equatable {
    public var campaign: Int64 = 0
    public var vcard: Int64 = 0
    public var other: Int64 = 0
    public var total: Int64 { campaign + vcard + other }

    public init() {}

    init(_ counts: [Int64]) {
        campaign = counts[0]
        vcard = counts[1]
        other = counts[2]
    }
}

extension DailyCounts {
    public func clickTotals(from: Day, to: Day) -> ClickTotals {
        let (campaign, vcard, other) = firstThree(from: from.number, to: to.number)
        var t = ClickTotals()
        t.campaign = campaign
        t.vcard = vcard
        t.other = other
        return t
    }
}

extension StoreData {
    /// Clicks of a workspace on local days from...to.
    public func workspaceClicks(_ workspaceID: Int64, from: Day, to: Day) -> ClickTotals {
        tables.workspaceClicks[workspaceID]?.clickTotals(from: from, to: to) ?? ClickTotals()
    }

    /// Clicks attributed to a campaign (clicks of the campaign's own workspace).
    public func campaignClicks(_ campaignIndex: Int, from: Day, to: Day) -> ClickTotals {
        tables.campaignClicks[campaignIndex]?.clickTotals(from: from, to: to) ?? ClickTotals()
    }

    /// Clicks of a workspace attributed to a user.
    public func userClicks(_ workspaceID: Int64, user: UUID128, from: Day, to: Day) -> ClickTotals {
        tables.userClicks[WorkspaceUser(workspaceID: workspaceID, userID: user)]?.clickTotals(from: from, to: to) ?? ClickTotals()
    }
}
