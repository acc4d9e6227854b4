import StatsProtocol

/// The chart app (SPEC §7.4): one self-contained HTML document (`ChartsApp.html`, in
/// `ChartsAppHTML.swift`) that draws the results of the tools listed here over the MCP Apps bridge.
enum ChartsApp {
    static let uri = "ui://stats-mcp/charts.html"

    /// The tools whose results the app draws (declared once; a name the server does not list is ignored).
    static let toolNames = [
        "stats_get_workspace_overview", "stats_get_campaign_performance", "analytics_get_dashboard",
        "analytics_get_call_dashboard", "analytics_rank_campaigns",
    ]

    static let app = UIApp(
        resource: MCPResource(
            uri: uri, name: "charts.html", title: "Charts",
            description: "Charts of stats-mcp tool results (MCP Apps view): click series with the previous period, funnels, weekly trends, call totals and rankings.",
            mimeType: MCPApps.mimeType),
        html: html, toolNames: toolNames)
}
