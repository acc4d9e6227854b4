import Foundation

/// Name matching and ordering rules of SPEC §11.
public enum TextMatch {
    /// The folded form used for case-insensitive substring tests: NFC
    /// (`precomposedStringWithCanonicalMapping`) then `lowercased()` (Unicode default mapping).
    /// ASCII-only strings take a fast path with the same result.
    public static func folded(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            guard s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return s }
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return nfc(s).lowercased()
    }

    /// Foundation's `precomposedStringWithCanonicalMapping` costs time quadratic in the length of its
    /// input on Linux (400,000 × "e\u{301}": 7 s; issue 17 #2). NFC never composes across a
    /// grapheme-cluster boundary, so normalising the text in pieces of at most `nfcChunk` clusters and
    /// joining the results gives the same string in linear time (a single cluster is one piece).
    static let nfcChunk = 64

    static func nfc(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var start = s.startIndex
        while start < s.endIndex {
            let end = s.index(start, offsetBy: nfcChunk, limitedBy: s.endIndex) ?? s.endIndex
            out += String(s[start..<end]).precomposedStringWithCanonicalMapping
            start = end
        }
        return out
    }

    /// Whether `folded(haystack)` contains `needle` (already folded) as a plain substring of
    /// code points (compared on UTF-8 bytes, no grapheme or locale rules). An empty needle matches.
    public static func contains(_ haystack: String, folded needle: String) -> Bool {
        if needle.isEmpty { return true }
        let h = Array(folded(haystack).utf8), n = Array(needle.utf8)
        guard n.count <= h.count else { return false }
        let first = n[0]
        var i = 0
        let last = h.count - n.count
        while i <= last {
            if h[i] == first {
                var j = 1
                while j < n.count, h[i + j] == n[j] { j += 1 }
                if j == n.count { return true }
            }
            i += 1
        }
        return false
    }

    /// SPEC §11 name order: Swift `String <` (code-point order of the NFC forms, case-sensitive,
    /// no locale); `nil` sorts after every non-nil name; two `nil`s are equal.
    @inlinable
    public static func nameLess(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case let (x?, y?): return x < y
        case (.some, nil): return true
        default: return false
        }
    }
}
