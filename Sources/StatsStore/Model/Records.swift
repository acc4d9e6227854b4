import StatsCore
import StatsJSON

/// A tenant (SPEC §1).
public struct Workspace: Sendable {
    public var id: Int64
    public var publicID: String
    public var name: String
    /// The stored time zone name, or "UTC" when absent.
    public var timezone: String
    /// Rules of `timezone`; UTC when the name is unknown.
    public var zone: ZoneRules
}

public struct User: Sendable {
    public var id: UUID128
    public var publicID: String
    public var name: String?
    public var email: String?
    /// Linked workspaces that exist, in stored order, without duplicates.
    public var workspaceIDs: [Int64]
}

public struct APIKey: Sendable {
    public var userID: UUID128?
    public var workspaceID: Int64?
    public var revoked: Bool
}

/// Activity types (SPEC §2). The raw value indexes per-type counters.
public enum ActivityType: UInt8, Sendable, CaseIterable {
    case emailSent, inviteSent, inviteAccepted, linkedinMessageSent, reply, interested, bounce

    public init?(name: String) {
        switch name {
        case "email_sent": self = .emailSent
        case "invite_sent": self = .inviteSent
        case "invite_accepted": self = .inviteAccepted
        case "linkedin_message_sent": self = .linkedinMessageSent
        case "reply": self = .reply
        case "interested": self = .interested
        case "bounce": self = .bounce
        default: return nil
        }
    }

    public var isOutbound: Bool { self == .emailSent || self == .inviteSent || self == .linkedinMessageSent }
}

/// Click kinds (SPEC §2); the raw value indexes `DailyCounts` kinds.
public enum ClickKind: Int, Sendable, CaseIterable {
    case campaign = 0, vcard = 1, other = 2

    public init?(name: String) {
        switch name {
        case "campaign": self = .campaign
        case "vcard": self = .vcard
        case "other": self = .other
        default: return nil
        }
    }
}

/// A campaign: its stored record (unknown fields included) and the fields queries use.
public struct Campaign: Sendable {
    public var index: Int
    public var id: UUID128
    public var publicID: String
    public var workspaceID: Int64
    public var ownerID: UUID128?
    public var type: String
    public var name: String?
    public var status: String
    public var createdAt: Instant?
    public var assigneeIDs: [UUID128]
    /// The record as stored (journal changes applied), written back verbatim by `campaigns_get`.
    public var record: JSONObject

    /// The `stats` object, or nil when absent or not an object.
    public var stats: JSONObject? { record["stats"]?.objectValue }
}

public struct WeeklySnapshot: Sendable {
    public var campaignIndex: Int
    public var weekStart: Day
    public var stats: JSONObject?
    public var record: JSONObject
}

public struct Alias: Sendable {
    public var id: UUID128
    public var workspaceID: Int64
    public var userID: UUID128?
}

public struct CallBatch: Sendable {
    public var id: UUID128
    public var workspaceID: Int64
    public var campaignID: UUID128?
    public var status: String
    /// `created_at` / `completed_at` as stored (echoed verbatim).
    public var createdAtRaw: JSONValue
    public var completedAtRaw: JSONValue
    public var createdAt: Instant?
    public var totalCalls: Int64 = 0
    public var completed: Int64 = 0
    public var failed: Int64 = 0
    public var pending: Int64 = 0
    public var inProgress: Int64 = 0
}

/// One `call_stats_daily` row.
public struct CallStatsRow: Sendable {
    public var date: Day
    public var campaignID: UUID128?
    /// total, completed, connected, meetings, qualified, conversations, duration seconds.
    public var counters: CallCounters
}

public struct CallCounters: Sendable, Equatable {
    public var totalCalls: Int64 = 0
    public var completedCalls: Int64 = 0
    public var connectedCalls: Int64 = 0
    public var meetingsBooked: Int64 = 0
    public var qualifiedLeads: Int64 = 0
    public var conversationsHad: Int64 = 0
    public var totalDurationSeconds: Int64 = 0

    public init() {}

    /// round(total duration / completed calls), half away from zero; 0 without completed calls (SPEC §5.6).
    public var averageDurationSeconds: Int64 {
        completedCalls == 0 ? 0 : ExactMath.roundedQuotient(totalDurationSeconds, completedCalls)
    }

    /// connected / total × 100, one decimal; 0.0 without calls (SPEC §5.6).
    public var contactRatePct: Double { ExactMath.percent(connectedCalls, totalCalls) ?? 0 }

    /// meetings booked / total × 100, one decimal; 0.0 without calls (SPEC §5.6).
    public var conversionRatePct: Double { ExactMath.percent(meetingsBooked, totalCalls) ?? 0 }

    public mutating func add(_ o: CallCounters) {
        totalCalls &+= o.totalCalls
        completedCalls &+= o.completedCalls
        connectedCalls &+= o.connectedCalls
        meetingsBooked &+= o.meetingsBooked
        qualifiedLeads &+= o.qualifiedLeads
        conversationsHad &+= o.conversationsHad
        totalDurationSeconds &+= o.totalDurationSeconds
    }
}

/// A problem found while loading, with its JSON path (`stats-mcp check` prints these).
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }
    public var path: String
    public var message: String
    public var severity: Severity

    public init(path: String, message: String, severity: Severity = .warning) {
        self.path = path
        self.message = message
        self.severity = severity
    }

    public var description: String { "\(severity.rawValue): \(path): \(message)" }
}
