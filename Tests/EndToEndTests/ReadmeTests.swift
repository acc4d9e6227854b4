import Foundation
import StatsJSON
import Testing

/// README.md is executable documentation: its "Bring your own data" walk-through runs as written, and its
/// tool argument tables equal what the binary generates.
@Suite("README (SPEC §8)")
struct ReadmeTests {
    static func readme() throws -> String {
        String(decoding: try Files.read(E2E.repoRoot + "/README.md"), as: UTF8.self)
    }

    /// The text between `<!-- NAME:begin -->\n` and `<!-- NAME:end -->`.
    static func between(_ name: String, in text: String) throws -> String {
        guard let begin = text.range(of: "<!-- \(name):begin -->\n"), let end = text.range(of: "<!-- \(name):end -->"),
            begin.upperBound <= end.lowerBound
        else { throw HarnessError("README.md has no \(name) markers") }
        return String(text[begin.upperBound..<end.lowerBound])
    }

    /// The shell commands of the fenced ```sh blocks in `markdown`.
    static func shellCommands(_ markdown: String) -> [String] {
        var commands: [String] = []
        var inside = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inside = !inside && line == "```sh"
                continue
            }
            if inside && !line.trimmingCharacters(in: .whitespaces).isEmpty { commands.append(String(line)) }
        }
        return commands
    }

    @Test("README's tool argument tables equal `stats-mcp tools --markdown` (regenerate: scripts/update-readme-tool-arguments.sh)")
    func toolArgumentTables() async throws {
        let committed = try Self.between("tool-arguments", in: Self.readme())
        let generated = try await CLI.run(["tools", "--markdown"])
        #expect(generated.status == 0, "\(generated)")
        #expect(committed == generated.stdout, "README.md's tool argument tables are stale: run scripts/update-readme-tool-arguments.sh")
    }

    @Test("the bring-your-own-data walk-through runs exactly as written, and a client then gets the figures of the CSV files")
    func walkthrough() async throws {
        let commands = Self.shellCommands(try Self.between("walkthrough", in: Self.readme()))
        #expect(commands.count >= 4, "\(commands)")
        #expect(commands.contains { $0.hasPrefix("stats-mcp import ") } && commands.contains { $0.hasPrefix("stats-mcp keys add ") }
                && commands.contains { $0.hasPrefix("stats-mcp check --strict") })
        let scratch = try Scratch()
        defer { scratch.remove() }
        // The repository's sample files at the same relative path, the built binary on PATH.
        try FileManager.default.createDirectory(atPath: scratch.file("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: E2E.repoRoot + "/examples/import", toPath: scratch.file("examples/import"))
        let binaryDirectory = URL(fileURLWithPath: try E2E.requireBinary()).deletingLastPathComponent().path
        var environment = E2E.environment([:])
        environment["PATH"] = binaryDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let script = commands.joined(separator: "\n") + "\n"
        let shell = try Child(executable: "/bin/bash", arguments: ["-euo", "pipefail", "-c", script],
                              environment: environment, directory: scratch.path)
        shell.closeStdin()
        let ending = await shell.waitForExit(timeout: 120)
        _ = await shell.stdout.waitForEOF(timeout: 5)
        _ = await shell.stderr.waitForEOF(timeout: 5)
        #expect(ending == .exited(0), "walk-through failed:\n\(shell.stdout.text)\n--- stderr ---\n\(shell.stderr.text)")
        #expect(shell.stdout.text.contains("wrote my-store.json: 1 workspaces, 2 users, 2 campaigns, 7 prospects, 13 activities, 3 clicks"),
                "\(shell.stdout.text)")
        #expect(shell.stdout.text.contains("my-store.json: ok"), "\(shell.stdout.text)")
        let key = String(decoding: try Files.read(scratch.file("my-key.txt")), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(key.range(of: "^sk_[0-9a-hjkmnp-tv-z]{32,}$", options: .regularExpression) != nil, "\(key)")
        #expect(!(try Files.read(scratch.file("my-store.json"))).isEmpty)
        #expect(!String(decoding: try Files.read(scratch.file("my-store.json")), as: UTF8.self).contains(key), "the plain key is never stored")

        // A client registered as the README says (STATS_STORE + STATS_API_KEY) gets the figures of the CSV files.
        let server = try Server(arguments: [], environment: ["STATS_STORE": scratch.file("my-store.json"), "STATS_API_KEY": key],
                                directory: scratch.path)
        try await server.initialize()
        let analytics = try await server.callOK("analytics_get_campaign_analytics")
        let campaigns = analytics["campaigns"]?.arrayValue ?? []
        let byName = Dictionary(uniqueKeysWithValues: campaigns.compactMap { c in c["name"]?.stringValue.map { ($0, c) } })
        // activities.csv by hand: Q2 email — 4 emails to p1…p4, p1 replies 2 days 6 hours after its email.
        let q2 = try #require(byName["Q2 Enterprise Outreach"]?["analytics"])
        #expect(q2["amount_of_prospects"]?.integerValue == 4)
        #expect(q2["amount_of_emails_sent"]?.integerValue == 4)
        #expect(q2["amount_of_replies"]?.integerValue == 1)
        let q2Reply: Int64 = 2 * 86_400 + 6 * 3_600  // 2026-04-06T09:00 → 2026-04-08T15:00
        #expect(q2["average_reply_time_seconds"]?.integerValue == q2Reply)
        // Founders on LinkedIn — 3 invites, 2 accepted, 1 message, l3 replies 3 days 50 minutes after its invite.
        let li = try #require(byName["Founders on LinkedIn"]?["analytics"])
        #expect(li["amount_of_invites_sent"]?.integerValue == 3)
        #expect(li["amount_of_invites_accepted"]?.integerValue == 2)
        #expect(li["amount_of_linkedin_messages_sent"]?.integerValue == 1)
        let liReply: Int64 = 3 * 86_400 + 50 * 60  // 2026-04-06T10:10 → 2026-04-09T11:00
        #expect(li["average_reply_time_seconds"]?.integerValue == liReply)
        // Owners resolved from users.csv ids; clicks.csv counted for the workspace (2 campaign + 1 vCard in April).
        let list = try await server.callOK("campaigns_list")
        #expect(list["total"]?.integerValue == 2)
        #expect(Set(list["campaigns"]?.arrayValue?.compactMap { $0["owner"]?["name"]?.stringValue } ?? []) == ["Ada Park", "Ben Ortiz"])
        let overview = try await server.callOK("stats_get_workspace_overview", ["from": "2026-04-01", "to": "2026-04-30"])
        #expect(overview["totals"]?["campaignClicks"]?.integerValue == 2, "\(overview)")
        #expect(overview["totals"]?["vcardClicks"]?.integerValue == 1, "\(overview)")
        _ = await server.finish()
    }
}
