import StatsCore
/// Deterministic pseudo-random numbers and identifiers for the demo generator.
/// Only integer arithmetic and IEEE basic operations are used, so the output is
/// byte-identical on every platform for the same (scale, seed).

/// The SplitMix64 finalizer (StatsCore.SplitMix64.mix).
@inline(__always)
func mix64(_ x: UInt64) -> UInt64 { SplitMix64.mix(x) }

/// xoshiro256** seeded through SplitMix64 from (seed, stream).
/// Separate streams keep the sections of the document independent of each other.
struct DemoRNG {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    init(seed: UInt64, stream: UInt64) {
        var x = seed ^ mix64(stream &+ 0x632B_E59B_D9B4_E019)
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            return mix64(x)
        }
        s0 = next(); s1 = next(); s2 = next(); s3 = next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in `0 ..< n` (n > 0), by the multiply-high method.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(n).multipliedFullWidth(by: next()).high)
    }

    /// Uniform in `lo ... hi`.
    @inline(__always)
    mutating func int(_ lo: Int, _ hi: Int) -> Int {
        lo + below(hi - lo + 1)
    }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// An index drawn with the given (non-negative) weights.
    mutating func pick(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var r = unit() * total
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }
}

/// Kinds of identifiers; each kind has its own serial space so ids never collide.
enum IDKind: UInt64 {
    case workspace = 1, user, campaign, prospect, alias, batch, call, keyFiller
}

/// Unique, seed-dependent identifiers. Every id embeds a bijective 64-bit mix of
/// (kind, index), so two different (kind, index) pairs can never give the same id.
struct IDFactory: Sendable {
    let key: UInt64

    init(seed: UInt64) { key = mix64(seed ^ 0x5DEE_CE66_D1CE_5EED) }

    @inline(__always)
    func serial(_ kind: IDKind, _ index: Int) -> UInt64 {
        mix64((kind.rawValue << 56 | UInt64(truncatingIfNeeded: index) & 0x00FF_FFFF_FFFF_FFFF) ^ key)
    }

    /// A version-4-shaped UUID as two 64-bit halves (already carrying version and variant bits).
    @inline(__always)
    func uuid(_ kind: IDKind, _ index: Int) -> (hi: UInt64, lo: UInt64) {
        let v = serial(kind, index)
        let r = mix64(v ^ 0xA076_1D64_78BD_642F)
        let hi = (v & 0xFFFF_FFFF_FFFF_0000) | 0x4000 | ((v >> 4) & 0x0FFF)
        let lo = 0x8000_0000_0000_0000 | ((r >> 2) & 0x3000_0000_0000_0000) | ((v & 0xF) << 56)
            | (r & 0x00FF_FFFF_FFFF_FFFF)
        return (hi, lo)
    }

    func uuidString(_ kind: IDKind, _ index: Int) -> String {
        let u = uuid(kind, index)
        return String(decoding: Hex.uuidBytes(u.hi, u.lo), as: UTF8.self)
    }

    /// A ULID (48-bit millisecond timestamp + 80 bits) as `prefix_` + 26 lowercase Crockford chars.
    func ulid(_ kind: IDKind, _ index: Int, prefix: String, unixSeconds: Int) -> String {
        let v = serial(kind, index)
        let r = mix64(v ^ 0xE703_7ED1_A0B4_28DB)
        let ms = UInt64(max(0, unixSeconds)) &* 1000 &+ (r >> 54)   // + 0…1023 ms
        let hi = (ms & 0xFFFF_FFFF_FFFF) << 16 | v >> 48
        let lo = v << 16 | (r & 0xFFFF)
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
        var out = Array(prefix.utf8)
        out.append(0x5F)
        for i in 0..<26 {
            let shift = 125 - 5 * i   // bit position of the group's lowest bit in 128 bits
            var value: UInt64
            if shift >= 64 {
                value = hi >> UInt64(shift - 64)
            } else if shift > 59 {
                value = (lo >> UInt64(shift)) | (hi << UInt64(64 - shift))
            } else {
                value = lo >> UInt64(shift)
            }
            value &= 31
            out.append(alphabet[Int(value)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The 36 bytes of a lowercase UUID string.
    static func uuidBytes(_ hi: UInt64, _ lo: UInt64) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 36)
        out.withUnsafeMutableBufferPointer { p in
            writeUUID(hi, lo, to: p.baseAddress!)
        }
        return out
    }

    @inline(__always)
    static func writeUUID(_ hi: UInt64, _ lo: UInt64, to p: UnsafeMutablePointer<UInt8>) {
        // Layout: 8-4-4-4-12 hex digits; hi holds the first 16, lo the last 16.
        var j = 0
        for i in 0..<16 {
            if i == 8 || i == 12 { p[j] = 0x2D; j += 1 }
            let nibble = Int((hi >> UInt64(60 - 4 * i)) & 0xF)
            p[j] = hexDigit(nibble); j += 1
        }
        p[j] = 0x2D; j += 1
        for i in 0..<16 {
            if i == 4 { p[j] = 0x2D; j += 1 }
            let nibble = Int((lo >> UInt64(60 - 4 * i)) & 0xF)
            p[j] = hexDigit(nibble); j += 1
        }
    }

    @inline(__always)
    static func hexDigit(_ n: Int) -> UInt8 {
        n < 10 ? UInt8(truncatingIfNeeded: 0x30 + n) : UInt8(truncatingIfNeeded: 0x57 + n)
    }
}
