/// How the importer reads each §2 field from a CSV cell, and which ids refer to which array.
/// Fields not listed here are kept as unknown fields (CSV: as strings).
public enum FieldKind: Sendable, Equatable {
    case string
    case integer
    case boolean
    /// JSON text in CSV (`stats`, `operating_hours`).
    case object
    /// `;`-separated integers in CSV.
    case integerList
    /// `;`-separated strings in CSV.
    case stringList
    /// The record's own UUID id (a non-UUID text is replaced by a derived UUID).
    case ownID
    /// The id of a record of this array (mapped like that record's own id).
    case reference(String)
    /// `;`-separated ids of records of this array.
    case referenceList(String)
}

/// One store array (SPEC §2) as the importer sees it.
public struct ArrayRule: Sendable {
    public var name: String
    /// The public id prefix (`ws`, `usr`, `cp`) when the records have a `public_id`.
    public var publicPrefix: String?
    public var fields: [(String, FieldKind)]

    public func kind(of field: String) -> FieldKind? { fields.first { $0.0 == field }?.1 }
}

public enum ImportRules {
    /// Every §2 array, in the order the store file lists them.
    public static let arrays: [ArrayRule] = [
        ArrayRule(name: "workspaces", publicPrefix: "ws", fields: [
            ("id", .integer), ("public_id", .string), ("name", .string), ("timezone", .string),
        ]),
        ArrayRule(name: "users", publicPrefix: "usr", fields: [
            ("id", .ownID), ("public_id", .string), ("name", .string), ("email", .string), ("workspace_ids", .integerList),
        ]),
        ArrayRule(name: "api_keys", publicPrefix: nil, fields: [
            ("key_sha256", .string), ("user_id", .reference("users")), ("workspace_id", .integer), ("label", .string),
            ("revoked", .boolean),
        ]),
        ArrayRule(name: "campaigns", publicPrefix: "cp", fields: [
            ("id", .ownID), ("public_id", .string), ("workspace_id", .integer), ("user_id", .reference("users")),
            ("type", .string), ("name", .string), ("status", .string), ("paused_reason", .string), ("daily_limit", .integer),
            ("stop_on_reply", .boolean), ("open_tracking", .boolean), ("signature", .string),
            ("skip_other_campaigns", .boolean), ("operating_hours", .object), ("stats", .object),
            ("created_at", .string), ("updated_at", .string), ("last_synced_at", .string),
            ("sender_accounts", .stringList), ("assignee_ids", .referenceList("users")),
        ]),
        ArrayRule(name: "prospects", publicPrefix: nil, fields: [
            ("id", .ownID), ("campaign_id", .reference("campaigns")), ("status", .string),
        ]),
        ArrayRule(name: "activities", publicPrefix: nil, fields: [
            ("campaign_id", .reference("campaigns")), ("prospect_id", .reference("prospects")), ("type", .string), ("at", .string),
        ]),
        ArrayRule(name: "weekly_snapshots", publicPrefix: nil, fields: [
            ("campaign_id", .reference("campaigns")), ("week_start", .string), ("stats", .object), ("captured_at", .string),
        ]),
        ArrayRule(name: "clicks", publicPrefix: nil, fields: [
            ("workspace_id", .integer), ("kind", .string), ("at", .string), ("campaign_id", .reference("campaigns")),
            ("user_id", .reference("users")), ("alias_id", .reference("aliases")),
        ]),
        ArrayRule(name: "aliases", publicPrefix: nil, fields: [
            ("id", .ownID), ("workspace_id", .integer), ("user_id", .reference("users")), ("slug", .string),
        ]),
        ArrayRule(name: "call_batches", publicPrefix: nil, fields: [
            ("id", .ownID), ("workspace_id", .integer), ("campaign_id", .reference("campaigns")), ("status", .string),
            ("created_at", .string), ("completed_at", .string),
        ]),
        ArrayRule(name: "calls", publicPrefix: nil, fields: [
            ("id", .ownID), ("batch_id", .reference("call_batches")), ("status", .string),
        ]),
        ArrayRule(name: "call_stats_daily", publicPrefix: nil, fields: [
            ("workspace_id", .integer), ("date", .string), ("campaign_id", .reference("campaigns")),
            ("total_calls", .integer), ("completed_calls", .integer), ("connected_calls", .integer),
            ("meetings_booked", .integer), ("qualified_leads", .integer), ("conversations_had", .integer),
            ("total_duration_seconds", .integer),
        ]),
    ]

    public static func array(named name: String) -> ArrayRule? { arrays.first { $0.name == name } }
}
