import StatsJSON
import StatsProtocol
import StatsServer
import Testing

/// SPEC §7.3, handshake era.
@Suite struct HandshakeTests {
    @Test(arguments: ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
    func supportedVersionsAreEchoed(version: String) {
        let h = Harness()
        let result = expectResult(h.initialize(version), id: 0)
        #expect(result["protocolVersion"] == .string(version))
    }

    @Test(arguments: ["2099-01-01", "2026-07-28", "2024-10-07", "", "latest"])
    func otherVersionsGetTheLatestHandshakeVersion(version: String) {
        let h = Harness()
        let result = expectResult(h.initialize(version), id: 0)
        #expect(result["protocolVersion"] == "2025-11-25")
    }

    @Test func initializeResultShape() {
        let h = Harness()
        let result = expectResult(h.initialize(), id: 0)
        #expect(result["capabilities"] == ["tools": ["listChanged": false], "logging": [:], "resources": [:]])
        #expect(result["serverInfo"]?["name"] == "stats-mcp")
        #expect(result["serverInfo"]?["version"] == "1.2.3")
        #expect(result["serverInfo"]?["title"]?.stringValue?.isEmpty == false)
        #expect(result["instructions"] == "Use stats_* tools for analytics.")
        #expect(result["resultType"] == nil)
        #expect(result["_meta"] == nil)
    }

    @Test(arguments: [
        "{}", #"{"capabilities":{}}"#, #"{"protocolVersion":20251125}"#, #"{"protocolVersion":null}"#,
        #"{"protocolVersion":["2025-11-25"]}"#,
    ])
    func initializeWithoutAStringProtocolVersionIsInvalidParams(params: String) {
        let h = Harness()
        expectError(h.one(request("1", "initialize", params)), -32602, id: 1)
        expectError(h.one(request("2", "initialize")), -32602, id: 2)
        // It did not initialize: the gate is still closed and a correct initialize works.
        expectError(h.one(request("3", "tools/list")), -32600, id: 3)
        #expect(h.initialize()["result"]?["protocolVersion"] == "2025-11-25")
    }

    @Test func onlyPingIsServedBeforeInitialize() {
        let h = Harness()
        #expect(expectResult(h.one(request("\"a\"", "ping")), id: "a") == [:])
        for method in ["tools/list", "tools/call", "resources/list", "resources/read", "resources/templates/list", "logging/setLevel"] {
            let r = h.one(request("1", method, #"{"name":"echo","uri":"stats://docs/metrics","level":"info"}"#))
            expectError(r, -32600, id: 1)
            #expect(r["error"]?["message"]?.stringValue?.contains("initialize") == true)
        }
        #expect(h.backend.calls.isEmpty)
    }

    @Test func requestsAreServedAsSoonAsInitializeIsAnswered() {
        let h = Harness()
        // No notifications/initialized in between.
        let out = h.send(
            request("0", "initialize", #"{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"0"}}"#)
                + "\n" + request("1", "tools/list"))
        #expect(out.count == 2)
        #expect(out[0]["result"]?["protocolVersion"] == "2025-06-18")
        #expect(out[1]["result"]?["tools"]?.arrayValue?.count == 4)
    }

    @Test func secondInitializeIsInvalidRequest() {
        let h = Harness()
        h.initialize()
        expectError(h.one(request("9", "initialize", #"{"protocolVersion":"2025-11-25","capabilities":{}}"#)), -32600, id: 9)
        #expect(h.one(request("10", "tools/list"))["result"] != nil)
    }

    @Test func pingReturnsAnEmptyObject() {
        let h = Harness()
        #expect(h.raw(request("1", "ping")) == [#"{"jsonrpc":"2.0","id":1,"result":{}}"#])
        h.initialize()
        #expect(h.raw(request("2", "ping", #"{"_meta":{"progressToken":"p"}}"#)) == [#"{"jsonrpc":"2.0","id":2,"result":{}}"#])
    }

    @Test func setLevelValidatesTheLevel() {
        let h = Harness()
        h.initialize()
        for bad in ["{}", #"{"level":"verbose"}"#, #"{"level":3}"#, #"{"level":"INFO"}"#, #"{"level":null}"#] {
            expectError(h.one(request("1", "logging/setLevel", bad)), -32602, id: 1)
        }
        expectError(h.one(request("1", "logging/setLevel")), -32602, id: 1)
        for level in LogLevel.allCases {
            #expect(expectResult(h.one(request("2", "logging/setLevel", #"{"level":"\#(level.name)"}"#)), id: 2) == [:])
        }
    }

    @Test func noLogNotificationsUntilTheClientSetsALevel() {
        let h = Harness()
        h.initialize()
        let out = h.send(request("1", "tools/call", #"{"name":"slow"}"#))
        #expect(out.count == 1)
        #expect(out.first?["id"] == 1)
    }

    @Test func setLevelSetsTheThresholdForLogNotifications() {
        let h = Harness()
        h.initialize()
        _ = h.one(request("1", "logging/setLevel", #"{"level":"warning"}"#))
        let out = h.send(request("2", "tools/call", #"{"name":"slow"}"#))
        let notes = out.dropLast()
        #expect(notes.map { $0["params"]?["level"] } == ["warning", "error", "critical", "alert", "emergency"])
        for note in notes {
            #expect(note["method"] == "notifications/message")
            #expect(note["id"] == nil)
            #expect(note["params"]?["logger"] == "stats-mcp")
            #expect(note["params"]?["data"]?.stringValue?.hasPrefix("log ") == true)
        }
        #expect(out.last?["id"] == 2)
        _ = h.one(request("3", "logging/setLevel", #"{"level":"debug"}"#))
        #expect(h.send(request("4", "tools/call", #"{"name":"slow"}"#)).count == 9)
    }

    @Test func defaultLogLevelCanBeConfigured() {
        let h = Harness(defaultLogLevel: .error)
        h.initialize()
        #expect(h.send(request("1", "tools/call", #"{"name":"slow"}"#)).count == 5)
    }

    @Test func handshakeVersionInMetaIsServedWithoutInitialize() {
        let h = Harness()
        let r = h.one(request("1", "tools/list", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2025-06-18"}}"#))
        let result = expectResult(r, id: 1)
        #expect(result["tools"]?.arrayValue?.count == 4)
        #expect(result["resultType"] == nil)
        #expect(h.initialize()["result"]?["protocolVersion"] == "2025-11-25")
    }
}
