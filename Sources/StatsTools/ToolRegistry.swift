import StatsCore
/// Every tool, in the fixed `tools/list` order (SPEC §5).
public enum ToolRegistry {
    public static let all: [any Tool] = [
        WorkspaceGet(),
        StatsGetWorkspaceOverview(),
        StatsGetCampaignPerformance(),
        StatsGetUserMetrics(),
        AnalyticsGetDashboard(),
        AnalyticsGetCampaignAnalytics(),
        AnalyticsGetCallDashboard(),
        AnalyticsRankCampaigns(),
        CampaignsSyncStats(),
        CampaignsGet(),
        CampaignsList(),
        UsersList(),
        CampaignsCaptureWeeklySnapshots(),
    ]

    /// The tools a server exposes; `--read-only` hides the sync tools.
    public static func tools(readOnly: Bool) -> [any Tool] {
        readOnly ? all.filter { !$0.isSync } : all
    }

    public static func tool(named name: String, readOnly: Bool = false) -> (any Tool)? {
        tools(readOnly: readOnly).first { Identifiers.sameBytes($0.name, name) }
    }
}
