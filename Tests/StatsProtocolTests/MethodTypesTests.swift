import StatsJSON
import StatsProtocol
import Testing

/// The MCP method types: params read from a request, results written as JSON.
@Suite struct MethodTypesTests {
    func params(_ text: String) -> JSONObject? { (try? JSON.parse(text))?.objectValue }

    func code<T>(_ result: Result<T, RPCError>) -> Int? {
        if case let .failure(error) = result { return error.code }
        return nil
    }

    @Test func methodNamesAndEras() {
        #expect(Initialize.name == "initialize" && Ping.name == "ping" && LoggingSetLevel.name == "logging/setLevel")
        #expect(PromptsList.name == "prompts/list" && PromptsGet.name == "prompts/get" && CompletionComplete.name == "completion/complete")
        let handshake = MCPMethods.handshake(withPrompts: false)
        #expect(handshake.contains("ping") && !handshake.contains("server/discover") && !handshake.contains("prompts/list"))
        let stateless = MCPMethods.stateless(withPrompts: true)
        #expect(stateless.contains("server/discover") && stateless.contains("completion/complete") && !stateless.contains("ping"))
        #expect(!stateless.contains("initialize") && !stateless.contains("logging/setLevel"))
    }

    @Test func initializeParams() {
        #expect(code(Initialize.parse(nil)) == -32602)
        #expect(code(Initialize.parse(params(#"{"protocolVersion":5}"#))) == -32602)
        guard case let .success(p) = Initialize.parse(params(#"{"protocolVersion":"2025-06-18","capabilities":{"extensions":{"io.modelcontextprotocol/ui":{}}}}"#)) else {
            Issue.record("initialize params")
            return
        }
        #expect(p.protocolVersion == "2025-06-18")
        #expect(MCPApps.isSupported(by: p.capabilities))
    }

    @Test func toolsCallParams() {
        #expect(code(ToolsCall.parse(params(#"{}"#))) == -32602)
        #expect(code(ToolsCall.parse(params(#"{"name":"x","arguments":null}"#))) == -32602)
        #expect(code(ToolsCall.parse(params(#"{"name":"x","arguments":[1]}"#))) == -32602)
        guard case let .success(p) = ToolsCall.parse(params(#"{"name":"x","_meta":{"progressToken":7}}"#)) else {
            Issue.record("tools/call params")
            return
        }
        #expect(p.name == "x" && p.arguments.isEmpty && p.progressToken == .int(7))
        // A progress token that is neither a string nor an integer is ignored.
        if case let .success(q) = ToolsCall.parse(params(#"{"name":"x","_meta":{"progressToken":1.5}}"#)) { #expect(q.progressToken == nil) }
    }

    @Test func cursorsAreRejectedUnlessNull() {
        #expect(code(ToolsList.parse(params(#"{"cursor":null}"#))) == nil)
        #expect(code(PromptsList.parse(nil)) == nil)
        #expect(code(ResourcesList.parse(params(#"{"cursor":"abc"}"#))) == -32602)
    }

    @Test func promptsGetParams() {
        #expect(code(PromptsGet.parse(params(#"{"arguments":{}}"#))) == -32602)
        #expect(code(PromptsGet.parse(params(#"{"name":"p","arguments":"x"}"#))) == -32602)
        #expect(code(PromptsGet.parse(params(#"{"name":"p","arguments":{"a":1}}"#))) == -32602)
        guard case let .success(p) = PromptsGet.parse(params(#"{"name":"p","arguments":{"a":"x","b":"","c":null}}"#)) else {
            Issue.record("prompts/get params")
            return
        }
        #expect(p.name == "p" && p.arguments == ["a": "x"])
    }

    @Test func completionParams() {
        #expect(code(CompletionComplete.parse(params(#"{"argument":{"name":"a","value":""}}"#))) == -32602)
        #expect(code(CompletionComplete.parse(params(#"{"ref":{"type":"ref/other","name":"p"},"argument":{"name":"a","value":""}}"#))) == -32602)
        #expect(code(CompletionComplete.parse(params(#"{"ref":{"type":"ref/prompt","name":"p"},"argument":{"name":"a"}}"#))) == -32602)
        guard case let .success(p) = CompletionComplete.parse(params(
            #"{"ref":{"type":"ref/prompt","name":"p"},"argument":{"name":"a","value":"v"},"context":{"arguments":{"b":"w"}}}"#))
        else {
            Issue.record("completion params")
            return
        }
        #expect(p.ref == .prompt(name: "p") && p.argumentName == "a" && p.value == "v" && p.contextArguments == ["b": "w"])
        if case let .success(r) = CompletionComplete.parse(params(#"{"ref":{"type":"ref/resource","uri":"u"},"argument":{"name":"a","value":""}}"#)) {
            #expect(r.ref == .resource(uri: "u"))
        }
    }

    @Test func completionResultKeepsTenAndCountsAll() {
        let r = CompletionComplete.Result(matches: (1...12).map { "v\($0)" })
        #expect(JSONValue.object(r.json) == [
            "completion": ["values": .array((1...10).map { .string("v\($0)") }), "total": 12, "hasMore": true],
        ])
        #expect(JSONValue.object(CompletionComplete.Result(matches: ["a"]).json) == ["completion": ["values": ["a"], "total": 1, "hasMore": false]])
    }

    @Test func appsExtensionDeclarations() {
        func supported(_ text: String) -> Bool { MCPApps.isSupported(by: ClientCapabilities(json: try? JSON.parse(text))) }
        #expect(supported(#"{"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/html;profile=mcp-app"]}}}"#))
        #expect(supported(#"{"extensions":{"io.modelcontextprotocol/ui":{}}}"#))
        #expect(!supported(#"{"extensions":{"io.modelcontextprotocol/ui":{"mimeTypes":["text/html"]}}}"#))
        #expect(!supported(#"{"extensions":{"io.modelcontextprotocol/ui":true}}"#))
        #expect(!supported(#"{"extensions":{}}"#))
        #expect(!supported(#"{}"#))
        #expect(!supported("null"))
        // From a 2026-07-28 request's _meta.
        let meta = params(#"{"_meta":{"io.modelcontextprotocol/clientCapabilities":{"extensions":{"io.modelcontextprotocol/ui":{}}}}}"#)
        #expect(ClientCapabilities.fromMeta(meta).map(MCPApps.isSupported) == true)
        #expect(ClientCapabilities.fromMeta(params(#"{"_meta":{}}"#)) == nil)
    }

    @Test func linkingKeepsOtherMeta() {
        let tool: JSONValue = ["name": "t", "_meta": ["x": 1]]
        #expect(MCPApps.linking(tool, to: "ui://a") == ["name": "t", "_meta": ["x": 1, "ui": ["resourceUri": "ui://a"]]])
        #expect(MCPApps.linking(["name": "t"], to: "ui://a") == ["name": "t", "_meta": ["ui": ["resourceUri": "ui://a"]]])
    }

    @Test func capabilitiesJSON() {
        #expect(ServerCapabilities().json == ["tools": ["listChanged": false], "logging": [:], "resources": [:]])
        #expect(ServerCapabilities(prompts: true, completions: true, extensions: ["io.modelcontextprotocol/ui"]).json == [
            "tools": ["listChanged": false], "logging": [:], "resources": [:], "prompts": ["listChanged": false], "completions": [:],
            "extensions": ["io.modelcontextprotocol/ui": [:]],
        ])
    }
}
