#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// Identifier formats of SPEC §1, checked on UTF-8 bytes (any non-ASCII byte fails).
public enum Identifiers {
    /// Lowercase Crockford base32: `0-9 a-h j k m n p-t v-z` (no `i l o u`).
    @inline(__always)
    private static func isCrockford(_ c: UInt8) -> Bool {
        switch c {
        case 0x30...0x39, 0x61...0x68, 0x6A, 0x6B, 0x6D, 0x6E, 0x70...0x74, 0x76...0x7A: return true
        default: return false
        }
    }

    /// `^<prefix>_[0-7][0-9a-hjkmnp-tv-z]{25}$` exactly (a ULID in lowercase Crockford base32);
    /// `prefix` is `ws`, `cp` or `usr` and is compared byte for byte.
    public static func isPublicID(_ text: String, prefix: String) -> Bool {
        let p = prefix.utf8, t = text.utf8
        guard t.count == p.count + 27, t.starts(with: p) else { return false }
        var i = t.index(t.startIndex, offsetBy: p.count)
        guard t[i] == 0x5F else { return false }          // _
        i = t.index(after: i)
        guard t[i] >= 0x30, t[i] <= 0x37 else { return false }
        i = t.index(after: i)
        while i < t.endIndex {
            guard isCrockford(t[i]) else { return false }
            i = t.index(after: i)
        }
        return true
    }

    /// Hex digit value, or -1.
    @inline(__always)
    private static func hexValue(_ c: UInt8) -> Int {
        switch c {
        case 0x30...0x39: return Int(c - 0x30)
        case 0x61...0x66: return Int(c - 0x61 + 10)
        case 0x41...0x46: return Int(c - 0x41 + 10)
        default: return -1
        }
    }

    /// The UUID pattern of SPEC §1, case-insensitive: `8-4-4-4-12` hex digits with version 1–8
    /// (first digit of the third group) and variant `8 9 a b` (first digit of the fourth group),
    /// or the nil UUID (all zeros) or the max UUID (all `f`).
    public static func isUUID(_ text: String) -> Bool {
        let t = text.utf8
        guard t.count == 36 else { return false }
        var allZero = true, allF = true, version = 0, variant = 0
        var i = 0
        for c in t {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == 0x2D else { return false }
            } else {
                let v = hexValue(c)
                guard v >= 0 else { return false }
                allZero = allZero && v == 0
                allF = allF && v == 15
                if i == 14 { version = v } else if i == 19 { variant = v }
            }
            i += 1
        }
        return allZero || allF || ((1...8).contains(version) && (8...11).contains(variant))
    }

    /// The lowercase canonical form of `text` when ``isUUID(_:)`` holds, else `nil`.
    public static func canonicalUUID(_ text: String) -> String? {
        guard isUUID(text) else { return nil }
        var bytes = Array(text.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x46 { bytes[i] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Byte-wise equality of the UTF-8 forms (unlike `String ==`, which equates NFC and NFD).
    @inlinable
    public static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        var x = a
        var y = b
        return x.withUTF8 { p in y.withUTF8 { q in p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0 } }
    }
}
