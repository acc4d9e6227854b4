import Testing
@testable import StatsJSON

@Suite("Error locations")
struct ErrorLocationTests {
    func check(_ text: String, offset: Int, line: Int, column: Int, message: String? = nil,
               sourceLocation: SourceLocation = #_sourceLocation)
    {
        guard let error = parseError(text) else {
            Issue.record("\(text.debugDescription) was accepted", sourceLocation: sourceLocation)
            return
        }
        #expect(error.offset == offset, "offset", sourceLocation: sourceLocation)
        #expect(error.line == line, "line", sourceLocation: sourceLocation)
        #expect(error.column == column, "column", sourceLocation: sourceLocation)
        if let message { #expect(error.message.contains(message), "\(error.message)", sourceLocation: sourceLocation) }
        #expect(error.description == "\(error.message) at line \(line), column \(column)", sourceLocation: sourceLocation)
    }

    @Test func singleLine() {
        check(#"{"a":1,}"#, offset: 7, line: 1, column: 8, message: "string key")
        check("[1,]", offset: 3, line: 1, column: 4)
        check("{}x", offset: 2, line: 1, column: 3, message: "after the JSON value")
        check("{}{}", offset: 2, line: 1, column: 3)
        check("", offset: 0, line: 1, column: 1, message: "end of input")
        check("   ", offset: 3, line: 1, column: 4, message: "end of input")
        check("01", offset: 0, line: 1, column: 1, message: "leading zero")
        check("[1, 1.]", offset: 4, line: 1, column: 5)
        check("[tru]", offset: 1, line: 1, column: 2, message: "literal")
        check("\"abc", offset: 4, line: 1, column: 5, message: "unterminated")
        check(#"["a\x"]"#, offset: 3, line: 1, column: 4, message: "escape")
        check("[\"a\u{1}\"]", offset: 3, line: 1, column: 4, message: "control")
        check(#"{"a" 1}"#, offset: 5, line: 1, column: 6, message: "':'")
        check("[1 2]", offset: 3, line: 1, column: 4, message: "','")
    }

    @Test func multiLine() {
        check("[1,\n  2,\n  x]", offset: 11, line: 3, column: 3)
        check("{\n  \"a\": 1,\n  \"b\": [true,\n    nul]\n}", offset: 30, line: 4, column: 5)
        check("[\n1,\n", offset: 5, line: 3, column: 1, message: "end of input")
        check("{\r\n\"a\": ?}", offset: 8, line: 2, column: 6)
        check("\n\n\n{}x", offset: 5, line: 4, column: 3)
        // A newline inside a string is itself the error, reported where it is.
        check("[\"ab\ncd\"]", offset: 4, line: 1, column: 5, message: "control")
    }

    @Test func multibyteCharactersCountAsOneColumn() {
        check("[\"\u{E9}\", x]", offset: 7, line: 1, column: 7)
        check("[\"\u{1F680}\u{1F680}\",tru]", offset: 12, line: 1, column: 7)
        check("[\"\u{20AC}\"]x", offset: 7, line: 1, column: 6)
        check("{\"\u{E9}t\u{E9}\":\n  \"\u{1F680}\", ?}", offset: 20, line: 2, column: 8)
        // Combining mark: two scalars, two columns.
        check("[\"e\u{301}\" x]", offset: 7, line: 1, column: 7)
    }

    @Test func invalidUTF8IsReportedAtTheBadByte() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC0, 0x80] + Array("\"]".utf8)
        let error = parseError(bytes: bytes)
        #expect(error?.offset == 4)
        #expect(error?.column == 5)
        #expect(error?.message.contains("UTF-8") == true)

        let truncated: [UInt8] = Array("\n[\"\u{E9}".utf8) + [0xE2, 0x82] + Array("\"]".utf8)
        let e2 = parseError(bytes: truncated)
        #expect(e2?.offset == 5)
        #expect(e2?.line == 2)
        #expect(e2?.column == 4)
    }

    @Test func deepNestingAndRangeErrors() {
        check(#"{"n": 1e400}"#, offset: 6, line: 1, column: 7, message: "range")
        check(#"["\ud800"]"#, offset: 2, line: 1, column: 3, message: "surrogate")
        let deep = String(repeating: "[", count: 600)
        check(deep, offset: 512, line: 1, column: 513, message: "nesting")
    }

    @Test func readerErrorHelperClampsAndCounts() {
        let text = Array("ab\ncd\u{E9}f".utf8)
        text.withUnsafeBufferPointer { buffer in
            let reader = JSONReader(bytes: buffer)
            let atF = reader.error("x", at: 7)
            #expect(atF.line == 2 && atF.column == 4 && atF.offset == 7)
            let past = reader.error("x", at: 1000)
            #expect(past.offset == text.count && past.line == 2 && past.column == 5)
            let start = reader.error("x")
            #expect(start.offset == 0 && start.line == 1 && start.column == 1)
        }
    }
}
