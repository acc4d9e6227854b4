/// A UUID as two 64-bit halves: compact, hashable, case-insensitive by construction.
public struct UUID128: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the 8-4-4-4-12 hex form (either case). Version and variant nibbles are not checked here:
    /// arguments are validated against SPEC §1 before lookup; store ids only need to be well-formed.
    public init?(_ text: String) {
        var copy = text
        guard let value = copy.withUTF8({ UUID128(utf8: $0) }) else { return nil }
        self = value
    }

    public init?(utf8 b: UnsafeBufferPointer<UInt8>) {
        guard b.count == 36, b[8] == 0x2D, b[13] == 0x2D, b[18] == 0x2D, b[23] == 0x2D else { return nil }
        @inline(__always) func nibble(_ c: UInt8) -> UInt64? {
            let digit = c &- 0x30
            if digit < 10 { return UInt64(digit) }
            let letter = (c | 0x20) &- 0x61
            return letter < 6 ? UInt64(letter) + 10 : nil
        }
        @inline(__always) func group(_ range: Range<Int>, into value: inout UInt64) -> Bool {
            for i in range {
                guard let v = nibble(b[i]) else { return false }
                value = value << 4 | v
            }
            return true
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        guard group(0..<8, into: &high), group(9..<13, into: &high), group(14..<18, into: &high),
            group(19..<23, into: &low), group(24..<36, into: &low)
        else { return nil }
        self.high = high
        self.low = low
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(high &* 0x9E37_79B9_7F4A_7C15 ^ low)
    }

    /// Lowercase canonical text.
    public var description: String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0x2D, count: 36)
        var k = 0
        for i in 0..<36 where i != 8 && i != 13 && i != 18 && i != 23 {
            let shift = UInt64(60 - 4 * (k % 16))
            let word = k < 16 ? high : low
            out[i] = hex[Int((word >> shift) & 0xF)]
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    public static func < (a: UUID128, b: UUID128) -> Bool { (a.high, a.low) < (b.high, b.low) }
}
