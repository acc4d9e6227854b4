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
          "campaigns": [
            {"id": "AAAAAAAA-0000-4000-8000-000000000001", "name": "One", "status": "active", "stats": {"total": 1}, "x_extra": true},
            {"id": "aaaaaaaa-0000-4000-8000-000000000002", "name": "Two",   "status": "draft"},
            {"id": "aaaaaaaa-0000-4000-8000-000000000001", "name": "Dup", "status": "active"}
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
            #"{"id": "AAAAAAAA-0000-4000-8000-000000000001", "name": "One", "status": "active", "stats": {"total": 1}, "x_extra": true}"#,
            #"{"id": "AAAAAAAA-0000-4000-8000-000000000001", "name": "One", "status": "paused", "stats": {"total":5,"bounced":2}, "x_extra": true, "paused_reason": "bounce_rate"}"#
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
            #"{"id": "aaaaaaaa-0000-4000-8000-000000000002", "name": "Two",   "status": "draft"}"#,
            #"{"id": "aaaaaaaa-0000-4000-8000-000000000002", "name": "Two",   "status": "paused",   "x": 1}"#  // a new field copies the last one's spacing
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

    @Test func putSnapshotTwiceMergesIntoOneRecord() throws {
        let a = persistenceObject(#"{"campaign_id":"c1","week_start":"2026-04-20","stats":{"total":1},"captured_at":"t1"}"#)
        let b = persistenceObject(#"{"campaign_id":"C1","week_start":"2026-04-20","stats":{"total":2},"captured_at":"t2"}"#)
        let out = try rewrite([.putSnapshot(a), .putSnapshot(b)], #"{"weekly_snapshots":[]}"#)
        #expect(out == "{\"weekly_snapshots\":[\n" + #"{"campaign_id":"C1","week_start":"2026-04-20","stats":{"total":2},"captured_at":"t2"}"# + "\n]}")
    }

    @Test func weeklySnapshotsMemberIsAddedWhenAbsentEmptyOrNull() throws {
        let snapshot = persistenceObject(#"{"campaign_id":"c1","week_start":"2026-04-20","stats":{"total":1},"captured_at":"t"}"#)
        let record = #"{"campaign_id":"c1","week_start":"2026-04-20","stats":{"total":1},"captured_at":"t"}"#
        #expect(try rewrite([.putSnapshot(snapshot)], "{\n  \"format\": \"stats-mcp-store\",\n  \"version\": 1\n}\n")
            == "{\n  \"format\": \"stats-mcp-store\",\n  \"version\": 1,\n  \"weekly_snapshots\": [\n\(record)\n]\n}\n")
        #expect(try rewrite([.putSnapshot(snapshot)], "{}") == "{\"weekly_snapshots\":[\n\(record)\n]}")
        #expect(try rewrite([.putSnapshot(snapshot)], "{\"a\": 1, \"weekly_snapshots\": [ ]}")
            == "{\"a\": 1, \"weekly_snapshots\": [\n\(record)\n]}")
        #expect(try rewrite([.putSnapshot(snapshot)], "{\"weekly_snapshots\": null, \"b\": 2}")
            == "{\"weekly_snapshots\": [\n\(record)\n], \"b\": 2}")
    }

    @Test func fieldsAreSetOnEmptyRecordsAndEscapedKeys() throws {
        let out = try rewrite(
            [.setCampaignFields(campaignID: "c1", fields: persistenceObject(#"{"status":"paused","name":"N"}"#))],
            #"{"campaigns":[{"\u0069d":"C1","na\u006de":"old"},{}]}"#)
        #expect(out == #"{"campaigns":[{"\u0069d":"C1","na\u006de":"N","status":"paused"},{}]}"#)
        let empty = try rewrite(
            [.setCampaignFields(campaignID: "c1", fields: persistenceObject(#"{"status":"paused"}"#))],
            #"{"campaigns":[{"id":"c0"},{"id":"c1"}]}"#)
        #expect(empty == #"{"campaigns":[{"id":"c0"},{"id":"c1","status":"paused"}]}"#)
    }

    @Test func everyOccurrenceOfADuplicatedFieldIsSet() throws {
        let out = try rewrite(
            [.setCampaignFields(campaignID: "c1", fields: persistenceObject(#"{"status":"paused"}"#))],
            #"{"campaigns":[{"id":"c1","status":"a","status":"b"}]}"#)
        #expect(out == #"{"campaigns":[{"id":"c1","status":"paused","status":"paused"}]}"#)
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
        let text = "{\"blob\": \"\(filler)\", \"campaigns\": [{\"id\": \"c1\", \"status\": \"active\"}], \"tail\": \"\(filler)\"}"
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var largest = 0
        var chunks = 0
        try input.withUnsafeBufferPointer { buffer in
            try BaseRewriter.apply([.setCampaignFields(campaignID: "C1", fields: persistenceObject(#"{"status":"paused"}"#))],
                                   to: buffer) { chunk in
                largest = max(largest, chunk.count)
                chunks += 1
                output.append(contentsOf: chunk)
            }
        }
        #expect(largest <= 4 << 20)
        #expect(chunks >= 5)
        #expect(String(decoding: output, as: UTF8.self)
            == text.replacingOccurrences(of: "\"status\": \"active\"", with: "\"status\": \"paused\""))
    }
}
