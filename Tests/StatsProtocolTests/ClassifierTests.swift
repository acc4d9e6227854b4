import StatsJSON
import StatsProtocol
import Testing

private func classify(_ text: String) throws -> IncomingMessage {
    IncomingMessage.classify(try JSON.parse(text))
}

private func expectInvalid(_ text: String, code: Int, id: RequestID?, sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard case let .invalid(gotID, error) = try classify(text) else {
        Issue.record("expected invalid for \(text)", sourceLocation: sourceLocation)
        return
    }
    #expect(error.code == code, sourceLocation: sourceLocation)
    #expect(gotID == id, sourceLocation: sourceLocation)
}

@Suite struct RequestIDTests {
    @Test func integersAndStringsAreIDs() {
        #expect(RequestID(json: .int(7)) == .int(7))
        #expect(RequestID(json: .int(9_007_199_254_740_991)) == .int(9_007_199_254_740_991))
        #expect(RequestID(json: .int(.min)) == .int(.min))
        #expect(RequestID(json: "x-é") == .string("x-é"))
        #expect(RequestID(json: "") == .string(""))
    }

    @Test func otherValuesAreNotIDs() {
        #expect(RequestID(json: .null) == nil)
        #expect(RequestID(json: .double(1.0)) == nil)
        #expect(RequestID(json: .double(1.5)) == nil)
        #expect(RequestID(json: .bool(true)) == nil)
        #expect(RequestID(json: [1]) == nil)
        #expect(RequestID(json: ["a": 1]) == nil)
    }

    @Test func stringAndIntegerIDsAreDistinct() {
        #expect(RequestID.string("1") != RequestID.int(1))
        #expect(Set([RequestID.string("1"), .int(1)]).count == 2)
    }

    @Test func stringIDsCompareByBytesNotCanonicalEquivalence() {
        let nfc = RequestID.string("caf\u{E9}")
        let nfd = RequestID.string("cafe\u{301}")
        #expect(nfc != nfd)
        #expect(Set([nfc, nfd]).count == 2)
    }

    @Test func jsonKeepsTheType() {
        #expect(JSON.string(RequestID.int(7).json) == "7")
        #expect(JSON.string(RequestID.string("7").json) == "\"7\"")
        #expect(JSON.string(RequestID.int(9_007_199_254_740_991).json) == "9007199254740991")
    }
}

@Suite struct ClassifierTests {
    @Test func request() throws {
        guard case let .request(id, method, params) = try classify(#"{"jsonrpc":"2.0","id":3,"method":"ping","params":{"a":1}}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(id == .int(3))
        #expect(method == "ping")
        #expect(params?["a"] == .int(1))
    }

    @Test func requestWithoutParams() throws {
        guard case let .request(id, _, params) = try classify(#"{"jsonrpc":"2.0","id":"a","method":"ping"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(id == .string("a"))
        #expect(params == nil)
    }

    @Test func notification() throws {
        guard case let .notification(method, _) = try classify(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) else {
            Issue.record("not a notification")
            return
        }
        #expect(method == "notifications/initialized")
    }

    @Test func notificationWithBadParamsIsStillANotification() throws {
        guard case .notification = try classify(#"{"jsonrpc":"2.0","method":"x","params":[1]}"#) else {
            Issue.record("not a notification")
            return
        }
        guard case .notification = try classify(#"{"jsonrpc":"2.0","method":"x","params":5}"#) else {
            Issue.record("not a notification")
            return
        }
    }

    @Test(arguments: [
        #"{"jsonrpc":"2.0","id":99,"result":{}}"#,
        #"{"jsonrpc":"2.0","id":null,"result":{}}"#,
        #"{"jsonrpc":"2.0","id":null,"error":{"code":-1,"message":"x"}}"#,
        #"{"id":1,"result":{}}"#,
        #"{"jsonrpc":"1.0","id":1.5,"error":{}}"#,
    ])
    func clientResponsesAreRecognised(text: String) throws {
        guard case .clientResponse = try classify(text) else {
            Issue.record("not a client response: \(text)")
            return
        }
    }

    @Test(arguments: ["42", #""x""#, "null", "true", "1.5"])
    func nonObjectsAreInvalidWithNullID(text: String) throws {
        try expectInvalid(text, code: -32600, id: nil)
    }

    @Test func badIDsAreInvalidWithNullID() throws {
        try expectInvalid(#"{"jsonrpc":"2.0","id":null,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":1.0,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":1e2,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":9223372036854775808,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":true,"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":[1],"method":"ping"}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0","id":{},"method":"ping"}"#, code: -32600, id: nil)
    }

    @Test func extremeIntegerIDsAreAccepted() throws {
        guard case let .request(id, _, _) = try classify(#"{"jsonrpc":"2.0","id":9223372036854775807,"method":"ping"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(id == .int(.max))
        guard case let .request(id2, _, _) = try classify(#"{"jsonrpc":"2.0","id":-9223372036854775808,"method":"ping"}"#) else {
            Issue.record("not a request")
            return
        }
        #expect(id2 == .int(.min))
    }

    @Test func wrongJSONRPCEchoesTheID() throws {
        try expectInvalid(#"{"jsonrpc":"1.0","id":5,"method":"ping"}"#, code: -32600, id: .int(5))
        try expectInvalid(#"{"id":"s","method":"ping"}"#, code: -32600, id: .string("s"))
        try expectInvalid(#"{"jsonrpc":2.0,"id":5,"method":"ping"}"#, code: -32600, id: .int(5))
        try expectInvalid(#"{"foo":1}"#, code: -32600, id: nil)
    }

    @Test func methodMustBeAString() throws {
        try expectInvalid(#"{"jsonrpc":"2.0","id":5}"#, code: -32600, id: .int(5))
        try expectInvalid(#"{"jsonrpc":"2.0","id":5,"method":7}"#, code: -32600, id: .int(5))
        try expectInvalid(#"{"jsonrpc":"2.0","method":null}"#, code: -32600, id: nil)
        try expectInvalid(#"{"jsonrpc":"2.0"}"#, code: -32600, id: nil)
    }

    @Test func paramsMustBeAnObject() throws {
        try expectInvalid(#"{"jsonrpc":"2.0","id":5,"method":"ping","params":[1]}"#, code: -32602, id: .int(5))
        try expectInvalid(#"{"jsonrpc":"2.0","id":5,"method":"ping","params":[]}"#, code: -32602, id: .int(5))
        try expectInvalid(#"{"jsonrpc":"2.0","id":5,"method":"ping","params":5}"#, code: -32600, id: .int(5))
        try expectInvalid(#"{"jsonrpc":"2.0","id":5,"method":"ping","params":"x"}"#, code: -32600, id: .int(5))
        try expectInvalid(#"{"jsonrpc":"2.0","id":5,"method":"ping","params":null}"#, code: -32600, id: .int(5))
    }
}

@Suite struct RPCErrorTests {
    @Test func codes() {
        #expect(RPCError.parseError().code == -32700)
        #expect(RPCError.invalidRequest().code == -32600)
        #expect(RPCError.methodNotFound("x").code == -32601)
        #expect(RPCError.methodNotFound("x").message.contains("x"))
        #expect(RPCError.invalidParams("p").code == -32602)
        #expect(RPCError.internalError().code == -32603)
        #expect(RPCError.unsupportedProtocolVersion(requested: "1").code == -32022)
    }

    @Test func unsupportedProtocolVersionData() {
        let error = RPCError.unsupportedProtocolVersion(requested: "2099-01-01")
        #expect(JSON.string(error.json)
            == #"{"code":-32022,"message":"Unsupported protocol version","data":{"supported":["2026-07-28","2025-11-25","2025-06-18","2025-03-26","2024-11-05"],"requested":"2099-01-01"}}"#)
    }

    @Test func jsonOmitsAbsentData() {
        #expect(JSON.string(RPCError(code: -32600, message: "m").json) == #"{"code":-32600,"message":"m"}"#)
    }

    @Test func envelopes() {
        #expect(JSON.string(RPCMessage.result(id: .int(1), [:])) == #"{"jsonrpc":"2.0","id":1,"result":{}}"#)
        #expect(JSON.string(RPCMessage.error(id: nil, RPCError(code: -32700, message: "m")))
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"m"}}"#)
        #expect(JSON.string(RPCMessage.notification(method: "n", params: JSONObject()))
            == #"{"jsonrpc":"2.0","method":"n","params":{}}"#)
    }
}

@Suite struct MCPVersionTests {
    @Test func versions() {
        #expect(MCPVersion.all == ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
        #expect(MCPVersion.handshake == ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"])
        #expect(MCPVersion.latestHandshake == "2025-11-25")
        #expect(MCPVersion.stateless == "2026-07-28")
        #expect(MCPVersion.isHandshake("2024-11-05"))
        #expect(!MCPVersion.isHandshake("2026-07-28"))
        #expect(MCPVersion.isSupported("2026-07-28"))
        #expect(!MCPVersion.isSupported("2099-01-01"))
        #expect(MCPVersion.protocolVersionMetaKey == "io.modelcontextprotocol/protocolVersion")
        #expect(MCPVersion.logLevelMetaKey == "io.modelcontextprotocol/logLevel")
        #expect(MCPVersion.serverInfoMetaKey == "io.modelcontextprotocol/serverInfo")
    }
}
