import StatsJSON

/// One field-level change recorded in the journal (SPEC §9). Ops are idempotent, so re-applying a
/// journal on top of a base file that already holds some of them is harmless.
public enum JournalOp: Sendable, Equatable {
    /// Set these top-level fields of the campaign whose `id` equals `campaignID` (lowercase UUID;
    /// matched case-insensitively against the base file's first campaign with that id).
    case setCampaignFields(campaignID: String, fields: JSONObject)
    /// Put this weekly snapshot (`campaign_id`, `week_start`, `stats`, `captured_at`): its fields replace
    /// those of the first existing snapshot of the same campaign (case-insensitive UUID) and `week_start`
    /// (in place; that record's other, unknown fields are kept, SPEC §2), or it is appended.
    case putSnapshot(JSONObject)
}

/// One committed write: the ops of one tool call, applied all or nothing.
public struct JournalEntry: Sendable, Equatable {
    public var sequence: Int64
    public var ops: [JournalOp]

    public init(sequence: Int64, ops: [JournalOp]) {
        self.sequence = sequence
        self.ops = ops
    }
}
