import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// The pieces behind the list and dashboard tools: cursors, name order, name matching, and the
/// cached snapshot deltas.
@Suite("list support")
struct ListSupportTests {
    @Test func base64URLRoundTripsEveryLength() {
        for n in 0..<40 {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
        }
        // RFC 4648 test vectors (unpadded).
        #expect(Base64URL.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64URL.encode(Array("fooba".utf8)) == "Zm9vYmE")
        #expect(Base64URL.encode([0xFB, 0xFF]) == "-_8")
    }

    @Test func base64URLDecodingIsStrict() {
        for bad in ["Zm9vYmE=", "Zm9v YmFy", "Zm9vY", "Zm+v", "Zm/v", "-_9"] {
            #expect(Base64URL.decode(bad) == nil, "\(bad)")
        }
    }

    @Test func cursorRoundTripAndBinding() throws {
        let filters = JSONObject([("type", "email"), ("query", "ä")])
        let cursor = Cursor.make(tool: "campaigns_list", workspaceID: 340, filters: filters, offset: 50)
        #expect(cursor.hasPrefix("c1."))
        #expect(try Cursor.offset(cursor, tool: "campaigns_list", workspaceID: 340, filters: filters) == 50)
        // Filter order does not matter; values and names do.
        let reordered = JSONObject([("query", "ä"), ("type", "email")])
        #expect(try Cursor.offset(cursor, tool: "campaigns_list", workspaceID: 340, filters: reordered) == 50)
        // NFD "ä" is another filter value (bytes differ).
        let nfd = JSONObject([("type", "email"), ("query", "a\u{308}")])
        #expect(throws: ToolError.self) { try Cursor.offset(cursor, tool: "campaigns_list", workspaceID: 340, filters: nfd) }
        #expect(throws: ToolError.self) { try Cursor.offset(cursor, tool: "users_list", workspaceID: 340, filters: filters) }
        #expect(throws: ToolError.self) { try Cursor.offset(cursor, tool: "campaigns_list", workspaceID: 341, filters: filters) }
        #expect(throws: ToolError.self) { try Cursor.offset(cursor, tool: "campaigns_list", workspaceID: 340, filters: JSONObject()) }
    }

    @Test func nameKeyOrderIsSwiftStringOrder() {
        let names: [String?] = [
            "Ada", "ada", "Ada Park", "Ada Parker", "Ada Park ", "Äda", "A\u{308}da", "Zoë", "Zoe\u{308}", "Zoe", "Zoey",
            "Émile", "E\u{301}mile", "Ørjan", "Œuvre", "über", "Über", "🚀 Rocket", "🚀", "한국", "\u{1100}\u{1161}\u{11A8}",
            "", " ", "12345678", "123456789", "123456780", "abcdefgh", "abcdefghi", "abcdefgh\u{301}", "ﬁle", "Å", "A\u{30A}",
            "\u{212B}", nil, nil, "naïve Test B", "naive", "Q2 Enterprise", "q2 enterprise", "x\u{338}", "\u{226F}",
        ]
        for a in names {
            for b in names {
                #expect((NameKey(a) < NameKey(b)) == TextMatch.nameLess(a, b), "\(String(describing: a)) < \(String(describing: b))")
                let equal = !TextMatch.nameLess(a, b) && !TextMatch.nameLess(b, a)
                #expect((NameKey(a) == NameKey(b)) == equal, "\(String(describing: a)) == \(String(describing: b))")
            }
        }
        // NameOrder.sorted agrees with sorting by nameLess, ties by the given rule.
        let indexed = Array(names.enumerated())
        let expected = indexed.sorted { x, y in
            if TextMatch.nameLess(x.element, y.element) { return true }
            if TextMatch.nameLess(y.element, x.element) { return false }
            return x.offset < y.offset
        }.map(\.offset)
        #expect(NameOrder.sorted(indexed, name: \.element, tieLess: { $0.offset < $1.offset }).map(\.offset) == expected)
    }

    @Test func nameQueryMatchesLikeTextMatch() {
        let names = ["Alpha Email", "ÄRZTE Kampagne", "Zoe\u{308}", "Zoë", "naïve", "İstanbul", "ß street", "Q2 Enterprise", "", "🚀 Rocket"]
        let queries = ["", "a", "A", "email", "ärzte", "ÄR", "zoë", "ZOE\u{308}", "e\u{308}", "i̇", "SS", "ß", "q2 e", "🚀", "x"]
        for q in queries {
            let query = NameQuery(q)
            for n in names {
                #expect(query.matches(n) == TextMatch.contains(n, folded: TextMatch.folded(q)), "\(n) ~ \(q)")
            }
            #expect(query.matches(nil) == q.isEmpty)
        }
    }

    @Test func snapshotDeltasFollowJournalChanges() throws {
        // A capture that replaces E1's 2026-03-23 snapshot (sent 20 → 26) and adds 2026-03-30 (sent 30):
        // 03-23 email delta becomes sent +6, replied −2 (replied missing now), and 03-30 adds sent +4.
        var data = Fixture.data
        let tool = AnalyticsGetDashboard()
        let before = Fixture.ok(tool, #"{"campaign_ids":"\#(Fixture.e1)"}"#, Fixture.context(data: data))
        #expect(before["weekly"]?.arrayValue?.last?["email"] == Fixture.json(#"{"sent":0,"replied":0}"#))
        data.apply([
            .putSnapshot(JSONObject([("campaign_id", .string(Fixture.e1)), ("week_start", "2026-03-23"), ("stats", ["sent": 26])])),
            .putSnapshot(JSONObject([("campaign_id", .string(Fixture.e1)), ("week_start", "2026-03-30"), ("stats", ["sent": 30])])),
        ])
        let after = Fixture.ok(tool, #"{"campaign_ids":"\#(Fixture.e1)"}"#, Fixture.context(data: data))
        let weekly = try #require(after["weekly"]?.arrayValue)
        #expect(weekly.count == 4)
        #expect(weekly[2] == Fixture.json(#"{"week_start":"2026-03-23","linkedin":{},"email":{"sent":6,"replied":-2},"call":{}}"#))
        #expect(weekly[3] == Fixture.json(#"{"week_start":"2026-03-30","linkedin":{},"email":{"sent":4},"call":{}}"#))
        // The original view is unchanged (values, and the cache does not confuse the two).
        #expect(Fixture.ok(tool, #"{"campaign_ids":"\#(Fixture.e1)"}"#, Fixture.context(data: Fixture.data)) == before)
        #expect(Fixture.ok(tool, #"{"campaign_ids":"\#(Fixture.e1)"}"#, Fixture.context(data: data)) == after)
    }

    @Test func hugeCountersStayExact() {
        // Sums beyond Int64 are exact in Int128; a delta of a huge counter is exact too.
        let store = #"""
            {"format":"stats-mcp-store","version":1,
             "workspaces":[{"id":1,"public_id":"ws_00000000000000000000000001","name":"One"}],
             "users":[{"id":"a0000000-0000-4000-8000-000000000001","public_id":"usr_00000000000000000000000001","name":"Ann","workspace_ids":[1]}],
             "campaigns":[
              {"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000001","workspace_id":1,
               "user_id":"a0000000-0000-4000-8000-000000000001","type":"email","name":"A","status":"active","stats":{"sent":9223372036854775807}},
              {"id":"c0000000-0000-4000-8000-000000000002","public_id":"cp_00000000000000000000000002","workspace_id":1,
               "user_id":"a0000000-0000-4000-8000-000000000001","type":"email","name":"B","status":"active","stats":{"sent":1,"x":null,"y":true,"z":5.0}}],
             "weekly_snapshots":[
              {"campaign_id":"c0000000-0000-4000-8000-000000000001","week_start":"2026-01-05","stats":{"sent":-9223372036854775807}},
              {"campaign_id":"c0000000-0000-4000-8000-000000000001","week_start":"2026-01-12","stats":{"sent":9223372036854775807}}]}
            """#
        let data = Fixture.load(store)
        let ctx = Fixture.context(workspace: 1, user: "a0000000-0000-4000-8000-000000000001", data: data)
        let r = Fixture.ok(AnalyticsGetDashboard(), "{}", ctx)
        // allTime: 2^63 − 1 + 1 = 2^63 (beyond Int64: written as the number 9223372036854775808); 5.0 counts as 5.
        #expect(r["allTime"]?["email"] == Fixture.json(#"{"sent":9223372036854775808.0,"z":5}"#))
        // delta: (2^63 − 1) − (−(2^63 − 1)) = 2^64 − 2.
        #expect(r["weekly"]?.arrayValue?.first?["email"]?["sent"] == .double(18446744073709551614.0))
    }
}
