// SPEC §9: durability and concurrency of the file store, through the built binary.
import Foundation
import StatsJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rewrites the one-record-per-line demo base file: `edit` gets the record (a JSON object) of the
/// line holding `"id":"<id>"` and returns its replacement.
private func editRecordLine(in bytes: [UInt8], id: String, _ edit: (inout JSONObject) -> Void) throws -> [UInt8] {
    var lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let index = lines.firstIndex(where: { $0.contains("\"id\":\"\(id)\"") && $0.hasPrefix("{") }) else {
        throw HarnessError("no line with id \(id)")
    }
    var line = lines[index]
    let comma = line.hasSuffix(",")
    if comma { line.removeLast() }
    guard var record = try JSON.parse(line).objectValue else { throw HarnessError("line is not an object") }
    edit(&record)
    lines[index] = JSON.string(.object(record)) + (comma ? "," : "")
    return Array(lines.joined(separator: "\n").utf8)
}

@Suite("Durability and concurrency (SPEC §9)", .timeLimit(.minutes(3)))
struct DurabilityTests {
    // MARK: kill -9

    @Test("kill -9 at random instants: the store always loads, every acknowledged write survives, no stray temp files")
    func killNine() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let first = try await startServer(store: store)
        let campaigns = try await first.campaigns()
        #expect(await first.finish() == .exited(0))
        let synced = Array(campaigns.filter { $0.status != "draft" }.prefix(4))
        try #require(synced.count >= 2)
        let padCampaign = campaigns[0].id

        var lastAcknowledged: [String: String] = [:]  // campaign id → STATS_NOW of its last acknowledged sync
        var acknowledgedWeeks: [String] = []
        var weeksOfPreviousProcess: [String] = []
        var attempted = 0, acknowledged = 0, processes = 0, diedMidRequest = 0, compactions = 0, padded = 0
        var weekIndex = 0, leftovers = 0, planted = 0
        var lastKilledPID: Int32?
        var previousAcknowledged = 1
        let started = Date()
        // Issue #5 asks for at least 100 kills; each round is one server process killed at a random instant.
        while (attempted < 120 || processes < 100) && Date().timeIntervalSince(started) < 150 {
            processes += 1
            // Each process has its own clock, so the surviving last_synced_at says which write it is.
            let now = Civil.instant(processes * 60)
            // Every eighth round, bring the journal close to the compaction threshold so that a commit
            // of this process also compacts (a rewrite of the base file), and the kill may land in it.
            var didPad = false
            if processes % 8 == 0 {
                didPad = try Files.padJournal(store: store, campaignID: padCampaign,
                                              targetBytes: Files.compactionJournalBytes - Int.random(in: 0...6_000))
                if didPad { padded += 1 }
            }
            let inodeBefore = Files.statMeta(store)?.inode
            leftovers += Files.strays(in: scratch.path, baseName: "store.json").count
            // Kills rarely land inside the short window in which a compaction's temporary file
            // exists, so also leave one the way a writer killed there would (`.<base>.tmp.<pid>.<hex>`,
            // the pid of the server just killed): the next load must remove it.
            if processes % 10 == 0, let pid = lastKilledPID {
                try Files.writeInPlace(scratch.file(".store.json.tmp.\(pid).00000000deadbeef"), Array("{\"partial\":".utf8),
                                       create: true, mode: 0o600)
                planted += 1
            }
            let server = try await startServer(store: store, now: now)
            defer { server.child.forceKill() }

            // 1. A fresh server loads the store and holds every acknowledged write.
            for campaign in synced {
                let record = try await server.callOK("campaigns_get", ["id": .string(campaign.id)])
                let stamp = record["campaign"]?["last_synced_at"]?.stringValue ?? ""
                if let acknowledged = lastAcknowledged[campaign.id] {
                    #expect(stamp >= acknowledged, "lost sync of \(campaign.publicID): \(stamp) < \(acknowledged)")
                }
            }
            for week in weeksOfPreviousProcess {
                let state = try await server.weekIsCaptured(week)
                #expect(state.captured > 0 && state.replaced == state.captured, "lost snapshot week \(week): \(state)")
            }
            // 2. That load swept every temporary file a killed writer left.
            #expect(Files.strays(in: scratch.path, baseName: "store.json") == [], "stray files after a load")

            // 3. Writes one at a time (3 syncs for 1 capture, so the store stays small) until SIGKILL
            //    at a random instant. A commit takes about a millisecond, a compaction (debug build)
            //    a good fraction of a second: padded rounds get a wider window, and a round after one
            //    that acknowledged nothing gets a long one, so the loop always makes progress.
            weeksOfPreviousProcess = []
            let window = previousAcknowledged == 0 ? 3.0 : (didPad ? 1.5 : 0.03)
            let delay = UInt64(Double.random(in: 0...window) * 1e9)
            let victim = server.child
            let killer = Task {
                try? await Task.sleep(nanoseconds: delay)
                victim.signal(SIGKILL)
            }
            var acknowledgedHere = 0
            while acknowledgedHere < 80 {
                attempted += 1
                if Int.random(in: 0..<4) > 0 {
                    let campaign = synced.randomElement()!
                    guard let outcome = try await server.callTool("campaigns_sync_stats", ["id": .string(campaign.publicID)],
                                                                  timeout: 30)
                    else {
                        diedMidRequest += 1
                        break
                    }
                    #expect(!outcome.isError, "\(outcome)")
                    #expect(outcome.structured["campaign"]?["last_synced_at"]?.stringValue == now)
                    lastAcknowledged[campaign.id] = now
                } else {
                    let week = Civil.monday(weekIndex)
                    weekIndex += 1
                    guard let outcome = try await server.callTool("campaigns_capture_weekly_snapshots",
                                                                  ["week_start": .string(week)], timeout: 30)
                    else {
                        diedMidRequest += 1
                        break
                    }
                    #expect(!outcome.isError, "\(outcome)")
                    #expect((outcome.structured["captured"]?.integerValue ?? 0) > 0)
                    acknowledgedWeeks.append(week)
                    weeksOfPreviousProcess.append(week)
                }
                acknowledged += 1
                acknowledgedHere += 1
            }
            previousAcknowledged = acknowledgedHere
            await killer.value  // after 80 writes the kill lands between requests
            let ending = await server.child.waitForExit(timeout: 20)
            lastKilledPID = server.child.pid
            #expect(ending == .signaled(SIGKILL), "the server should have been killed, not \(String(describing: ending))")
            if Files.statMeta(store)?.inode != inodeBefore { compactions += 1 }
            // The store loads after the crash (check validates base + journal).
            if processes % 10 == 0 {
                let check = try await CLI.run(["check", store])
                #expect(check.status == 0, "\(check)")
            }
        }
        print("kill -9: \(processes) processes, \(attempted) writes sent, \(acknowledged) acknowledged, \(diedMidRequest) killed mid-request, \(padded) journal paddings, \(compactions) compactions, \(leftovers) temporary files left by kills + \(planted) planted (all swept by the next load)")
        #expect(attempted >= 100, "too few iterations within the time budget")
        #expect(processes >= 100, "too few kills within the time budget")

        // Final: every acknowledged write is present; the store checks clean; no stray files.
        let check = try await CLI.run(["check", store])
        #expect(check.status == 0, "\(check)")
        #expect(Files.strays(in: scratch.path, baseName: "store.json") == [])
        let last = try await startServer(store: store)
        defer { last.child.forceKill() }
        for campaign in synced {
            let record = try await last.callOK("campaigns_get", ["id": .string(campaign.id)])
            let stamp = record["campaign"]?["last_synced_at"]?.stringValue ?? ""
            if let acknowledged = lastAcknowledged[campaign.id] {
                #expect(stamp >= acknowledged, "lost sync of \(campaign.publicID)")
            }
        }
        for week in acknowledgedWeeks {
            let state = try await last.weekIsCaptured(week)
            #expect(state.captured > 0 && state.replaced == state.captured, "lost snapshot week \(week)")
        }
        #expect(await last.finish() == .exited(0))
    }

    // MARK: Concurrent writers

    @Test("three processes writing at once lose no update (60 snapshots)")
    func concurrentWriters() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let baseInode = Files.statMeta(store)?.inode
        var servers: [Server] = []
        defer { for s in servers { s.child.forceKill() } }
        for p in 0..<3 { servers.append(try await startServer(store: store, now: Civil.instant(3600 + p))) }
        let campaigns = try await servers[0].campaigns()
        // Pipeline everything to all three at once: 20 captures each (distinct Mondays) interleaved
        // with syncs, so that the three contend for the lock all the time.
        var weeks: [String] = []
        for (p, server) in servers.enumerated() {
            var lines: [String] = []
            for i in 0..<20 {
                let week = Civil.monday(500 + 3 * i + p)
                weeks.append(week)
                lines.append(Server.toolCallLine(id: 1000 + i, name: "campaigns_capture_weekly_snapshots",
                                                 arguments: ["week_start": .string(week)]))
                lines.append(Server.toolCallLine(id: 2000 + i, name: "campaigns_sync_stats",
                                                 arguments: ["id": .string(campaigns[(i + p) % campaigns.count].publicID)]))
            }
            #expect(server.child.write(Array((lines.joined(separator: "\n") + "\n").utf8)))
        }
        for server in servers {
            for i in 0..<20 {
                for id in [1000 + i, 2000 + i] {
                    let response = try #require(try await server.response(id: id, timeout: 60),
                                                "no response \(id); stderr: \(server.child.stderr.text.suffix(1000))")
                    let outcome = try Server.outcome(response)
                    #expect(!outcome.isError, "\(outcome)")
                }
            }
        }
        for server in servers { #expect(await server.finish() == .exited(0)) }
        #expect(Set(weeks).count == 60)

        let fresh = try await startServer(store: store)
        defer { fresh.child.forceKill() }
        var present = 0
        for week in weeks {
            let state = try await fresh.weekIsCaptured(week)
            if state.captured > 0 && state.replaced == state.captured { present += 1 } else { Issue.record("week \(week) lost: \(state)") }
        }
        #expect(present == 60)
        #expect(await fresh.finish() == .exited(0))
        // The journal is JSON Lines, one valid entry per commit: all 120 of them unless a compaction
        // folded some into the base file.
        let journal = String(decoding: try Files.read(store + ".journal"), as: UTF8.self)
        var entries = 0
        for line in journal.split(separator: "\n") {
            #expect(try JSON.parse(String(line))["seq"]?.strictIntValue != nil, "\(line.prefix(200))")
            entries += 1
        }
        if Files.statMeta(store)?.inode == baseInode { #expect(entries == 120) }
        #expect(try await CLI.run(["check", store]).status == 0)
    }

    // MARK: Hand edits

    @Test("a hand edit of the base file is seen by a running server on its next request")
    func handEdit() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let server = try await startServer(store: store, now: "2026-11-20T09:00:00Z")
        defer { server.child.forceKill() }
        let campaign = try #require(try await server.campaigns().first { $0.status == "active" })
        let before = try await server.callOK("campaigns_get", ["id": .string(campaign.publicID)])
        #expect(before["campaign"]?["name"]?.stringValue == campaign.name)

        // 1. Edit by rename (what editors and `sed -i` do), holding the store's lock like a good script.
        let renamed = campaign.name + " (renamed by hand)"
        try Files.withFlock(store + ".lock") {
            let edited = try editRecordLine(in: try Files.read(store), id: campaign.id) { $0["name"] = .string(renamed) }
            try Files.replaceByRename(store, with: edited)
        }
        let afterRename = try await server.callOK("campaigns_get", ["id": .string(campaign.publicID)])
        #expect(afterRename["campaign"]?["name"]?.stringValue == renamed)
        let performance = try await server.callOK("stats_get_campaign_performance",
                                                  ["campaignPublicId": .string(campaign.publicID)])
        #expect(performance["campaign"]?["name"]?.stringValue == renamed)

        // 2. A sync (journal write) keeps the hand edit.
        let sync = try await server.callOK("campaigns_sync_stats", ["id": .string(campaign.publicID)])
        #expect(sync["campaign"]?["name"]?.stringValue == renamed)
        #expect(sync["campaign"]?["last_synced_at"]?.stringValue == "2026-11-20T09:00:00Z")

        // 3. An in-place rewrite (`>`): a new name, and a last_synced_at that the journal overrides
        //    (where both touch the same field, the journal wins).
        let inPlace = "Edited in place ✎"
        let edited = try editRecordLine(in: try Files.read(store), id: campaign.id) {
            $0["name"] = .string(inPlace)
            $0["last_synced_at"] = "2001-01-01T00:00:00Z"
        }
        try Files.writeInPlace(store, edited)
        let afterInPlace = try await server.callOK("campaigns_get", ["id": .string(campaign.publicID)])
        #expect(afterInPlace["campaign"]?["name"]?.stringValue == inPlace)
        #expect(afterInPlace["campaign"]?["last_synced_at"]?.stringValue == "2026-11-20T09:00:00Z")

        // 4. Another process sees both the hand edit and the acknowledged write.
        let other = try await CLI.run(["--store", store, "call", "campaigns_get", #"{"id":"\#(campaign.publicID)"}"#],
                                      environment: ["STATS_API_KEY": E2E.ownerKey])
        #expect(other.status == 0, "\(other)")
        let record = try JSON.parse(other.stdout)["campaign"]
        #expect(record?["name"]?.stringValue == inPlace)
        #expect(record?["last_synced_at"]?.stringValue == "2026-11-20T09:00:00Z")
        #expect(await server.finish() == .exited(0))
    }

    @Test("a corrupt base file: reads say store_unavailable with line and column, writes are refused, the file is untouched, service resumes once fixed")
    func corruptBaseFile() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let server = try await startServer(store: store, now: "2026-11-20T10:00:00Z")
        defer { server.child.forceKill() }
        let campaign = try #require(try await server.campaigns().first)
        _ = try await server.callOK("campaigns_sync_stats", ["id": .string(campaign.publicID)])  // a journal exists
        let good = try Files.read(store)

        // Break line 3 (`"workspaces":[` → `"workspaces"[`), by rename like an editor.
        var lines = String(decoding: good, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "\"workspaces\":[")
        lines[2] = "\"workspaces\"["
        let corrupt = Array(lines.joined(separator: "\n").utf8)
        try Files.replaceByRename(store, with: corrupt)
        let journalBefore = try Files.read(store + ".journal")

        for tool in ["campaigns_list", "users_list"] {
            let read = try #require(try await server.callTool(tool))
            #expect(read.isError && read.errorCode == "store_unavailable", "\(read)")
            #expect(read.errorMessage?.contains("line 3, column 13") == true, "\(read)")
        }
        let write = try #require(try await server.callTool("campaigns_sync_stats", ["id": .string(campaign.publicID)]))
        #expect(write.isError && write.errorCode == "store_unavailable", "\(write)")
        let capture = try #require(try await server.callTool("campaigns_capture_weekly_snapshots", ["week_start": "2026-11-16"]))
        #expect(capture.isError && capture.errorCode == "store_unavailable", "\(capture)")
        #expect(try Files.read(store) == corrupt, "a store that does not parse must never be overwritten")
        #expect(try Files.read(store + ".journal") == journalBefore, "a refused write must not reach the journal")

        // A second process on the corrupt file: starts, answers the protocol, refuses.
        let second = try await startServer(store: store)
        defer { second.child.forceKill() }
        let secondRead = try #require(try await second.callTool("campaigns_get", ["id": .string(campaign.publicID)]))
        #expect(secondRead.errorCode == "store_unavailable" && secondRead.errorMessage?.contains("line 3, column 13") == true)
        #expect(await second.finish() == .exited(0))
        #expect(try Files.read(store) == corrupt)

        // Fixed by hand: the same running process serves again, the earlier write included.
        try Files.replaceByRename(store, with: good)
        let fixed = try await server.callOK("campaigns_get", ["id": .string(campaign.publicID)])
        #expect(fixed["campaign"]?["last_synced_at"]?.stringValue == "2026-11-20T10:00:00Z")
        _ = try await server.callOK("campaigns_sync_stats", ["id": .string(campaign.publicID)])
        #expect(await server.finish() == .exited(0))
        #expect(try await CLI.run(["check", store]).status == 0)
    }

    // MARK: File metadata

    @Test("a 0600 store stays 0600 through writes and compaction; journal and lock are 0600")
    func modePreserved() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        #expect(chmod(store, 0o600) == 0)
        let server = try await startServer(store: store, now: "2026-11-20T11:00:00Z")
        defer { server.child.forceKill() }
        let campaigns = try await server.campaigns()
        for campaign in campaigns.prefix(5) {
            _ = try await server.callOK("campaigns_sync_stats", ["id": .string(campaign.publicID)])
        }
        _ = try await server.callOK("campaigns_capture_weekly_snapshots", ["week_start": "2026-11-09"])
        #expect(Files.statMeta(store)?.mode == 0o600)
        #expect(Files.statMeta(store + ".journal")?.mode == 0o600)
        #expect(Files.statMeta(store + ".lock")?.mode == 0o600)
        #expect(await server.finish() == .exited(0))

        // Compaction: ~1,500 captures would grow the journal past the threshold; pad it with valid
        // entries instead, then one more commit folds the journal into a rewritten base file.
        let inodeBefore = try #require(Files.statMeta(store)?.inode)
        try Files.padJournal(store: store, campaignID: campaigns[0].id, targetBytes: Files.compactionJournalBytes + 70_000)
        let second = try await startServer(store: store, now: "2026-11-20T11:30:00Z")
        defer { second.child.forceKill() }
        _ = try await second.callOK("campaigns_sync_stats", ["id": .string(campaigns[1].publicID)])
        let after = try #require(Files.statMeta(store))
        #expect(after.inode != inodeBefore, "the base file was not rewritten: no compaction happened")
        #expect((Files.statMeta(store + ".journal")?.size ?? 0) < 70_000, "the journal was not folded in")
        #expect(after.mode == 0o600, "mode after compaction: \(String(after.mode, radix: 8))")
        #expect(Files.statMeta(store + ".journal")?.mode == 0o600)
        #expect(Files.statMeta(store + ".lock")?.mode == 0o600)
        #expect(Files.strays(in: scratch.path, baseName: "store.json") == [])
        // The rewritten base holds the folded writes.
        let base = String(decoding: try Files.read(store), as: UTF8.self)
        #expect(base.contains("2026-11-20T11:30:00Z") && base.contains("2026-11-09"))
        #expect(await second.finish() == .exited(0))
        #expect(try await CLI.run(["check", store]).status == 0)
    }

    @Test("a symlinked store stays a symlink, its target is updated, nothing appears beside the link")
    func symlinkPreserved() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let realDir = scratch.file("real"), linkDir = scratch.file("link")
        try FileManager.default.createDirectory(atPath: realDir, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: linkDir, withIntermediateDirectories: false)
        let target = realDir + "/store.json"
        let link = linkDir + "/store.json"
        try await CLI.makeDemoStore(at: target)
        #expect(chmod(target, 0o640) == 0)
        #expect(symlink("../real/store.json", link) == 0)

        let server = try await startServer(store: link, now: "2026-11-20T12:00:00Z")
        defer { server.child.forceKill() }
        let campaigns = try await server.campaigns()
        _ = try await server.callOK("campaigns_sync_stats", ["id": .string(campaigns[0].publicID)])
        #expect(await server.finish() == .exited(0))
        #expect(Scratch.list(linkDir) == ["store.json"])
        #expect(Scratch.list(realDir) == ["store.json", "store.json.journal", "store.json.lock"])

        // Force a compaction (a rewrite of the base file) through the link.
        try Files.padJournal(store: target, campaignID: campaigns[0].id, targetBytes: Files.compactionJournalBytes + 70_000)
        let targetInode = try #require(Files.statMeta(target)?.inode)
        let second = try await startServer(store: link, now: "2026-11-20T12:30:00Z")
        defer { second.child.forceKill() }
        _ = try await second.callOK("campaigns_sync_stats", ["id": .string(campaigns[1].publicID)])
        #expect(await second.finish() == .exited(0))

        let linkMeta = try #require(Files.lstatMeta(link))
        #expect(linkMeta.isSymlink, "the store path must still be a symlink")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "../real/store.json")
        #expect(Scratch.list(linkDir) == ["store.json"], "nothing may be created beside the link")
        #expect(Scratch.list(realDir) == ["store.json", "store.json.journal", "store.json.lock"])
        let targetMeta = try #require(Files.statMeta(target))
        #expect(targetMeta.inode != targetInode, "the target was not rewritten (no compaction)")
        #expect(targetMeta.mode == 0o640, "the target's mode must be kept: \(String(targetMeta.mode, radix: 8))")
        for sidecar in ["journal", "lock"] {
            let mode = Files.statMeta(target + "." + sidecar)?.mode ?? 0
            #expect(mode & ~0o640 == 0, "\(sidecar) is more permissive than the base file: \(String(mode, radix: 8))")
        }
        let base = String(decoding: try Files.read(target), as: UTF8.self)
        #expect(base.contains("2026-11-20T12:30:00Z"), "the target holds the folded write")
        #expect(try await CLI.run(["check", link]).status == 0)
    }

    // MARK: The lock

    @Test("while another process holds the lock, a sync answers store_busy after ~5 s; reads are not blocked")
    func lockBusy() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let server = try await startServer(store: store, now: "2026-11-20T14:00:00Z")
        defer { server.child.forceKill() }
        let campaign = try #require(try await server.campaigns().first)
        let lockPath = store + ".lock"

        // The holder: flock(1) as a hand-editing script would use it (README), else python3, else
        // this test process itself (flock locks belong to the open file description).
        let holdSeconds = 7
        var holder: Child?
        var ownFD: Int32 = -1
        defer {
            holder?.forceKill()
            if ownFD >= 0 { close(ownFD) }
        }
        if E2E.isExecutableRegularFile("/usr/bin/flock") {
            holder = try Child(executable: "/usr/bin/flock",
                               arguments: [lockPath, "sh", "-c", "echo locked; exec sleep \(holdSeconds)"],
                               environment: E2E.environment([:]))
        } else if let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: E2E.isExecutableRegularFile) {
            let script = "import fcntl,sys,time\nf=open(sys.argv[1],'a')\nfcntl.flock(f,fcntl.LOCK_EX)\nprint('locked',flush=True)\ntime.sleep(\(holdSeconds))\n"
            holder = try Child(executable: python, arguments: ["-c", script, lockPath], environment: E2E.environment([:]))
        } else {
            ownFD = open(lockPath, O_RDONLY | O_CREAT | O_CLOEXEC, 0o600)
            #expect(ownFD >= 0 && flock(ownFD, LOCK_EX) == 0)
        }
        if let holder {
            let line = await holder.stdout.nextLine(timeout: 20)
            try #require(line.map { String(decoding: $0, as: UTF8.self) } == "locked", "the lock holder did not start")
        }

        let sent = Date()
        let busy = try #require(try await server.callTool("campaigns_sync_stats", ["id": .string(campaign.publicID)], timeout: 30))
        let waited = Date().timeIntervalSince(sent)
        #expect(busy.isError && busy.errorCode == "store_busy", "\(busy)")
        #expect(waited >= 4.5, "store_busy after only \(waited) s: the writer must wait up to 5 s for the lock")
        // Readers take no lock.
        _ = try await server.callOK("campaigns_get", ["id": .string(campaign.publicID)])

        // Once the holder is gone, writes go through again.
        if let holder {
            #expect(await holder.waitForExit(timeout: 30) == .exited(0))
        } else {
            close(ownFD)
            ownFD = -1
        }
        let sync = try await server.callOK("campaigns_sync_stats", ["id": .string(campaign.publicID)])
        #expect(sync["campaign"]?["last_synced_at"]?.stringValue == "2026-11-20T14:00:00Z")
        #expect(await server.finish() == .exited(0))
    }
}
