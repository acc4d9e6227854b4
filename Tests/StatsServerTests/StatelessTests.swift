import StatsJSON
import StatsProtocol
import StatsServer
import Testing

/// SPEC §7.3, stateless era (2026-07-28).
@Suite struct StatelessTests {
    func modern(_ id: String, _ method: String, _ extra: String = "", meta: String = modernMeta) -> String {
        let body = extra.isEmpty ? meta : meta + "," + extra
        return request(id, method, "{" + body + "}")
    }

    func expectModernResult(_ response: JSONValue, id: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        let result = expectResult(response, id: id, sourceLocation: sourceLocation)
        #expect(result["resultType"] == "complete", sourceLocation: sourceLocation)
        #expect(result["_meta"]?[MCPVersion.serverInfoMetaKey] == ["name": "stats-mcp", "version": "1.2.3"], sourceLocation: sourceLocation)
        return result
    }

    @Test func servedWithoutInitialize() {
        let h = Harness()
        let result = expectModernResult(h.one(modern("1", "tools/list")), id: 1)
        #expect(result["tools"]?.arrayValue?.map { $0["name"] } == ["echo", "fail", "slow", "hook"])
        #expect(result["cacheScope"] == "public")
        #expect(result["ttlMs"]?.strictIntValue.map { $0 >= 0 } == true)
        // The handshake gate is still closed for plain requests.
        expectError(h.one(request("2", "tools/list")), -32600, id: 2)
    }

    @Test func servedAfterInitializeAndInitializeStillWorksAfterStatelessRequests() {
        let h = Harness()
        _ = expectModernResult(h.one(modern("1", "tools/call", #""name":"echo""#)), id: 1)
        #expect(h.initialize()["result"]?["protocolVersion"] == "2025-11-25")
        let r = expectModernResult(h.one(modern("2", "tools/call", #""name":"echo","arguments":{"a":1}"#)), id: 2)
        #expect(r["structuredContent"] == ["arguments": ["a": 1]])
        // Plain requests after initialize are handshake-shaped.
        let plain = expectResult(h.one(request("3", "tools/list")), id: 3)
        #expect(plain["resultType"] == nil)
        #expect(plain["ttlMs"] == nil)
        #expect(plain["_meta"] == nil)
    }

    @Test func discover() {
        let h = Harness()
        let result = expectModernResult(h.one(modern("\"d\"", "server/discover")), id: "d")
        #expect(result["supportedVersions"] == ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
        #expect(result["capabilities"] == ["tools": ["listChanged": false], "logging": [:], "resources": [:]])
        #expect(result["instructions"] == "Use stats_* tools for analytics.")
        #expect(result["cacheScope"] == "public")
        #expect(result["ttlMs"]?.strictIntValue != nil)
    }

    @Test func everyStatelessResultCarriesResultTypeAndServerInfo() {
        let h = Harness()
        let requests = [
            modern("1", "server/discover"), modern("2", "tools/list"), modern("3", "tools/call", #""name":"echo""#),
            modern("4", "tools/call", #""name":"fail""#), modern("5", "resources/list"),
            modern("6", "resources/read", #""uri":"stats://docs/metrics""#), modern("7", "resources/templates/list"),
        ]
        for (i, text) in requests.enumerated() {
            _ = expectModernResult(h.one(text), id: .int(Int64(i + 1)))
        }
        // Cacheable list/read results carry ttlMs and cacheScope.
        for text in [modern("5", "resources/list"), modern("6", "resources/read", #""uri":"stats://docs/metrics""#), modern("7", "resources/templates/list")] {
            let r = h.one(text)["result"]
            #expect(r?["cacheScope"] == "public")
            #expect(r?["ttlMs"] != nil)
        }
    }

    @Test func unsupportedVersionIsMinus32022WithData() {
        let h = Harness()
        let r = h.one(request("1", "tools/list", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2099-01-01"}}"#))
        expectError(r, -32022, id: 1)
        #expect(r["error"]?["data"]?["supported"] == ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
        #expect(r["error"]?["data"]?["requested"] == "2099-01-01")
        #expect(h.raw(request("1", "tools/list", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":"x"}}"#)).first?
            .contains(#""data":{"supported":["2026-07-28","2025-11-25","2025-06-18","2025-03-26","2024-11-05"],"requested":"x"}"#) == true)
        // Also for discover, and after initialize.
        h.initialize()
        expectError(h.one(request("2", "server/discover", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2020-01-01"}}"#)), -32022, id: 2)
    }

    @Test func nonStringVersionIsInvalidParams() {
        let h = Harness()
        expectError(h.one(request("1", "tools/list", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":20260728}}"#)), -32602, id: 1)
        expectError(h.one(request("1", "tools/list", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":null}}"#)), -32602, id: 1)
    }

    @Test(arguments: ["ping", "initialize", "logging/setLevel"])
    func handshakeOnlyMethodsDoNotExist(method: String) {
        let h = Harness()
        expectError(h.one(modern("1", method, #""protocolVersion":"2025-11-25","level":"info","capabilities":{}"#)), -32601, id: 1)
        h.initialize()
        expectError(h.one(modern("2", method, #""protocolVersion":"2025-11-25","level":"info""#)), -32601, id: 2)
    }

    @Test func statelessInitializeDoesNotInitialize() {
        let h = Harness()
        _ = h.one(modern("1", "initialize", #""protocolVersion":"2025-11-25","capabilities":{}"#))
        expectError(h.one(request("2", "tools/list")), -32600, id: 2)
    }

    @Test func unknownMethodsAreMethodNotFound() {
        let h = Harness()
        expectError(h.one(modern("1", "foo/bar")), -32601, id: 1)
        expectError(h.one(modern("2", "subscriptions/listen")), -32601, id: 2)
    }

    @Test func logNotificationsOnlyWhenTheRequestAsksForThem() {
        let h = Harness()
        // Without logLevel: nothing, even after a handshake-era logging/setLevel.
        #expect(h.send(modern("1", "tools/call", #""name":"slow""#)).count == 1)
        h.initialize()
        _ = h.one(request("2", "logging/setLevel", #"{"level":"debug"}"#))
        #expect(h.send(modern("3", "tools/call", #""name":"slow""#)).count == 1)
        // With logLevel: the request's threshold.
        let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/logLevel":"error"}"#
        let out = h.send(modern("4", "tools/call", #""name":"slow""#, meta: meta))
        #expect(out.dropLast().map { $0["params"]?["level"] } == ["error", "critical", "alert", "emergency"])
        #expect(out.dropLast().allSatisfy { $0["method"] == "notifications/message" })
        _ = expectModernResult(out.last ?? .null, id: 4)
    }

    @Test func invalidLogLevelInMetaIsInvalidParams() {
        let h = Harness()
        let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/logLevel":"loud"}"#
        expectError(h.one(modern("1", "tools/list", meta: meta)), -32602, id: 1)
    }

    @Test func clientCapabilitiesAreNotRequired() {
        let h = Harness()
        let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}"#
        _ = expectModernResult(h.one(modern("1", "tools/list", meta: meta)), id: 1)
    }

    @Test func errorsInTheStatelessEraAreOrdinaryErrors() {
        let h = Harness()
        let r = h.one(modern("1", "tools/call", #""name":"nope""#))
        expectError(r, -32602, id: 1)
        expectError(h.one(modern("2", "tools/list", #""cursor":"abc""#)), -32602, id: 2)
        let missing = h.one(modern("3", "resources/read", #""uri":"stats://nope""#))
        expectError(missing, -32602, id: 3)
        #expect(missing["error"]?["data"]?["uri"] == "stats://nope")
    }

    @Test func progressInTheStatelessEra() {
        let h = Harness()
        let meta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","progressToken":"p1"}"#
        let out = h.send(modern("1", "tools/call", #""name":"slow""#, meta: meta))
        #expect(out.dropLast().map { $0["params"]?["progress"] } == [1, 2, 3])
        _ = expectModernResult(out.last ?? .null, id: 1)
    }
}
