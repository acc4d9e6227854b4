import StatsCore
import Foundation
import Testing

@testable import StatsCore

/// Issue 17 #2: NFC folding in linear time, equal to Foundation's NFC of the whole string.
@Suite("text folding is linear (issue 17)")
struct TextMatchFoldingTests {
    @Test func chunkedNFCEqualsWholeStringNFC() {
        var rng = CoreSeededGenerator(seed: 17)
        let pieces = ["e", "\u{301}", "\u{308}", "A", "Ω", "\u{1100}", "\u{1161}", "\u{11A8}", "ﬁ", "İ", "ß", " ", "\u{327}", "o",
                      "\u{0B47}", "\u{0B3E}", "\u{0CC6}", "\u{0CC2}", "\r", "\n", "👍", "\u{1F3FD}", "\u{200D}"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...400, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(TextMatch.nfc(text) == text.precomposedStringWithCanonicalMapping, "\(Array(text.unicodeScalars.map(\.value)))")
        }
    }

    @Test func longCombiningQueryFoldsToPrecomposedLowercase() {
        // 400,000 × "E\u{301}" (1.2 MB): about 7 s before (quadratic), a fraction of a second now.
        let big = String(repeating: "E\u{301}", count: 400_000)
        #expect(TextMatch.folded(big) == String(repeating: "é", count: 400_000))
    }
}

/// The seeded generator of these tests (StatsCore.SplitMix64).
typealias CoreSeededGenerator = SplitMix64
