// SPEC §8: the command line of the built binary.
import Foundation
import StatsJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let allTools = [
    "workspace_get", "stats_get_workspace_overview", "stats_get_campaign_performance", "stats_get_user_metrics",
    "analytics_get_dashboard", "analytics_get_campaign_analytics", "analytics_get_call_dashboard",
    "analytics_rank_campaigns", "campaigns_sync_stats", "campaigns_get", "campaigns_list", "users_list", "campaigns_capture_weekly_snapshots",
]
private let syncTools: Set<String> = ["campaigns_sync_stats", "campaigns_capture_weekly_snapshots"]

/// `name  description` lines of `tools`.
private func parseToolLines(_ text: String) -> [(name: String, description: String)] {
    text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }.map { line in
        let name = line.prefix(while: { !$0.isWhitespace })
        let rest = line.dropFirst(name.count)
        return (String(name), rest.trimmingCharacters(in: .whitespaces))
    }
}

@Suite("Command line (SPEC §8)")
struct CommandLineTests {
    @Test("--help prints the usage of every command on stdout, exit 0")
    func help() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("usage"), "\(result)")
        for command in ["call", "tools", "demo", "check", "schemas", "--demo", "--version"] {
            #expect(result.stdout.contains(command), "--help does not mention \(command)")
        }
    }

    @Test("--version prints `stats-mcp X.Y.Z`, exit 0")
    func version() async throws {
        let result = try await CLI.run(["--version"])
        #expect(result.status == 0, "\(result)")
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(line.range(of: #"^stats-mcp \d+\.\d+\.\d+"#, options: .regularExpression) != nil, "\(result)")
    }

    @Test("tools: one line per tool, the name then whitespace then a description")
    func tools() async throws {
        let result = try await CLI.run(["tools"])
        #expect(result.status == 0, "\(result)")
        let lines = parseToolLines(result.stdout)
        #expect(lines.map(\.name) == allTools, "\(result.stdout)")
        for line in lines {
            #expect(!line.description.isEmpty, "no description for \(line.name)")
            #expect(line.name.range(of: #"^[a-z_]+$"#, options: .regularExpression) != nil)
        }
        // Whitespace separates the name from the description on the same line.
        for raw in result.stdout.split(separator: "\n") {
            #expect(raw.range(of: #"^[a-z_]+[ \t]+\S"#, options: .regularExpression) != nil, "\(raw)")
        }
    }

    @Test("--read-only tools hides campaigns_sync_stats and campaigns_capture_weekly_snapshots")
    func readOnlyTools() async throws {
        let result = try await CLI.run(["--read-only", "tools"])
        #expect(result.status == 0, "\(result)")
        let names = parseToolLines(result.stdout).map(\.name)
        #expect(names == allTools.filter { !syncTools.contains($0) }, "\(result.stdout)")
    }

    @Test("call: success prints structuredContent JSON on stdout, exit 0")
    func callSuccess() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let result = try await CLI.run(["--store", store, "call", "campaigns_list", #"{"limit": 2}"#],
                                       environment: ["STATS_API_KEY": E2E.ownerKey])
        #expect(result.status == 0, "\(result)")
        let value = try JSON.parse(result.stdout)
        #expect(value["campaigns"]?.arrayValue?.count == 2, "\(result)")
        #expect((value["total"]?.integerValue ?? 0) > 2, "\(result)")
        #expect(value["next_cursor"]?.stringValue != nil, "\(result)")

        // A sync through `call` is a real, durable write.
        let first = try #require(value["campaigns"]?.arrayValue?.first?["public_id"]?.stringValue)
        let sync = try await CLI.run(["--store", store, "call", "campaigns_sync_stats", #"{"id":"\#(first)"}"#],
                                     environment: ["STATS_API_KEY": E2E.ownerKey, "STATS_NOW": "2026-11-20T08:09:10Z"])
        #expect(sync.status == 0, "\(sync)")
        let get = try await CLI.run(["--store", store, "call", "campaigns_get", #"{"id":"\#(first)"}"#],
                                    environment: ["STATS_API_KEY": E2E.ownerKey])
        #expect(get.status == 0, "\(get)")
        #expect(try JSON.parse(get.stdout)["campaign"]?["last_synced_at"]?.stringValue == "2026-11-20T08:09:10Z")
    }

    @Test("call: a tool error exits 1 with the error on stderr and nothing on stdout")
    func callToolError() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let notFound = try await CLI.run(
            ["--store", store, "call", "campaigns_get", #"{"id":"cp_00000000000000000000000000"}"#],
            environment: ["STATS_API_KEY": E2E.ownerKey])
        #expect(notFound.status == 1, "\(notFound)")
        #expect(notFound.stdout.isEmpty, "\(notFound)")
        #expect(notFound.stderr.contains("not_found") || notFound.stderr.lowercased().contains("no campaign"),
                "\(notFound)")

        let badArgument = try await CLI.run(["--store", store, "call", "campaigns_list", #"{"limit": "x"}"#],
                                            environment: ["STATS_API_KEY": E2E.ownerKey])
        #expect(badArgument.status == 1, "\(badArgument)")
        #expect(badArgument.stderr.contains("limit"), "\(badArgument)")

        // No key: the tool answers `unauthorized`, saying how to set STATS_API_KEY; exit 3 (SPEC §8 call).
        let noKey = try await CLI.run(["--store", store, "call", "campaigns_list"])
        #expect(noKey.status == 3, "a key problem is a configuration problem: \(noKey)")
        #expect(noKey.stderr.contains("STATS_API_KEY"), "\(noKey)")
        #expect(noKey.stdout.isEmpty, "\(noKey)")
    }

    @Test("bad usage: exit 2 with a usage line on stderr", arguments: [
        ["--no-such-option"],
        ["call"],
        ["call", "campaigns_list", "not json"],
        ["call", "campaigns_list", "[1]"],
        ["call", "no_such_tool"],
        ["demo"],
        ["demo", "--out", "/nonexistent-dir-e2e/x.json", "--scale", "tiny-ish"],
        ["schemas"],
        ["serve", "--max-message-bytes", "zero"],
        ["--today", "2026-02-30", "call", "campaigns_list"],
        ["--api-key", "sk_secret_value", "tools"],
        ["tools", "extra"],
    ])
    func badUsage(arguments: [String]) async throws {
        let result = try await CLI.run(arguments, timeout: 30)
        #expect(result.status == 2, "\(arguments): \(result)")
        #expect(result.stderr.contains("usage"), "\(arguments): \(result)")
        #expect(result.stdout.isEmpty, "\(arguments): \(result)")
        // The key is never echoed.
        #expect(!result.stderr.contains("sk_secret_value"))
    }

    @Test("demo --out is deterministic: same seed → same bytes, another seed → different bytes")
    func demoDeterministic() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let a = scratch.file("a.json"), b = scratch.file("b.json"), c = scratch.file("c.json")
        try await CLI.makeDemoStore(at: a, scale: "small", seed: "7")
        try await CLI.makeDemoStore(at: b, scale: "small", seed: "7")
        try await CLI.makeDemoStore(at: c, scale: "small", seed: "8")
        let bytesA = try Files.read(a), bytesB = try Files.read(b), bytesC = try Files.read(c)
        #expect(!bytesA.isEmpty)
        #expect(bytesA == bytesB, "same scale and seed must give the same bytes")
        #expect(bytesA != bytesC, "another seed must give another store")
        #expect(Scratch.list(scratch.path) == ["a.json", "b.json", "c.json"], "no temporary file left")
        // And the default seed with --scale N.
        let d = scratch.file("d.json"), e = scratch.file("e.json")
        #expect(try await CLI.run(["demo", "--out", d, "--scale", "120"]).status == 0)
        #expect(try await CLI.run(["demo", "--out", e, "--scale", "120"]).status == 0)
        #expect(try Files.read(d) == Files.read(e))
        // The written store is valid.
        let check = try await CLI.run(["check", a])
        #expect(check.status == 0, "\(check)")
    }

    @Test("check: a good store exits 0")
    func checkGood() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let result = try await CLI.run(["check", store])
        #expect(result.status == 0, "\(result)")
        #expect(!(result.stdout + result.stderr).contains("$."), "a demo store has no problems: \(result)")
        // STATS_STORE is the default path.
        let viaEnvironment = try await CLI.run(["check"], environment: ["STATS_STORE": store])
        #expect(viaEnvironment.status == 0, "\(viaEnvironment)")
    }

    @Test("check: referential problems are warnings (exit 0), each with its JSON path")
    func checkReferentialProblems() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        let cp = "dc635afe-b9e8-40a2-a621-5f89c200cfba"
        let user = "09b1a2e0-ddea-4a59-8c66-e85fc31068a2"
        let text = """
            {"format":"stats-mcp-store","version":1,
            "workspaces":[{"id":340,"public_id":"ws_01jaq6pwa7we9qkrvxhkdpx92x","name":"Acme","timezone":"UTC"},
             {"id":341,"public_id":"ws_01je0ryf3gwsgwchqmry9q5dan","name":"Other","timezone":"UTC"}],
            "users":[{"id":"\(user)","public_id":"usr_01k9s2bfhb16rt5r6xxajsst8r","name":"Ada Park","workspace_ids":[340]}],
            "api_keys":[{"key_sha256":"\(String(repeating: "0", count: 64))","user_id":"\(user)","workspace_id":340,"label":"ok","revoked":false},
             {"key_sha256":"\(String(repeating: "1", count: 64))","user_id":"\(user)","workspace_id":341,"label":"unlinked","revoked":false}],
            "campaigns":[{"id":"\(cp)","public_id":"cp_01kpzwmqr3vhhnnznsx052d0jr","workspace_id":340,"user_id":"\(user)","type":"email","name":"A","status":"active","stats":{"total":1}},
             {"id":"\(cp)","public_id":"cp_01m1ee4pyg44d3a6m5bdv5nntv","workspace_id":340,"user_id":"\(user)","type":"email","name":"B","status":"active","stats":{"total":1}}],
            "prospects":[{"id":"11111111-1111-4111-8111-111111111111","campaign_id":"\(cp)","status":"sent"},
             {"id":"22222222-2222-4222-8222-222222222222","campaign_id":"\(cp)","status":"sent"},
             {"id":"33333333-3333-4333-8333-333333333333","campaign_id":"\(cp)","status":"sent"},
             {"id":"44444444-4444-4444-8444-444444444444","campaign_id":"55555555-5555-4555-8555-555555555555","status":"sent"}]
            }
            """
        try Files.writeInPlace(store, Array(text.utf8), create: true)
        let result = try await CLI.run(["check", store])
        #expect(result.status == 0, "\(result)")
        let output = result.stdout + result.stderr
        for path in ["$.prospects[3]", "$.campaigns[1]", "$.api_keys[1]"] {
            #expect(output.contains(path), "check does not report \(path): \(result)")
        }
        // Only the broken records are reported.
        #expect(!output.contains("$.prospects[0]") && !output.contains("$.api_keys[0]"), "\(result)")
    }

    @Test("check: a corrupt file exits 1 naming line and column")
    func checkCorrupt() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        // The demo store has one record per line; line 3 is `"workspaces":[`. Drop its colon.
        var lines = try String(decoding: Files.read(store), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[2] == "\"workspaces\":[")
        lines[2] = "\"workspaces\"["
        try Files.writeInPlace(store, Array(lines.joined(separator: "\n").utf8))
        let before = try Files.read(store)
        let result = try await CLI.run(["check", store])
        #expect(result.status == 1, "\(result)")
        #expect((result.stdout + result.stderr).contains("line 3, column 13"), "\(result)")
        #expect(try Files.read(store) == before, "check must not touch the file")

        // A truncated file (an editor crash): the position is the end of the text.
        try Files.writeInPlace(store, Array(before.prefix(2000)))
        let truncated = try await CLI.run(["check", store])
        #expect(truncated.status == 1, "\(truncated)")
        #expect((truncated.stdout + truncated.stderr).range(of: #"line \d+, column \d+"#, options: .regularExpression) != nil,
                "\(truncated)")
        // A missing file.
        let missing = try await CLI.run(["check", scratch.file("absent.json")])
        #expect(missing.status == 1, "\(missing)")
    }

    @Test("check: a wrong format or version exits 1 naming the value found",
          arguments: [(#""version":1"#, #""version":2"#, "2"), (#""format":"stats-mcp-store""#, #""format":"other-store""#, "other-store")])
    func checkWrongFormat(original: String, replacement: String, named: String) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("store.json")
        try await CLI.makeDemoStore(at: store)
        let text = String(decoding: try Files.read(store), as: UTF8.self)
        #expect(text.contains(original))
        try Files.writeInPlace(store, Array(text.replacingOccurrences(of: original, with: replacement).utf8))
        let result = try await CLI.run(["check", store])
        #expect(result.status == 1, "\(result)")
        #expect((result.stdout + result.stderr).contains(named), "\(result)")
    }

    @Test("schemas --out DIR writes every tool's input/output schema and the store schema")
    func schemasWritten() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let out = scratch.file("schemas")
        let result = try await CLI.run(["schemas", "--out", out])
        #expect(result.status == 0, "\(result)")
        var expected = ["store.schema.json"]
        for tool in allTools { expected += ["tools/\(tool).input.json", "tools/\(tool).output.json"] }
        #expect(relativeFiles(under: out) == expected.sorted())
        for file in expected {
            let value = try JSON.parse(try Files.read(out + "/" + file))
            #expect(value.objectValue != nil, "\(file) is not a JSON object")
        }
        // The tools' input schemas are what tools/list serves.
        let server = try Server(arguments: ["--demo"], environment: [:])
        defer { server.child.forceKill() }
        try await server.initialize()
        let list = try #require(try await server.request("tools/list", [:]))
        for tool in list["result"]?["tools"]?.arrayValue ?? [] {
            let name = try #require(tool["name"]?.stringValue)
            let onDisk = try JSON.parse(try Files.read(out + "/tools/\(name).input.json"))
            #expect(tool["inputSchema"] == onDisk, "\(name).input.json differs from tools/list")
            let outDisk = try JSON.parse(try Files.read(out + "/tools/\(name).output.json"))
            #expect(tool["outputSchema"] == outDisk, "\(name).output.json differs from tools/list")
        }
        _ = await server.finish()
    }

    @Test("schemas --out DIR matches the repository's schemas/ byte for byte",
          .enabled(if: !relativeFiles(under: E2E.repoRoot + "/schemas").isEmpty,
                   "the repository has no schemas/ files yet: comparison skipped"))
    func schemasMatchRepository() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let out = scratch.file("schemas")
        let result = try await CLI.run(["schemas", "--out", out])
        #expect(result.status == 0, "\(result)")
        let repo = E2E.repoRoot + "/schemas"
        let written = relativeFiles(under: out)
        let committed = relativeFiles(under: repo).filter { $0.hasSuffix(".json") }
        #expect(written == committed, "file sets differ")
        for file in written where committed.contains(file) {
            #expect(try Files.read(out + "/" + file) == Files.read(repo + "/" + file),
                    "schemas/\(file) differs from `stats-mcp schemas --out` (regenerate it)")
        }
    }

    @Test("--demo call campaigns_list works with no file and no key")
    func demoCall() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let result = try await CLI.run(["--demo", "call", "campaigns_list"], directory: scratch.path)
        #expect(result.status == 0, "\(result)")
        let value = try JSON.parse(result.stdout)
        #expect((value["campaigns"]?.arrayValue?.count ?? 0) > 0, "\(result)")
        #expect(Scratch.list(scratch.path).isEmpty, "--demo must not create files")
        // A sync under --demo stays in memory.
        let id = try #require(value["campaigns"]?.arrayValue?.first?["public_id"]?.stringValue)
        let sync = try await CLI.run(["--demo", "call", "campaigns_sync_stats", #"{"id":"\#(id)"}"#],
                                     directory: scratch.path)
        #expect(sync.status == 0, "\(sync)")
        #expect(Scratch.list(scratch.path).isEmpty, "--demo must not create files")
        // --read-only refuses the sync tools.
        let readOnly = try await CLI.run(["--demo", "--read-only", "call", "campaigns_sync_stats", #"{"id":"\#(id)"}"#],
                                         directory: scratch.path)
        #expect(readOnly.status != 0, "\(readOnly)")
        // workspace_get says whether the sync tools are there (SPEC §5.12).
        for (flags, expected) in [([String](), true), (["--read-only"], false)] {
            let info = try await CLI.run(["--demo"] + flags + ["call", "workspace_get"], directory: scratch.path)
            #expect(info.status == 0, "\(info)")
            #expect(try JSON.parse(info.stdout)["sync_tools"] == .bool(expected), "\(flags): \(info)")
        }
    }
}

/// Regular files under `root`, as sorted relative paths (empty when `root` does not exist).
func relativeFiles(under root: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
    var files: [String] = []
    while let next = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(next)
        }
    }
    return files.sorted()
}
