import StatsJSON
import StatsProtocol
import StatsServer
import Testing

/// tools/list, tools/call, resources/* (SPEC §6 protocol errors, §7.3).
@Suite struct ToolsResourcesTests {
    func ready() -> Harness {
        let h = Harness()
        h.initialize()
        return h
    }

    @Test func toolsListReturnsEveryToolInOnePageInOrder() {
        let h = ready()
        let first = expectResult(h.one(request("1", "tools/list")), id: 1)
        #expect(first["tools"]?.arrayValue?.map { $0["name"] } == ["echo", "fail", "slow", "hook"])
        #expect(first["nextCursor"] == nil)
        let second = expectResult(h.one(request("2", "tools/list", "{}")), id: 2)
        #expect(JSON.string(first) == JSON.string(second))
        #expect(h.one(request("3", "tools/list", #"{"cursor":null}"#))["result"] != nil)
    }

    @Test(arguments: [#""garbage""#, #""""#, "0", "{}"])
    func anyCursorIsInvalidParams(cursor: String) {
        let h = ready()
        expectError(h.one(request("1", "tools/list", #"{"cursor":\#(cursor)}"#)), -32602, id: 1)
        expectError(h.one(request("2", "resources/list", #"{"cursor":\#(cursor)}"#)), -32602, id: 2)
        expectError(h.one(request("3", "resources/templates/list", #"{"cursor":\#(cursor)}"#)), -32602, id: 3)
    }

    @Test func successfulCallResultShape() {
        let h = ready()
        let result = expectResult(h.one(request("1", "tools/call", #"{"name":"echo","arguments":{"x":"é","n":5}}"#)), id: 1)
        #expect(result["isError"] == false)
        #expect(result["content"]?.arrayValue?.count == 1)
        #expect(result["content"]?.arrayValue?.first?["type"] == "text")
        let text = result["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        #expect(try! JSON.parse(text) == result["structuredContent"])
        #expect(result["structuredContent"] == ["arguments": ["x": "é", "n": 5]])
        #expect(result["resultType"] == nil)
    }

    @Test func toolErrorIsAResultWithIsError() {
        let h = ready()
        let result = expectResult(h.one(request("1", "tools/call", #"{"name":"fail","arguments":{}}"#)), id: 1)
        #expect(result["isError"] == true)
        #expect(result["structuredContent"]?["error"]?["code"] == "invalid_argument")
        #expect(result["content"]?.arrayValue?.first?["text"] == "Bad field.")
    }

    @Test func omittedArgumentsMeanAnEmptyObject() {
        let h = ready()
        let result = expectResult(h.one(request("1", "tools/call", #"{"name":"echo"}"#)), id: 1)
        #expect(result["structuredContent"] == ["arguments": [:]])
        #expect(h.backend.calls.last?.1.isEmpty == true)
    }

    @Test(arguments: ["{}", #"{"name":5}"#, #"{"name":null}"#, #"{"arguments":{}}"#, #"{"name":["echo"]}"#])
    func callWithoutAStringNameIsInvalidParams(params: String) {
        let h = ready()
        expectError(h.one(request("1", "tools/call", params)), -32602, id: 1)
        #expect(h.backend.calls.isEmpty)
    }

    @Test func callWithoutParamsIsInvalidParams() {
        let h = ready()
        expectError(h.one(request("1", "tools/call")), -32602, id: 1)
    }

    @Test(arguments: ["[1]", #""x""#, "5", "null", "true"])
    func callWithNonObjectArgumentsIsInvalidParams(arguments: String) {
        let h = ready()
        expectError(h.one(request("1", "tools/call", #"{"name":"echo","arguments":\#(arguments)}"#)), -32602, id: 1)
        #expect(h.backend.calls.isEmpty)
    }

    @Test func unknownToolIsInvalidParams() {
        let h = ready()
        let r = h.one(request("1", "tools/call", #"{"name":"nope"}"#))
        expectError(r, -32602, id: 1)
        #expect(r["error"]?["message"] == "Unknown tool: nope")
        #expect(h.backend.calls.isEmpty)
        #expect(h.backend.prepareCount == 0)
    }

    @Test func prepareRunsOnceBeforeTheFirstToolCall() {
        let h = ready()
        #expect(h.backend.prepareCount == 0)
        _ = h.one(request("1", "tools/list"))
        #expect(h.backend.prepareCount == 0)
        _ = h.one(request("2", "tools/call", #"{"name":"echo"}"#))
        _ = h.one(request("3", "tools/call", #"{"name":"echo"}"#))
        #expect(h.backend.prepareCount == 1)
    }

    @Test func resourcesList() {
        let h = ready()
        let result = expectResult(h.one(request("1", "resources/list")), id: 1)
        let resources = result["resources"]?.arrayValue ?? []
        #expect(resources.count == 2)
        #expect(resources.first == [
            "uri": "stats://docs/metrics", "name": "metrics", "title": "Metrics glossary",
            "description": "What each metric counts.", "mimeType": "text/markdown",
        ])
    }

    @Test func resourcesRead() {
        let h = ready()
        let result = expectResult(h.one(request("1", "resources/read", #"{"uri":"stats://schemas/store.json"}"#)), id: 1)
        #expect(result["contents"] == [["uri": "stats://schemas/store.json", "mimeType": "application/schema+json", "text": #"{"type":"object"}"#]])
    }

    @Test func unknownResourceIsInvalidParamsWithTheURI() {
        let h = ready()
        let r = h.one(request("1", "resources/read", #"{"uri":"stats://nope"}"#))
        expectError(r, -32602, id: 1)
        #expect(r["error"]?["data"] == ["uri": "stats://nope"])
        expectError(h.one(request("2", "resources/read", "{}")), -32602, id: 2)
        expectError(h.one(request("3", "resources/read", #"{"uri":7}"#)), -32602, id: 3)
    }

    @Test func resourceTemplatesListIsEmpty() {
        let h = ready()
        #expect(h.raw(request("1", "resources/templates/list")) == [#"{"jsonrpc":"2.0","id":1,"result":{"resourceTemplates":[]}}"#])
    }

    @Test func pipelinedCallsAreAnsweredInOrderOneLineEach() {
        let h = ready()
        let input = (1...50).map { request(String($0), "tools/call", #"{"name":"echo","arguments":{"i":\#($0)}}"#) }.joined(separator: "\n")
        let out = h.send(input)
        #expect(out.map { $0["id"] } == (1...50).map { .int(Int64($0)) })
        #expect(h.server.pendingRequestCount == 0)
    }
}
