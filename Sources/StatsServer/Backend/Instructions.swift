import Foundation

/// The `instructions` a client may add to the model's system prompt.
enum Instructions {
    static let text = """
        stats-mcp answers analytics questions about outreach campaigns (email, LinkedIn, AI phone calls, link and \
        vCard clicks) for the one workspace bound to the API key, and runs two sync jobs.
        Call workspace_get first: it says who you are, the workspace's time zone, today, and which dates hold data.
        Which tool: rank or compare campaigns by one metric ("worst bounce rate", "top 5 by replies last week") → \
        analytics_rank_campaigns; workspace click totals and trend charts → stats_get_workspace_overview; one campaign over a \
        period → stats_get_campaign_performance; one user → stats_get_user_metrics; weekly LinkedIn/email deltas and \
        all-time totals of your campaigns → analytics_get_dashboard; all-time funnel and average reply time per \
        campaign (also across your workspaces) → analytics_get_campaign_analytics; call batches and call outcomes → \
        analytics_get_call_dashboard; find ids → campaigns_list, users_list, campaigns_get. Writes: \
        campaigns_sync_stats (recompute stats, may auto-pause on bounces), campaigns_capture_weekly_snapshots.
        Ids: campaigns cp_…, users usr_…, workspaces ws_… (26 lowercase base32 characters after the prefix); \
        campaign tools also take the campaign UUID. Dates are YYYY-MM-DD in the workspace's time zone, ranges \
        inclusive; instead of working out dates, pass a `period` preset (e.g. last_week, this_month, last_30_days). \
        Every answer echoes the period it used. Errors come back as isError results with a code, the \
        offending field and a hint: fix the argument and retry. Metric definitions: resource stats://docs/metrics.
        """

    /// The same guide for a `--read-only` server (no sync tools).
    static let readOnlyText = text
        .replacingOccurrences(of: ", and runs two sync jobs.", with: " (read-only: this server runs no sync jobs).")
        .replacingOccurrences(
            of: " Writes: campaigns_sync_stats (recompute stats, may auto-pause on bounces), campaigns_capture_weekly_snapshots.",
            with: "")
}
