import StatsAdmin
import StatsCore
import StatsJSON
import StatsStore
import Testing

private func file(_ name: String, _ text: String) -> ImportFile { ImportFile(name: name, bytes: Array(text.utf8)) }

private func store(_ files: [ImportFile]) throws -> JSONValue {
    switch StoreImporter.run(files) {
    case let .success(result): return try JSON.parse(result.bytes)
    case let .failure(failure): throw HarnessFailure(failure.problems.map(\.description).joined(separator: "\n"))
    }
}

private func problems(_ files: [ImportFile]) -> [String] {
    switch StoreImporter.run(files) {
    case .success: return []
    case let .failure(failure): return failure.problems.map(\.description)
    }
}

struct HarnessFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

private let base = [
    file("workspaces.csv", "id,name,timezone\n340,Acme,Europe/Berlin\n"),
    file("users.csv", "id,name,email,workspace_ids\nada,Ada Park,ada@acme.test,340\n"),
]

@Suite("Import (SPEC §8)")
struct StoreImporterTests {
    @Test("CSV: typed cells, null (or absent where null is not allowed) for empty, ;-lists, JSON objects, extra columns kept, ids mapped so references follow")
    func csvTypes() throws {
        let value = try store(base + [
            file("campaigns.csv", #"""
                id,workspace_id,user_id,type,name,status,daily_limit,stop_on_reply,stats,assignee_ids,sender_accounts,crm
                q2,340,ada,email,"Q2, ""big""",active,50,yes,"{""sent"": 3}",ada,a@x.test;b@x.test,C-1
                q3,340,,linkedin,,draft,,,,,,

                """#),
            file("prospects.jsonl", #"{"id":"p1","campaign_id":"q2","status":"sent","note":1}"# + "\n\n"),
        ])
        let ada = DerivedIDs.uuid(array: "users", id: "ada")
        let q2 = DerivedIDs.uuid(array: "campaigns", id: "q2")
        let campaign = try #require(value["campaigns"]?.arrayValue?.first)
        #expect(campaign["id"]?.stringValue == q2)
        #expect(campaign["public_id"]?.stringValue == DerivedIDs.publicID(prefix: "cp", id: q2))
        #expect(campaign["user_id"]?.stringValue == ada)
        #expect(campaign["name"]?.stringValue == #"Q2, "big""#)
        #expect(campaign["daily_limit"]?.integerValue == 50)
        #expect(campaign["stop_on_reply"]?.boolValue == true)
        #expect(campaign["stats"]?["sent"]?.integerValue == 3)
        #expect(campaign["assignee_ids"]?.arrayValue?.compactMap(\.stringValue) == [ada])
        #expect(campaign["sender_accounts"]?.arrayValue?.compactMap(\.stringValue) == ["a@x.test", "b@x.test"])
        #expect(campaign["crm"]?.stringValue == "C-1")
        let second = try #require(value["campaigns"]?.arrayValue?.last)
        #expect(second["user_id"]?.isNull == true && second["name"]?.isNull == true && second["stats"] == nil)  // stats may not be null: an empty cell leaves it out
        // The public id follows the id in the key order.
        #expect(campaign.objectValue?.keys.prefix(2) == ["id", "public_id"])
        let prospect = try #require(value["prospects"]?.arrayValue?.first)
        #expect(prospect["campaign_id"]?.stringValue == q2)
        #expect(prospect["note"]?.integerValue == 1)
        // The user, workspace: numeric id kept, public id derived from it.
        #expect(value["workspaces"]?.arrayValue?.first?["public_id"]?.stringValue == DerivedIDs.publicID(prefix: "ws", id: "340"))
        #expect(value["users"]?.arrayValue?.first?["workspace_ids"]?.arrayValue?.first?.integerValue == 340)
    }

    @Test("UUID ids and given public ids are kept as they are")
    func keptIDs() throws {
        let uuid = "09b1a2e0-ddea-4a59-8c66-e85fc31068a2"
        let value = try store([
            file("workspaces.csv", "id,public_id,name\n340,ws_01jaq6pwa7we9qkrvxhkdpx92x,Acme\n"),
            file("users.csv", "id,public_id,workspace_ids\n\(uuid),usr_01k9s2bfhb16rt5r6xxajsst8r,340\n"),
        ])
        #expect(value["users"]?.arrayValue?.first?["id"]?.stringValue == uuid)
        #expect(value["users"]?.arrayValue?.first?["public_id"]?.stringValue == "usr_01k9s2bfhb16rt5r6xxajsst8r")
        #expect(value["workspaces"]?.arrayValue?.first?["public_id"]?.stringValue == "ws_01jaq6pwa7we9qkrvxhkdpx92x")
    }

    @Test("the same files give the same bytes; the result loads without a problem")
    func deterministic() throws {
        let files = base + [file("campaigns.csv", "id,workspace_id,user_id,type,name,status\nq2,340,ada,email,Q2,active\n")]
        guard case let .success(a) = StoreImporter.run(files), case let .success(b) = StoreImporter.run(files.reversed()) else {
            Issue.record("import failed")
            return
        }
        #expect(a.bytes == b.bytes)
        let loaded = try a.bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }
        #expect(loaded.problems.isEmpty)
        #expect(loaded.data.campaigns.count == 1)
        #expect(a.counts.first { $0.array == "campaigns" }?.records == 1)
    }

    @Test("every problem names file, line and column", arguments: [
        ("workspaces.csv", "id,name\n34x,Acme\n", "workspaces.csv:2:1: id: expected an integer"),
        ("campaigns.csv", "id,workspace_id,stats\nq,340,\"{\"\"a\"\": 1,}\"\n", "campaigns.csv:2:18: stats: not valid JSON"),
        ("campaigns.csv", "id,workspace_id,type\nq,340\n", "campaigns.csv:2:3: this row has 2 cells, the header has 3"),
        ("campaigns.csv", "id,workspace_id\nq,\"340\n", "campaigns.csv:2:3: a quoted cell is never closed"),
        ("campaigns.csv", "id,id\n", "campaigns.csv:1:4: column id appears twice"),
        ("campaigns.csv", "id,workspace_id,type,status\nq,999,email,active\n", "campaigns.csv:2:3: workspace_id \"999\": unknown workspace 999"),
        ("prospects.jsonl", "{\"id\":\"p\",\"campaign_id\":\"nope\"}\n{\"id\":1,}\n", "prospects.jsonl:2:9: not valid JSON"),
        ("campaign.csv", "id\n", "campaign.csv:1:1: campaign.csv names no store array; did you mean campaigns.csv?"),
    ])
    func located(name: String, text: String, expected: String) {
        let found = problems(base.filter { $0.name != name } + [file(name, text)])
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test("a reference to a record that is not there is an error at its cell")
    func unknownReference() {
        let found = problems(base + [
            file("campaigns.csv", "id,workspace_id,user_id,type,name,status\nq2,340,ada,email,Q2,active\n"),
            file("prospects.csv", "id,campaign_id,status\np1,q2,sent\np2,q9,sent\n"),
        ])
        #expect(found == ["prospects.csv:3:4: campaign_id \"q9\": unknown campaign"], "\(found)")
    }

    @Test("both CSV and JSON Lines for one array is an error")
    func bothFormats() {
        let found = problems(base + [file("prospects.csv", "id\n"), file("prospects.jsonl", "")])
        #expect(found.contains { $0.contains("keep one") }, "\(found)")
    }
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("CRLF, a BOM, quoted line breaks and doubled quotes; positions count characters")
    func shapes() throws {
        let text = "\u{FEFF}a,b\r\n\"x\r\ny\",\"say \"\"hi\"\"\"\r\né,z\r\n\r\n"
        let rows = try CSVReader.rows(Array(text.utf8), file: "t.csv")
        #expect(rows.map { $0.map(\.text) } == [["a", "b"], ["x\r\ny", #"say "hi""#], ["é", "z"]])
        #expect(rows[2][1].line == 4 && rows[2][1].column == 3, "\(rows[2][1])")
        #expect(rows[1][1].line == 3 && rows[1][1].column == 4, "\(rows[1][1])")
    }
}
