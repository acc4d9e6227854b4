import StatsCore
import Testing
@testable import StatsJSON

@Suite("Numbers")
struct NumberTests {
    @Test func integersBeyondDoublePrecisionStayExact() throws {
        let value = try parse("9007199254740993")
        #expect(value.strictIntValue == 9_007_199_254_740_993)
        guard case .int(9_007_199_254_740_993) = value else {
            Issue.record("expected .int, got \(value)")
            return
        }
        // The Double nearest to it is ...992: an exact reader must not go through Double.
        #expect(value != .double(9_007_199_254_740_992))
        #expect(JSON.string(value) == "9007199254740993")
        let inArray = try parse("[9007199254740993, -9007199254740993]")
        #expect(inArray.arrayValue?.map(\.strictIntValue) == [9_007_199_254_740_993, -9_007_199_254_740_993])
    }

    @Test func int64BoundsAreInts() throws {
        #expect(identical(try parse("9223372036854775807"), .int(.max)))
        #expect(identical(try parse("-9223372036854775808"), .int(.min)))
        #expect(identical(try parse("-9223372036854775807"), .int(.min + 1)))
        #expect(JSON.string(.int(.max)) == "9223372036854775807")
        #expect(JSON.string(.int(.min)) == "-9223372036854775808")
    }

    @Test func beyondInt64BecomesDouble() throws {
        let above = try parse("9223372036854775808")
        guard case let .double(d) = above else {
            Issue.record("expected .double, got \(above)")
            return
        }
        #expect(d == 9_223_372_036_854_775_808.0)
        #expect(above.integerValue == nil)  // 2^63 does not fit
        #expect(above.strictIntValue == nil)

        let below = try parse("-9223372036854775809")
        guard case let .double(e) = below else {
            Issue.record("expected .double, got \(below)")
            return
        }
        #expect(e == -9_223_372_036_854_775_808.0)
        #expect(below.integerValue == .min)  // rounds to -2^63, which fits

        let huge = try parse("123456789012345678901234567890")
        #expect(identical(huge, .double(123_456_789_012_345_678_901_234_567_890.0)))
    }

    @Test func fractionOrExponentMakesADouble() throws {
        #expect(identical(try parse("1.0"), .double(1.0)))
        #expect(identical(try parse("1e2"), .double(100)))
        #expect(identical(try parse("1E2"), .double(100)))
        #expect(identical(try parse("1e+2"), .double(100)))
        #expect(identical(try parse("100e-2"), .double(1)))
        #expect(identical(try parse("0.0"), .double(0)))
        #expect(identical(try parse("0e0"), .double(0)))
        #expect(identical(try parse("2.5"), .double(2.5)))
        #expect(identical(try parse("-2.5E-3"), .double(-0.0025)))
        #expect(try parse("0.1") == .double(0.1))
        #expect(try parse("1.7976931348623157e308") == .double(.greatestFiniteMagnitude))
        #expect(try parse("5e-324") == .double(.leastNonzeroMagnitude))
        #expect(try parse("2.2250738585072014e-308") == .double(.leastNormalMagnitude))
    }

    @Test func negativeZero() throws {
        let intZero = try parse("-0")
        #expect(identical(intZero, .int(0)))
        #expect(JSON.string(intZero) == "0")
        let doubleZero = try parse("-0.0")
        guard case let .double(d) = doubleZero else {
            Issue.record("expected .double")
            return
        }
        #expect(d == 0)
        #expect(JSON.string(doubleZero) == "0.0")
    }

    @Test func integerValue() throws {
        #expect(try parse("34.0").integerValue == 34)
        #expect(try parse("34.0").strictIntValue == nil)
        #expect(try parse("34").integerValue == 34)
        #expect(try parse("-34.000").integerValue == -34)
        #expect(try parse("1e2").integerValue == 100)
        #expect(try parse("34.5").integerValue == nil)
        #expect(try parse("1e19").integerValue == nil)
        #expect(try parse("\"34\"").integerValue == nil)
        #expect(try parse("null").integerValue == nil)
        #expect(try parse("true").integerValue == nil)
    }

    @Test func outOfRangeIsRejected() {
        for text in ["1e400", "-1e400", "1.8e308", "-1.8e308", "1e309", "[1e400]", #"{"a":1e400}"#, "9" + String(repeating: "9", count: 309)] {
            let error = parseError(text)
            #expect(error != nil, "\(text) was accepted")
            #expect(throws: JSONParseError.self, "\(text) accepted by skipValue") { try skipValidate(Array(text.utf8)) }
        }
        #expect(parseError("1e400")?.message.contains("range") == true)
        #expect(parseError(#"{"a":1e400}"#)?.offset == 5)
    }

    @Test func largeButFiniteNumbersAreAcceptedByBothPaths() throws {
        for text in ["1e308", "1.7976931348623157e308", "-1.7976931348623157e308", "9" + String(repeating: "9", count: 300),
                     "0.000001e308", "1000e305", "0." + String(repeating: "0", count: 400) + "1e400", "1e-400", "123e-10000000",
                     "0e99999999999999999999"]
        {
            let value = try JSON.parse(text)
            if case let .double(d) = value { #expect(d.isFinite) } else { Issue.record("\(text) is not a double") }
            try skipValidate(Array(text.utf8))
        }
        #expect(try parse("1e-400") == .double(0))
        #expect(try parse("123e-10000000") == .double(0))
    }

    @Test func equalityBetweenIntAndDouble() {
        #expect(JSONValue.int(5) == .double(5.0))
        #expect(JSONValue.double(5.0) == .int(5))
        #expect(JSONValue.int(5) != .double(5.5))
        #expect(JSONValue.int(.max) != .double(9_223_372_036_854_775_808.0))
        #expect(JSONValue.int(9_007_199_254_740_993) != .double(9_007_199_254_740_992))
        #expect(JSONValue.int(0) == .double(-0.0))
        #expect(JSONValue.double(.nan) != .double(.nan))
    }

    @Test func typeNames() throws {
        #expect(try parse("1").typeName == "integer")
        #expect(try parse("1.0").typeName == "number")
        #expect(try parse("\"\"").typeName == "string")
        #expect(try parse("true").typeName == "boolean")
        #expect(try parse("null").typeName == "null")
        #expect(try parse("[]").typeName == "array")
        #expect(try parse("{}").typeName == "object")
    }

    @Test("Integer literals of every length parse exactly", arguments: 1...19)
    func integerLiteralsOfEveryLength(_ digits: Int) throws {
        var rng = SplitMix64(seed: UInt64(digits) &* 7919)
        for _ in 0..<50 {
            var text = String(Int.random(in: 1...9, using: &rng))
            for _ in 1..<digits { text += String(Int.random(in: 0...9, using: &rng)) }
            let expected = Int64(text)
            for sign in ["", "-"] {
                let value = try parse(sign + text)
                if let expected {
                    #expect(identical(value, .int(sign.isEmpty ? expected : -expected)), "\(sign)\(text)")
                } else {
                    if case .double = value {} else { Issue.record("\(sign)\(text) should be a double") }
                }
            }
        }
    }
}
