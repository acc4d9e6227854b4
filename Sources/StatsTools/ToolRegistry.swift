import StatsCore
import StatsJSON
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

/// SPEC §5: how big `tools/list` may be, in bytes of compact JSON. The model-facing part (every tool's
/// `name`, `title`, `description` and `inputSchema`) is what a client puts in the model's context;
/// the whole array adds the output schemas and annotations. `ToolsListBudgetTests` holds the tools to it.
public enum ToolsListBudget {
    public static let modelFacingBytes = 14_000
    public static let wholeBytes = 32_000

    /// The model-facing part of one tool's definition.
    public static func modelFacing(_ definition: JSONValue) -> JSONValue {
        var o = JSONObject()
        for key in ["name", "title", "description", "inputSchema"] { o[key] = definition[key] }
        return .object(o)
    }
}
