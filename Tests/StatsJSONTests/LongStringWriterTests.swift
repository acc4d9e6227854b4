import Testing

@testable import StatsJSON

/// Strings of 512 bytes or more take the one-pass scratch-buffer path of the writer; it must write
/// exactly what the short path writes.
@Suite struct LongStringWriterTests {
    /// A short string's escaped body (without the quotes), written by the short path.
    func shortBody(_ s: String) -> String {
        let text = JSON.string(.string(s))
        return String(text.dropFirst().dropLast())
    }

    @Test(arguments: [
        "plain ascii ", "quote \" backslash \\ ", "newline\n tab\t cr\r ", "bell \u{07} nul \u{00} esc \u{1B} ",
        "line sep \u{2028} para sep \u{2029} ", "é ü ñ 李 🚀 ", "\u{E2}x€ ", "{\"a\":[1,2,\"b\"]}",
    ])
    func longStringsMatchTheShortPath(_ piece: String) throws {
        let repeats = 600 / piece.utf8.count + 2
        let long = String(repeating: piece, count: repeats)
        #expect(long.utf8.count >= 512)
        let written = JSON.string(.string(long))
        #expect(written == "\"" + String(repeating: shortBody(piece), count: repeats) + "\"")
        #expect(try JSON.parse(written) == .string(long))
        #expect(!written.contains("\n"))
    }

    @Test func stringsAtTheThresholdRoundTrip() throws {
        for length in [510, 511, 512, 513] {
            let s = String(repeating: "\"", count: length)
            #expect(try JSON.parse(JSON.string(.string(s))) == .string(s))
        }
    }
}
