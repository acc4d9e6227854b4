import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// SPEC §5.12 `workspace_get`, on a hand-made Berlin workspace (figures worked out beside the store).
@Suite struct WorkspaceGetTests {
    // Workspaces: 500 Berlin (the session), 501 UTC (also linked to the caller), 502 (not linked).
    // Users: u1 "Ada" (the caller, linked [501, 500] — stored out of order), u2 "Bob" [500], u3 [502].
    static let u1 = "a0000000-0000-4000-8000-000000000001"
    static let u2 = "a0000000-0000-4000-8000-000000000002"
    static func cid(_ n: Int) -> String { "c0000000-0000-4000-8000-00000000000\(n)" }
    static func pid(_ n: Int) -> String { "d0000000-0000-4000-8000-00000000000\(n)" }
    static func campaign(_ n: Int, ws: Int, owner: String, type: String, status: String) -> String {
        #"{"id":"\#(cid(n))","public_id":"cp_0000000000000000000000000\#(n)","workspace_id":\#(ws),"user_id":"\#(owner)","type":\#(type),"status":\#(status),"name":"C\#(n)"}"#
    }
    static func activity(_ c: Int, _ p: Int, _ type: String, _ at: String) -> String {
        #"{"campaign_id":"\#(cid(c))","prospect_id":"\#(pid(p))","type":"\#(type)","at":"\#(at)"}"#
    }

    static let storeText = #"""
        {"format":"stats-mcp-store","version":1,
         "workspaces":[{"id":500,"public_id":"ws_00000000000000000000000500","name":"Berlin Co","timezone":"Europe/Berlin"},
                       {"id":501,"public_id":"ws_00000000000000000000000501","name":"Other","timezone":"UTC"},
                       {"id":502,"public_id":"ws_00000000000000000000000502","name":"Foreign","timezone":"UTC"}],
         "users":[{"id":"\#(u1)","public_id":"usr_00000000000000000000000001","name":"Ada","workspace_ids":[501,500]},
                  {"id":"\#(u2)","public_id":"usr_00000000000000000000000002","name":"Bob","workspace_ids":[500]},
                  {"id":"a0000000-0000-4000-8000-000000000003","public_id":"usr_00000000000000000000000003","name":"Cy","workspace_ids":[502]}],
         "campaigns":[\#([
            campaign(1, ws: 500, owner: u1, type: "\"email\"", status: "\"active\""),
            campaign(2, ws: 500, owner: u1, type: "\"linkedin\"", status: "\"paused\""),
            campaign(3, ws: 500, owner: u2, type: "\"email\"", status: "\"active\""),
            campaign(4, ws: 500, owner: u2, type: "7", status: "\"active\""),
            campaign(5, ws: 500, owner: u1, type: "\"call\"", status: "null"),
            campaign(6, ws: 501, owner: u1, type: "\"email\"", status: "\"active\""),
         ].joined(separator: ","))],
         "prospects":[{"id":"\#(pid(1))","campaign_id":"\#(cid(1))","status":"sent"},{"id":"\#(pid(2))","campaign_id":"\#(cid(2))","status":"sent"},
                      {"id":"\#(pid(3))","campaign_id":"\#(cid(6))","status":"sent"}],
         "activities":[\#([
            activity(1, 1, "email_sent", "2026-01-31T23:30:00Z"),
            activity(1, 1, "reply", "2026-03-10T12:00:00Z"),
            activity(2, 2, "invite_sent", "2026-06-30T22:15:00Z"),
            activity(1, 2, "reply", "2026-08-01T12:00:00Z"),
            activity(6, 3, "email_sent", "2025-01-01T00:00:00Z"),
         ].joined(separator: ","))],
         "clicks":[{"workspace_id":500,"kind":"campaign","at":"2026-03-28T23:30:00Z","campaign_id":"\#(cid(1))"},
                   {"workspace_id":500,"kind":"other","at":"2026-05-05T10:00:00Z"},
                   {"workspace_id":500,"kind":"vcard","at":"2026-10-25T00:30:00Z"},
                   {"workspace_id":500,"kind":"weird","at":"2026-12-25T00:30:00Z"},
                   {"workspace_id":501,"kind":"other","at":"2026-01-01T00:00:00Z"}],
         "call_stats_daily":[{"workspace_id":500,"date":"2026-02-10","campaign_id":null,"total_calls":1},
                             {"workspace_id":500,"date":"2026-02-02","campaign_id":"\#(cid(5))","total_calls":2},
                             {"workspace_id":501,"date":"2026-01-01","campaign_id":null,"total_calls":3}]}
        """#

    static let data = Fixture.load(storeText)

    static func context(workspace: Int64 = 500, readOnly: Bool = false) -> ToolContext {
        let ws = data.workspace(id: workspace)!
        return ToolContext(
            data: data, session: Session(workspace: ws, user: data.user(id: UUID128(u1)!)!),
            now: Instant.parse("2026-06-30T22:30:00Z")!, today: Day.parse("2026-06-30")!, readOnly: readOnly)
    }

    @Test func describesTheWorkspaceTheCallerAndTheData() {
        let value = Fixture.ok(WorkspaceGet(), "{}", Self.context())
        // campaigns: C1–C5 are in 500 (C6 is in 501), but C4 (type 7) and C5 (status null) have a wrong-typed
        // known field, so the loader ignores them (SPEC §11 "wrong-typed records ignored"; that rule wins over
        // §11's "a record whose value is not a string counts only in total", which it leaves nothing to apply to):
        // total 3 = C1 email active, C2 linkedin paused, C3 email active. owned (Ada): C1, C2. users: Ada and Bob.
        // activities: C1 email 2026-01-31T23:30Z = 1 Feb 00:30 in Berlin (CET); C1 reply; C2 invite
        // 2026-06-30T22:15Z = 1 Jul 00:15 (CEST); C1's activity naming C2's prospect is ignored → 3.
        // clicks: 2026-03-28T23:30Z = 29 Mar 00:30 (still CET), 5 May, 2026-10-25T00:30Z = 25 Oct 02:30
        // (still CEST); the "weird" kind is ignored → 3. call_stats: 2 rows of 500, 2 Feb … 10 Feb.
        // today is the pinned day (30 Jun) even though it is already 1 Jul in Berlin.
        let expected = Fixture.json(#"""
            {"workspace":{"id":500,"public_id":"ws_00000000000000000000000500","name":"Berlin Co","timezone":"Europe/Berlin"},
             "you":{"id":"a0000000-0000-4000-8000-000000000001","public_id":"usr_00000000000000000000000001","name":"Ada","owned_campaigns":2},
             "today":"2026-06-30","now":"2026-07-01T00:30:00+02:00",
             "campaigns":{"total":3,"by_type":{"email":2,"linkedin":1},"by_status":{"active":2,"paused":1}},
             "users":2,
             "data":{"clicks":{"count":3,"first":"2026-03-29","last":"2026-10-25"},
                     "activities":{"count":3,"first":"2026-02-01","last":"2026-07-01"},
                     "call_stats":{"count":2,"first":"2026-02-02","last":"2026-02-10"}},
             "linked_workspaces":[{"id":500,"public_id":"ws_00000000000000000000000500","name":"Berlin Co"},
                                  {"id":501,"public_id":"ws_00000000000000000000000501","name":"Other"}],
             "sync_tools":true}
            """#)
        #expect(value == expected, "\(JSON.string(value))")
        #expect(StatsSchemaCheck.violations(value, WorkspaceGet().outputSchema).isEmpty)
    }

    @Test func emptyDataHasNullDatesAndReadOnlyHidesSyncTools() {
        // Workspace 501: C6's only activity is 2025-01-01; one click; one call row. Make it read-only.
        let value = Fixture.ok(WorkspaceGet(), "{}", Self.context(workspace: 501, readOnly: true))
        #expect(value["sync_tools"] == .bool(false))
        #expect(value["data"]?["activities"] == Fixture.json(#"{"count":1,"first":"2025-01-01","last":"2025-01-01"}"#))
        #expect(value["you"]?["owned_campaigns"] == .int(1))
        #expect(value["users"] == .int(1))
        // A workspace with nothing at all: every count 0 and both dates null.
        let empty = Fixture.load(#"{"format":"stats-mcp-store","version":1,"workspaces":[{"id":9,"public_id":"ws_00000000000000000000000009","name":"E"}],"users":[{"id":"\#(Self.u1)","public_id":"usr_00000000000000000000000001","workspace_ids":[9]}]}"#)
        let context = ToolContext(
            data: empty, session: Session(workspace: empty.workspace(id: 9)!, user: empty.user(id: UUID128(Self.u1)!)!),
            now: Instant.parse("2026-06-30T22:30:00Z")!, today: Day.parse("2026-06-30")!)
        let nothing = Fixture.ok(WorkspaceGet(), "{}", context)
        #expect(nothing["data"] == Fixture.json(#"""
            {"clicks":{"count":0,"first":null,"last":null},"activities":{"count":0,"first":null,"last":null},
             "call_stats":{"count":0,"first":null,"last":null}}
            """#))
        #expect(nothing["campaigns"] == Fixture.json(#"{"total":0,"by_type":{},"by_status":{}}"#))
        #expect(nothing["workspace"]?["timezone"] == .string("UTC"))
        #expect(nothing["you"]?["name"] == .null)
        #expect(StatsSchemaCheck.violations(nothing, WorkspaceGet().outputSchema).isEmpty)
    }

    @Test func takesNoArguments() {
        let error = Fixture.error(WorkspaceGet(), #"{"x": 1}"#, Self.context())
        #expect(error?.code == .invalidArgument && error?.field == "x")
        // Even null is an unknown argument (SPEC §11).
        #expect(Fixture.error(WorkspaceGet(), #"{"x": null}"#, Self.context())?.field == "x")
    }
}
