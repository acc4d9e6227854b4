// Issue 17 "Nothing lost, nothing hangs": one regression test per defect, on the built binary.
import Foundation
import StatsJSON
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Robustness on the built binary (issue 17)", .serialized)
struct RobustnessTests {
    static let ping = #"{"jsonrpc":"2.0","id":"p","method":"ping"}"#

    /// A demo store whose first campaign is edited by `mutate` (a JSON object of the store).
    static func demoStore(_ scratch: Scratch, _ mutate: (inout JSONObject) -> Void = { _ in }) async throws -> String {
        let path = scratch.file("store.json")
        try await CLI.makeDemoStore(at: path)
        guard case var .object(store) = try JSON.parse(try Files.read(path)) else { throw HarnessError("demo store") }
        mutate(&store)
        try Files.writeInPlace(path, JSON.bytes(.object(store)))
        return path
    }

    static func firstCampaign(_ path: String) throws -> JSONObject {
        try #require(try JSON.parse(try Files.read(path))["campaigns"]?.arrayValue?.first?.objectValue)
    }

    /// Sets the soft resource limit of a running process with util-linux `prlimit` (`--nofile`,
    /// `--fsize`; "unlimited" allowed). Swift's Glibc module does not export prlimit(2).
    static func limit(_ pid: Int32, _ option: String, _ value: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
        process.arguments = ["--pid", String(pid), "--\(option)=\(value):"]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    static func pingAnswered(_ server: Server) async throws -> Bool {
        server.child.send(ping)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            guard let line = await server.child.stdout.nextLine(timeout: 10) else { return false }
            if (try? JSON.parse(line))?["id"] == "p" { return true }
        }
        return false
    }

    // #1: an ignored record before the live one; a sync folded into the base by compaction survives.
    @Test(arguments: [#""340""#, "999", "null"])
    func compactionKeepsAcknowledgedWritesPastIgnoredRecords(ghostWorkspace: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch) { store in
            var campaigns = store["campaigns"]?.arrayValue ?? []
            guard case var .object(live) = campaigns[0] else { return }
            live["last_synced_at"] = .null
            campaigns[0] = .object(live)
            var ghost = live
            if ghostWorkspace == "null" { ghost["public_id"] = nil } else { ghost["workspace_id"] = try! JSON.parse(ghostWorkspace) }
            campaigns.insert(.object(ghost), at: 0)
            store["campaigns"] = .array(campaigns)
        }
        let live = try #require(try JSON.parse(try Files.read(store))["campaigns"]?.arrayValue?[1])
        let publicID = try #require(live["public_id"]?.stringValue)
        let id = try #require(live["id"]?.stringValue)
        try Files.writeInPlace(store + ".journal", [], create: true, mode: 0o644)
        _ = try Files.padJournal(store: store, campaignID: id, targetBytes: Files.compactionJournalBytes + 70_000)
        let env = ["STATS_STORE": store, "STATS_API_KEY": E2E.ownerKey, "STATS_NOW": "2026-11-20T10:00:00Z"]
        let sync = try await CLI.run(["call", "campaigns_sync_stats", #"{"id":"\#(publicID)"}"#], environment: env)
        #expect(sync.status == 0, "\(sync)")
        #expect((Files.statMeta(store + ".journal")?.size ?? 0) < 70_000, "no compaction happened")
        let get = try await CLI.run(["call", "campaigns_get", #"{"id":"\#(publicID)"}"#], environment: env)
        let record = try JSON.parse(get.stdout)
        #expect(record["campaign"]?["last_synced_at"] == "2026-11-20T10:00:00Z", "the acknowledged sync was lost: \(get)")
    }

    // #2, #3: huge arguments are refused at once, and the server keeps serving.
    @Test func hugeQueryAndCampaignListsAreRefusedQuickly() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch)
        let server = try await startServer(store: store)
        defer { server.child.forceKill() }
        let query = String(repeating: "e\u{301}", count: 400_000)
        for tool in ["campaigns_list", "users_list"] {
            let started = Date()
            let outcome = try #require(try await server.callTool(tool, ["query": .string(query)], timeout: 30))
            #expect(outcome.errorCode == "invalid_argument", "\(outcome)")
            #expect(Date().timeIntervalSince(started) < 10)
        }
        let ids: [JSONValue] = (0..<40_000).map { .string(String(format: "e0000000-0000-4000-8000-%012d", $0)) }
        let started = Date()
        let outcome = try #require(try await server.callTool("analytics_get_dashboard", ["campaign_ids": .array(ids)], timeout: 30))
        #expect(outcome.errorCode == "invalid_argument" && outcome.errorMessage?.contains("40000 given") == true, "\(outcome)")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try await Self.pingAnswered(server))
        #expect(await server.finish() == .exited(0))
    }

    // #4, #5: a FIFO (store, journal or lock) or a character device never hangs or eats memory.
    @Test(arguments: ["store", "journal", "lock", "/dev/zero"])
    func nonRegularStoreFilesAreRefused(which: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var store = try await Self.demoStore(scratch)
        let publicID = try #require(try Self.firstCampaign(store)["public_id"]?.stringValue)
        switch which {
        case "store":
            unlink(store)
            #expect(mkfifo(store, 0o600) == 0)
        case "journal": #expect(mkfifo(store + ".journal", 0o600) == 0)
        case "lock": #expect(mkfifo(store + ".lock", 0o600) == 0)
        default: store = which
        }
        let server = try await startServer(store: store)
        defer { server.child.forceKill() }
        let outcome = try #require(try await server.callTool("campaigns_sync_stats", ["id": .string(publicID)], timeout: 10),
                                   "no answer: the server hangs on the \(which)")
        #expect(outcome.errorCode == "store_unavailable", "\(outcome)")
        #expect(outcome.errorMessage?.contains("not a regular file") == true, "\(outcome)")
        #expect(try await Self.pingAnswered(server))
        #expect(await server.finish(timeout: 5) == .exited(0))
    }

    // #6: EMFILE during a reload is retried on the next request, not cached.
    @Test func anEnvironmentErrorIsRetriedOnTheNextRequest() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch)
        let server = try await startServer(store: store)
        defer { server.child.forceKill() }
        _ = try await server.callOK("campaigns_list", ["limit": 1])
        #expect(Self.limit(server.child.pid, "nofile", "4"))
        try Files.writeInPlace(store, try Files.read(store))  // a new stat: the next request reloads
        let failed = try #require(try await server.callTool("campaigns_list", ["limit": 1]))
        #expect(failed.errorCode == "store_unavailable", "\(failed)")
        #expect(Self.limit(server.child.pid, "nofile", "1024"))
        let recovered = try #require(try await server.callTool("campaigns_list", ["limit": 1]))
        #expect(!recovered.isError, "still unavailable after the limit was raised: \(recovered)")
        #expect(await server.finish() == .exited(0))
    }

    // #7: a journal append past RLIMIT_FSIZE is refused cleanly; no torn line; the server keeps serving.
    @Test func aWritePastTheFileSizeLimitIsRefusedCleanly() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch)
        let publicID = try #require(try Self.firstCampaign(store)["public_id"]?.stringValue)
        let server = try await startServer(store: store)
        defer { server.child.forceKill() }
        #expect(Self.limit(server.child.pid, "fsize", "200"))
        let outcome = try #require(try await server.callTool("campaigns_sync_stats", ["id": .string(publicID)], timeout: 10),
                                   "no answer (killed by SIGXFSZ?)")
        #expect(outcome.errorCode == "store_unavailable" && outcome.errorMessage?.contains("EFBIG") == true, "\(outcome)")
        #expect((Files.statMeta(store + ".journal")?.size ?? 0) == 0, "a torn journal line was left")
        #expect(try await Self.pingAnswered(server))
        #expect(Self.limit(server.child.pid, "fsize", "unlimited"))
        _ = try await server.callOK("campaigns_sync_stats", ["id": .string(publicID)])
        #expect(await server.finish() == .exited(0))
    }

    // #8: a client that never reads: the server stops reading stdin; memory stays bounded; then every
    // request is answered exactly once, in order.
    @Test func backPressureBoundsMemoryAndLosesNothing() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch)
        let server = try await startServer(store: store)
        defer { server.child.forceKill() }
        server.child.stdout.pause()
        let fd = server.child.stdinFD
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var sent = 0
        var requests = 0
        var pending: [UInt8] = []
        var stalledSince: Date?
        let started = Date()
        while Date().timeIntervalSince(started) < 30 {
            if pending.isEmpty {
                for _ in 0..<200 {
                    requests += 1
                    pending += Array((Server.requestLine(id: 1_000 + requests, method: "ping") + "\n").utf8)
                }
            }
            let n = pending.withUnsafeBytes { posixWrite(fd, $0.baseAddress!, $0.count) }
            if n > 0 {
                sent += n
                pending.removeFirst(n)
                stalledSince = nil
            } else {
                if stalledSince == nil { stalledSince = Date() }
                if Date().timeIntervalSince(stalledSince!) > 2 { break }
                try await Task.sleep(nanoseconds: 10_000_000)
            }
        }
        #expect(stalledSince != nil, "the server kept reading \(sent) bytes without anyone reading its answers")
        let rss = Files.rssMiB(server.child.pid)
        #expect(rss < 300, "resident memory \(rss) MiB after \(sent) bytes of unanswered requests")
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        // Finish the partial request, then read everything: one answer per request, in order.
        server.child.stdout.resume()
        if !pending.isEmpty { server.child.write(pending) }
        server.child.closeStdin()
        var expected = 1_001
        while expected <= 1_000 + requests {
            guard let line = await server.child.stdout.nextLine(timeout: 60) else { break }
            guard let id = (try? JSON.parse(line))?["id"]?.integerValue else { continue }
            #expect(Int(id) == expected, "answer \(id) out of order, expected \(expected)")
            if Int(id) != expected { break }
            expected += 1
        }
        #expect(expected == 1_001 + requests, "\(requests) requests sent, \(expected - 1_001) answered")
        #expect(await server.child.waitForExit(timeout: 30) == .exited(0))
    }

    // #9: a wrong-typed stored record is ignored (never echoed outside the schema) and reported by check.
    @Test func wrongTypedRecordsAreIgnoredAndReported() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch) { store in
            var campaigns = store["campaigns"]?.arrayValue ?? []
            guard case var .object(first) = campaigns[0] else { return }
            first["name"] = .int(5)
            campaigns[0] = .object(first)
            store["campaigns"] = .array(campaigns)
        }
        let publicID = try #require(try Self.firstCampaign(store)["public_id"]?.stringValue)
        let env = ["STATS_STORE": store, "STATS_API_KEY": E2E.ownerKey]
        let get = try await CLI.run(["call", "campaigns_get", #"{"id":"\#(publicID)"}"#], environment: env)
        #expect(get.status == 1 && get.stderr.contains("not_found"), "\(get)")
        let check = try await CLI.run(["check", store])
        #expect(check.status == 0)
        #expect(check.stdout.contains("$.campaigns[0].name: a value of type integer; expected a string or null; the campaign is ignored"), "\(check)")
    }

    // #10: SIGTERM as soon as the process runs its own code (before the server is ready), also with
    // RLIMIT_NOFILE 4: a clean exit 0.
    @Test(arguments: [0, 4])
    func earlySIGTERMExitsCleanly(nofile: Int) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = try await Self.demoStore(scratch)
        let binary = try E2E.requireBinary()
        for _ in 0..<5 {
            let command = (nofile > 0 ? "ulimit -n \(nofile); " : "") + "exec '\(binary)' --store '\(store)'"
            let child = try Child(executable: "/bin/sh", arguments: ["-c", command],
                                  environment: E2E.environment(["STATS_API_KEY": E2E.ownerKey]))
            defer { child.forceKill() }
            // Wait until the process runs stats-mcp's first statement (SIGTERM blocked: SigBlk bit 15).
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline, !Files.blocksSIGTERM(child.pid) { try await Task.sleep(nanoseconds: 200_000) }
            child.signal(SIGTERM)
            #expect(await child.waitForExit(timeout: 10) == .exited(0))
        }
    }
}

extension Files {
    /// Resident set size of a process in MiB (from /proc).
    static func rssMiB(_ pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) / 1024
        }
        return -1
    }

    /// Whether the main thread of `pid` blocks SIGTERM (bit 15 of SigBlk), i.e. stats-mcp's `Signals.install()` ran.
    static func blocksSIGTERM(_ pid: Int32) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        guard text.contains("Name:\tstats-mcp") else { return false }
        for line in text.split(separator: "\n") where line.hasPrefix("SigBlk:") {
            let hex = line.split(separator: "\t").last.map(String.init) ?? "0"
            return ((UInt64(hex, radix: 16) ?? 0) >> 14) & 1 == 1
        }
        return false
    }
}
