import Foundation
import StatsJSON
import Testing

/// The store-administration commands and the command-line messages of SPEC §8 (revision 2).
@Suite("Command line: import, keys, check --strict, messages (SPEC §8)")
struct AdminCommandTests {
    @Test("demo --out refuses an existing store; --force replaces it and removes its journal")
    func demoForce() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("s.json")
        try await CLI.makeDemoStore(at: store, scale: "60", seed: "1")
        let before = try Files.read(store)
        try Files.writeInPlace(store + ".journal", Array("{\"seq\":1,\"ops\":[]}\n".utf8), create: true)
        let refused = try await CLI.run(["demo", "--out", store, "--scale", "60", "--seed", "2"])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("--force"), "\(refused)")
        #expect(try Files.read(store) == before, "the existing store is untouched")
        let forced = try await CLI.run(["demo", "--out", store, "--scale", "60", "--seed", "2", "--force"])
        #expect(forced.status == 0, "\(forced)")
        #expect(try Files.read(store) != before)
        #expect(!FileManager.default.fileExists(atPath: store + ".journal"), "the old journal must go with the old store")
        #expect(Scratch.list(scratch.path).allSatisfy { !$0.contains(".tmp.") }, "no temporary file left")
    }

    @Test("keys add prints the key once; the key works at once; keys list shows it; keys revoke stops it")
    func keys() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("s.json")
        try await CLI.makeDemoStore(at: store)
        let added = try await CLI.run(["keys", "add", "--store", store, "--user", "usr_01k9s2bfhb16rt5r6xxajsst8r",
                                       "--workspace", "340", "--label", "e2e-added"])
        #expect(added.status == 0, "\(added)")
        let key = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.range(of: "^sk_[0-9a-hjkmnp-tv-z]{40}$", options: .regularExpression) != nil, "\(added)")
        #expect(!added.stderr.contains(key), "the key is printed once, on stdout only")
        #expect(!String(decoding: try Files.read(store), as: UTF8.self).contains(key))
        let call = try await CLI.run(["--store", store, "call", "users_list", #"{"limit": 1}"#], environment: ["STATS_API_KEY": key])
        #expect(call.status == 0, "\(call)")

        let list = try await CLI.run(["keys", "list", "--store", store])
        #expect(list.status == 0, "\(list)")
        let line = try #require(list.stdout.split(separator: "\n").first { $0.contains("label e2e-added") })
        let id = String(line.prefix(12))
        #expect(id.range(of: "^[0-9a-f]{12}$", options: .regularExpression) != nil, "\(list)")
        #expect(line.contains("active") && line.contains("usr_01k9s2bfhb16rt5r6xxajsst8r"))
        #expect(!list.stdout.contains(key))

        let revoked = try await CLI.run(["keys", "revoke", "--store", store, id])
        #expect(revoked.status == 0, "\(revoked)")
        let after = try await CLI.run(["--store", store, "call", "users_list"], environment: ["STATS_API_KEY": key])
        #expect(after.status == 3, "a revoked key is a configuration problem: \(after)")
        #expect(after.stderr.contains("revoked"), "\(after)")
        #expect(!after.stderr.contains("restart"), "one-shot call never says to restart a server: \(after)")
        let check = try await CLI.run(["check", store])
        #expect(check.status == 0, "the rewritten store loads cleanly: \(check)")

        // A user not linked to the workspace, an unknown user: refused, nothing written.
        let bytes = try Files.read(store)
        let unlinked = try await CLI.run(["keys", "add", "--store", store, "--user", "usr_01k9s2bfhb16rt5r6xxajsst8r", "--workspace", "999"])
        #expect(unlinked.status == 1 && unlinked.stdout.isEmpty, "\(unlinked)")
        #expect(try Files.read(store) == bytes)
    }

    @Test("check --strict: warnings and a store with no usable key exit 1; a store whose records were all dropped says so")
    func checkStrict() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = scratch.file("s.json")
        try await CLI.makeDemoStore(at: store)
        #expect(try await CLI.run(["check", "--strict", store]).status == 0)
        let dropped = scratch.file("dropped.json")
        let text = """
            {"format":"stats-mcp-store","version":1,
            "workspaces":[{"id":340,"public_id":"ws_01jaq6pwa7we9qkrvxhkdpx92x","name":"Acme"}],
            "campaigns":[{"id":"dc635afe-b9e8-40a2-a621-5f89c200cfba","public_id":"cp_01kpzwmqr3vhhnnznsx052d0jr","workspace_id":999,"type":"email","status":"active"}]}
            """
        try Files.writeInPlace(dropped, Array(text.utf8), create: true)
        let lenient = try await CLI.run(["check", dropped])
        #expect(lenient.status == 0, "\(lenient)")
        #expect(lenient.stdout.contains("all 1 campaigns records were ignored"), "\(lenient)")
        #expect(lenient.stdout.contains("no usable API key"), "\(lenient)")
        #expect(!lenient.stdout.contains(": ok"), "\(lenient)")
        let strict = try await CLI.run(["check", "--strict", dropped])
        #expect(strict.status == 1, "\(strict)")
    }

    @Test("tools TOOL and call TOOL --help print the arguments from the tool's definitions")
    func toolArguments() async throws {
        for arguments in [["tools", "campaigns_list"], ["call", "campaigns_list", "--help"]] {
            let result = try await CLI.run(arguments)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.contains("limit  integer, optional, default 25; 1–100"), "\(result)")
            #expect(result.stdout.contains("status  string, optional; one of: draft, active, paused, completed, archived"), "\(result)")
        }
        let typo = try await CLI.run(["tools", "campaign_list"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean campaigns_list"), "\(typo)")
    }

    @Test("call messages: JSON syntax with its column, shell quoting, did-you-mean, --read-only, --demo --store")
    func callMessages() async throws {
        let syntax = try await CLI.run(["--demo", "call", "campaigns_list", #"{"limit": 2,}"#])
        #expect(syntax.status == 2 && syntax.stderr.contains("not valid JSON") && syntax.stderr.contains("column 13"), "\(syntax)")
        let unquoted = try await CLI.run(["--demo", "call", "campaigns_list", "{limit:2}"])
        #expect(unquoted.status == 2 && unquoted.stderr.contains("single quotes"), "\(unquoted)")
        let split = try await CLI.run(["--demo", "call", "campaigns_list", "{\"limit\":", "2}"])
        #expect(split.status == 2 && split.stderr.contains("quote it"), "\(split)")
        let typo = try await CLI.run(["--demo", "call", "campaigns_lst"])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean campaigns_list"), "\(typo)")
        let hidden = try await CLI.run(["--demo", "--read-only", "call", "campaigns_sync_stats", "{}"])
        #expect(hidden.status == 2 && hidden.stderr.contains("hidden by --read-only"), "\(hidden)")
        let both = try await CLI.run(["--demo", "--store", "x.json", "call", "campaigns_list"])
        #expect(both.status == 2 && both.stderr.contains("--demo"), "\(both)")
        let missingStore = try await CLI.run(["--store", "/nonexistent-e2e/s.json", "call", "campaigns_list"],
                                             environment: ["STATS_API_KEY": "sk_x"])
        #expect(missingStore.status == 3, "\(missingStore)")
    }

    @Test("serve writes start-up diagnostics to stderr: absolute store path, load result, key state; never the key")
    func startupDiagnostics() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await CLI.makeDemoStore(at: scratch.file("s.json"))
        let ok = try await Self.serveUntilDiagnosed(["STATS_STORE": "s.json", "STATS_API_KEY": E2E.ownerKey], directory: scratch.path)
        let resolved = URL(fileURLWithPath: scratch.file("s.json")).resolvingSymlinksInPath().path
        #expect(ok.contains("store: \(resolved)"), "\(ok)")
        #expect(ok.contains("store loaded in"), "\(ok)")
        #expect(ok.contains("API key: set"), "\(ok)")
        #expect(!ok.contains(E2E.ownerKey), "the key is never logged")
        let bad = try await Self.serveUntilDiagnosed(["STATS_STORE": "absent.json"], directory: scratch.path)
        #expect(bad.contains("store not loaded") && bad.contains("does not exist"), "\(bad)")
        #expect(bad.contains("API key: not set"), "\(bad)")
        let quiet = try await Self.serveUntilDiagnosed(["STATS_STORE": "s.json", "STATS_API_KEY": "sk_unknown", "STATS_LOG_LEVEL": "warning"],
                                                      directory: scratch.path)
        #expect(quiet.contains("API key: unknown"), "\(quiet)")
        #expect(!quiet.contains("[info]"), "\(quiet)")
    }

    /// Starts `stats-mcp` (serve), waits until the key's diagnostics line is on stderr, ends it; returns stderr.
    static func serveUntilDiagnosed(_ environment: [String: String], directory: String) async throws -> String {
        let child = try Child(executable: try E2E.requireBinary(), arguments: [], environment: E2E.environment(environment),
                              directory: directory)
        for _ in 0..<200 where !child.stderr.text.contains("API key:") {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        child.closeStdin()
        _ = await child.waitForExit(timeout: 10)
        _ = await child.stderr.waitForEOF(timeout: 5)
        return child.stderr.text
    }
}
