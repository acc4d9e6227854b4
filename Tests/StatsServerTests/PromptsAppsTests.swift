import Foundation
import StatsCore
import StatsJSON
import StatsProtocol
import StatsServer
import StatsStore
import Testing

/// SPEC §7.4 on the real backend: prompts, completions and the chart app, in both eras.
@Suite struct PromptsAppsTests {
    static let key = "test-key-prompts"
    // Today is Sunday 2026-04-26 (UTC): this week's Monday is 2026-04-20.
    static let storeText = """
        {"format": "stats-mcp-store", "version": 1,
         "workspaces": [{"id": 340, "public_id": "ws_00000000000000000000000340", "name": "Acme", "timezone": "UTC"},
                        {"id": 341, "public_id": "ws_00000000000000000000000341", "name": "Other", "timezone": "UTC"}],
         "users": [{"id": "a0000000-0000-4000-8000-000000000001", "public_id": "usr_00000000000000000000000001", "name": "Ada Park", "workspace_ids": [340]}],
         "api_keys": [{"key_sha256": "\(SHA256.hexDigest(key))", "user_id": "a0000000-0000-4000-8000-000000000001", "workspace_id": 340}],
         "campaigns": [
          {"id": "c0000000-0000-4000-8000-000000000001", "public_id": "cp_00000000000000000000000101", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "email", "name": "Alpha Email", "status": "active"},
          {"id": "c0000000-0000-4000-8000-000000000002", "public_id": "cp_00000000000000000000000102", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "linkedin", "name": "Beta LinkedIn", "status": "active"},
          {"id": "c0000000-0000-4000-8000-000000000003", "public_id": "cp_00000000000000000000000103", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "call", "name": "alpha Calls", "status": "paused"},
          {"id": "c0000000-0000-4000-8000-000000000004", "public_id": "cp_00000000000000000000000104", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "email", "name": "Alpha Email", "status": "draft"},
          {"id": "c0000000-0000-4000-8000-000000000005", "public_id": "cp_00000000000000000000000205", "workspace_id": 341, "type": "email", "name": "Alpha Elsewhere", "status": "active"}
         ]}
        """

    static let uiCapabilities = #"{"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/html;profile=mcp-app"]}}}"#
    static let chartTools = [
        "stats_get_workspace_overview", "stats_get_campaign_performance", "analytics_get_dashboard",
        "analytics_get_call_dashboard", "analytics_rank_campaigns",
    ]

    final class Session {
        let server: MCPServer
        init(key: String? = PromptsAppsTests.key) {
            let store = StoreService(memoryBytes: Array(PromptsAppsTests.storeText.utf8), name: "test store")
            var configuration = StatsBackend.Configuration(
                apiKey: key, today: Day.parse("2026-04-26"), now: Instant.parse("2026-04-26T10:00:00Z"))
            configuration.readOnly = false
            let backend = StatsBackend(store: store, configuration: configuration, clock: { Instant.parse("2026-04-26T10:00:00Z")! })
            server = MCPServer(backend: backend, identity: ServerIdentity(version: "9.9.9"))
        }

        func one(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
            let out = server.handle(text)
            #expect(out.count == 1, "\(out)", sourceLocation: sourceLocation)
            return out.first.flatMap { try? JSON.parse($0) } ?? .null
        }

        @discardableResult
        func initialize(capabilities: String = "{}") -> JSONValue {
            one(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":\#(capabilities),"clientInfo":{"name":"t","version":"0"}}}"#)
        }
    }

    /// A request in the chosen era: handshake (after `initialize`) or 2026-07-28 (`_meta`, optionally with client capabilities).
    static func call(_ id: Int, _ method: String, _ params: String, stateless: Bool, capabilities: String = "{}") -> String {
        guard stateless else { return request(String(id), method, "{" + params + "}") }
        let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":\#(capabilities)}"#
        return request(String(id), method, "{" + (params.isEmpty ? meta : params + "," + meta) + "}")
    }

    static func session(stateless: Bool, capabilities: String = "{}") -> Session {
        let s = Session()
        if !stateless { s.initialize(capabilities: capabilities) }
        return s
    }

    static func promptText(_ response: JSONValue) -> String {
        response["result"]?["messages"]?.arrayValue?.first?["content"]?["text"]?.stringValue ?? ""
    }

    // MARK: Capabilities

    @Test func capabilitiesDeclarePromptsAndCompletions() {
        let s = Session()
        let capabilities = s.initialize()["result"]?["capabilities"]
        #expect(capabilities?["prompts"] == ["listChanged": false])
        #expect(capabilities?["completions"] == [:])
        #expect(capabilities?["extensions"] == nil)
        let discover = s.one(Self.call(1, "server/discover", "", stateless: true))
        #expect(discover["result"]?["capabilities"]?["prompts"] == ["listChanged": false])
        #expect(discover["result"]?["capabilities"]?["completions"] == [:])
        let withUI = s.one(Self.call(2, "server/discover", "", stateless: true, capabilities: Self.uiCapabilities))
        #expect(withUI["result"]?["capabilities"]?["extensions"] == ["io.modelcontextprotocol/ui": [:]])
    }

    // MARK: prompts/list, prompts/get

    @Test(arguments: [false, true]) func listPrompts(stateless: Bool) {
        let s = Self.session(stateless: stateless)
        let result = s.one(Self.call(1, "prompts/list", "", stateless: stateless))["result"]
        #expect(result?["prompts"]?.arrayValue?.map { $0["name"] } == ["weekly_review", "campaign_health", "compare_periods"])
        let arguments = result?["prompts"]?.arrayValue?.map { prompt in
            (prompt["arguments"]?.arrayValue ?? []).map { "\($0["name"]?.stringValue ?? "")=\($0["required"]?.boolValue ?? false)" }
        }
        #expect(arguments == [["week_start=false"], ["campaign=true"], ["period=false"]])
        #expect((result?["ttlMs"] != nil) == stateless)
        #expect((result?["resultType"] == "complete") == stateless)
    }

    @Test(arguments: [false, true]) func weeklyReview(stateless: Bool) {
        let s = Self.session(stateless: stateless)
        let plain = s.one(Self.call(1, "prompts/get", #""name":"weekly_review""#, stateless: stateless))
        #expect(plain["result"]?["messages"]?.arrayValue?.count == 1)
        #expect(plain["result"]?["messages"]?.arrayValue?.first?["role"] == "user")
        let text = Self.promptText(plain)
        for tool in ["workspace_get", "stats_get_workspace_overview", "analytics_rank_campaigns", "analytics_get_dashboard"] {
            #expect(text.contains(tool), "\(tool)")
        }
        #expect(text.contains(#"{"period": "last_week", "compare": "previous_period", "breakdown": "day"}"#))
        let week = Self.promptText(s.one(Self.call(2, "prompts/get", #""name":"weekly_review","arguments":{"week_start":"2026-04-13"}"#, stateless: stateless)))
        #expect(week.contains(#""from": "2026-04-13", "to": "2026-04-19""#))
        #expect(week.contains("Monday 2026-04-13 to Sunday 2026-04-19"))
        // Not a Monday, not a date: -32602.
        expectError(s.one(Self.call(3, "prompts/get", #""name":"weekly_review","arguments":{"week_start":"2026-04-14"}"#, stateless: stateless)), -32602, id: 3)
        expectError(s.one(Self.call(4, "prompts/get", #""name":"weekly_review","arguments":{"week_start":"monday"}"#, stateless: stateless)), -32602, id: 4)
        // An empty string counts as omitted.
        #expect(Self.promptText(s.one(Self.call(5, "prompts/get", #""name":"weekly_review","arguments":{"week_start":""}"#, stateless: stateless))) == text)
    }

    @Test(arguments: [false, true]) func campaignHealth(stateless: Bool) {
        let s = Self.session(stateless: stateless)
        // "beta" names exactly one campaign of the session workspace: resolved to its public id.
        let beta = Self.promptText(s.one(Self.call(1, "prompts/get", #""name":"campaign_health","arguments":{"campaign":"BETA"}"#, stateless: stateless)))
        #expect(beta.contains(#"the campaign "Beta LinkedIn" (cp_00000000000000000000000102)"#))
        #expect(beta.contains(#"stats_get_campaign_performance with {"campaignPublicId": "cp_00000000000000000000000102", "period": "last_30_days", "compare": "previous_period"}"#))
        #expect(beta.contains(#"campaigns_get with {"id": "cp_00000000000000000000000102"}"#))
        // "alpha" names three (the other workspace's "Alpha Elsewhere" does not count): search first.
        let alpha = Self.promptText(s.one(Self.call(2, "prompts/get", #""name":"campaign_health","arguments":{"campaign":"alpha"}"#, stateless: stateless)))
        #expect(alpha.contains(#"campaigns_list with {"query": "alpha"}; 3 campaigns have a name containing "alpha""#))
        // An id or a UUID is passed on as given, even one the store does not know.
        let id = Self.promptText(s.one(Self.call(3, "prompts/get", #""name":"campaign_health","arguments":{"campaign":"cp_00000000000000000000000999"}"#, stateless: stateless)))
        #expect(id.contains(#"{"campaign_id": "cp_00000000000000000000000999", "period": "30d"}"#))
        // No match, missing, empty, unknown argument, wrong type: -32602.
        expectError(s.one(Self.call(4, "prompts/get", #""name":"campaign_health","arguments":{"campaign":"elsewhere"}"#, stateless: stateless)), -32602, id: 4)
        expectError(s.one(Self.call(5, "prompts/get", #""name":"campaign_health""#, stateless: stateless)), -32602, id: 5)
        expectError(s.one(Self.call(6, "prompts/get", #""name":"campaign_health","arguments":{"campaign":""}"#, stateless: stateless)), -32602, id: 6)
        expectError(s.one(Self.call(7, "prompts/get", #""name":"campaign_health","arguments":{"campaign":"beta","x":"1"}"#, stateless: stateless)), -32602, id: 7)
        expectError(s.one(Self.call(8, "prompts/get", #""name":"campaign_health","arguments":{"campaign":7}"#, stateless: stateless)), -32602, id: 8)
    }

    @Test func campaignHealthWithoutAKeyStillRenders() {
        let s = Session(key: nil)
        s.initialize()
        let text = Self.promptText(s.one(request("1", "prompts/get", #"{"name":"campaign_health","arguments":{"campaign":"beta"}}"#)))
        #expect(text.contains(#"campaigns_list with {"query": "beta"}"#))
    }

    @Test(arguments: [false, true]) func comparePeriods(stateless: Bool) {
        let s = Self.session(stateless: stateless)
        let text = Self.promptText(s.one(Self.call(1, "prompts/get", #""name":"compare_periods""#, stateless: stateless)))
        #expect(text.contains(#"stats_get_workspace_overview with {"period": "last_month", "compare": "previous_period", "breakdown": "day"}"#))
        #expect(text.contains(#"{"period": "last_month", "compare": "previous_year"}"#))
        #expect(text.contains(#"analytics_rank_campaigns with {"metric": "replies", "period": "last_month", "limit": 5}"#))
        let year = Self.promptText(s.one(Self.call(2, "prompts/get", #""name":"compare_periods","arguments":{"period":"this_year"}"#, stateless: stateless)))
        #expect(year.contains(#""breakdown": "month""#))
        expectError(s.one(Self.call(3, "prompts/get", #""name":"compare_periods","arguments":{"period":"30d"}"#, stateless: stateless)), -32602, id: 3)
        expectError(s.one(Self.call(4, "prompts/get", #""name":"nope""#, stateless: stateless)), -32602, id: 4)
        expectError(s.one(Self.call(5, "prompts/get", "", stateless: stateless)), -32602, id: 5)
    }

    // MARK: completion/complete

    static func complete(_ s: Session, _ id: Int, prompt: String, argument: String, value: String, stateless: Bool) -> JSONValue {
        s.one(Self.call(
            id, "completion/complete",
            #""ref":{"type":"ref/prompt","name":"\#(prompt)"},"argument":{"name":"\#(argument)","value":"\#(value)"}"#,
            stateless: stateless))
    }

    @Test(arguments: [false, true]) func completions(stateless: Bool) {
        let s = Self.session(stateless: stateless)
        // Names in name order (§11: "Alpha Email" < "alpha Calls"), a duplicate name once; never another workspace's.
        let alpha = Self.complete(s, 1, prompt: "campaign_health", argument: "campaign", value: "ALPHA", stateless: stateless)
        #expect(alpha["result"]?["completion"] == ["values": ["Alpha Email", "alpha Calls"], "total": 2, "hasMore": false])
        // Public ids match too.
        let ids = Self.complete(s, 2, prompt: "campaign_health", argument: "campaign", value: "cp_0000000000000000000000010", stateless: stateless)
        #expect(ids["result"]?["completion"]?["values"] == [
            "cp_00000000000000000000000101", "cp_00000000000000000000000104", "cp_00000000000000000000000102",
            "cp_00000000000000000000000103",
        ])
        let period = Self.complete(s, 3, prompt: "compare_periods", argument: "period", value: "Month", stateless: stateless)
        #expect(period["result"]?["completion"] == ["values": ["this_month", "last_month"], "total": 2, "hasMore": false])
        let all = Self.complete(s, 4, prompt: "compare_periods", argument: "period", value: "", stateless: stateless)
        #expect(all["result"]?["completion"] == [
            "values": ["today", "yesterday", "last_7_days", "last_30_days", "last_90_days", "this_week", "last_week", "this_month", "last_month", "this_quarter"],
            "total": 13, "hasMore": true,
        ])
        let weeks = Self.complete(s, 5, prompt: "weekly_review", argument: "week_start", value: "", stateless: stateless)
        #expect(weeks["result"]?["completion"]?["values"]?.arrayValue?.prefix(3).map { $0 } == ["2026-04-20", "2026-04-13", "2026-04-06"])
        #expect(weeks["result"]?["completion"]?["values"]?.arrayValue?.count == 10)
        #expect(weeks["result"]?["completion"]?["total"] == 52)
        let april = Self.complete(s, 6, prompt: "weekly_review", argument: "week_start", value: "2026-04", stateless: stateless)
        #expect(april["result"]?["completion"] == ["values": ["2026-04-20", "2026-04-13", "2026-04-06"], "total": 3, "hasMore": false])
        expectError(Self.complete(s, 7, prompt: "nope", argument: "campaign", value: "", stateless: stateless), -32602, id: 7)
        expectError(Self.complete(s, 8, prompt: "weekly_review", argument: "campaign", value: "", stateless: stateless), -32602, id: 8)
        expectError(s.one(Self.call(9, "completion/complete", #""ref":{"type":"ref/prompt"},"argument":{"name":"x","value":""}"#, stateless: stateless)), -32602, id: 9)
    }

    @Test func completionCapsAtTenValues() {
        // 11 presets contain "_" (all but today and yesterday): ten proposed, hasMore.
        let s = Self.session(stateless: false)
        let r = Self.complete(s, 1, prompt: "compare_periods", argument: "period", value: "_", stateless: false)
        #expect(r["result"]?["completion"]?["values"]?.arrayValue?.count == 10)
        #expect(r["result"]?["completion"]?["total"] == 11)
        #expect(r["result"]?["completion"]?["hasMore"] == true)
    }

    // MARK: Chart app

    static func linkedTools(_ response: JSONValue) -> [String] {
        (response["result"]?["tools"]?.arrayValue ?? []).compactMap { tool in
            tool["_meta"]?["ui"]?["resourceUri"] == "ui://stats-mcp/charts.html" ? tool["name"]?.stringValue : nil
        }
    }

    static func resourceURIs(_ response: JSONValue) -> [String] {
        (response["result"]?["resources"]?.arrayValue ?? []).compactMap { $0["uri"]?.stringValue }
    }

    @Test(arguments: [false, true]) func withoutTheExtensionNothingChanges(stateless: Bool) {
        let s = Self.session(stateless: stateless)
        let tools = s.one(Self.call(1, "tools/list", "", stateless: stateless))
        #expect(tools["result"]?["tools"]?.arrayValue?.contains { $0["_meta"] != nil } == false)
        #expect(!Self.resourceURIs(s.one(Self.call(2, "resources/list", "", stateless: stateless))).contains("ui://stats-mcp/charts.html"))
        // A client that declares the extension for other mime types only is treated the same.
        let other = Self.session(stateless: stateless, capabilities: #"{"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/x-other"]}}}"#)
        #expect(Self.linkedTools(other.one(Self.call(3, "tools/list", "", stateless: stateless, capabilities: #"{"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/x-other"]}}}"#))).isEmpty)
    }

    @Test(arguments: [false, true]) func withTheExtensionTheChartToolsAreLinked(stateless: Bool) {
        let s = Self.session(stateless: stateless, capabilities: Self.uiCapabilities)
        let tools = s.one(Self.call(1, "tools/list", "", stateless: stateless, capabilities: Self.uiCapabilities))
        let served = Set((tools["result"]?["tools"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        #expect(Self.linkedTools(tools) == Self.chartTools.filter { served.contains($0) })
        #expect(Self.linkedTools(tools).contains("stats_get_workspace_overview"))
        #expect(Self.resourceURIs(s.one(Self.call(2, "resources/list", "", stateless: stateless, capabilities: Self.uiCapabilities))).last == "ui://stats-mcp/charts.html")
        // Without the capability in a stateless request's _meta, the same session sees plain tools.
        if stateless { #expect(Self.linkedTools(s.one(Self.call(3, "tools/list", "", stateless: true))).isEmpty) }
    }

    @Test(arguments: [false, true]) func readTheApp(stateless: Bool) {
        let s = Self.session(stateless: stateless, capabilities: Self.uiCapabilities)
        let r = s.one(Self.call(1, "resources/read", #""uri":"ui://stats-mcp/charts.html""#, stateless: stateless, capabilities: Self.uiCapabilities))
        let content = r["result"]?["contents"]?.arrayValue?.first
        #expect(content?["mimeType"] == "text/html;profile=mcp-app")
        #expect(content?["uri"] == "ui://stats-mcp/charts.html")
        let html = content?["text"]?.stringValue ?? ""
        #expect(html.lowercased().hasPrefix("<!doctype html>"))
        #expect(html.hasSuffix("</html>\n"))
        // Self-contained: no external script, style, image or fetch.
        for needle in ["http://", "https://", "src=", "@import", "fetch(", "XMLHttpRequest", "WebSocket"] {
            #expect(!html.contains(needle), "found \(needle)")
        }
        for method in ["ui/initialize", "ui/notifications/initialized", "ui/notifications/tool-result", "ui/notifications/tool-input",
            "ui/notifications/host-context-changed", "ui/notifications/size-changed"]
        {
            #expect(html.contains(method), "bridge method \(method)")
        }
        #expect(html.utf8.count < 32_000)
    }
}

/// The served app is exactly `Sources/StatsServer/Apps/charts.html` (ChartsAppHTML.swift is generated from it
/// by `Tests/browser/embed.py`).
@Suite struct ChartsAppHTMLTests {
    @Test func servedDocumentEqualsChartsHTML() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/StatsServer/Apps/charts.html")
        let source = try String(contentsOf: file, encoding: .utf8)
        let s = PromptsAppsTests.Session()
        s.initialize()
        let r = s.one(request("1", "resources/read", #"{"uri":"ui://stats-mcp/charts.html"}"#))
        let served = r["result"]?["contents"]?.arrayValue?.first?["text"]?.stringValue
        #expect(served == source, "run `python3 Tests/browser/embed.py` after editing charts.html")
    }
}
