import Foundation

/// Precomputed sort keys for SPEC §11 "ordered by name": code-point order of the NFC forms
/// (exactly Swift's `String <`, which `TextMatch.nameLess` uses), null names last.
///
/// `String <` normalizes non-ASCII strings on every comparison; sorting hundreds of campaigns that
/// way costs milliseconds. A key holds the name's NFC form, normalized once, and compares UTF-8
/// bytes (UTF-8 byte order is code-point order); the first 8 bytes are kept as an integer so most
/// comparisons never touch the string.
public struct NameKey: Comparable, Sendable {
    /// The NFC form; nil for a null name.
    public let text: String?
    /// The first 8 UTF-8 bytes of `text`, big-endian, zero-padded.
    private let prefix: UInt64
    private let length: Int

    public init(_ name: String?) {
        guard let name else {
            text = nil
            prefix = 0
            length = 0
            return
        }
        let nfc = NameKey.isNFC(name) ? name : name.precomposedStringWithCanonicalMapping
        var p: UInt64 = 0
        var n = 0
        for byte in nfc.utf8 {
            if n < 8 { p |= UInt64(byte) << UInt64(56 - 8 * n) }
            n += 1
        }
        text = nfc
        prefix = p
        length = n
    }

    /// A sufficient check: every scalar is below U+0300 or an emoji/pictograph of U+1F000…U+1FAFF.
    /// None of those is changed by NFC, and none is the second element of a canonical composition,
    /// so such a string is already NFC.
    static func isNFC(_ s: String) -> Bool {
        for byte in s.utf8 where byte >= 0x80 {
            for scalar in s.unicodeScalars {
                let v = scalar.value
                if v >= 0x300 && !(0x1F000..<0x1FB00).contains(v) { return false }
            }
            return true
        }
        return true
    }

    /// Null names sort after every name; two nulls are equal.
    public static func < (a: NameKey, b: NameKey) -> Bool {
        guard let x = a.text else { return false }
        guard let y = b.text else { return true }
        if a.prefix != b.prefix { return a.prefix < b.prefix }
        if a.length <= 8 || b.length <= 8 { return a.length < b.length }
        return bytesLess(x, y)
    }

    public static func == (a: NameKey, b: NameKey) -> Bool {
        guard let x = a.text, let y = b.text else { return a.text == nil && b.text == nil }
        guard a.prefix == b.prefix, a.length == b.length else { return false }
        return a.length <= 8 || x.utf8.elementsEqual(y.utf8)
    }

    static func bytesLess(_ x: String, _ y: String) -> Bool {
        var x = x, y = y
        return x.withUTF8 { a in
            y.withUTF8 { b in
                let n = min(a.count, b.count)
                if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
                    let c = memcmp(pa, pb, n)
                    if c != 0 { return c < 0 }
                }
                return a.count < b.count
            }
        }
    }
}

/// Sorting by name without moving strings around: the sort permutes small trivial records and only
/// looks at the strings when two names share their first 8 bytes.
public enum NameOrder {
    private struct Record {
        var prefix: UInt64
        var length: Int
        var isNull: Bool
        var at: Int
    }

    /// `items` ordered by `name(item)` (SPEC §11: `String <`, null names last), ties by `tieLess`.
    public static func sorted<T>(_ items: [T], name: (T) -> String?, tieLess: (T, T) -> Bool) -> [T] {
        let keys = items.map { NameKey(name($0)) }
        var records = keys.indices.map { i in
            Record(prefix: keys[i].prefixValue, length: keys[i].lengthValue, isNull: keys[i].text == nil, at: i)
        }
        records.sort { a, b in
            if a.isNull != b.isNull { return b.isNull }
            if !a.isNull {
                if a.prefix != b.prefix { return a.prefix < b.prefix }
                if a.length > 8 && b.length > 8 {
                    if keys[a.at] != keys[b.at] { return keys[a.at] < keys[b.at] }
                } else if a.length != b.length {
                    return a.length < b.length
                }
            }
            return tieLess(items[a.at], items[b.at])
        }
        return records.map { items[$0.at] }
    }
}

extension NameKey {
    var prefixValue: UInt64 { prefix }
    var lengthValue: Int { length }
}
