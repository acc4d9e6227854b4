import Testing
@testable import StatsJSON

@Suite("Strings and objects")
struct StringTests {
    @Test func simpleEscapes() throws {
        let value = try parse(#""\"\\\/\b\f\n\r\t""#)
        #expect(value.stringValue.map { Array($0.utf8) } == [0x22, 0x5C, 0x2F, 0x08, 0x0C, 0x0A, 0x0D, 0x09])
        #expect(try parse(#""\u0041\u00e9\u20AC""#) == .string("A\u{E9}\u{20AC}"))
        #expect(try parse(#""a\u0000b""#).stringValue.map { Array($0.utf8) } == [0x61, 0x00, 0x62])
        #expect(try parse(#""\u005C\u0022""#) == .string("\\\""))
        #expect(try parse(#""\\u0041""#) == .string("\\u0041"))
        #expect(try parse(#""mixed é \u00e9 \t end""#) == .string("mixed \u{E9} \u{E9} \t end"))
    }

    @Test func surrogatePairs() throws {
        let rocket = try parse(#""\ud83d\ude80""#)
        #expect(rocket == .string("\u{1F680}"))
        #expect(rocket.stringValue.map { Array($0.utf8) } == [0xF0, 0x9F, 0x9A, 0x80])
        #expect(try parse(#""\uD83D\uDE80""#) == .string("\u{1F680}"))
        #expect(try parse(#""\uD834\uDD1E""#) == .string("\u{1D11E}"))
        #expect(try parse(#""\uD800\uDC00""#) == .string("\u{10000}"))
        #expect(try parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
        #expect(try parse(#""x\ud83d\ude80y\ud83d\ude80""#) == .string("x\u{1F680}y\u{1F680}"))
        #expect(try parse("\"\u{1F680}\"") == .string("\u{1F680}"))
    }

    @Test func loneSurrogatesAreRejectedAtTheEscape() {
        for (text, offset) in [(#""\ud800""#, 1), (#""\udc00""#, 1), (#""ab\ud800cd""#, 3), (#""\ud800\u0041""#, 1),
                               (#""\ude80\ud83d""#, 1), (#"["ok", "\udbff"]"#, 8)]
        {
            let error = parseError(text)
            #expect(error?.offset == offset, "\(text)")
            #expect(error?.message.contains("surrogate") == true, "\(text)")
        }
    }

    @Test func nfcAndNfdKeysStayDistinct() throws {
        let nfc = "caf\u{E9}"
        let nfd = "cafe\u{301}"
        #expect(nfc == nfd)  // Swift's String equality is canonical…
        #expect(Array(nfc.utf8) != Array(nfd.utf8))  // …but the bytes differ.

        for text in [#"{"caf\u00e9":1,"cafe\u0301":2}"#, "{\"\(nfc)\":1,\"\(nfd)\":2}"] {
            let object = try #require(try parse(text).objectValue)
            #expect(object.count == 2)
            #expect(object[nfc] == .int(1))
            #expect(object[nfd] == .int(2))
            #expect(object.index(of: nfc) == 0)
            #expect(object.index(of: nfd) == 1)
            #expect(object.keys.map { Array($0.utf8) } == [Array(nfc.utf8), Array(nfd.utf8)])
        }

        // Also through the hashed path used for objects with more than 32 members.
        var members = (0..<40).map { "\"k\($0)\":\($0)" }
        members.append(#""caf\u00e9":"nfc""#)
        members.append(#""cafe\u0301":"nfd""#)
        members.append(#""caf\u00e9":"nfc2""#)
        let big = try #require(try parse("{" + members.joined(separator: ",") + "}").objectValue)
        #expect(big.count == 42)
        #expect(big[nfc] == .string("nfc2"))
        #expect(big[nfd] == .string("nfd"))

        #expect(JSONValue.string(nfc) != .string(nfd))
        let built = JSONObject([(nfc, 1), (nfd, 2)])
        #expect(built.count == 2)
        #expect(JSONValue.object(built) != ["caf\u{E9}": 1, "caf\u{E9}x": 2])
    }

    @Test func duplicateKeysLastValueWinsInPlace() throws {
        let object = try #require(try parse(#"{"a":1,"b":2,"a":3}"#).objectValue)
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == .int(3))
        #expect(JSON.string(.object(object)) == #"{"a":3,"b":2}"#)

        // An escaped key is the same key as its raw spelling.
        let escaped = try #require(try parse(#"{"a":1,"\u0061":2}"#).objectValue)
        #expect(escaped.count == 1)
        #expect(escaped["a"] == .int(2))

        let nested = try parse(#"{"x":{"y":1},"x":{"z":2}}"#)
        #expect(identical(nested, ["x": ["z": 2]]))
    }

    @Test("Duplicate keys in large objects", arguments: [31, 32, 33, 40, 100, 1000])
    func duplicateKeysInLargeObjects(_ n: Int) throws {
        var parts = (0..<n).map { "\"k\($0)\":\($0)" }
        // Duplicates of the first, a middle and the last key, and a brand-new key after them.
        parts.append("\"k0\":\"first\"")
        parts.append("\"k\(n / 2)\":\"middle\"")
        parts.append("\"k\(n - 1)\":\"last\"")
        parts.append("\"new\":true")
        parts.append("\"k0\":\"first again\"")
        parts.append("\"new\":false")
        let object = try #require(try parse("{" + parts.joined(separator: ",") + "}").objectValue)
        #expect(object.count == n + 1)
        #expect(object.keys == (0..<n).map { "k\($0)" } + ["new"])
        #expect(object["k0"] == .string("first again"))
        if n / 2 != 0 && n / 2 != n - 1 { #expect(object["k\(n / 2)"] == .string("middle")) }
        #expect(object["k\(n - 1)"] == .string("last"))
        #expect(object["new"] == .bool(false))
        for i in 1..<(n - 1) where i != n / 2 { #expect(object["k\(i)"] == .int(Int64(i))) }
        #expect(object.index(of: "new") == n)
        // skipValue accepts the same document.
        try skipValidate(Array(("{" + parts.joined(separator: ",") + "}").utf8))
    }

    @Test func thirtyTwoDistinctThenDuplicateEveryKey() throws {
        let first = (0..<33).map { "\"k\($0)\":\($0)" }
        let second = (0..<33).map { "\"k\($0)\":\($0 + 100)" }
        let object = try #require(try parse("{" + (first + second).joined(separator: ",") + "}").objectValue)
        #expect(object.count == 33)
        for i in 0..<33 {
            #expect(object.members[i].key == "k\(i)")
            #expect(object.members[i].value == .int(Int64(i + 100)))
        }
    }

    @Test func objectLookupByBytes() throws {
        var object = try #require(try parse(#"{"a":1,"é":2,"":3,"a\u0000":4}"#).objectValue)
        #expect(object["a"] == .int(1))
        #expect(object["\u{E9}"] == .int(2))
        #expect(object["e\u{301}"] == nil)
        #expect(object[""] == .int(3))
        #expect(object["a\u{0}"] == .int(4))
        #expect(object["A"] == nil)
        #expect(object["missing"] == nil)
        #expect(object.index(of: "a\u{0}") == 3)

        let value = JSONValue.object(object)
        #expect(value["a"] == .int(1))
        #expect(JSONValue.array([]).self["a"] == nil)

        object["a"] = nil
        #expect(object.keys == ["\u{E9}", "", "a\u{0}"])
        object["z"] = .null
        #expect(object.keys.last == "z")
        object["\u{E9}"] = "replaced"
        #expect(object.keys.first == "\u{E9}" && object["\u{E9}"] == "replaced")
        object.appendUnchecked("q", 9)
        #expect(object.count == 5 && object["q"] == 9)
    }

    @Test func objectEqualityIsOrderInsensitive() throws {
        #expect(try parse(#"{"a":1,"b":[1,2]}"#) == parse(#"{"b":[1,2],"a":1}"#))
        #expect(try parse(#"{"a":1}"#) != parse(#"{"a":1,"b":2}"#))
        #expect(try parse(#"{"a":1,"b":2}"#) != parse(#"{"a":1,"c":2}"#))
        #expect(try parse("[1,2]") != parse("[2,1]"))
    }

    @Test func literalsBuildTheSameValues() throws {
        let built: JSONValue = ["name": "Ada", "n": 3, "x": 2.5, "ok": true, "none": nil, "list": [1, "two", [3.0]]]
        let parsed = try parse(#"{"name":"Ada","n":3,"x":2.5,"ok":true,"none":null,"list":[1,"two",[3.0]]}"#)
        #expect(identical(built, parsed))
        #expect(JSONValue(Optional<String>.none) == .null)
        #expect(JSONValue(Optional<Double>.some(1.5)) == .double(1.5))
        #expect(JSONValue(Optional<Int64>.none).isNull)
        #expect(identical(JSONValue(42), .int(42)))
    }
}
