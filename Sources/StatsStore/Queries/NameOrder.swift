import Foundation

/// Precomputed sort keys for SPEC §11 "ordered by name": code-point order of the NFC forms
/// (exactly Swift's `String <`, which `TextMatch.nameLess` uses), null names last.
///
/// `String <` normalizes non-ASCII strings on every comparison; sorting hundreds of campaigns that
/// way costs milliseconds. A key is the UTF-8 of the name's NFC form, computed once per element
/// (UTF-8 byte order is code-point order), so the sort compares plain bytes.
public struct NameKey: Comparable, Sendable {
    /// nil for a null name.
    public let bytes: [UInt8]?

    public init(_ name: String?) {
        guard let name else {
            bytes = nil
            return
        }
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            bytes = Array(name.utf8)
        } else {
            bytes = Array(name.precomposedStringWithCanonicalMapping.utf8)
        }
    }

    /// Null names sort after every name; two nulls are equal.
    public static func < (a: NameKey, b: NameKey) -> Bool {
        switch (a.bytes, b.bytes) {
        case let (x?, y?): return x.lexicographicallyPrecedes(y)
        case (.some, nil): return true
        default: return false
        }
    }

    public static func == (a: NameKey, b: NameKey) -> Bool { a.bytes == b.bytes }
}
