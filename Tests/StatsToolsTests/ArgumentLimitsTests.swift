import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// Issue 17 #2 and #3: argument sizes are bounded (docs/ROBUSTNESS.md) and the work per item is linear.
@Suite("argument limits (issue 17)")
struct ArgumentLimitsTests {
    static func query(_ text: String) -> String { JSON.string(["query": .string(text)]) }

    @Test func queryLongerThanTheLimitIsInvalidArgument() throws {
        let limit = ArgumentLimits.queryCharacters
        // Exactly the limit in code points is accepted (1,000 × "é" as e + U+0301 = 2,000 code points: too long).
        let atLimit = String(repeating: "e", count: limit)
        #expect(Fixture.ok(CampaignsList(), Self.query(atLimit))["total"] == .int(0))
        #expect(Fixture.ok(UsersList(), Self.query(atLimit))["total"] == .int(0))
        let tooLong = String(repeating: "e\u{301}", count: limit / 2 + 1)
        for error in [Fixture.error(CampaignsList(), Self.query(tooLong)), Fixture.error(UsersList(), Self.query(tooLong))] {
            let error = try #require(error)
            #expect(error.code == .invalidArgument)
            #expect(error.field == "query")
            #expect(error.message.contains("at most 1000 characters (1002 given)"))
            #expect(error.message.utf8.count < 400, "the message must not echo the whole query")
        }
    }

    @Test func queryLimitIsInTheInputSchema() {
        for arguments in [CampaignsList().arguments, UsersList().arguments] {
            let spec = arguments.first { $0.name == "query" }
            #expect(spec?.schema["maxLength"] == .int(Int64(ArgumentLimits.queryCharacters)))
        }
    }

    @Test func combiningSequencesStillMatchAfterLinearFolding() {
        // "Zoë" is stored once precomposed and once as e + U+0308: a decomposed query finds both.
        let r = Fixture.ok(UsersList(), Self.query("zoe\u{308}"))
        #expect(r["total"] == .int(2))
    }

    @Test func campaignIDsAreDedupedAndBounded() throws {
        let dashboard = AnalyticsGetDashboard()
        let own = "c0000000-0000-4000-8000-000000000001"
        // 2,000 repeats of one id are one item: accepted, one campaign in scope.
        let repeated = JSON.string(["campaign_ids": .string(Array(repeating: own, count: 2_000).joined(separator: ","))])
        let single = JSON.string(["campaign_ids": .string(own)])
        #expect(Fixture.ok(dashboard, repeated) == Fixture.ok(dashboard, single))
        // More distinct ids than the limit: invalid_argument before any lookup, named with the count.
        let many = (0...ArgumentLimits.campaignIDs).map { String(format: "e0000000-0000-4000-8000-%012d", $0) }
        let error = try #require(Fixture.error(dashboard, JSON.string(["campaign_ids": .array(many.map { .string($0) })])))
        #expect(error.code == .invalidArgument)
        #expect(error.field == "campaign_ids")
        #expect(error.message.contains("at most \(ArgumentLimits.campaignIDs) campaign ids (\(ArgumentLimits.campaignIDs + 1) given)"))
        // At the limit: every unknown id is named once, in the order given.
        let atLimit = Array(many.prefix(ArgumentLimits.campaignIDs))
        let notFound = try #require(Fixture.error(dashboard, JSON.string(["campaign_ids": .array((atLimit + atLimit).map { .string($0) })])))
        #expect(notFound.code == .notFound)
        #expect(notFound.message.components(separatedBy: "e0000000-0000-4000-8000-000000000499").count == 2)
    }
}
