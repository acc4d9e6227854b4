import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// users_list (SPEC §5.10, §11) on the fixture store.
///
/// Users linked to A, ordered by name as Swift's `String <` (code points of the NFC forms, case-sensitive),
/// null names last, ties by public id:
///   "Ada Park" (…01) < "Bob Smith" (…02) < "Zoë" NFC (…06) = "Zoë" NFD (…07, canonically equal: id decides)
///   < "ada park" (…04; lower-case sorts after upper-case) < no name (…05).
/// A byte-wise comparison would put the NFD "Zoe\u{308}" before the NFC one (e < ë); the order above shows it does not.
/// owned_campaigns counts campaigns of A: Ada owns E1, L1, C1, E3, T1 = 5 (B1 is in B); Bob owns E2 = 1.
@Suite("users_list")
struct UsersListTests {
    let tool = UsersList()

    static let ada = #"{"public_id":"usr_00000000000000000000000001","name":"Ada Park","owned_campaigns":5}"#
    static let bob = #"{"public_id":"usr_00000000000000000000000002","name":"Bob Smith","owned_campaigns":1}"#
    static let zoeNFC = #"{"public_id":"usr_00000000000000000000000006","name":"Zo\u00eb","owned_campaigns":0}"#
    static let zoeNFD = #"{"public_id":"usr_00000000000000000000000007","name":"Zoe\u0308","owned_campaigns":0}"#
    static let ada2 = #"{"public_id":"usr_00000000000000000000000004","name":"ada park","owned_campaigns":0}"#
    static let noname = #"{"public_id":"usr_00000000000000000000000005","name":null,"owned_campaigns":0}"#
    static let all = [ada, bob, zoeNFC, zoeNFD, ada2, noname]

    func check(_ args: String, _ items: [String], total: Int, _ context: ToolContext = Fixture.context(), sourceLocation: SourceLocation = #_sourceLocation) {
        let r = Fixture.ok(tool, args, context, sourceLocation: sourceLocation)
        #expect(r["users"] == Fixture.json("[\(items.joined(separator: ","))]"), sourceLocation: sourceLocation)
        #expect(r["total"] == .int(Int64(total)), sourceLocation: sourceLocation)
        #expect((r["next_cursor"]?.stringValue != nil) == (items.count < total), sourceLocation: sourceLocation)
    }

    @Test func everyLinkedUserByName() {
        let r = Fixture.ok(tool)
        #expect(r == Fixture.json(#"{"users":[\#(Self.all.joined(separator: ","))],"total":6,"next_cursor":null}"#))
        #expect(r.objectValue?.keys == ["users", "total", "next_cursor"])
        // Byte-exact names (NFD stays NFD).
        let names = r["users"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names?[3].unicodeScalars.count == 4)
    }

    @Test func query() {
        check(#"{"query":"ada"}"#, [Self.ada, Self.ada2], total: 2)
        check(#"{"query":"ADA P"}"#, [Self.ada, Self.ada2], total: 2)
        // Ë (NFC, upper-case) and e + U+0308 (NFD) both fold to "zoë" and match both spellings.
        check(#"{"query":"ZO\u00cb"}"#, [Self.zoeNFC, Self.zoeNFD], total: 2)
        check(#"{"query":"zoe\u0308"}"#, [Self.zoeNFC, Self.zoeNFD], total: 2)
        check(#"{"query":"o"}"#, [Self.bob, Self.zoeNFC, Self.zoeNFD], total: 3)
        check(#"{"query":"nobody"}"#, [], total: 0)
        check(#"{"query":""}"#, Self.all, total: 6)
    }

    @Test func workspaceBAndOwnedCampaignsCountOnlyThatWorkspace() {
        // B: Ada (owns B1 there → 1) and Carl (B2 → 1).
        let fromB = Fixture.context(workspace: Fixture.wsB)
        check("{}", [#"{"public_id":"usr_00000000000000000000000001","name":"Ada Park","owned_campaigns":1}"#,
                     #"{"public_id":"usr_00000000000000000000000003","name":"Carl Berg","owned_campaigns":1}"#], total: 2, fromB)
    }

    @Test func pagesWithCursors() throws {
        var r = Fixture.ok(tool, #"{"limit":4}"#)
        #expect(r["users"] == Fixture.json("[\(Self.all.prefix(4).joined(separator: ","))]"))
        #expect(r["total"] == 6)
        let cursor = try #require(r["next_cursor"]?.stringValue)
        r = Fixture.ok(tool, #"{"limit":4,"cursor":"\#(cursor)"}"#)
        #expect(r == Fixture.json(#"{"users":[\#(Self.ada2),\#(Self.noname)],"total":6,"next_cursor":null}"#))
    }

    @Test(arguments: ["", "a", "o", "zoë"])
    func cursorPagesCoverEveryRecordExactlyOnce(_ query: String) throws {
        let filters = query.isEmpty ? JSONObject() : JSONObject([("query", .string(query))])
        let expected = try #require(Fixture.ok(tool, JSON.string(.object(filters)))["users"]?.arrayValue)
        for limit in 1...7 {
            var seen: [JSONValue] = []
            var cursor: String?
            var pages = 0
            repeat {
                var args = filters
                args["limit"] = .int(Int64(limit))
                if let cursor { args["cursor"] = .string(cursor) }
                let r = Fixture.ok(tool, JSON.string(.object(args)))
                #expect(r["total"] == .int(Int64(expected.count)))
                seen += try #require(r["users"]?.arrayValue)
                cursor = r["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen == expected, "limit \(limit) query \(query)")
            #expect(pages == max(1, (expected.count + limit - 1) / limit))
        }
    }

    func expectInvalidCursor(_ args: String, _ context: ToolContext = Fixture.context(), sourceLocation: SourceLocation = #_sourceLocation) {
        let e = Fixture.error(tool, args, context, sourceLocation: sourceLocation)
        #expect(e?.code == .invalidArgument, sourceLocation: sourceLocation)
        #expect(e?.field == "cursor", sourceLocation: sourceLocation)
    }

    @Test func foreignAndTamperedCursors() throws {
        let cursor = try #require(Fixture.ok(tool, #"{"limit":1,"query":"a"}"#)["next_cursor"]?.stringValue)
        #expect(Fixture.run(tool, #"{"query":"a","cursor":"\#(cursor)"}"#).isSuccess)
        // Another query (or none).
        expectInvalidCursor(#"{"cursor":"\#(cursor)"}"#)
        expectInvalidCursor(#"{"query":"b","cursor":"\#(cursor)"}"#)
        // Another tool.
        let campaigns = try #require(Fixture.ok(CampaignsList(), #"{"limit":1}"#)["next_cursor"]?.stringValue)
        expectInvalidCursor(#"{"cursor":"\#(campaigns)"}"#)
        // Another workspace: the same user and query in B.
        expectInvalidCursor(#"{"query":"a","cursor":"\#(cursor)"}"#, Fixture.context(workspace: Fixture.wsB))
        // Tampered, empty, not a string.
        var chars = Array(cursor)
        chars[5] = chars[5] == "x" ? "y" : "x"
        expectInvalidCursor(#"{"query":"a","cursor":"\#(String(chars))"}"#)
        expectInvalidCursor(#"{"cursor":12}"#)
    }

    @Test(arguments: [
        (#"{"query":1}"#, "query"), (#"{"query":["a"]}"#, "query"),
        (#"{"limit":0}"#, "limit"), (#"{"limit":101}"#, "limit"), (#"{"limit":"25"}"#, "limit"), (#"{"limit":1.5}"#, "limit"),
        (#"{"workspace_id":340}"#, "workspace_id"),
    ])
    func invalidArguments(_ args: String, _ field: String) throws {
        let e = try #require(Fixture.error(tool, args))
        #expect(e.code == .invalidArgument)
        #expect(e.field == field)
    }
}
