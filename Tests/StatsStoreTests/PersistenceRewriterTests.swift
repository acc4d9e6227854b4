import Foundation
import StatsJSON
import Testing
@testable import StatsStore

@Suite struct PersistenceRewriterTests {
    static let id1 = "aaaaaaaa-0000-4000-8000-000000000001"
    static let id2 = "aaaaaaaa-0000-4000-8000-000000000002"

    static let base = """
        {
          "format": "stats-mcp-store",
          "version": 1,
          "x_custom": {"keep": [1, 2,   3], "nested": {"a" : null}},
          "workspaces": [{"id": 1, "public_id": "ws_01"}],
          "campaigns": [
            {"id": "AAAAAAAA-0000-4000-8000-000000000001", "public_id": "cp_1", "workspace_id": 1, "type": "email", "name": "One", "status": "active", "stats": {"total": 1}, "x_extra": true},
            {"id": "aaaaaaaa-0000-4000-8000-000000000002", "public_id": "cp_2", "workspace_id": 1, "type": "email", "name": "Two",   "status": "draft"},
            {"id": "aaaaaaaa-0000-4000-8000-000000000001", "public_id": "cp_3", "workspace_id": 1, "type": "email", "name": "Dup", "status": "active"}
          ],
          "weekly_snapshots": [
            {"campaign_id": "aaaaaaaa-0000-4000-8000-000000000001", "week_start": "2026-04-13", "stats": {"total": 1}, "captured_at": "2026-04-13T00:00:00Z", "note": "keep me"},
            {"campaign_id": "AAAAAAAA-0000-4000-8000-000000000001", "week_start": "2026-04-13", "stats": {"total": 9}, "captured_at": "2026-04-13T00:00:00Z"}
          ],
          "clicks": [ ]
        }

        """

    func rewrite(_ ops: [JournalOp], _ text: String = Self.base) throws -> String {
        String(decoding: try BaseRewriter.apply(ops, to: Array(text.utf8)), as: UTF8.self)
    }

    func replacing(_ text: String, _ pairs: [(String, String)]) -> String {
        var out = text
        for (old, new) in pairs {
            #expect(out.components(separatedBy: old).count == 2, "fixture must contain \(old) exactly once")
            out = out.replacingOccurrences(of: old, with: new)
        }
        return out
    }

    @Test func noOpsIsByteIdentical() throws {
        #expect(try rewrite([]) == Self.base)
        let compact = #"{"a":1,"campaigns":[{"id":"x"}],"weekly_snapshots":[]}"#
        #expect(try rewrite([], compact) == compact)
    }

    @Test func setCampaignFieldsInPlaceFirstWins() throws {
        let fields = persistenceObject(#"{"status":"paused","paused_reason":"bounce_rate","stats":{"total":5,"bounced":2}}"#)
        let out = try rewrite([.setCampaignFields(campaignID: Self.id1, fields: fields)])
        let expected = replacing(Self.base, [(
            #"{"id": "AAAAAAAA-0000-4000-8000-000000000001", "public_id": "cp_1", "workspace_id": 1, "type": "email", "name": "One", "status": "active", "stats": {"total": 1}, "x_extra": true}"#,
            #"{"id": "AAAAAAAA-0000-4000-8000-000000000001", "public_id": "cp_1", "workspace_id": 1, "type": "email", "name": "One", "status": "paused", "stats": {"total":5,"bounced":2}, "x_extra": true, "paused_reason": "bounce_rate"}"#
        )])
        #expect(out == expected)  // the duplicate "Dup" campaign (same id) is untouched: first wins
    }

    @Test func unknownCampaignIsIgnored() throws {
        let out = try rewrite([.setCampaignFields(campaignID: "bbbbbbbb-0000-4000-8000-000000000009",
                                                  fields: persistenceObject(#"{"status":"paused"}"#))])
        #expect(out == Self.base)
    }

    @Test func severalOpsOnOneCampaignApplyInOrder() throws {
        let out = try rewrite([
            .setCampaignFields(campaignID: Self.id2, fields: persistenceObject(#"{"status":"active","x":1}"#)),
            .setCampaignFields(campaignID: Self.id2.uppercased(), fields: persistenceObject(#"{"status":"paused"}"#)),
        ])
        let expected = replacing(Self.base, [(
            #"{"id": "aaaaaaaa-0000-4000-8000-000000000002", "public_id": "cp_2", "workspace_id": 1, "type": "email", "name": "Two",   "status": "draft"}"#,
            #"{"id": "aaaaaaaa-0000-4000-8000-000000000002", "public_id": "cp_2", "workspace_id": 1, "type": "email", "name": "Two",   "status": "paused",   "x": 1}"#  // a new field copies the last one's spacing
        )])
        #expect(out == expected)
    }

    @Test func putSnapshotReplacesFirstMatchKeepingUnknownFields() throws {
        let snapshot = persistenceObject(
            #"{"campaign_id":"AAAAAAAA-0000-4000-8000-000000000001","week_start":"2026-04-13","stats":{"total":5},"captured_at":"2026-04-20T00:00:00Z"}"#)
        let out = try rewrite([.putSnapshot(snapshot)])
        let expected = replacing(Self.base, [(
            #"{"campaign_id": "aaaaaaaa-0000-4000-8000-000000000001", "week_start": "2026-04-13", "stats": {"total": 1}, "captured_at": "2026-04-13T00:00:00Z", "note": "keep me"}"#,
            #"{"campaign_id": "AAAAAAAA-0000-4000-8000-000000000001", "week_start": "2026-04-13", "stats": {"total":5}, "captured_at": "2026-04-20T00:00:00Z", "note": "keep me"}"#
        )])
        #expect(out == expected)  // the later duplicate snapshot (total 9) is untouched
    }

    @Test func putSnapshotAppendsOnItsOwnLine() throws {
        let snapshot = persistenceObject(
            #"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000002","week_start":"2026-04-13","stats":{"total":0},"captured_at":"2026-04-20T00:00:00Z"}"#)
        let other = persistenceObject(
            #"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{},"captured_at":"2026-04-20T00:00:00Z"}"#)
        let out = try rewrite([.putSnapshot(snapshot), .putSnapshot(other)])
        let expected = replacing(Self.base, [(
            #""captured_at": "2026-04-13T00:00:00Z"}"# + "\n  ],",
            #""captured_at": "2026-04-13T00:00:00Z"}"# + ",\n    "
                + #"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000002","week_start":"2026-04-13","stats":{"total":0},"captured_at":"2026-04-20T00:00:00Z"}"#
                + ",\n    "
                + #"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{},"captured_at":"2026-04-20T00:00:00Z"}"#
                + "\n  ],"
        )])
        #expect(out == expected)
        let parsed = try JSON.parse(out)
        #expect(parsed["weekly_snapshots"]?.arrayValue?.count == 4)
    }

    /// A minimal valid store around `members` (one workspace, campaign c1 served).
    static let ws = #""workspaces":[{"id":1,"public_id":"ws_01"}]"#
    static let c1 = "cccccccc-0000-4000-8000-000000000001"
    static let c1Record = #"{"id":"cccccccc-0000-4000-8000-000000000001","public_id":"cp_c1","workspace_id":1,"type":"call","status":"active"}"#

    @Test func putSnapshotTwiceMergesIntoOneRecord() throws {
        let a = persistenceObject(#"{"campaign_id":"cccccccc-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{"total":1},"captured_at":"2026-04-20T00:00:01Z"}"#)
        let b = persistenceObject(#"{"campaign_id":"CCCCCCCC-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{"total":2},"captured_at":"2026-04-20T00:00:02Z"}"#)
        let out = try rewrite([.putSnapshot(a), .putSnapshot(b)], "{\(Self.ws),\"campaigns\":[\(Self.c1Record)],\"weekly_snapshots\":[]}")
        #expect(out == "{\(Self.ws),\"campaigns\":[\(Self.c1Record)],\"weekly_snapshots\":[\n"
            + #"{"campaign_id":"CCCCCCCC-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{"total":2},"captured_at":"2026-04-20T00:00:02Z"}"# + "\n]}")
    }

    @Test func weeklySnapshotsMemberIsAddedWhenAbsentEmptyOrNull() throws {
        let record = #"{"campaign_id":"cccccccc-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{"total":1},"captured_at":"2026-04-20T00:00:00Z"}"#
        let snapshot = persistenceObject(record)
        let head = "\(Self.ws),\"campaigns\":[\(Self.c1Record)]"
        #expect(try rewrite([.putSnapshot(snapshot)], "{\n  \"format\": \"stats-mcp-store\",\n  \(head)\n}\n")
            == "{\n  \"format\": \"stats-mcp-store\",\n  \(head),\"weekly_snapshots\":[\n\(record)\n]\n}\n")
        #expect(try rewrite([.putSnapshot(snapshot)], "{\(head)}") == "{\(head),\"weekly_snapshots\":[\n\(record)\n]}")
        #expect(try rewrite([.putSnapshot(snapshot)], "{\(head), \"weekly_snapshots\": [ ]}")
            == "{\(head), \"weekly_snapshots\": [\n\(record)\n]}")
        #expect(try rewrite([.putSnapshot(snapshot)], "{\"weekly_snapshots\": null, \(head)}")
            == "{\"weekly_snapshots\": [\n\(record)\n], \(head)}")
        // Not an array (the loader ignores it): replaced by an array holding the put.
        #expect(try rewrite([.putSnapshot(snapshot)], "{\"weekly_snapshots\": 7, \(head)}")
            == "{\"weekly_snapshots\": [\n\(record)\n], \(head)}")
        // A snapshot of a campaign the loader does not serve is dropped (as the in-memory replay drops it).
        let stray = persistenceObject(#"{"campaign_id":"dddddddd-0000-4000-8000-000000000001","week_start":"2026-04-20","stats":{}}"#)
        #expect(try rewrite([.putSnapshot(stray)], "{\(head)}") == "{\(head)}")
    }

    @Test func fieldsAreSetOnEmptyRecordsAndEscapedFieldKeys() throws {
        // Escaped keys inside a record are decoded (the loader decodes them too).
        let escaped = #"{"\u0069d":"cccccccc-0000-4000-8000-000000000001","public_id":"cp_c1","workspace_id":1,"type":"call","status":"active","na\u006de":"old"}"#
        let out = try rewrite(
            [.setCampaignFields(campaignID: Self.c1, fields: persistenceObject(#"{"status":"paused","name":"N"}"#))],
            "{\(Self.ws),\"campaigns\":[\(escaped),{}]}")
        #expect(out == "{\(Self.ws),\"campaigns\":[" + #"{"\u0069d":"cccccccc-0000-4000-8000-000000000001","public_id":"cp_c1","workspace_id":1,"type":"call","status":"paused","na\u006de":"N"}"# + ",{}]}")
        // An escaped TOP-LEVEL key is not the loader's `campaigns` key: nothing there is served or patched.
        let hidden = "{\(Self.ws),\"c\\u0061mpaigns\":[\(Self.c1Record)]}"
        #expect(try rewrite([.setCampaignFields(campaignID: Self.c1, fields: persistenceObject(#"{"status":"paused"}"#))], hidden) == hidden)
    }

    @Test func everyOccurrenceOfADuplicatedFieldIsSet() throws {
        let record = #"{"id":"cccccccc-0000-4000-8000-000000000001","public_id":"cp_c1","workspace_id":1,"type":"call","status":"a","status":"b"}"#
        let out = try rewrite(
            [.setCampaignFields(campaignID: Self.c1, fields: persistenceObject(#"{"status":"paused"}"#))],
            "{\(Self.ws),\"campaigns\":[\(record)]}")
        #expect(out == "{\(Self.ws),\"campaigns\":[" + #"{"id":"cccccccc-0000-4000-8000-000000000001","public_id":"cp_c1","workspace_id":1,"type":"call","status":"paused","status":"paused"}"# + "]}")
    }

    @Test func onlyTheLastOccurrenceOfADuplicatedTopLevelKeyIsPatched() throws {
        // The loader keeps the last `campaigns` member; patching the first would be lost on reload.
        let text = "{\(Self.ws),\"campaigns\":[\(Self.c1Record)],\"campaigns\":[\(Self.c1Record)]}"
        let out = try rewrite([.setCampaignFields(campaignID: Self.c1, fields: persistenceObject(#"{"status":"paused"}"#))], text)
        #expect(out == "{\(Self.ws),\"campaigns\":[\(Self.c1Record)],\"campaigns\":["
            + Self.c1Record.replacingOccurrences(of: "\"active\"", with: "\"paused\"") + "]}")
    }

    // MARK: Issue 17 defect 1: the record patched is the record the loader serves

    /// Records the loader ignores, each placed BEFORE the live record with the same id: (what, field,
    /// its JSON value or nil to leave the field out).
    static let ignoredVariants: [(String, String, String?)] = [
        ("workspace_id as a string", "workspace_id", #""1""#),
        ("unknown workspace", "workspace_id", "999"),
        ("no public_id", "public_id", nil),
        ("wrong-typed name", "name", "5"),
        ("missing type", "type", nil),
        ("stats not an object", "stats", #""x""#),
        ("bad timestamp", "created_at", #""yesterday""#),
    ]

    @Test(arguments: 0..<7)
    func ignoredRecordBeforeTheLiveOneIsNeverPatched(variant: Int) throws {
        let (label, field, value) = Self.ignoredVariants[variant]
        var members: [(String, String)] = [
            ("id", #""cccccccc-0000-4000-8000-000000000001""#), ("public_id", #""cp_ghost""#), ("workspace_id", "1"),
            ("type", #""call""#), ("status", #""active""#), ("last_synced_at", "null"),
        ]
        members.removeAll { $0.0 == field }
        if let value { members.append((field, value)) }
        let ghost = "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        let live = #"{"id":"cccccccc-0000-4000-8000-000000000001","public_id":"cp_c1","workspace_id":1,"type":"call","status":"active","last_synced_at":null}"#
        let text = "{\"format\":\"stats-mcp-store\",\"version\":1,\(Self.ws),\"campaigns\":[\(ghost),\(live)]}"
        let op = JournalOp.setCampaignFields(campaignID: Self.c1, fields: persistenceObject(#"{"last_synced_at":"2026-11-20T10:00:00Z"}"#))
        let folded = try BaseRewriter.apply([op], to: Array(text.utf8))
        // A fresh load of the folded base serves the acknowledged write.
        let reloaded = try folded.withUnsafeBufferPointer { try StoreLoader.load($0) }.data
        let served = try #require(reloaded.campaigns.first, "\(label): no campaign served")
        #expect(served.publicID == "cp_c1", "\(label)")
        #expect(served.record["last_synced_at"] == .string("2026-11-20T10:00:00Z"), "\(label): the write was folded into the ignored record")
        // And the ignored record is byte-identical.
        #expect(String(decoding: folded, as: UTF8.self).contains(ghost), "\(label)")
    }

    @Test func malformedDocumentsThrow() throws {
        for bad in ["", "[]", "{\"campaigns\": [", "{\"a\": 1,}", "{\"a\": 1} x", "{\"campaigns\":[{\"id\":\"c1\",}]}"] {
            #expect(throws: JSONParseError.self) {
                _ = try BaseRewriter.apply([.setCampaignFields(campaignID: "c1", fields: persistenceObject(#"{"s":1}"#))],
                                           to: Array(bad.utf8))
            }
        }
    }

    @Test func largeRangesAreStreamedInBoundedChunks() throws {
        let filler = String(repeating: "x", count: 9 << 20)
        let text = "{\"blob\": \"\(filler)\", \(Self.ws), \"campaigns\": [{\"id\": \"\(Self.c1)\", \"public_id\": \"cp_1\", \"workspace_id\": 1, \"type\": \"call\", \"status\": \"active\"}], \"tail\": \"\(filler)\"}"
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var largest = 0
        var chunks = 0
        try input.withUnsafeBufferPointer { buffer in
            try BaseRewriter.apply([.setCampaignFields(campaignID: Self.c1.uppercased(), fields: persistenceObject(#"{"status":"paused"}"#))],
                                   to: buffer) { chunk in
                largest = max(largest, chunk.count)
                chunks += 1
                output.append(contentsOf: chunk)
            }
        }
        #expect(largest <= 4 << 20)
        #expect(chunks >= 5)
        #expect(output.count == text.utf8.count && String(decoding: output, as: UTF8.self)
            == text.replacingOccurrences(of: "\"status\": \"active\"", with: "\"status\": \"paused\""))
    }
}
