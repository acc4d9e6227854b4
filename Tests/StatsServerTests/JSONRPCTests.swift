import StatsJSON
import StatsProtocol
import StatsServer
import Testing

/// SPEC §7.2 and the protocol rows of §6.
@Suite struct JSONRPCTests {
    @Test(arguments: [
        ("7", "7"), ("9007199254740991", "9007199254740991"), ("\"7\"", "\"7\""), ("\"x-é\"", "\"x-é\""),
        ("-1", "-1"), ("0", "0"), ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"), ("\"\"", "\"\""), ("\"a\\nb\"", "\"a\\nb\""),
    ])
    func idsAreEchoedWithTheSameTypeAndValue(sent: String, echoed: String) {
        let h = Harness()
        #expect(h.raw(request(sent, "ping")) == [#"{"jsonrpc":"2.0","id":\#(echoed),"result":{}}"#])
        // Errors echo it too.
        #expect(h.raw(request(sent, "foo/bar")).first?.hasPrefix(#"{"jsonrpc":"2.0","id":\#(echoed),"error":{"code":-32601"#) == true)
    }

    @Test(arguments: ["null", "1.0", "1.5", "1e3", "123456789012345678901234567890", "9223372036854775808", "true", "[1]", "{}"])
    func badIDsGetInvalidRequestWithNullID(id: String) {
        let h = Harness()
        let out = h.raw(request(id, "ping"))
        #expect(out.count == 1)
        #expect(out.first?.hasPrefix(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"#) == true)
    }

    @Test func wrongJSONRPCVersion() {
        let h = Harness()
        expectError(h.one(#"{"jsonrpc":"1.0","id":5,"method":"ping"}"#), -32600, id: 5)
        expectError(h.one(#"{"id":5,"method":"ping"}"#), -32600, id: 5)
        expectError(h.one(#"{"jsonrpc":2.0,"id":"q","method":"ping"}"#), -32600, id: "q")
        expectError(h.one(#"{"foo":1}"#), -32600, id: .null)
    }

    @Test func methodMissingOrNotAString() {
        let h = Harness()
        expectError(h.one(#"{"jsonrpc":"2.0","id":5}"#), -32600, id: 5)
        expectError(h.one(#"{"jsonrpc":"2.0","id":5,"method":1}"#), -32600, id: 5)
        expectError(h.one(#"{"jsonrpc":"2.0"}"#), -32600, id: .null)
    }

    @Test func paramsShape() {
        let h = Harness()
        expectError(h.one(request("5", "ping", "[1,2]")), -32602, id: 5)
        expectError(h.one(request("5", "ping", "[]")), -32602, id: 5)
        expectError(h.one(request("5", "ping", "3")), -32600, id: 5)
        expectError(h.one(request("5", "ping", "\"x\"")), -32600, id: 5)
        expectError(h.one(request("5", "ping", "null")), -32600, id: 5)
        #expect(expectResult(h.one(request("5", "ping", "{}")), id: 5) == [:])
    }

    @Test(arguments: ["42", "\"x\"", "null", "true", "3.5"])
    func nonObjectMessagesAreInvalid(text: String) {
        let h = Harness()
        expectError(h.one(text), -32600, id: .null)
    }

    @Test func notificationsAreNeverAnswered() {
        let h = Harness()
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"notifications/foo"}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"tools/list"}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"initialize","params":{"protocolVersion":"2025-11-25"}}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"ping","params":[1]}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":12345}}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","method":"notifications/cancelled"}"#).isEmpty)
        // The notification-only initialize did not initialize the session.
        expectError(h.one(request("1", "tools/list")), -32600, id: 1)
    }

    @Test func clientResponsesAreIgnoredWhateverTheirID() {
        let h = Harness()
        #expect(h.raw(#"{"jsonrpc":"2.0","id":99,"result":{}}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","id":"x","result":{"a":1}}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","id":null,"result":{}}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32000,"message":"x"}}"#).isEmpty)
        #expect(h.raw(#"{"jsonrpc":"2.0","id":1.5,"error":{"code":-32000,"message":"x"}}"#).isEmpty)
        #expect(h.raw(#"{"id":3,"result":{}}"#).isEmpty)
        #expect(h.raw(#"[{"jsonrpc":"2.0","id":1,"result":{}},{"jsonrpc":"2.0","id":null,"error":{"code":1,"message":"m"}}]"#).isEmpty)
    }

    @Test func unknownMethodIsMethodNotFoundBeforeAndAfterInitialize() {
        let h = Harness()
        expectError(h.one(request("5", "foo/bar")), -32601, id: 5)
        expectError(h.one(request("6", "completion/complete", "{}")), -32601, id: 6)
        expectError(h.one(request("7", "prompts/list")), -32601, id: 7)
        h.initialize()
        expectError(h.one(request("8", "foo/bar")), -32601, id: 8)
    }

    @Test func serverDiscoverIsAnsweredWithoutMeta() {
        let h = Harness()
        let response = h.one(request("9", "server/discover"))
        #expect(response["result"]?["supportedVersions"]?.arrayValue?.first == .string("2026-07-28"))
        #expect(response["result"]?["resultType"] == .string("complete"))
    }

    // MARK: Batches

    @Test func batchOfRequestsGetsAnArrayOfResponses() {
        let h = Harness()
        let out = h.raw("[" + request("1", "ping") + "," + request("\"two\"", "ping") + "]")
        #expect(out == [#"[{"jsonrpc":"2.0","id":1,"result":{}},{"jsonrpc":"2.0","id":"two","result":{}}]"#])
    }

    @Test func emptyBatchIsASingleInvalidRequest() {
        let h = Harness()
        let r = h.one("[]")
        #expect(r.arrayValue == nil)
        expectError(r, -32600, id: .null)
        expectError(h.one(" [ ] "), -32600, id: .null)
    }

    @Test func batchOfNotificationsGetsNothing() {
        let h = Harness()
        #expect(h.raw(#"[{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","method":"x"}]"#).isEmpty)
    }

    @Test func batchMixesRequestsNotificationsAndInvalidElements() {
        let h = Harness()
        let r = h.one("[" + request("1", "ping") + #",{"jsonrpc":"2.0","method":"n"},1,{"jsonrpc":"2.0","id":9,"result":{}},"# + request("2", "nope") + "]")
        guard let items = r.arrayValue else {
            Issue.record("not an array")
            return
        }
        #expect(items.count == 3)
        #expect(expectResult(items[0], id: 1) == [:])
        expectError(items[1], -32600, id: .null)
        expectError(items[2], -32601, id: 2)
    }

    @Test func initializeInsideABatchIsInvalidRequest() {
        let h = Harness()
        let r = h.one("[" + request("1", "initialize", #"{"protocolVersion":"2025-03-26","capabilities":{}}"#) + "," + request("2", "ping") + "]")
        guard let items = r.arrayValue, items.count == 2 else {
            Issue.record("expected two responses")
            return
        }
        expectError(items[0], -32600, id: 1)
        #expect(expectResult(items[1], id: 2) == [:])
        // Not initialized by it.
        expectError(h.one(request("3", "tools/list")), -32600, id: 3)
        #expect(h.initialize()["result"]?["protocolVersion"] == "2025-11-25")
    }

    @Test func batchAfterInitializeServesEveryMethod() {
        let h = Harness()
        h.initialize()
        let r = h.one("[" + request("1", "tools/list") + "," + request("2", "tools/call", #"{"name":"echo"}"#) + "," + request("3", "resources/templates/list") + "]")
        let items = r.arrayValue ?? []
        #expect(items.count == 3)
        #expect(items.first?["result"]?["tools"]?.arrayValue?.count == 4)
        #expect(items.dropFirst().first?["result"]?["isError"] == false)
    }

    @Test func neverEmitsReservedCodesExceptUnsupportedVersion() {
        let h = Harness()
        var inputs = [
            request("1", "tools/list"), request("2", "initialize", "{}"), request("3", "foo"),
            request("4", "tools/call", "{" + modernMeta + "}"),
            request("5", "ping", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}"#),
            request("6", "tools/list", #"{"_meta":{"io.modelcontextprotocol/protocolVersion":"1999-01-01"}}"#),
        ]
        inputs += ["[]", "{", "[1]", request("null", "ping")]
        var codes: Set<Int64> = []
        for input in inputs {
            for line in h.send(input) {
                if let code = errorCode(line) { codes.insert(code) }
                for element in line.arrayValue ?? [] { if let code = errorCode(element) { codes.insert(code) } }
            }
        }
        #expect(codes.contains(-32022))
        for code in codes { #expect(!(-32099 ... -32020).contains(code) || code == -32022) }
    }
}
