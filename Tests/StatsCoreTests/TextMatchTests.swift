import Testing
@testable import StatsCore

@Suite struct TextMatchTests {
    @Test func foldedASCII() {
        #expect(TextMatch.folded("Q2 Enterprise Outreach") == "q2 enterprise outreach")
        #expect(TextMatch.folded("already lower 123") == "already lower 123")
        #expect(TextMatch.folded("") == "")
        #expect(TextMatch.folded("@[`{AZ]") == "@[`{az]")
    }

    @Test func foldedUnicode() {
        #expect(TextMatch.folded("Caf\u{E9}") == "caf\u{E9}")
        // NFD input becomes NFC (precomposed) bytes.
        #expect(Array(TextMatch.folded("CAFE\u{301}").utf8) == Array("caf\u{E9}".utf8))
        #expect(TextMatch.folded("ÄÖÜ Straße") == "äöü straße")
        #expect(TextMatch.folded("ΣΟΦΙΑ") == "σοφια")
        #expect(TextMatch.folded("Ǆ") == "ǆ")
    }

    @Test func containsMatches() {
        let q = TextMatch.folded("ENTER")
        #expect(TextMatch.contains("Q2 Enterprise Outreach", folded: q))
        #expect(TextMatch.contains("Q2 Enterprise Outreach", folded: ""))           // empty query
        #expect(TextMatch.contains("", folded: ""))
        #expect(!TextMatch.contains("", folded: "a"))
        #expect(!TextMatch.contains("Q2 Outreach", folded: q))
        #expect(TextMatch.contains("Outreach", folded: "outreach"))                  // whole string
        #expect(TextMatch.contains("Outreach", folded: "h"))                          // last byte
        #expect(!TextMatch.contains("abc", folded: "abcd"))
        #expect(TextMatch.contains("aaab", folded: "aab"))                            // restart after partial match
    }

    @Test func containsNormalises() {
        // NFD haystack, NFC query and vice versa.
        #expect(TextMatch.contains("Cafe\u{301} Berlin", folded: TextMatch.folded("CAF\u{E9}")))
        #expect(TextMatch.contains("Caf\u{E9} Berlin", folded: TextMatch.folded("cafe\u{301}")))
        #expect(TextMatch.contains("MÜNCHEN", folded: TextMatch.folded("münchen")))
        #expect(!TextMatch.contains("Cafe Berlin", folded: TextMatch.folded("café")))
    }

    @Test func nameLessOrdering() {
        #expect(TextMatch.nameLess("Alpha", "Beta"))
        #expect(!TextMatch.nameLess("Beta", "Alpha"))
        #expect(TextMatch.nameLess("Zeta", "alpha"))          // case-sensitive: "Z" (0x5A) < "a" (0x61)
        #expect(TextMatch.nameLess("a", "ab"))
        #expect(TextMatch.nameLess("", "a"))
        #expect(TextMatch.nameLess("z", "\u{E9}"))            // code-point order, no locale
        #expect(TextMatch.nameLess("Zed", nil))               // nil after non-nil
        #expect(!TextMatch.nameLess(nil, "Zed"))
        #expect(!TextMatch.nameLess(nil, nil))
        #expect(!TextMatch.nameLess("same", "same"))
        // NFC/NFD spellings are equal (neither is less).
        #expect(!TextMatch.nameLess("caf\u{E9}", "cafe\u{301}"))
        #expect(!TextMatch.nameLess("cafe\u{301}", "caf\u{E9}"))
        #expect(!TextMatch.nameLess("cafe\u{301}", "caff"))    // compared as NFC: U+00E9 > "f"
        #expect(TextMatch.nameLess("caff", "cafe\u{301}"))
        let names: [String?] = [nil, "b", "B", nil, "a", "\u{C5}ngstr\u{F6}m"]
        let sorted = names.sorted(by: TextMatch.nameLess)
        #expect(sorted == ["B", "a", "b", "\u{C5}ngstr\u{F6}m", nil, nil])
    }
}
