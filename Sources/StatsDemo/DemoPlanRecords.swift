import StatsCore

extension DemoPlan {
    // MARK: Record types

    struct Workspace: Sendable {
        let index: Int
        let id: Int
        let publicID: String
        let name: String
        let timezone: String
        /// Standard-time UTC offset in seconds, used to place events in local business hours.
        let offset: Int
        let domain: String
        let campaignWeight: Double
        let clickWeight: Int
        /// The last second of the anchor day in this workspace's time zone (Unix seconds).
        var anchorEnd: Int { (DemoPlan.anchorDay + 1) * 86_400 - offset - 1 }
    }

    struct User: Sendable {
        let index: Int
        let id: String
        let publicID: String
        let name: String
        let slug: String
        let email: String
        /// Workspace indexes, ascending.
        let workspaces: [Int]
    }

    struct APIKey: Sendable {
        let plain: String
        let user: Int
        let workspace: Int
        let label: String
        let revoked: Bool
    }

    struct Alias: Sendable {
        let index: Int
        let id: String
        let workspace: Int
        let user: Int
        let slug: String
    }

    enum Role: Sendable { case normal, flagship, bounceWatch, bouncePaused }

    struct Campaign: Sendable {
        let index: Int
        let id: String
        let publicID: String
        let workspace: Int
        let owner: Int
        let type: Int          // CampaignType index
        let status: Int        // CampaignStatus index
        let role: Role
        let name: String
        let dailyLimit: Int
        let stopOnReply: Bool
        let openTracking: Bool
        let signature: String?
        let skipOtherCampaigns: Bool?
        let operatingHours: Int   // 0 = null, else a variant
        let senderAccounts: [String]
        let assignees: [Int]
        let createdAt: Int
        let updatedAt: Int
        let lastSyncedAt: Int?
        /// The period in which outreach happened (empty for drafts).
        let runStart: Int
        let runEnd: Int
        var prospectStart = 0
        var prospectCount = 0
        /// Prospect counts by status index of the campaign's type (index 0 = pending).
        var statusCounts: [Int] = []
        /// The owner's first alias in the campaign's workspace, if any.
        var ownerAlias: Int? = nil
    }

    struct Batch: Sendable {
        let index: Int
        let id: String
        let workspace: Int
        let campaign: Int
        let status: Int        // BatchStatus index
        let createdAt: Int
        let completedAt: Int?
        let callStart: Int
        /// Calls by status: pending, in_progress, completed, failed.
        let callCounts: [Int]
        var callCount: Int { callCounts.reduce(0, +) }
    }

    // MARK: Vocabulary

    static let campaignTypes = Vocabulary.campaignTypes
    static let campaignStatuses = Vocabulary.campaignStatuses
    static let prospectStatuses: [[String]] = [
        ["pending", "sent", "opened", "clicked", "replied", "interested", "bounced", "unsubscribed"],
        ["pending", "connection_sent", "connected", "message_sent", "replied", "interested", "withdrawn"],
        ["pending", "called", "connected", "meeting_booked", "not_interested", "failed"],
    ]
    static let batchStatuses = ["pending", "processing", "completed", "failed"]
    static let callStatuses = ["pending", "in_progress", "completed", "failed"]
}
