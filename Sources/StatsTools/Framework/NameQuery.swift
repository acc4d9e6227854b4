import StatsCore

/// SPEC §11 "case-insensitive substring" of a name: `TextMatch` folding (NFC, then Unicode lower-case)
/// of both sides and a plain substring test; an empty query matches every name, even a null one.
/// An ASCII name is matched in place (its folded form is its ASCII lower-case), without building
/// the folded copy.
struct NameQuery {
    let folded: String
    private let bytes: [UInt8]

    init(_ query: String) {
        folded = TextMatch.folded(query)
        bytes = Array(folded.utf8)
    }

    var isEmpty: Bool { bytes.isEmpty }

    func matches(_ name: String?) -> Bool {
        if bytes.isEmpty { return true }
        guard var text = name else { return false }
        let ascii: Bool? = text.withUTF8 { h in
            var hasNonASCII = false
            for byte in h where byte >= 0x80 {
                hasNonASCII = true
                break
            }
            if hasNonASCII { return nil }
            guard bytes.count <= h.count else { return false }
            @inline(__always) func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
            var i = 0
            while i + bytes.count <= h.count {
                var j = 0
                while j < bytes.count, lower(h[i + j]) == bytes[j] { j += 1 }
                if j == bytes.count { return true }
                i += 1
            }
            return false
        }
        return ascii ?? TextMatch.contains(text, folded: folded)
    }
}
