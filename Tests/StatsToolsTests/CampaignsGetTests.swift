import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// campaigns_get (SPEC §5.8).
@Suite("campaigns_get")
struct CampaignsGetTests {
    let tool = CampaignsGet()

    /// E1's record exactly as in the fixture store, unknown field `x_custom` and non-integer stats included.
    static let e1Record = """
        {"id": "c0000000-0000-4000-8000-000000000001", "public_id": "cp_00000000000000000000000101", "workspace_id": 340,
         "user_id": "a0000000-0000-4000-8000-000000000001", "type": "email", "name": "Alpha Email", "status": "active",
         "created_at": "2026-03-01T10:00:00Z", "stats": {"total": 100, "sent": 50, "replied": 5, "bounced": 2, "note": "x", "opened": 2.5},
         "x_custom": {"keep": [1, 2]}}
        """

    @Test(arguments: [Fixture.e1, Fixture.e1Public, Fixture.e1.uppercased()])
    func returnsTheRecordAsStored(_ id: String) throws {
        let result = Fixture.ok(tool, #"{"id":"\#(id)"}"#)
        #expect(result == Fixture.json(#"{"campaign":\#(Self.e1Record)}"#))
        // Field order as stored.
        let keys = try #require(result["campaign"]?.objectValue?.keys)
        #expect(keys == ["id", "public_id", "workspace_id", "user_id", "type", "name", "status", "created_at", "stats", "x_custom"])
    }

    @Test func campaignWithoutNameOrOwnerOrDates() {
        let result = Fixture.ok(tool, #"{"id":"cp_00000000000000000000000106"}"#)
        #expect(result == Fixture.json("""
            {"campaign":{"id":"c0000000-0000-4000-8000-000000000006","public_id":"cp_00000000000000000000000106","workspace_id":340,
             "user_id":"a0000000-0000-4000-8000-000000000255","type":"email","status":"completed","stats":{}}}
            """))
    }

    @Test(arguments: [
        ("{}", "id"), (#"{"id":null}"#, "id"), (#"{"id":42}"#, "id"), (#"{"id":"abc"}"#, "id"), (#"{"id":""}"#, "id"),
        (#"{"id":"usr_00000000000000000000000001"}"#, "id"), (#"{"id":"c0000000-0000-4000-7000-000000000001"}"#, "id"),
        (#"{"id":"cp_00000000000000000000000101","dry_run":true}"#, "dry_run"),
    ])
    func invalidArguments(_ args: String, _ field: String) throws {
        let e = try #require(Fixture.error(tool, args))
        #expect(e.code == .invalidArgument)
        #expect(e.field == field)
    }

    @Test func tenantIsolation() {
        let uuidReference = Fixture.redacted(Fixture.error(tool, #"{"id":"\#(Fixture.nowhereUUID)"}"#), Fixture.nowhereUUID)
        let publicReference = Fixture.redacted(Fixture.error(tool, #"{"id":"\#(Fixture.nowherePublic)"}"#), Fixture.nowherePublic)
        #expect(uuidReference?.code == .notFound && uuidReference?.field == "id")
        for id in [Fixture.b1, Fixture.b2, Fixture.g1, Fixture.b1Public, Fixture.b2Public, Fixture.g1Public] {
            let e = Fixture.redacted(Fixture.error(tool, #"{"id":"\#(id)"}"#), id)
            #expect(e == (id.hasPrefix("cp_") ? publicReference : uuidReference), "\(id)")
        }
        // And the other way round: from B, A's campaign is not found while B's own is.
        let fromB = Fixture.context(workspace: Fixture.wsB)
        #expect(Fixture.error(tool, #"{"id":"\#(Fixture.e1)"}"#, fromB)?.code == .notFound)
        #expect(Fixture.ok(tool, #"{"id":"\#(Fixture.b1)"}"#, fromB)["campaign"]?["name"] == "Beta Secret")
    }
}
