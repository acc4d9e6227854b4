/// Size limits of tool arguments (issue 17; docs/ROBUSTNESS.md). Each is declared once here; the input
/// schema (`maxLength`, `maxItems`), validation and the docs use these values.
///
/// They keep every call's cost bounded whatever a client sends (the transport already caps a line at
/// `--max-message-bytes`, 16 MiB by default): a name `query` is matched against every name of the
/// workspace, and a `campaign_ids` list names campaigns one by one.
public enum ArgumentLimits {
    /// `query` of campaigns_list / users_list: at most this many characters (Unicode code points).
    /// No campaign or user name is longer in practice; a longer query is `invalid_argument`.
    public static let queryCharacters = 1_000
    /// `campaign_ids` of analytics_get_dashboard: at most this many items (after trimming, dropping
    /// empty items and repeats of the same text). Enough for every campaign a person owns; the
    /// `not_found` message that lists unknown ids then stays within the answer budget (SPEC §4).
    public static let campaignIDs = 500
}
