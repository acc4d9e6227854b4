/// Writes compact, single-line JSON into a byte buffer.
///
/// Strings escape `"`, `\`, control characters and U+2028/U+2029 (so a line never breaks in a
/// JavaScript reader); `/` is not escaped. Doubles with a zero fraction keep one (`40.0`); non-finite
/// doubles become `null`; `-0.0` is written `0.0`.
public struct JSONWriter {
    public var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: writeRaw("null")
        case let .raw(raw): bytes.append(contentsOf: raw.bytes)
        case let .bool(b): writeRaw(b ? "true" : "false")
        case let .int(i): writeInt(i)
        case let .double(d): writeDouble(d)
        case let .string(s): writeString(s)
        case let .array(a):
            bytes.append(UInt8(ascii: "["))
            var first = true
            for element in a {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case let .object(o):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for member in o.members {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(member.key)
                bytes.append(UInt8(ascii: ":"))
                write(member.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    @inline(__always)
    public mutating func writeRaw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func writeRawBytes<C: Collection>(_ raw: C) where C.Element == UInt8 {
        bytes.append(contentsOf: raw)
    }

    public mutating func writeInt(_ value: Int64) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    public mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            writeRaw("null")
            return
        }
        if value == 0 {
            writeRaw("0.0")
            return
        }
        if value.rounded() == value, abs(value) < 1e15 {
            writeInt(Int64(value))
            writeRaw(".0")
            return
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The JSON string literal (quotes included) of valid UTF-8 bytes, e.g. a serialized result that
    /// becomes a text block, without decoding them into a `String` first.
    public static func stringLiteral(utf8 bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { escapedLiteral($0) }
    }

    /// A long string (e.g. a tool result's JSON as `content[0].text`, full of quotes): escaped in one
    /// pass into a scratch buffer of the worst-case size, then appended with one copy.
    private mutating func writeLongString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: Self.escapedLiteral(utf8))
    }

    /// `"…"` with every byte that JSON (or a JavaScript line reader) needs escaped, in one pass.
    private static func escapedLiteral(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let n = utf8.count
        let hex: (UInt8) -> UInt8 = { $0 < 10 ? $0 + 0x30 : $0 + 0x57 }
        let escaped = [UInt8](unsafeUninitializedCapacity: n * 6 + 2) { out, count in
            var o = 0
            out[o] = 0x22
            o += 1
            var i = 0
            while i < n {
                let b = utf8[i]
                i += 1
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                    out[o] = b
                    o += 1
                    continue
                }
                var short: UInt8 = 0
                var code: UInt16? = nil
                switch b {
                case 0x22: short = 0x22
                case 0x5C: short = 0x5C
                case 0x0A: short = UInt8(ascii: "n")
                case 0x0D: short = UInt8(ascii: "r")
                case 0x09: short = UInt8(ascii: "t")
                case 0x08: short = UInt8(ascii: "b")
                case 0x0C: short = UInt8(ascii: "f")
                case 0xE2:
                    if i + 1 < n, utf8[i] == 0x80, utf8[i + 1] == 0xA8 || utf8[i + 1] == 0xA9 {
                        code = utf8[i + 1] == 0xA8 ? 0x2028 : 0x2029
                        i += 2
                    } else {
                        out[o] = b
                        o += 1
                        continue
                    }
                default: code = UInt16(b)  // other control characters
                }
                out[o] = 0x5C
                o += 1
                if let code {
                    out[o] = UInt8(ascii: "u")
                    out[o + 1] = hex(UInt8(code >> 12 & 0xF))
                    out[o + 2] = hex(UInt8(code >> 8 & 0xF))
                    out[o + 3] = hex(UInt8(code >> 4 & 0xF))
                    out[o + 4] = hex(UInt8(code & 0xF))
                    o += 5
                } else {
                    out[o] = short
                    o += 1
                }
            }
            out[o] = 0x22
            count = o + 1
        }
        return escaped
    }

    public mutating func writeString(_ string: String) {
        var s = string
        if s.utf8.count >= 512 {
            s.withUTF8 { writeLongString($0) }
            return
        }
        bytes.append(UInt8(ascii: "\""))
        s.withUTF8 { utf8 in
            var runStart = 0
            var i = 0
            let n = utf8.count
            while i < n {
                let b = utf8[i]
                // Fast path: printable ASCII other than `"` and `\`, and UTF-8 bytes that cannot start
                // U+2028/U+2029 (lead byte 0xE2).
                if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0xE2 {
                    i += 1
                    continue
                }
                var escape: StaticString? = nil
                var unicodeEscape: UInt16? = nil
                var width = 1
                if b == UInt8(ascii: "\"") {
                    escape = "\\\""
                } else if b == UInt8(ascii: "\\") {
                    escape = "\\\\"
                } else if b < 0x20 {
                    switch b {
                    case 0x0A: escape = "\\n"
                    case 0x0D: escape = "\\r"
                    case 0x09: escape = "\\t"
                    case 0x08: escape = "\\b"
                    case 0x0C: escape = "\\f"
                    default: unicodeEscape = UInt16(b)
                    }
                } else if b == 0xE2, i + 2 < n, utf8[i + 1] == 0x80, utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9 {
                    unicodeEscape = utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029
                    width = 3
                }
                if escape == nil && unicodeEscape == nil {
                    i += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i]))
                if let escape {
                    writeRaw(escape)
                } else if let u = unicodeEscape {
                    writeRaw("\\u")
                    bytes.append(Self.hexDigits[Int(u >> 12) & 0xF])
                    bytes.append(Self.hexDigits[Int(u >> 8) & 0xF])
                    bytes.append(Self.hexDigits[Int(u >> 4) & 0xF])
                    bytes.append(Self.hexDigits[Int(u) & 0xF])
                }
                i += width
                runStart = i
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
