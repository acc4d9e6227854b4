import StatsCore
import Testing
@testable import StatsJSON

@Suite("Writer")
struct WriterTests {
    @Test func compactOutput() {
        let value: JSONValue = ["a": 1, "b": [true, nil, 2.5, "x"], "c": [:], "d": []]
        #expect(JSON.string(value) == #"{"a":1,"b":[true,null,2.5,"x"],"c":{},"d":[]}"#)
        #expect(JSON.string(.null) == "null")
        #expect(JSON.string(true) == "true")
        #expect(JSON.string(false) == "false")
        #expect(JSON.string([[[]]]) == "[[[]]]")
        #expect(JSON.bytes(["k": "v"]) == Array(#"{"k":"v"}"#.utf8))
    }

    @Test func reformatsParsedInputCompactly() throws {
        let text = "{\n  \"a\" : [ 1 , 2.50 , -0 ],\r\n\t\"b\" : { \"c\" : null } , \"e\": 1E2 }"
        #expect(JSON.string(try parse(text)) == #"{"a":[1,2.5,0],"b":{"c":null},"e":100.0}"#)
    }

    @Test func integers() {
        #expect(JSON.string(.int(0)) == "0")
        #expect(JSON.string(.int(7)) == "7")
        #expect(JSON.string(.int(-1)) == "-1")
        #expect(JSON.string(.int(10)) == "10")
        #expect(JSON.string(.int(-1_000_000)) == "-1000000")
        #expect(JSON.string(.int(.max)) == "9223372036854775807")
        #expect(JSON.string(.int(.min)) == "-9223372036854775808")
        var rng = SplitMix64(seed: 42)
        for _ in 0..<1000 {
            let i = Int64(bitPattern: rng.next()) >> Int64.random(in: 0...63, using: &rng)
            #expect(JSON.string(.int(i)) == String(i))
        }
    }

    @Test func doubles() {
        #expect(JSON.string(.double(40)) == "40.0")
        #expect(JSON.string(.double(-40)) == "-40.0")
        #expect(JSON.string(.double(1)) == "1.0")
        #expect(JSON.string(.double(2.5)) == "2.5")
        #expect(JSON.string(.double(-2.5)) == "-2.5")
        #expect(JSON.string(.double(0.1)) == "0.1")
        #expect(JSON.string(.double(0)) == "0.0")
        #expect(JSON.string(.double(-0.0)) == "0.0")
        #expect(JSON.string(.double(.nan)) == "null")
        #expect(JSON.string(.double(.signalingNaN)) == "null")
        #expect(JSON.string(.double(.infinity)) == "null")
        #expect(JSON.string(.double(-.infinity)) == "null")
        #expect(JSON.string(.double(999_999_999_999_999)) == "999999999999999.0")
        #expect(JSON.string(.double(123_456_789_012.0)) == "123456789012.0")
        #expect(JSON.string(.double(5e-324)) == "5e-324")
        #expect(JSON.string([.double(.nan), 1]) == "[null,1]")
    }

    @Test func largeAndSmallDoublesAreValidJSONAndExact() throws {
        for d in [1e20, -1e20, 1e15, 1e16, 1e21, 1e22, 1e300, 1.7976931348623157e308, 2.5e-5, 1e-7, 5e-324,
                  2.2250738585072014e-308, 123456.789e10, 0.30000000000000004, 9_007_199_254_740_993.0, 3.141592653589793]
        {
            let text = JSON.string(.double(d))
            let back = try parse(text)
            guard case let .double(e) = back else {
                Issue.record("\(text) did not read back as a double")
                continue
            }
            #expect(e == d, "\(text)")
            #expect(e.bitPattern == d.bitPattern, "\(text)")
        }
        let e20 = JSON.string(.double(1e20))
        #expect(e20 == "1e+20")
        #expect(try parse(e20) == .double(1e20))
    }

    @Test func stringEscapes() {
        #expect(JSON.string(.string("a\"b")) == #""a\"b""#)
        #expect(JSON.string(.string("a\\b")) == #""a\\b""#)
        #expect(JSON.string(.string("a\nb")) == #""a\nb""#)
        #expect(JSON.string(.string("\r\t\u{8}\u{C}")) == #""\r\t\b\f""#)
        #expect(JSON.string(.string("\u{0}")) == #""\u0000""#)
        #expect(JSON.string(.string("\u{1}\u{1F}\u{B}")) == #""\u0001\u001f\u000b""#)
        #expect(JSON.string(.string("\u{7F}")) == "\"\u{7F}\"")
        #expect(JSON.string(.string("a/b</script>")) == #""a/b</script>""#)
        #expect(JSON.string(.string("x\u{2028}y\u{2029}z")) == #""x\u2028y\u2029z""#)
        #expect(JSON.string(.string("\u{2027}\u{202A}")) == "\"\u{2027}\u{202A}\"")
        #expect(JSON.string(.string("\u{1F680}")) == "\"\u{1F680}\"")
        #expect(JSON.bytes(.string("\u{1F680}")) == [0x22, 0xF0, 0x9F, 0x9A, 0x80, 0x22])
        #expect(JSON.string(.string("caf\u{E9} cafe\u{301}")) == "\"caf\u{E9} cafe\u{301}\"")
        #expect(JSON.string(.string("")) == #""""#)
        #expect(JSON.string(.string("plain text")) == #""plain text""#)
        #expect(JSON.string(.string("\"\"\\\\")) == #""\"\"\\\\""#)
        #expect(JSON.string(.string("\u{2028}")) == #""\u2028""#)
    }

    @Test func everyControlCharacterIsEscaped() throws {
        for scalar in 0..<0x20 {
            let s = String(UnicodeScalar(UInt8(scalar)))
            let written = JSON.bytes(.string(s))
            #expect(written.allSatisfy { $0 >= 0x20 }, "U+\(scalar)")
            #expect(try JSON.parse(written) == .string(s))
        }
    }

    @Test func keysAreEscapedAndOrderIsKept() {
        var object = JSONObject()
        object["z"] = 1
        object["a\"b"] = 2
        object["\n"] = 3
        object["\u{2028}"] = 4
        #expect(JSON.string(.object(object)) == #"{"z":1,"a\"b":2,"\n":3,"\u2028":4}"#)
    }

    @Test func writerAPIDirectly() {
        var writer = JSONWriter(capacity: 4)
        writer.write(["a": [1, 2]])
        writer.writeRaw(",")
        writer.writeRawBytes(Array("7".utf8))
        writer.writeInt(-12)
        writer.writeDouble(0.5)
        writer.writeString("q")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":[1,2]},7-120.5"q""#)
    }
}

@Suite("Round trip")
struct RoundTripTests {
    struct Generator {
        var rng: SplitMix64

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

        mutating func scalar() -> Unicode.Scalar {
            switch int(0...9) {
            case 0, 1, 2: return Unicode.Scalar(UInt8(int(0x20...0x7E)))
            case 3: return Unicode.Scalar(UInt8(int(0x00...0x1F)))
            case 4: return ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "\u{301}", "\u{FEFF}"][int(0...7)]
            case 5: return Unicode.Scalar(UInt32(int(0x80...0x7FF)))!
            case 6:
                var v = int(0x800...0xFFFF)
                if (0xD800...0xDFFF).contains(v) { v -= 0x800 }
                return Unicode.Scalar(UInt32(v))!
            case 7: return Unicode.Scalar(UInt32(int(0x10000...0x10FFFF)))!
            case 8: return ["\u{1F680}", "\u{1F600}", "\u{E9}", "\u{4E2D}", "\u{10FFFF}", "\u{FFFF}"][int(0...5)]
            default: return Unicode.Scalar(UInt8(int(0x61...0x7A)))
            }
        }

        mutating func string() -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<int(0...12) { s.append(scalar()) }
            return String(s)
        }

        mutating func int64() -> Int64 {
            switch int(0...6) {
            case 0: return .max
            case 1: return .min
            case 2: return Int64(int(-1...1))
            case 3: return Int64(bitPattern: rng.next())
            case 4: return Int64(int(-1_000_000...1_000_000))
            case 5: return (1 << 53) + Int64(int(-3...3))
            default: return Int64(bitPattern: rng.next()) >> Int64(int(1...62))
            }
        }

        mutating func double() -> Double {
            switch int(0...6) {
            case 0:
                let specials: [Double] = [0, -0.0, 1e20, -1e20, 1e15, 1e-7, 5e-324, .greatestFiniteMagnitude,
                                          -.greatestFiniteMagnitude, .leastNormalMagnitude, 0.1, 2.5, 40, 0.30000000000000004,
                                          9_223_372_036_854_775_808.0, 1e300]
                return specials[int(0...specials.count - 1)]
            case 1:
                while true {
                    let d = Double(bitPattern: rng.next())
                    if d.isFinite { return d }
                }
            case 2: return Double(int(-1_000_000...1_000_000)) / 100
            case 3: return Double(int(-(1 << 53)...(1 << 53)))
            case 4: return Double.random(in: -1...1, using: &rng)
            case 5: return Double.random(in: -1e6...1e6, using: &rng)
            default: return Double(int(-1000...1000)) * 1e18
            }
        }

        mutating func value(depth: Int) -> JSONValue {
            let kinds = depth >= 5 ? 5 : 7
            switch int(0...kinds) {
            case 0: return .null
            case 1: return .bool(int(0...1) == 1)
            case 2: return .int(int64())
            case 3: return .double(double())
            case 4, 5: return .string(string())
            case 6:
                return .array((0..<int(0...6)).map { _ in value(depth: depth + 1) })
            default:
                var object = JSONObject()
                for _ in 0..<int(0...6) {
                    let key = int(0...3) == 0 ? ["id", "name", "caf\u{E9}", "cafe\u{301}"][int(0...3)] : string()
                    object[key] = value(depth: depth + 1)
                }
                return .object(object)
            }
        }
    }

    @Test("parse(write(v)) == v for pseudo-random values", arguments: [1, 2, 3, 0xDEAD_BEEF] as [UInt64])
    func randomRoundTrip(seed: UInt64) throws {
        var generator = Generator(rng: SplitMix64(seed: seed))
        for i in 0..<100 {
            let value = generator.value(depth: 0)
            let bytes = JSON.bytes(value)
            #expect(!bytes.contains(0x0A) && !bytes.contains(0x0D), "not single-line: seed \(seed) #\(i)")
            let parsed = try JSON.parse(bytes)
            #expect(parsed == value, "seed \(seed) #\(i): \(JSON.string(value))")
            #expect(identical(parsed, value), "seed \(seed) #\(i): \(JSON.string(value))")
            #expect(JSON.bytes(parsed) == bytes, "seed \(seed) #\(i): writing is not stable")
            try skipValidate(bytes)
        }
    }

    @Test func extremeValuesRoundTrip() throws {
        let value: JSONValue = [
            "ints": [.int(.max), .int(.min), 0, -1, .int(9_007_199_254_740_993)],
            "doubles": [.double(.greatestFiniteMagnitude), .double(-.greatestFiniteMagnitude), .double(5e-324), 40.0, 1e20, -0.0],
            "strings": ["", "\u{0}", "\u{1F680}", "\u{2028}\u{2029}", "\\\"/", "caf\u{E9}", "cafe\u{301}", "\u{10FFFF}"],
            "nested": [[[["deep": [[], [:]]]]]],
        ]
        let parsed = try JSON.parse(JSON.bytes(value))
        #expect(identical(parsed, value))
    }
}

/// `.raw` holds pre-serialized JSON: written verbatim, and equal to / read like the value it spells.
@Suite struct RawJSONTests {
    @Test func rawIsWrittenVerbatimAndBehavesLikeItsValue() throws {
        let tree: JSONValue = ["a": [1, "x"], "b": nil]
        let raw = JSONValue.raw(RawJSON(JSON.bytes(tree)))
        #expect(JSON.string(["k": raw]) == #"{"k":{"a":[1,"x"],"b":null}}"#)
        #expect(raw == tree)
        #expect(tree == raw)
        #expect(raw["a"]?.arrayValue?.count == 2)
        #expect(raw.objectValue?.keys == ["a", "b"])
        #expect(raw.typeName == "object")
        #expect(JSONValue.raw(RawJSON(Array("7".utf8))).integerValue == 7)
        #expect(raw != JSONValue.raw(RawJSON(Array("[]".utf8))))
    }
}
