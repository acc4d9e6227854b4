import Foundation
import StatsJSON
import Testing
@testable import StatsStore

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PersistenceFilesTests {
    static let baseText = """
        {
          "format": "stats-mcp-store",
          "version": 1,
          "x_unknown_top": {"keep":   true},
          "workspaces": [{"id": 1, "public_id": "ws_01"}],
          "campaigns": [
            {"id": "aaaaaaaa-0000-4000-8000-000000000001", "public_id": "cp_01", "workspace_id": 1, "type": "email", "status": "active", "x_field": [1,  2]}
          ],
          "clicks": [ {"workspace_id": 1,  "kind": "campaign"} ]
        }

        """

    static let setOp = JournalOp.setCampaignFields(
        campaignID: "AAAAAAAA-0000-4000-8000-000000000001", fields: persistenceObject(#"{"status":"paused"}"#))
    static let snapshotOp = JournalOp.putSnapshot(persistenceObject(
        #"{"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-13","stats":{},"captured_at":"2026-04-20T00:00:00Z"}"#))

    static let compactedText = """
        {
          "format": "stats-mcp-store",
          "version": 1,
          "x_unknown_top": {"keep":   true},
          "workspaces": [{"id": 1, "public_id": "ws_01"}],
          "campaigns": [
            {"id": "aaaaaaaa-0000-4000-8000-000000000001", "public_id": "cp_01", "workspace_id": 1, "type": "email", "status": "paused", "x_field": [1,  2]}
          ],
          "clicks": [ {"workspace_id": 1,  "kind": "campaign"} ],
          "weekly_snapshots": [
        {"campaign_id":"aaaaaaaa-0000-4000-8000-000000000001","week_start":"2026-04-13","stats":{},"captured_at":"2026-04-20T00:00:00Z"}
        ]
        }

        """

    @Test func pathsAreResolvedThroughSymlinks() throws {
        try withPersistenceTempDir { dir in
            try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: dir + "/linkdir", withDestinationPath: dir + "/real")
            // Missing file in a linked directory: the directory is resolved.
            let missing = StoreFiles(path: dir + "/linkdir/store.json")
            #expect(missing.resolvedPath == dir + "/real/store.json")
            #expect(missing.lockPath == dir + "/real/store.json.lock")
            #expect(missing.journalPath == dir + "/real/store.json.journal")
            // A relative symlink to an existing file.
            try PersistenceTestFS.write(dir + "/real/data.json", "{}")
            try FileManager.default.createSymbolicLink(atPath: dir + "/store.json", withDestinationPath: "real/data.json")
            #expect(StoreFiles(path: dir + "/store.json").resolvedPath == dir + "/real/data.json")
            // A dangling symlink resolves to its (future) target, not to the link.
            try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.json", withDestinationPath: "real/new.json")
            #expect(StoreFiles(path: dir + "/dangling.json").resolvedPath == dir + "/real/new.json")
        }
    }

    @Test func missingBaseIsADistinctError() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/none.json")
            #expect(files.fingerprint() == StoreFingerprint(base: nil, journal: nil))
            do {
                _ = try files.readBase()
                Issue.record("expected an error")
            } catch let error as StoreFileError {
                #expect(error.kind == .missing)
            }
        }
    }

    @Test func readBaseCopyAndMapGiveTheBytes() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            try PersistenceTestFS.write(files.resolvedPath, Self.baseText)
            for mode in [StoreBytes.Mode.copy, .map] {
                let bytes = try files.readBase(mode: mode)
                #expect(bytes.withUnsafeBytes { Array($0) } == Array(Self.baseText.utf8))
                #expect(bytes.stamp.sameContent(as: files.fingerprint().base!))
            }
            try PersistenceTestFS.write(files.resolvedPath, "")
            #expect(try files.readBase(mode: .map).count == 0)
            #expect(try files.readBase().count == 0)
        }
    }

    @Test func compactionAppliesOpsPreservesBytesAndTruncatesJournal() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            try PersistenceTestFS.write(files.resolvedPath, Self.baseText)
            let entries = [JournalEntry(sequence: 1, ops: [Self.setOp]), JournalEntry(sequence: 2, ops: [Self.snapshotOp])]
            let before = files.fingerprint()
            try files.withExclusiveLock {
                for entry in entries { try files.appendJournal(entry) }
                let read = files.readJournal(fromOffset: 0)
                #expect(read.entries == entries)
                try files.compact(entries: read.entries)
            }
            #expect(try PersistenceTestFS.read(files.resolvedPath) == Self.compactedText)
            #expect(files.journalSize == 0)
            #expect(files.readJournal(fromOffset: 0).entries.isEmpty)
            let after = files.fingerprint()
            #expect(after.base?.inode != before.base?.inode)  // replaced by rename, never in place
            #expect(!after.onlyJournalGrew(since: before))
            #expect(try PersistenceTestFS.list(dir) == ["store.json", "store.json.journal", "store.json.lock"])
        }
    }

    @Test func compactionRefusesMismatchedEntriesAndUnparsableBase() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            try PersistenceTestFS.write(files.resolvedPath, Self.baseText)
            let entry = JournalEntry(sequence: 1, ops: [Self.setOp])
            try files.withExclusiveLock { try files.appendJournal(entry) }
            let journalBefore = try PersistenceTestFS.bytes(files.journalPath)

            do {
                try files.withExclusiveLock { try files.compact(entries: []) }
                Issue.record("expected a mismatch")
            } catch let error as StoreFileError {
                #expect(error.kind == .journalMismatch)
            }

            let broken = "{\n  \"format\": \"stats-mcp-store\",\n  \"campaigns\": [ {\"id\": \"x\" ]\n}\n"
            try PersistenceTestFS.write(files.resolvedPath, broken)
            do {
                try files.withExclusiveLock { try files.compact() }
                Issue.record("expected unparsable")
            } catch let error as StoreFileError {
                #expect(error.kind == .unparsable)
                #expect(error.description.contains("line 3"))
                #expect(!error.description.contains("format"))
            }
            #expect(try PersistenceTestFS.read(files.resolvedPath) == broken)
            #expect(try PersistenceTestFS.bytes(files.journalPath) == journalBefore)
            #expect(try PersistenceTestFS.list(dir) == ["store.json", "store.json.journal", "store.json.lock"])
        }
    }

    @Test func modeIsPreservedAndCreatedFilesAreNoLooser() throws {
        try withPersistenceTempDir { dir in
            for mode in [0o600, 0o640] {
                let files = StoreFiles(path: dir + "/store\(mode).json")
                try PersistenceTestFS.write(files.resolvedPath, Self.baseText, mode: mode)
                try files.withExclusiveLock {
                    try files.appendJournal(JournalEntry(sequence: 1, ops: [Self.setOp]))
                    try files.compact()
                }
                #expect(PersistenceTestFS.mode(files.resolvedPath) == mode)
                #expect(PersistenceTestFS.mode(files.journalPath) == mode)
                #expect(PersistenceTestFS.mode(files.lockPath) == mode)
            }
            // No base yet: 0600.
            let fresh = StoreFiles(path: dir + "/fresh.json")
            try fresh.withExclusiveLock { try fresh.appendJournal(JournalEntry(sequence: 1, ops: [])) }
            #expect(PersistenceTestFS.mode(fresh.lockPath) == 0o600)
            #expect(PersistenceTestFS.mode(fresh.journalPath) == 0o600)
        }
    }

    @Test func symlinkedBaseStaysASymlinkAndNothingIsCreatedBesideTheLink() throws {
        try withPersistenceTempDir { dir in
            try FileManager.default.createDirectory(atPath: dir + "/links", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
            try PersistenceTestFS.write(dir + "/data/real.json", Self.baseText, mode: 0o600)
            try FileManager.default.createSymbolicLink(atPath: dir + "/links/store.json", withDestinationPath: "../data/real.json")
            let files = StoreFiles(path: dir + "/links/store.json")
            #expect(files.resolvedPath == dir + "/data/real.json")
            try files.withExclusiveLock {
                try files.appendJournal(JournalEntry(sequence: 1, ops: [Self.setOp, Self.snapshotOp]))
                try files.compact()
            }
            #expect(PersistenceTestFS.isSymlink(dir + "/links/store.json"))
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/links/store.json") == "../data/real.json")
            #expect(try PersistenceTestFS.list(dir + "/links") == ["store.json"])
            #expect(try PersistenceTestFS.list(dir + "/data") == ["real.json", "real.json.journal", "real.json.lock"])
            #expect(try PersistenceTestFS.read(dir + "/links/store.json") == Self.compactedText)
            #expect(PersistenceTestFS.mode(dir + "/data/real.json") == 0o600)
        }
    }

    @Test func staleTemporariesAreCleaned() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            try PersistenceTestFS.write(files.resolvedPath, Self.baseText)
            let dead = PersistenceTestFS.deadPID()
            let stale = ".store.json.tmp.\(dead).0123456789abcdef"
            let live = ".store.json.tmp.\(getpid()).fedcba9876543210"
            let others = [".other.json.tmp.\(dead).00", ".store.json.tmp.x.00", ".store.json.tmp.\(dead).XYZ", "store.json.tmp"]
            for name in [stale, live] + others { try PersistenceTestFS.write(dir + "/" + name, "{") }

            // While another writer holds the lock, only files of dead processes go.
            let holder = open(files.lockPath, O_RDONLY | O_CREAT | O_CLOEXEC, 0o600)
            #expect(holder >= 0 && flock(holder, LOCK_EX | LOCK_NB) == 0)
            #expect(files.cleanStaleTemporaries() == [stale])
            #expect(try PersistenceTestFS.list(dir) == ([live, "store.json", "store.json.lock"] + others).sorted())
            close(holder)
            // With the lock free no compaction can be running: every temporary of this store goes.
            #expect(files.cleanStaleTemporaries() == [live])
            #expect(try PersistenceTestFS.list(dir) == (["store.json", "store.json.lock"] + others).sorted())
            // Same when the caller says it holds the lock.
            try PersistenceTestFS.write(dir + "/" + live, "{")
            let removedUnderLock = try files.withExclusiveLock { files.cleanStaleTemporaries(holdingLock: true) }
            #expect(removedUnderLock == [live])
            #expect(try PersistenceTestFS.list(dir) == (["store.json", "store.json.lock"] + others).sorted())
        }
    }

    @Test func compactionInterruptedBeforeRenameLeavesTheOldBase() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            try PersistenceTestFS.write(files.resolvedPath, Self.baseText, mode: 0o600)
            let entry = JournalEntry(sequence: 1, ops: [Self.setOp])
            try files.withExclusiveLock { try files.appendJournal(entry) }
            // A writer killed mid-compaction: half a new base in its temporary file, no rename.
            let temp = dir + "/.store.json.tmp.\(PersistenceTestFS.deadPID()).00ff00ff00ff00ff"
            try PersistenceTestFS.write(temp, String(Self.compactedText.prefix(90)), mode: 0o600)

            // On load: the old base is intact and parses, the journal replays, the sweep removes the temp.
            let snapshot = try files.readSnapshot()
            #expect(snapshot.base.withUnsafeBytes { Array($0) } == Array(Self.baseText.utf8))
            #expect(try snapshot.base.withUnsafeBytes { try JSON.parse($0) }["format"] == "stats-mcp-store")
            #expect(snapshot.journalEntries == [entry])
            #expect(files.cleanStaleTemporaries().count == 1)
            #expect(!PersistenceTestFS.exists(temp))

            // The next compaction completes normally.
            try files.withExclusiveLock { try files.compact() }
            let parsed = try JSON.parse(try PersistenceTestFS.read(files.resolvedPath))
            #expect(parsed["campaigns"]?.arrayValue?.first?["status"] == "paused")
        }
    }

    @Test func lockTimeoutThrowsStoreBusy() throws {
        try withPersistenceTempDir { dir in
            let files = StoreFiles(path: dir + "/store.json")
            let value = try files.withExclusiveLock { 42 }
            #expect(value == 42)
            // A second open file description in this process conflicts with flock like another process would.
            let fd = open(files.lockPath, O_RDONLY | O_CLOEXEC)
            #expect(fd >= 0)
            defer { close(fd) }
            #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
            var ran = false
            #expect(throws: StoreBusyError.self) {
                try files.withExclusiveLock(timeout: 0.2) { ran = true }
            }
            #expect(!ran)
            #expect(flock(fd, LOCK_UN) == 0)
            let free = try files.withExclusiveLock(timeout: 0.2) { "free" }
            #expect(free == "free")
            #expect(PersistenceTestFS.exists(files.lockPath))  // never deleted
        }
    }

    @Test func compactionPolicyIsProportional() {
        #expect(!StoreFiles.shouldCompact(journalBytes: 1 << 20, baseBytes: 1 << 20))
        #expect(StoreFiles.shouldCompact(journalBytes: (4 << 20) + 1, baseBytes: 1 << 20))
        #expect(!StoreFiles.shouldCompact(journalBytes: 100 << 20, baseBytes: 1 << 30))
        #expect(StoreFiles.shouldCompact(journalBytes: (256 << 20) + 1, baseBytes: 1 << 30))
    }
}
