import StatsCore
import StatsJSON

/// Opaque page cursors of the list tools (SPEC §5.9, §5.10, §11).
///
/// A cursor is `c1.<payload>.<tag>`: `payload` is the base64url (no padding) of the compact JSON
/// `{"t": tool, "w": workspace id, "f": filters, "o": offset}` and `tag` is the first 8 bytes, in hex,
/// of SHA-256 over a fixed server string and the payload text. The tag makes a modified or invented
/// cursor detectable; the payload binds the cursor to its tool, workspace and filter set (not to
/// `limit`, so a client may change the page size between pages). Pages are offsets into the listing's
/// fixed order, so a cursor stays valid across server restarts and processes.
enum Cursor {
    static let version = "c1"
    private static let secret = "stats-mcp/cursor/v1/8f3c2a71d94e4b0c"

    /// The cursor of the page that starts at `offset`.
    static func make(tool: String, workspaceID: Int64, filters: JSONObject, offset: Int) -> String {
        var payload = JSONObject()
        payload["t"] = .string(tool)
        payload["w"] = .int(workspaceID)
        payload["f"] = .object(filters)
        payload["o"] = .int(Int64(offset))
        let text = Base64URL.encode(JSON.bytes(.object(payload)))
        return version + "." + text + "." + tag(text)
    }

    /// The offset a cursor stands for, after checking that this server issued it for this tool,
    /// workspace and filter set. Anything else is `invalid_argument` with `field: cursor`.
    static func offset(_ cursor: String, tool: String, workspaceID: Int64, filters: JSONObject) throws(ToolError) -> Int {
        let parts = cursor.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].elementsEqual(version.utf8) else { throw Messages.malformedCursor(cursor) }
        let text = String(decoding: parts[1], as: UTF8.self)
        guard parts[2].elementsEqual(tag(text).utf8), let bytes = Base64URL.decode(text),
            let value = try? JSON.parse(bytes), case let .object(payload) = value,
            let t = payload["t"]?.stringValue, let w = payload["w"]?.strictIntValue,
            let f = payload["f"]?.objectValue, let o = payload["o"]?.strictIntValue, o >= 0, o <= Int64(Int32.max)
        else { throw Messages.malformedCursor(cursor) }
        guard Identifiers.sameBytes(t, tool), w == workspaceID, f == filters else { throw Messages.foreignCursor() }
        return Int(o)
    }

    private static func tag(_ payloadText: String) -> String {
        let digest = SHA256.digest(Array((secret + "|" + payloadText).utf8))
        return SHA256.hex(Array(digest.prefix(8)))
    }
}

/// RFC 4648 §5 base64url without padding; decoding is strict (no padding, no white space, canonical
/// trailing bits).
enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
            out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        func value(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x41...0x5A: return UInt32(c - 0x41)
            case 0x61...0x7A: return UInt32(c - 0x61 + 26)
            case 0x30...0x39: return UInt32(c - 0x30 + 52)
            case 0x2D: return 62
            case 0x5F: return 63
            default: return nil
            }
        }
        let chars = Array(text.utf8)
        guard chars.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count * 3 / 4)
        var i = 0
        while i < chars.count {
            let group = chars[i..<min(i + 4, chars.count)]
            var n: UInt32 = 0
            for c in group {
                guard let v = value(c) else { return nil }
                n = n << 6 | v
            }
            switch group.count {
            case 4:
                out.append(UInt8(n >> 16 & 0xFF))
                out.append(UInt8(n >> 8 & 0xFF))
                out.append(UInt8(n & 0xFF))
            case 3:
                guard n & 0x3 == 0 else { return nil }
                n >>= 2
                out.append(UInt8(n >> 8 & 0xFF))
                out.append(UInt8(n & 0xFF))
            default:  // 2
                guard n & 0xF == 0 else { return nil }
                n >>= 4
                out.append(UInt8(n & 0xFF))
            }
            i += 4
        }
        return out
    }
}
