import Foundation
import StatsJSON
import Testing
@testable import StatsStore

@Suite struct PersistenceJournalTests {
    static let entry = JournalEntry(sequence: 7, ops: [
        .setCampaignFields(campaignID: "aaaaaaaa-0000-4000-8000-000000000001",
                           fields: persistenceObject(#"{"status":"paused","stats":{"total":3},"note":"a\nb\u2028c"}"#)),
        .putSnapshot(persistenceObject(#"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-13","stats":{"total":3},"captured_at":"2026-04-20T00:05:00Z"}"#)),
    ])

    @Test func lineFormatAndRoundTrip() throws {
        let line = Self.entry.encodedLine()
        #expect(line.last == 0x0A)
        #expect(line.filter { $0 == 0x0A }.count == 1)  // one line, whatever the strings hold
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix(#"{"seq":7,"ops":[{"op":"set_campaign_fields","campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","fields":{"status":"paused","#))
        #expect(text.contains(#"{"op":"put_snapshot","snapshot":{"campaign_id":"#))
        let decoded = try line.withUnsafeBufferPointer { try JournalEntry(line: $0) }
        #expect(decoded == Self.entry)
    }

    @Test func invalidLinesAreErrorsNotCrashes() throws {
        let bad = [
            #"{"seq":1,"ops":[{"op":"drop_table","campaign_id":"x"}]}"#,
            #"{"seq":1,"ops":[{"op":"set_campaign_fields","campaign_id":"x"}]}"#,
            // Values the loader would refuse (SPEC §11) and identity changes are never replayed (issue 17).
            #"{"seq":1,"ops":[{"op":"set_campaign_fields","campaign_id":"x","fields":{"name":5}}]}"#,
            #"{"seq":1,"ops":[{"op":"set_campaign_fields","campaign_id":"x","fields":{"stats":null}}]}"#,
            #"{"seq":1,"ops":[{"op":"set_campaign_fields","campaign_id":"x","fields":{"last_synced_at":"soon"}}]}"#,
            #"{"seq":1,"ops":[{"op":"set_campaign_fields","campaign_id":"x","fields":{"id":"aaaaaaaa-0000-4000-8000-000000000002"}}]}"#,
            #"{"seq":1,"ops":[{"op":"put_snapshot","snapshot":{"campaign_id":"c","week_start":"w"}}]}"#,
            #"{"seq":1,"ops":[{"op":"put_snapshot","snapshot":{"week_start":"2026-04-13"}}]}"#,
            #"{"seq":"1","ops":[]}"#,
            #"{"seq":1}"#,
            #"[1,2]"#,
            #"{"seq":1,"ops":[}"#,
            "",
        ]
        for line in bad {
            #expect(throws: JournalFormatError.self) { _ = try JournalCodec.decodeLine(Array(line.utf8)) }
        }
        // Unknown members are ignored (forward compatible).
        let extra = try JournalCodec.decodeLine(Array(#"{"seq":2,"v":9,"ops":[{"op":"put_snapshot","why":1,"snapshot":{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-13"}}]}"#.utf8))
        #expect(extra.sequence == 2 && extra.ops.count == 1)
    }

    @Test func appendAndReadRoundTrip() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            #expect(files.readJournal(fromOffset: 0).entries.isEmpty)
            #expect(files.journalSize == 0)
            var written: [JournalEntry] = []
            try files.withExclusiveLock {
                for seq in 1...3 {
                    let entry = JournalEntry(sequence: Int64(seq), ops: [
                        .setCampaignFields(campaignID: "c\(seq)", fields: persistenceObject(#"{"n":\#(seq)}"#))])
                    try files.appendJournal(entry)
                    written.append(entry)
                }
            }
            let all = files.readJournal(fromOffset: 0)
            #expect(all.entries == written)
            #expect(all.problems.isEmpty)
            #expect(all.endOffset == files.journalSize)

            // Incremental read from the previous end.
            let before = files.fingerprint()
            let more = JournalEntry(sequence: 4, ops: [.putSnapshot(persistenceObject(#"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-13"}"#))])
            try files.withExclusiveLock { try files.appendJournal(more) }
            let after = files.fingerprint()
            #expect(after != before)
            #expect(after.onlyJournalGrew(since: before))
            let tail = files.readJournal(fromOffset: all.endOffset)
            #expect(tail.entries == [more])
            #expect(tail.endOffset == files.journalSize)
        }
    }

    @Test func tornTailIsIgnoredThenTruncatedByTheNextAppend() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            let first = JournalEntry(sequence: 1, ops: [.setCampaignFields(campaignID: "c1", fields: persistenceObject(#"{"a":1}"#))])
            try files.withExclusiveLock { try files.appendJournal(first) }
            let goodLength = files.journalSize
            try PersistenceTestFS.appendRaw(files.journalPath, #"{"seq":2,"ops":[{"op":"set_campai"#)

            let read = files.readJournal(fromOffset: 0)
            #expect(read.entries == [first])
            #expect(read.endOffset == goodLength)
            #expect(read.problems.count == 1)
            #expect(read.problems.first?.contains("incomplete") == true)
            #expect(read.problems.first?.contains("set_campai") == false)  // no contents in messages

            let second = JournalEntry(sequence: 2, ops: [.setCampaignFields(campaignID: "c2", fields: persistenceObject(#"{"b":2}"#))])
            try files.withExclusiveLock { try files.appendJournal(second) }
            let again = files.readJournal(fromOffset: 0)
            #expect(again.entries == [first, second])
            #expect(again.problems.isEmpty)
            #expect(files.journalSize == goodLength + second.encodedLine().count)
        }
    }

    @Test func tornTailWithoutAnyNewlineIsTruncatedToEmpty() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            try PersistenceTestFS.write(files.journalPath, #"{"seq":1,"ops":["#, mode: 0o600)
            #expect(files.readJournal(fromOffset: 0).endOffset == 0)
            let entry = JournalEntry(sequence: 1, ops: [])
            try files.withExclusiveLock { try files.appendJournal(entry) }
            #expect(try PersistenceTestFS.bytes(files.journalPath) == entry.encodedLine())
        }
    }

    @Test func lockedReadModifyWritesLoseNothing() async throws {
        let dir = FileManager.default.temporaryDirectory.path + "/stats-persistence-rmw-\(UInt64.random(in: 0...UInt64.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = StoreFiles(path: dir + "/store.json")
        // Each writer re-reads under the lock and appends the next sequence number: any interleaving
        // without mutual exclusion would produce a duplicate.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<25 {
                        try files.withExclusiveLock(timeout: 30) {
                            let current = files.readJournal(fromOffset: 0).entries.last?.sequence ?? 0
                            try files.appendJournal(JournalEntry(sequence: current + 1, ops: []))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(files.readJournal(fromOffset: 0).entries.map(\.sequence) == Array(1...100))
    }

    @Test func badMiddleLinesAreReportedAndSkipped() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            let a = JournalEntry(sequence: 1, ops: [])
            let b = JournalEntry(sequence: 3, ops: [.setCampaignFields(campaignID: "c", fields: JSONObject())])
            let text = String(decoding: a.encodedLine(), as: UTF8.self)
                + #"{"seq":2,"ops":[{"op":"future_op"}]}"# + "\n\n"
                + String(decoding: b.encodedLine(), as: UTF8.self)
            try PersistenceTestFS.write(files.journalPath, text, mode: 0o600)
            let read = files.readJournal(fromOffset: 0)
            #expect(read.entries == [a, b])
            #expect(read.problems.count == 1)
            #expect(read.problems.first?.contains("unknown op") == true)
            #expect(read.endOffset == text.utf8.count)
        }
    }
}
