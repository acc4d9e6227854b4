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

    public mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = string
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
