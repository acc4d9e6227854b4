import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// campaigns_list (SPEC §5.9, §11) on the fixture store.
///
/// Campaigns of A, newest created_at first (instants, not text), ties by id, a missing created_at last:
///   L1 2026-03-05T09:00Z (c0…02) · C1 2026-03-05T09:00Z (c0…03, same instant: id decides)
///   · E2 "2026-03-05T10:00:00+02:00" = 08:00Z (later as text, earlier as an instant) · E1 2026-03-01
///   · E3 2026-02-01 · T1 2026-01-15 · X1 (no created_at, no name, unknown owner → owner null).
@Suite("campaigns_list")
struct CampaignsListTests {
    let tool = CampaignsList()

    static let ada = #"{"public_id":"usr_00000000000000000000000001","name":"Ada Park"}"#
    static let bob = #"{"public_id":"usr_00000000000000000000000002","name":"Bob Smith"}"#
    static let l1 = #"{"id":"c0000000-0000-4000-8000-000000000002","public_id":"cp_00000000000000000000000102","name":"Beta LinkedIn","type":"linkedin","status":"active","owner":\#(ada),"created_at":"2026-03-05T09:00:00Z"}"#
    static let c1 = #"{"id":"c0000000-0000-4000-8000-000000000003","public_id":"cp_00000000000000000000000103","name":"Gamma Calls","type":"call","status":"paused","owner":\#(ada),"created_at":"2026-03-05T09:00:00Z"}"#
    static let e2 = #"{"id":"c0000000-0000-4000-8000-000000000004","public_id":"cp_00000000000000000000000104","name":"Delta Other","type":"email","status":"active","owner":\#(bob),"created_at":"2026-03-05T10:00:00+02:00"}"#
    static let e1 = #"{"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000101","name":"Alpha Email","type":"email","status":"active","owner":\#(ada),"created_at":"2026-03-01T10:00:00Z"}"#
    static let e3 = #"{"id":"c0000000-0000-4000-8000-000000000005","public_id":"cp_00000000000000000000000105","name":"Baseline Only","type":"email","status":"draft","owner":\#(ada),"created_at":"2026-02-01T00:00:00Z"}"#
    static let t1 = #"{"id":"b0000000-0000-4000-8000-000000000007","public_id":"cp_00000000000000000000000107","name":"Alpha Email","type":"linkedin","status":"archived","owner":\#(ada),"created_at":"2026-01-15T00:00:00Z"}"#
    static let x1 = #"{"id":"c0000000-0000-4000-8000-000000000006","public_id":"cp_00000000000000000000000106","name":null,"type":"email","status":"completed","owner":null,"created_at":null}"#
    static let all = [l1, c1, e2, e1, e3, t1, x1]

    static func page(_ items: [String], total: Int, more: Bool) -> (JSONValue, Int, Bool) {
        (Fixture.json("[\(items.joined(separator: ","))]"), total, more)
    }

    func check(_ args: String, _ items: [String], total: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let r = Fixture.ok(tool, args, sourceLocation: sourceLocation)
        #expect(r["campaigns"] == Fixture.json("[\(items.joined(separator: ","))]"), sourceLocation: sourceLocation)
        #expect(r["total"] == .int(Int64(total)), sourceLocation: sourceLocation)
        #expect((r["next_cursor"]?.stringValue != nil) == (items.count < total), sourceLocation: sourceLocation)
    }

    @Test func everyCampaignNewestFirst() {
        let r = Fixture.ok(tool)
        #expect(r == Fixture.json(#"{"campaigns":[\#(Self.all.joined(separator: ","))],"total":7,"next_cursor":null}"#))
        #expect(r.objectValue?.keys == ["campaigns", "total", "next_cursor"])
    }

    @Test func filters() {
        check(#"{"status":"active"}"#, [Self.l1, Self.e2, Self.e1], total: 3)
        check(#"{"status":"completed"}"#, [Self.x1], total: 1)
        check(#"{"type":"email"}"#, [Self.e2, Self.e1, Self.e3, Self.x1], total: 4)
        check(#"{"type":"call","status":"active"}"#, [], total: 0)
        check(#"{"owner":"usr_00000000000000000000000002"}"#, [Self.e2], total: 1)
        check(#"{"owner":"usr_00000000000000000000000001"}"#, [Self.l1, Self.c1, Self.e1, Self.e3, Self.t1], total: 5)
        // "ada park" is linked to A and owns nothing there.
        check(#"{"owner":"usr_00000000000000000000000004"}"#, [], total: 0)
        check(#"{"owner":"usr_00000000000000000000000001","type":"email","status":"active"}"#, [Self.e1], total: 1)
    }

    @Test func queryIsACaseInsensitiveSubstring() {
        check(#"{"query":"ALPHA"}"#, [Self.e1, Self.t1], total: 2)
        check(#"{"query":"a e"}"#, [Self.e1, Self.t1], total: 2)  // "alph(a e)mail": spaces are plain characters
        check(#"{"query":"a  e"}"#, [], total: 0)
        check(#"{"query":"ha em"}"#, [Self.e1, Self.t1], total: 2)
        check(#"{"query":"other"}"#, [Self.e2], total: 1)
        // An empty query matches everything, the unnamed campaign included; any other query never matches it.
        check(#"{"query":""}"#, Self.all, total: 7)
        check(#"{"query":"l"}"#, [Self.l1, Self.c1, Self.e2, Self.e1, Self.e3, Self.t1], total: 6)
    }

    @Test func limitAndCursorPages() throws {
        var r = Fixture.ok(tool, #"{"limit":3}"#)
        #expect(r["campaigns"] == Fixture.json("[\([Self.l1, Self.c1, Self.e2].joined(separator: ","))]"))
        #expect(r["total"] == 7)
        var cursor = try #require(r["next_cursor"]?.stringValue)
        // The limit may change between pages (cursors are not bound to it).
        r = Fixture.ok(tool, #"{"limit":2,"cursor":"\#(cursor)"}"#)
        #expect(r["campaigns"] == Fixture.json("[\([Self.e1, Self.e3].joined(separator: ","))]"))
        #expect(r["total"] == 7)
        cursor = try #require(r["next_cursor"]?.stringValue)
        r = Fixture.ok(tool, #"{"cursor":"\#(cursor)"}"#)
        #expect(r == Fixture.json(#"{"campaigns":[\#(Self.t1),\#(Self.x1)],"total":7,"next_cursor":null}"#))
        // Exactly a full page: no further cursor.
        #expect(Fixture.ok(tool, #"{"limit":7}"#)["next_cursor"] == .null)
        #expect(Fixture.ok(tool, #"{"limit":6}"#)["next_cursor"]?.stringValue != nil)
    }

    @Test(arguments: [
        "{}", #"{"type":"email"}"#, #"{"status":"active"}"#, #"{"owner":"usr_00000000000000000000000001"}"#,
        #"{"query":"a"}"#, #"{"type":"email","owner":"usr_00000000000000000000000001","query":"e"}"#,
    ])
    func cursorPagesCoverEveryRecordExactlyOnce(_ filters: String) throws {
        let expected = try #require(Fixture.ok(tool, filters)["campaigns"]?.arrayValue)
        for limit in 1...8 {
            var seen: [JSONValue] = []
            var cursor: String?
            var pages = 0
            repeat {
                var args = try #require(Fixture.json(filters).objectValue)
                args["limit"] = .int(Int64(limit))
                if let cursor { args["cursor"] = .string(cursor) }
                let r = Fixture.ok(tool, JSON.string(.object(args)))
                #expect(r["total"] == .int(Int64(expected.count)))
                let items = try #require(r["campaigns"]?.arrayValue)
                #expect(items.count <= limit)
                seen += items
                cursor = r["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen == expected, "limit \(limit) filters \(filters)")
            #expect(pages == max(1, (expected.count + limit - 1) / limit))
        }
    }

    // MARK: Cursor misuse

    func firstCursor(_ args: String = #"{"limit":2}"#, _ context: ToolContext = Fixture.context()) throws -> String {
        try #require(Fixture.ok(tool, args, context)["next_cursor"]?.stringValue)
    }

    func expectInvalidCursor(_ args: String, _ context: ToolContext = Fixture.context(), sourceLocation: SourceLocation = #_sourceLocation) {
        let e = Fixture.error(tool, args, context, sourceLocation: sourceLocation)
        #expect(e?.code == .invalidArgument, sourceLocation: sourceLocation)
        #expect(e?.field == "cursor", sourceLocation: sourceLocation)
    }

    @Test func cursorOfOtherFiltersIsInvalid() throws {
        let cursor = try firstCursor(#"{"limit":1,"type":"email"}"#)
        #expect(Fixture.run(tool, #"{"type":"email","cursor":"\#(cursor)"}"#).isSuccess)
        expectInvalidCursor(#"{"cursor":"\#(cursor)"}"#)
        expectInvalidCursor(#"{"type":"call","cursor":"\#(cursor)"}"#)
        expectInvalidCursor(#"{"type":"email","status":"active","cursor":"\#(cursor)"}"#)
        expectInvalidCursor(#"{"type":"email","query":"a","cursor":"\#(cursor)"}"#)
        let owned = try firstCursor(#"{"limit":1,"owner":"usr_00000000000000000000000001"}"#)
        expectInvalidCursor(#"{"owner":"usr_00000000000000000000000002","cursor":"\#(owned)"}"#)
        let queried = try firstCursor(#"{"limit":1,"query":"a"}"#)
        expectInvalidCursor(#"{"query":"A","cursor":"\#(queried)"}"#)
    }

    @Test func cursorOfAnotherToolOrWorkspaceIsInvalid() throws {
        let users = try #require(Fixture.ok(UsersList(), #"{"limit":1}"#)["next_cursor"]?.stringValue)
        expectInvalidCursor(#"{"cursor":"\#(users)"}"#)
        // B has two campaigns: a limit-1 page there yields a cursor that A must refuse (and vice versa).
        let fromB = Fixture.context(workspace: Fixture.wsB)
        let cursorB = try firstCursor(#"{"limit":1}"#, fromB)
        expectInvalidCursor(#"{"cursor":"\#(cursorB)"}"#)
        expectInvalidCursor(#"{"cursor":"\#(try firstCursor())"}"#, fromB)
    }

    @Test func tamperedOrMalformedCursorsAreInvalid() throws {
        let cursor = try firstCursor()
        let parts = cursor.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 3)
        // Change the offset inside the payload but keep the tag.
        let payload = try #require(Base64URL.decode(parts[1]))
        var object = try #require(try JSON.parse(payload).objectValue)
        object["o"] = 4
        let forged = parts[0] + "." + Base64URL.encode(JSON.bytes(.object(object))) + "." + parts[2]
        expectInvalidCursor(#"{"cursor":"\#(forged)"}"#)
        // Flip one character of the payload, of the tag; drop the tag; other prefixes and shapes.
        func flip(_ s: String, at i: Int) -> String {
            var chars = Array(s)
            chars[i] = chars[i] == "A" ? "B" : "A"
            return String(chars)
        }
        let candidates = [
            parts[0] + "." + flip(parts[1], at: 3) + "." + parts[2],
            parts[0] + "." + parts[1] + "." + flip(parts[2], at: 0),
            parts[0] + "." + parts[1],
            "c2." + parts[1] + "." + parts[2],
            cursor + ".", " " + cursor, cursor.uppercased(),
            "c1..", "...", "garbage", "0", String(repeating: "x", count: 5000),
        ]
        for bad in candidates { expectInvalidCursor(#"{"cursor":\#(JSON.string(.string(bad)))}"#) }
        for value in ["5", "true", "[]", "{}"] { expectInvalidCursor(#"{"cursor":\#(value)}"#) }
    }

    @Test func cursorIsCheckedBeforeTheOwnerReference() {
        // Both wrong: the cursor (an argument problem) is reported before the owner lookup (a reference).
        expectInvalidCursor(#"{"owner":"usr_00000000000000000000000003","cursor":"nope"}"#)
    }

    // MARK: Validation

    @Test(arguments: [
        (#"{"status":"Active"}"#, "status"), (#"{"status":"running"}"#, "status"), (#"{"status":1}"#, "status"),
        (#"{"type":"sms"}"#, "type"), (#"{"type":["email"]}"#, "type"),
        (#"{"owner":"a0000000-0000-4000-8000-000000000001"}"#, "owner"), (#"{"owner":"usr_1"}"#, "owner"),
        (#"{"owner":"cp_00000000000000000000000101"}"#, "owner"), (#"{"owner":7}"#, "owner"),
        (#"{"query":5}"#, "query"),
        (#"{"limit":0}"#, "limit"), (#"{"limit":101}"#, "limit"), (#"{"limit":-1}"#, "limit"), (#"{"limit":"5"}"#, "limit"),
        (#"{"limit":2.5}"#, "limit"), (#"{"limit":false}"#, "limit"),
        (#"{"offset":3}"#, "offset"), (#"{"name":"x"}"#, "name"),
    ])
    func invalidArguments(_ args: String, _ field: String) throws {
        let e = try #require(Fixture.error(tool, args))
        #expect(e.code == .invalidArgument)
        #expect(e.field == field)
    }

    @Test func limitBoundsAndZeroFraction() {
        #expect(Fixture.ok(tool, #"{"limit":1}"#)["campaigns"]?.arrayValue?.count == 1)
        #expect(Fixture.ok(tool, #"{"limit":100}"#)["campaigns"]?.arrayValue?.count == 7)
        #expect(Fixture.ok(tool, #"{"limit":2.0}"#)["campaigns"]?.arrayValue?.count == 2)
    }

    @Test func ownerMustBeAUserOfTheSessionWorkspace() {
        // Carl (B only), Dan (C only) and a never-existing user: the same not_found, field owner.
        let reference = Fixture.redacted(Fixture.error(tool, #"{"owner":"\#(Fixture.nowhereUserPublic)"}"#), Fixture.nowhereUserPublic)
        #expect(reference?.code == .notFound && reference?.field == "owner")
        for id in [Fixture.carlPublic, Fixture.danPublic] {
            #expect(Fixture.redacted(Fixture.error(tool, #"{"owner":"\#(id)"}"#), id) == reference, "\(id)")
        }
    }

    @Test func sessionOfWorkspaceBListsOnlyItsCampaigns() {
        let fromB = Fixture.context(workspace: Fixture.wsB)
        let r = Fixture.ok(tool, "{}", fromB)
        let ids = r["campaigns"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        // B2 2026-03-02 is newer than B1 2026-03-01.
        #expect(ids == [Fixture.b2, Fixture.b1])
        #expect(r["campaigns"]?.arrayValue?.first?["owner"] == Fixture.json(#"{"public_id":"usr_00000000000000000000000003","name":"Carl Berg"}"#))
        // Bob is not linked to B: as an owner filter there he does not exist.
        #expect(Fixture.error(tool, #"{"owner":"\#(Fixture.bobPublic)"}"#, fromB)?.code == .notFound)
    }
}

/// Owners outside the session workspace and odd stored values, on a store of their own.
@Suite("campaigns_list owners")
struct CampaignsListOwnerTests {
    // Workspace 1: Ann (linked). Workspace 2: Ole (linked only there).
    // c…01 owned by Ann (created_at null → sorted last; a wrong-typed created_at would make the whole record ignored, SPEC §11),
    // c…02 owned by Ole (another tenant's person → owner null), c…03 owned by nobody known.
    static let store = #"""
        {"format":"stats-mcp-store","version":1,
         "workspaces":[{"id":1,"public_id":"ws_00000000000000000000000001","name":"One"},
                       {"id":2,"public_id":"ws_00000000000000000000000002","name":"Two"}],
         "users":[{"id":"a0000000-0000-4000-8000-000000000001","public_id":"usr_00000000000000000000000001","name":"Ann","workspace_ids":[1]},
                  {"id":"a0000000-0000-4000-8000-000000000002","public_id":"usr_00000000000000000000000002","name":"Ole","workspace_ids":[2]}],
         "campaigns":[
          {"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000001","workspace_id":1,
           "user_id":"a0000000-0000-4000-8000-000000000001","type":"email","name":"Mine","status":"active","created_at":null},
          {"id":"c0000000-0000-4000-8000-000000000002","public_id":"cp_00000000000000000000000002","workspace_id":1,
           "user_id":"a0000000-0000-4000-8000-000000000002","type":"call","name":"Theirs","status":"paused","created_at":"2026-01-02T00:00:00Z"},
          {"id":"c0000000-0000-4000-8000-000000000003","public_id":"cp_00000000000000000000000003","workspace_id":1,
           "type":"linkedin","name":"Nobody's","status":"draft","created_at":"2026-01-01T00:00:00Z"}]}
        """#

    @Test func ownersNotOfThisWorkspaceAreNull() {
        let data = Fixture.load(Self.store)
        let ctx = Fixture.context(workspace: 1, user: "a0000000-0000-4000-8000-000000000001", data: data)
        let r = Fixture.ok(CampaignsList(), "{}", ctx)
        #expect(r == Fixture.json("""
            {"campaigns":[
              {"id":"c0000000-0000-4000-8000-000000000002","public_id":"cp_00000000000000000000000002","name":"Theirs","type":"call","status":"paused","owner":null,"created_at":"2026-01-02T00:00:00Z"},
              {"id":"c0000000-0000-4000-8000-000000000003","public_id":"cp_00000000000000000000000003","name":"Nobody's","type":"linkedin","status":"draft","owner":null,"created_at":"2026-01-01T00:00:00Z"},
              {"id":"c0000000-0000-4000-8000-000000000001","public_id":"cp_00000000000000000000000001","name":"Mine","type":"email","status":"active","owner":{"public_id":"usr_00000000000000000000000001","name":"Ann"},"created_at":null}],
             "total":3,"next_cursor":null}
            """))
        #expect(!JSON.string(r).contains("Ole"))
        // Ole cannot be used as an owner filter here either.
        #expect(Fixture.error(CampaignsList(), #"{"owner":"usr_00000000000000000000000002"}"#, ctx)?.code == .notFound)
    }
}
