import StatsCore

/// Ids the importer makes up, deterministically (SPEC §8 `import`).
///
/// - A record id that is not a UUID becomes the UUID derived from the array it belongs to and the id
///   text: the first 16 bytes of SHA-256 of `"stats-mcp import\u{0}" + array + "\u{0}" + id` (UTF-8),
///   with the version nibble set to 8 and the RFC 9562 variant bits (a UUIDv8, "custom": the
///   SHA-256 cousin of a name-based UUIDv5). A reference to that record (`campaign_id: "q2"` in
///   activities.csv) derives the same UUID from the referenced array's name and its text, so it follows.
/// - A missing `public_id` is derived from the record's final id (the UUID, or the decimal workspace
///   id): the first 16 bytes of SHA-256 of `"stats-mcp public_id\u{0}" + prefix + "\u{0}" + id`, as 26
///   lowercase Crockford base32 characters (128 bits: 3 in the first character, so it is `0`–`7`, then
///   5 per character) after `prefix_` — the shape of a ULID.
public enum DerivedIDs {
    public static func uuid(array: String, id: String) -> String {
        var digest = SHA256.digest(Array(("stats-mcp import\u{0}" + array + "\u{0}" + id).utf8)).prefix(16).map { $0 }
        digest[6] = (digest[6] & 0x0F) | 0x80
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = SHA256.hex(digest)
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    /// Lowercase Crockford base32 digits.
    static let crockford = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    public static func publicID(prefix: String, id: String) -> String {
        let digest = SHA256.digest(Array(("stats-mcp public_id\u{0}" + prefix + "\u{0}" + id).utf8))
        return prefix + "_" + base32(Array(digest.prefix(16)), characters: 26)
    }

    /// The big-endian number in `bytes` as `characters` base32 digits (the top digit takes what is left).
    static func base32(_ bytes: [UInt8], characters: Int) -> String {
        var out = [UInt8](repeating: 0, count: characters)
        var accumulator: UInt32 = 0
        var bits = 0
        var position = characters - 1
        for byte in bytes.reversed() {
            accumulator |= UInt32(byte) << UInt32(bits)
            bits += 8
            while bits >= 5 && position >= 0 {
                out[position] = crockford[Int(accumulator & 31)]
                accumulator >>= 5
                bits -= 5
                position -= 1
            }
        }
        while position >= 0 {
            out[position] = crockford[Int(accumulator & 31)]
            accumulator >>= 5
            position -= 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Random bytes as base32 (for API keys): 5 bits per character, from the first byte on.
    public static func base32(random bytes: [UInt8]) -> String {
        base32(bytes, characters: (bytes.count * 8 + 4) / 5)
    }
}
