import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// The serialized-row cache of analytics_get_campaign_analytics must never serve a stale row.
@Suite struct CampaignAnalyticsCacheTests {
    func status(of publicID: String, in result: Result<JSONValue, ToolError>) throws -> String? {
        let value = try result.get()
        return value["campaigns"]?.arrayValue?.first { $0["public_id"]?.stringValue == publicID }?["status"]?.stringValue
    }

    @Test func aStatusChangedThroughTheJournalShowsAtOnce() throws {
        var store = StatsFixture.main
        let campaign = try #require(store.campaigns(inWorkspace: 340).first { $0.status == "active" })
        let tool = AnalyticsGetCampaignAnalytics()
        #expect(try status(of: campaign.publicID, in: StatsHarness.call(tool, store: store)) == "ACTIVE")
        store.apply([.setCampaignFields(campaignID: campaign.id.description, fields: JSONObject([("status", "paused")]))])
        #expect(try status(of: campaign.publicID, in: StatsHarness.call(tool, store: store)) == "PAUSED")
        // The original view still answers with its own status (a request keeps the view it started with).
        #expect(try status(of: campaign.publicID, in: StatsHarness.call(tool, store: StatsFixture.main)) == "ACTIVE")
    }
}
