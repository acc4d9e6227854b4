/// The closed vocabularies and product rules of SPEC §2 and §5, declared once and used by the tools'
/// argument specs, the store schema, the demo generator and the glossary.
public enum Vocabulary {
    /// `campaigns[].type` (SPEC §2).
    public static let campaignTypes = ["email", "linkedin", "call"]
    /// `campaigns[].status` (SPEC §2).
    public static let campaignStatuses = ["draft", "active", "paused", "completed", "archived"]
    /// `call_batches[].status` (SPEC §2).
    public static let batchStatuses = ["pending", "processing", "completed", "failed"]

    /// `["a", "b"]`: a list as JSON text (for schema documents written as text).
    public static func jsonList(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }
}

/// The bounce guard of `campaigns_sync_stats` (SPEC §5.7, step 4).
public enum BounceGuardRule {
    /// Prospects past `pending` needed before the guard may pause a campaign.
    public static let minimumAttempted: Int64 = 100
    /// Bounced share, in percent, at or above which the guard pauses.
    public static let thresholdPercent: Int64 = 5

    /// Whether `bounced` of `attempted` trips the guard (exact integer arithmetic).
    public static func trips(attempted: Int64, bounced: Int64) -> Bool {
        attempted >= minimumAttempted && bounced * 100 >= attempted * thresholdPercent
    }
}

/// Date-range limits of SPEC §4, counted inclusively.
public enum SpanLimits {
    /// Days a `from … to` range may span.
    public static let maximumDays = 1096
    /// Days a day breakdown may span.
    public static let maximumDayBreakdownDays = 366
}
