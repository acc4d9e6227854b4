// SPEC §7.1: the stdio transport of the built binary.
import Foundation
import StatsJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Stdio transport (SPEC §7.1)")
struct StdioTests {
    @Test("piped requests then EOF: every response arrives, then exit 0 within 2 s")
    func pipedThenEOF() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let server = try Server(arguments: ["--store", store],
                                environment: ["STATS_API_KEY": E2E.ownerKey, "STATS_TODAY": "2026-11-20",
                                              "STATS_NOW": "2026-11-20T12:00:00Z"])
        defer { server.child.forceKill() }
        var lines = [Server.requestLine(id: 1, method: "initialize", params: Server.initializeParams),
                     #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#]
        lines.append(Server.requestLine(id: 2, method: "tools/list", params: [:]))
        lines.append(Server.toolCallLine(id: 3, name: "campaigns_list", arguments: ["limit": 3]))
        lines.append(Server.toolCallLine(id: 4, name: "users_list", arguments: [:]))
        lines.append(Server.toolCallLine(id: 5, name: "campaigns_capture_weekly_snapshots",
                                         arguments: ["week_start": "2026-11-16"]))
        lines.append(Server.toolCallLine(id: 6, name: "stats_get_workspace_overview",
                                         arguments: ["from": "2026-10-01", "to": "2026-10-31"]))
        lines.append(Server.requestLine(id: 7, method: "ping"))
        // Everything in one write, then EOF at once.
        server.child.write(Array((lines.joined(separator: "\n") + "\n").utf8))
        server.child.closeStdin()
        // The requests already read are finished after EOF (how long they take depends on the
        // machine's load; the shutdown after the last answer must be prompt).
        let last = try await server.response(id: 7, timeout: 30)
        #expect(last?["result"] != nil, "no answer to the last request after EOF")
        let answered = Date()
        let ending = await server.child.waitForExit(timeout: 30)
        let took = Date().timeIntervalSince(answered)
        #expect(ending == .exited(0), "\(server.child.stderr.text.suffix(2000))")
        #expect(took < 2, "exit took \(took) s after the last answer")
        #expect(await server.child.stdout.waitForEOF(timeout: 5))
        var ids: [Int64] = []
        for line in server.child.stdout.text.split(separator: "\n") {
            let message = try JSON.parse(String(line))
            if let id = message["id"]?.strictIntValue {
                ids.append(id)
                #expect(message["result"] != nil, "\(line.prefix(300))")
                #expect(message["result"]?["isError"]?.boolValue != true, "\(line.prefix(300))")
            }
        }
        #expect(ids == [1, 2, 3, 4, 5, 6, 7])
        // The capture was committed before exit.
        let check = try Server(arguments: ["--store", store],
                                     environment: ["STATS_API_KEY": E2E.ownerKey, "STATS_TODAY": "2026-11-20"])
        defer { check.child.forceKill() }
        try await check.initialize()
        let week = try await check.weekIsCaptured("2026-11-16")
        #expect(week.captured > 0 && week.replaced == week.captured)
        // An idle session: EOF → exit 0 within 2 s.
        let closed = Date()
        #expect(await check.finish() == .exited(0))
        #expect(Date().timeIntervalSince(closed) < 2, "an idle server took too long to exit on EOF")
    }

    @Test("SIGTERM mid-session: exit 0 promptly")
    func sigterm() async throws {
        let server = try Server(arguments: ["--demo"], environment: [:])
        defer { server.child.forceKill() }
        try await server.initialize()
        #expect(try await server.request("ping")?["result"] != nil)
        _ = try await server.callOK("campaigns_list", ["limit": 1])
        server.child.signal(SIGTERM)
        let sent = Date()
        let ending = await server.child.waitForExit(timeout: 20)
        #expect(ending == .exited(0), "\(server.child.stderr.text.suffix(2000))")
        #expect(Date().timeIntervalSince(sent) < 2, "SIGTERM → exit took too long")
        // stdin was never closed: SIGTERM alone ended the session.
    }

    @Test("SIGTERM with requests queued: the ones read are answered, exit 0, the store loads")
    func sigtermWithQueuedWrites() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let server = try await startServer(store: store, now: "2026-11-20T13:00:00Z")
        defer { server.child.forceKill() }
        let campaigns = try await server.campaigns()
        var lines: [String] = []
        for i in 0..<30 {
            lines.append(Server.toolCallLine(id: 100 + i, name: "campaigns_sync_stats",
                                             arguments: ["id": .string(campaigns[i % campaigns.count].publicID)]))
        }
        server.child.write(Array((lines.joined(separator: "\n") + "\n").utf8))
        try? await Task.sleep(nanoseconds: 20_000_000)
        server.child.signal(SIGTERM)
        let ending = await server.child.waitForExit(timeout: 20)
        #expect(ending == .exited(0), "\(server.child.stderr.text.suffix(2000))")
        #expect(await server.child.stdout.waitForEOF(timeout: 5))
        // Every line on stdout is a complete JSON message (no torn last line).
        let text = server.child.stdout.text
        #expect(text.isEmpty || text.hasSuffix("\n"))
        for line in text.split(separator: "\n") { _ = try JSON.parse(String(line)) }
        let check = try await CLI.run(["check", store])
        #expect(check.status == 0, "\(check)")
    }

    @Test("stdout carries only JSON-RPC lines, whatever the input")
    func stdoutOnlyJSON() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let server = try Server(arguments: ["--store", store],
                                environment: ["STATS_API_KEY": E2E.ownerKey, "STATS_LOG_LEVEL": "debug"])
        defer { server.child.forceKill() }
        let inputs: [String] = [
            #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#,
            Server.requestLine(id: 2, method: "initialize", params: Server.initializeParams),
            #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
            #"{"jsonrpc":"2.0","id":3,"#,  // malformed
            "42", "[]", #"[{"jsonrpc":"2.0","id":4,"method":"ping"},{"jsonrpc":"2.0","method":"x/y"}]"#,
            #"{"jsonrpc":"2.0","id":null,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":5,"method":"no/such"}"#,
            #"{"jsonrpc":"2.0","id":6,"result":{}}"#,
            "   ", "",
            Server.toolCallLine(id: 7, name: "no_such_tool", arguments: [:]),
            Server.toolCallLine(id: 8, name: "campaigns_list", arguments: ["bogus": 1]),
            Server.toolCallLine(id: 9, name: "stats_get_workspace_overview", arguments: ["from": "2026-02-30", "to": "2026-03-01"]),
            Server.requestLine(id: 10, method: "logging/setLevel", params: ["level": "debug"]),
            Server.toolCallLine(id: 11, name: "campaigns_capture_weekly_snapshots", arguments: ["week_start": "2026-11-16"]),
            Server.requestLine(id: 12, method: "resources/list", params: [:]),
            #"{"jsonrpc":"2.0","id":"s-13","method":"ping"}"#,
            "\u{FEFF}" + #"{"jsonrpc":"2.0","id":14,"method":"ping"}"# + "\r",
            String(repeating: "[", count: 5000),
            #"{"jsonrpc":"2.0","id":15,"method":"ping"}"#,
        ]
        var bytes = Array((inputs.joined(separator: "\n") + "\n").utf8)
        bytes += [0xFF, 0xFE, 0x7B, 0x0A]  // invalid UTF-8
        bytes += Array((#"{"jsonrpc":"2.0","id":16,"method":"ping"}"# + "\n").utf8)
        server.child.write(bytes)
        server.child.closeStdin()
        let ending = await server.child.waitForExit(timeout: 30)
        #expect(ending == .exited(0))
        #expect(await server.child.stdout.waitForEOF(timeout: 5))
        let text = server.child.stdout.text
        #expect(text.hasSuffix("\n"))
        var answered: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            #expect(!line.isEmpty, "an empty line on stdout")
            let message = try JSON.parse(String(line))
            let messages = message.arrayValue ?? [message]
            for m in messages {
                #expect(m["jsonrpc"]?.stringValue == "2.0", "\(line.prefix(300))")
                if let id = m["id"] {
                    if let n = id.strictIntValue { answered.insert("\(n)") } else if let s = id.stringValue { answered.insert(s) }
                }
            }
        }
        for id in ["1", "2", "3", "4", "5", "7", "8", "9", "10", "11", "12", "s-13", "14", "15", "16"] where id != "3" {
            #expect(answered.contains(id), "no response for id \(id)")
        }
        #expect(!answered.contains("6"), "a client response must not be answered")
    }

    @Test("a line over --max-message-bytes gets -32600 with id null, then the next ping works")
    func oversizeLine() async throws {
        let server = try Server(arguments: ["--demo", "--max-message-bytes", "1024"], environment: [:])
        defer { server.child.forceKill() }
        try await server.initialize()
        let huge = #"{"jsonrpc":"2.0","id":99,"method":"ping","params":{"pad":""# + String(repeating: "x", count: 200_000) + #""}}"#
        #expect(server.child.send(huge))
        let line = try #require(await server.child.stdout.nextLine(timeout: 30), "no answer to the oversized line")
        let message = try JSON.parse(line)
        #expect(message["error"]?["code"]?.integerValue == -32600, "\(String(decoding: line, as: UTF8.self))")
        #expect(message["id"]?.isNull == true)
        let ping = try await server.request("ping", nil, timeout: 30)
        #expect(ping?["result"]?.objectValue?.isEmpty == true)
        // A line just under the limit is still served.
        let okLine = Server.toolCallLine(id: 500, name: "campaigns_list", arguments: ["limit": 1])
        #expect(okLine.utf8.count < 1024)
        server.child.send(okLine)
        let answer = try #require(try await server.response(id: 500, timeout: 30))
        #expect(try Server.outcome(answer).isError == false)
        #expect(await server.finish() == .exited(0))
    }
}
