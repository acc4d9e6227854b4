import Testing
@testable import StatsJSON

@Suite("Cursor API")
struct CursorTests {
    static let document = """
        {
          "id": 42,
          "name": "Ada \\u00e9 \\ud83d\\ude80",
          "tags": ["x", {"deep": [1, 2, {"deeper": null}]}, "y\\"z"],
          "score": 34.0,
          "missing": null,
          "present": "here",
          "big": 9223372036854775807,
          "frac": 1.5,
          "list": [10, 20, 30],
          "raw": "plain caf\u{E9}"
        }
        """

    struct Record: Equatable {
        var id: Int64?
        var name: String?
        var score: Int64?
        var missing = false
        var present: String?
        var big: Int64?
        var frac: Int64? = -1
        var list: [Int64] = []
        var raw: String?
        var keys: [String] = []
    }

    @Test func streamsARecord() throws {
        var bytes = Array(Self.document.utf8)
        let record = try bytes.withUnsafeMutableBufferPointer { mutable -> Record in
            var reader = JSONReader(bytes: UnsafeBufferPointer(mutable))
            var record = Record()
            try reader.readObject { reader, key in
                record.keys.append(key)
                switch key {
                case "id": record.id = try reader.readInt64()
                case "name": record.name = try reader.readString()
                case "tags": try reader.skipValue()
                case "score": record.score = try reader.readInt64()
                case "missing": record.missing = reader.consumeNull()
                case "present":
                    #expect(reader.consumeNull() == false)
                    record.present = try reader.readString()
                case "big": record.big = try reader.readInt64()
                case "frac": record.frac = try reader.readInt64()
                case "list":
                    try reader.readArray { reader in
                        if let i = try reader.readInt64() { record.list.append(i) }
                    }
                case "raw":
                    let (range, hasEscapes) = try reader.scanString()
                    #expect(hasEscapes == false)
                    record.raw = String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[range]), as: UTF8.self)
                default:
                    Issue.record("unexpected key \(key)")
                    try reader.skipValue()
                }
            }
            reader.skipWhitespace()
            #expect(reader.isAtEnd)
            return record
        }
        #expect(record.keys == ["id", "name", "tags", "score", "missing", "present", "big", "frac", "list", "raw"])
        #expect(record.id == 42)
        #expect(record.name == "Ada \u{E9} \u{1F680}")
        #expect(record.score == 34)  // a zero fraction is an integer for readInt64
        #expect(record.missing)
        #expect(record.present == "here")
        #expect(record.big == .max)
        #expect(record.frac == nil)  // 1.5 is consumed and gives nil
        #expect(record.list == [10, 20, 30])
        #expect(record.raw == "plain caf\u{E9}")
    }

    func withReader(_ text: String, _ body: (inout JSONReader) throws -> Void) throws {
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer)
            try body(&reader)
        }
    }

    @Test func scanStringReportsRangeAndEscapes() throws {
        try withReader(#"  "ab\nc\u00e9" "plain" "#) { reader in
            let (range, hasEscapes) = try reader.scanString()
            #expect(range == 3..<14)
            #expect(hasEscapes)
            #expect(try reader.decodeEscaped(range) == "ab\nc\u{E9}")
            #expect(reader.position == 15)
            let second = try reader.scanString()
            #expect(second.hasEscapes == false)
            #expect(String(decoding: UnsafeBufferPointer(rebasing: reader.bytes[second.range]), as: UTF8.self) == "plain")
            #expect(reader.peek() == nil)
            #expect(reader.isAtEnd)
        }
        try withReader("42") { reader in
            #expect(throws: JSONParseError.self) { try reader.scanString() }
        }
        try withReader(#""\ud800""#) { reader in
            #expect(throws: JSONParseError.self) { try reader.scanString() }
        }
        try withReader(#""\ud83d\ude80""#) { reader in
            let (range, hasEscapes) = try reader.scanString()
            #expect(hasEscapes && range == 1..<13)
            #expect(try reader.decodeEscaped(range) == "\u{1F680}")
        }
    }

    @Test func readInt64() throws {
        let cases: [(String, Int64?)] = [
            ("0", 0), ("-0", 0), ("42", 42), ("-42", -42),
            ("9223372036854775807", .max), ("-9223372036854775808", .min),
            ("9007199254740993", 9_007_199_254_740_993),
            ("9223372036854775808", nil), ("-9223372036854775809", nil), ("1e19", nil),
            ("34.0", 34), ("-34.000", -34), ("0.0", 0), ("-0.0", 0), ("1e2", 100), ("1E+2", 100), ("100e-2", 1),
            ("12.50e1", 125), ("0.5e1", 5), ("123456789e-9", nil), ("1.5", nil), ("0.1", nil), ("1e-1", nil),
            // Exact: no rounding through Double.
            ("9007199254740993.0", 9_007_199_254_740_993), ("9223372036854775807.000", .max),
            ("-9223372036854775808.0", .min), ("9223372036854775807.5", nil), ("9223372036854775808.0", nil),
            ("922337203685477580.7e1", .max), ("9.223372036854775807e18", .max), ("1.0000000000000000001", nil),
            ("4503599627370495.5", nil), ("0e99999", 0), ("0.000e5", 0),
        ]
        for (text, expected) in cases {
            try withReader(text + " ,") { reader in
                let got = try reader.readInt64()
                #expect(got == expected, "\(text)")
                #expect(reader.peek() == UInt8(ascii: ","), "\(text) was not consumed")
            }
        }
        try withReader("1e400") { reader in
            #expect(throws: JSONParseError.self) { try reader.readInt64() }
        }
        try withReader("\"1\"") { reader in
            #expect(throws: JSONParseError.self) { try reader.readInt64() }
        }
    }

    @Test func consumeNull() throws {
        try withReader("  null , nul, nullx, \"null\"") { reader in
            #expect(reader.consumeNull() == true)
            #expect(reader.consume(UInt8(ascii: ",")) == true)
            let before = reader.position
            #expect(reader.consumeNull() == false)  // "nul," is not null
            #expect(reader.position == before + 1)  // only the whitespace was skipped
            reader.position += 4
            #expect(reader.consumeNull() == true)  // a cursor primitive: "nullx" starts with null
            #expect(reader.peek() == UInt8(ascii: "x"))
            reader.position += 2
            #expect(reader.consumeNull() == false)
            #expect(reader.peek() == UInt8(ascii: "\""))
        }
        try withReader("nu") { reader in
            #expect(reader.consumeNull() == false)
            #expect(reader.position == 0)
        }
    }

    @Test func skipValueSkipsEachKind() throws {
        let items = [#"{"a":[1,{"b":"\u00e9"}],"c":null}"#, "[[],[[]]]", #""s\"t""#, "-1.5e-3", "true", "false", "null", "0"]
        try withReader(items.joined(separator: " , ") + " ]") { reader in
            for (i, _) in items.enumerated() {
                try reader.skipValue()
                #expect(reader.consume(UInt8(ascii: i == items.count - 1 ? "]" : ",")) == true)
            }
            #expect(reader.isAtEnd)
        }
        for bad in ["[1,]", #"{"a":}"#, "tru", "-", #""\x""#, "[1 2]", "", "}", "+1", #"{"a":1e999}"#, #"["\udc00"]"#] {
            try withReader(bad) { reader in
                #expect(throws: JSONParseError.self, "\(bad)") { try reader.skipValue() }
            }
        }
    }

    @Test func readArrayAndReadObjectShapes() throws {
        try withReader(" [ ] ") { reader in
            var count = 0
            try reader.readArray { reader in
                count += 1
                try reader.skipValue()
            }
            #expect(count == 0)
        }
        try withReader(" { } ") { reader in
            try reader.readObject { _, key in Issue.record("unexpected key \(key)") }
        }
        try withReader(#"[[1,2],[3]]"#) { reader in
            var rows: [[Int64]] = []
            try reader.readArray { reader in
                var row: [Int64] = []
                try reader.readArray(depth: 1) { reader in row.append(try reader.readInt64() ?? -1) }
                rows.append(row)
            }
            #expect(rows == [[1, 2], [3]])
        }
        // Shape errors.
        try withReader("[1]") { reader in
            #expect(throws: JSONParseError.self) { try reader.readObject { _, _ in } }
        }
        try withReader("{}") { reader in
            #expect(throws: JSONParseError.self) { try reader.readArray { _ in } }
        }
        try withReader(#"{"a":1,}"#) { reader in
            #expect(throws: JSONParseError.self) { try reader.readObject { reader, _ in try reader.skipValue() } }
        }
        try withReader("[1,]") { reader in
            #expect(throws: JSONParseError.self) { try reader.readArray { reader in try reader.skipValue() } }
        }
        // A body that does not consume the value is caught at the next separator.
        try withReader(#"{"a":1}"#) { reader in
            #expect(throws: JSONParseError.self) { try reader.readObject { _, _ in } }
        }
        // A lone surrogate in a key is rejected.
        try withReader(#"{"\udc00":1}"#) { reader in
            #expect(throws: JSONParseError.self) { try reader.readObject { reader, _ in try reader.skipValue() } }
        }
        // Depth limits apply to the cursor too.
        try withReader("[]") { reader in
            #expect(throws: JSONParseError.self) { try reader.readArray(depth: 512) { _ in } }
        }
        let nested = Array("[[[]]]".utf8)
        try nested.withUnsafeBufferPointer { buffer in
            var reader = JSONReader(bytes: buffer, maxDepth: 2)
            #expect(throws: JSONParseError.self) { try reader.skipValue() }
            reader.position = 1
            try reader.skipValue(depth: 0)
            #expect(reader.position == 5)
        }
    }

    @Test func parseValueMidDocumentAndExpect() throws {
        try withReader(#"  {"k": [1, "two"]}  tail"#) { reader in
            #expect(reader.peek() == UInt8(ascii: "{"))
            let value = try reader.parseValue()
            #expect(identical(value, ["k": [1, "two"]]))
            #expect(reader.peek() == UInt8(ascii: "t"))
            #expect(throws: JSONParseError.self) { try reader.expect(UInt8(ascii: ","), "','") }
            #expect(reader.consume(UInt8(ascii: "x")) == false)
            #expect(reader.consume(UInt8(ascii: "t")) == true)
        }
        try withReader("[1, 2]") { reader in
            reader.position = 1
            #expect(try reader.readNumber() == .int(1))
            try reader.expect(UInt8(ascii: ","), "','")
            let (range, isInteger) = try reader.scanNumber()
            #expect(range == 4..<5 && isInteger)
            try reader.expect(UInt8(ascii: "]"), "']'")
            #expect(throws: JSONParseError.self) { try reader.expect(UInt8(ascii: "]"), "']'") }
        }
    }

    @Test func entryPointsAgree() throws {
        let text = #"{"a":[1,2.5,"\u00e9"]}"#
        let fromString = try JSON.parse(text)
        let fromBytes = try JSON.parse(Array(text.utf8))
        let fromBuffer = try Array(text.utf8).withUnsafeBufferPointer { try JSON.parse($0) }
        #expect(identical(fromString, fromBytes))
        #expect(identical(fromString, fromBuffer))
        #expect(JSON.string(fromString) == "{\"a\":[1,2.5,\"\u{E9}\"]}")
        // A sub-range of a larger buffer parses on its own.
        let framed = Array("xx[1]yy".utf8)
        let inner = try framed.withUnsafeBufferPointer { try JSON.parse(UnsafeBufferPointer(rebasing: $0[2..<5])) }
        #expect(identical(inner, [1]))
    }
}
