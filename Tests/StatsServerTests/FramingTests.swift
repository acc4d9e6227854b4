import StatsJSON
import StatsProtocol
import StatsServer
import Testing

/// SPEC §7.1 stdio framing, through the same LineSplitter + MCPServer path the transport uses.
@Suite struct FramingTests {
    @Test func blankLinesAreIgnored() {
        let h = Harness()
        #expect(h.raw("").isEmpty)
        #expect(h.raw("   ").isEmpty)
        #expect(h.raw("\t \t").isEmpty)
        #expect(h.feedBytes(Array("\r\n\n \r\n".utf8)).isEmpty)
        let r = h.one(request("1", "ping"))
        #expect(expectResult(r, id: 1) == [:])
    }

    @Test func otherWhitespaceOnlyLinesAreParseErrors() {
        // Only spaces and tabs make a line blank; a lone form feed is not JSON.
        let h = Harness()
        expectError(h.one("\u{0C}"), -32700, id: .null)
    }

    @Test func crlfIsAccepted() {
        let h = Harness()
        let out = h.feedBytes(Array((request("1", "ping") + "\r\n" + request("2", "ping") + "\r\n").utf8))
        #expect(out == [#"{"jsonrpc":"2.0","id":1,"result":{}}"#, #"{"jsonrpc":"2.0","id":2,"result":{}}"#])
    }

    @Test func leadingBOMIsIgnored() {
        let h = Harness()
        let out = h.feedBytes([0xEF, 0xBB, 0xBF] + Array((request("1", "ping") + "\n").utf8))
        #expect(out == [#"{"jsonrpc":"2.0","id":1,"result":{}}"#])
        #expect(h.feedBytes([0xEF, 0xBB, 0xBF, 0x0A]).isEmpty)
    }

    @Test func invalidUTF8IsAParseError() {
        let h = Harness()
        var bytes = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"}}\n".utf8)
        let out = h.feedBytes(bytes)
        #expect(out.count == 1)
        expectError(try! JSON.parse(out[0]), -32700, id: .null)
        // A truncated multibyte sequence, an overlong encoding, a lone surrogate encoded in UTF-8.
        for bad: [UInt8] in [[0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF]] {
            let line = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""#.utf8) + bad + Array("\"}}\n".utf8)
            let o = h.feedBytes(line)
            #expect(o.count == 1)
            expectError(try! JSON.parse(o[0]), -32700, id: .null)
        }
        expectError(try! JSON.parse(h.feedBytes([0xFF, 0x0A])[0]), -32700, id: .null)
        // The server goes on.
        #expect(h.raw(request("2", "ping")) == [#"{"jsonrpc":"2.0","id":2,"result":{}}"#])
    }

    @Test func malformedJSONThenPingWorks() {
        let h = Harness()
        for bad in [#"{"jsonrpc":"#, "{", "}", "[1,]", #"{"a":1,}"#, "{}x", "{}{}", "nul", "1e400", "\"\\ud800\"", "\u{0}"] {
            let out = h.send(bad)
            #expect(out.count == 1, "\(bad)")
            expectError(out[0], -32700, id: .null)
            #expect(out[0]["error"]?["message"]?.stringValue?.contains("/") == false)
        }
        #expect(expectResult(h.one(request("\"a\"", "ping")), id: "a") == [:])
    }

    @Test func nestingOf512IsAcceptedAnd513IsAParseError() {
        let h = Harness()
        // outer object (1) + params (2) + 510 arrays = 512 levels.
        func deep(_ arrays: Int) -> String {
            #"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"d":"# + String(repeating: "[", count: arrays)
                + String(repeating: "]", count: arrays) + "}}"
        }
        #expect(expectResult(h.one(deep(510)), id: 1) == [:])
        expectError(h.one(deep(511)), -32700, id: .null)
        // A bare array of 512 levels is a batch whose element is not a request; 513 is a parse error.
        let ok = h.one(String(repeating: "[", count: 512) + String(repeating: "]", count: 512))
        #expect(ok.arrayValue?.count == 1)
        expectError(ok.arrayValue?.first ?? .null, -32600, id: .null)
        expectError(h.one(String(repeating: "[", count: 513) + String(repeating: "]", count: 513)), -32700, id: .null)
        // Far deeper input does not crash.
        expectError(h.one(String(repeating: "[", count: 100_000)), -32700, id: .null)
        expectError(h.one(String(repeating: #"{"a":"#, count: 100_000)), -32700, id: .null)
    }

    @Test func oversizeLineIsDiscardedAndAnsweredThenPingWorks() {
        let h = Harness(maxBytes: 200)
        let big = #"{"jsonrpc":"2.0","id":7,"method":"ping","params":{"x":""# + String(repeating: "x", count: 500) + "\"}}"
        let out = h.feedBytes(Array((big + "\n" + request("8", "ping") + "\n").utf8))
        #expect(out.count == 2)
        let first = try! JSON.parse(out[0])
        expectError(first, -32600, id: .null)
        #expect(out[1] == #"{"jsonrpc":"2.0","id":8,"result":{}}"#)
    }

    @Test func oversizeLineFedByteByByte() {
        let h = Harness(maxBytes: 100)
        let input = Array((String(repeating: "a", count: 1000) + "\n" + request("1", "ping") + "\n").utf8)
        var out: [String] = []
        for b in input { out += h.feedBytes([b]) }
        #expect(out.count == 2)
        expectError(try! JSON.parse(out[0]), -32600, id: .null)
        #expect(out[1] == #"{"jsonrpc":"2.0","id":1,"result":{}}"#)
    }

    @Test func requestSplitAcrossReadsIncludingMultibyte() {
        let h = Harness()
        h.initialize()
        let line = request("\"x-é\"", "tools/call", #"{"name":"echo","arguments":{"s":"é😀\n"}}"#) + "\n"
        let bytes = Array(line.utf8)
        var out: [String] = []
        for b in bytes { out += h.feedBytes([b]) }
        #expect(out.count == 1)
        let r = try! JSON.parse(out[0])
        let result = expectResult(r, id: "x-é")
        #expect(result["structuredContent"]?["arguments"]?["s"] == "é😀\n")
    }

    @Test func unterminatedLastLineIsServedAtEOF() {
        let h = Harness()
        #expect(h.feedBytes(Array(request("1", "ping").utf8)).isEmpty)
        #expect(h.feedBytes([], finish: true) == [#"{"jsonrpc":"2.0","id":1,"result":{}}"#])
    }

    @Test func outputIsCompactSingleLineJSON() {
        let h = Harness()
        h.initialize()
        let out = h.raw(request("1", "tools/call", #"{"name":"echo","arguments":{"text":"a\nb\u2028c","n":[1, 2]}}"#))
        #expect(out.count == 1)
        #expect(!out[0].contains("\n"))
        #expect(!out[0].contains(": "))
        #expect(!out[0].contains("\u{2028}"))
        #expect(out[0].hasPrefix(#"{"jsonrpc":"2.0","id":1,"result":"#))
    }

    @Test func noInputCrashesTheServer() {
        let h = Harness(maxBytes: 4096)
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,0123456789.-+eE truefalsnul\"jsonrpcidmethodparams"#.utf8) + [0x00, 0xC3, 0xA9, 0xFF, 0x09, 0x0D]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<80, using: &generator)
            var line: [UInt8] = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            line.removeAll { $0 == 0x0A }
            let out = h.feedBytes(line + [0x0A])
            #expect(out.count <= 1)
            for text in out {
                let value = try! JSON.parse(text)
                let code = errorCode(value) ?? (value.arrayValue?.first.flatMap(errorCode) ?? 0)
                #expect(!(-32099 ... -32020).contains(code) || code == -32022)
            }
        }
        #expect(h.raw(request("1", "ping")) == [#"{"jsonrpc":"2.0","id":1,"result":{}}"#])
    }
}
