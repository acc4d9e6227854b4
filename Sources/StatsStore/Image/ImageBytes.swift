import StatsJSON

/// Appends little-endian values to a byte buffer (the store image's encoding, `StoreImage`).
struct ImageWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func i64(_ v: Int64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ v: UInt64) {
        withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ v: Int) { i64(Int64(v)) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optionalString(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }

    /// A homogeneous array of fixed-width integers, copied as its bytes (little-endian hosts only).
    mutating func raw<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// A JSON value, exactly (integers stay integers, doubles keep their bits, key order stays).
    mutating func json(_ v: JSONValue) {
        switch v {
        case .null: u8(0)
        case let .bool(b): u8(b ? 2 : 1)
        case let .int(i):
            u8(3)
            i64(i)
        case let .double(d):
            u8(4)
            u64(d.bitPattern)
        case let .string(s):
            u8(5)
            string(s)
        case let .array(a):
            u8(6)
            int(a.count)
            for e in a { json(e) }
        case let .object(o):
            u8(7)
            object(o)
        case .raw:
            json(v.resolved)
        }
    }

    mutating func object(_ o: JSONObject) {
        int(o.count)
        for m in o {
            string(m.key)
            json(m.value)
        }
    }
}

/// The image is not what this build wrote (another layout, a truncated or altered blob).
public struct ImageError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Reads what `ImageWriter` wrote, checking every length against the bytes left.
struct ImageReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { at == bytes.count }

    mutating func need(_ n: Int) throws(ImageError) {
        guard n >= 0, n <= bytes.count - at else { throw ImageError("the store image ends early (at byte \(at))") }
    }

    mutating func u8() throws(ImageError) -> UInt8 {
        try need(1)
        defer { at += 1 }
        return bytes[at]
    }

    mutating func bool() throws(ImageError) -> Bool { try u8() != 0 }

    mutating func u64() throws(ImageError) -> UInt64 {
        try need(8)
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[at + k]) << (8 * UInt64(k)) }
        at += 8
        return v
    }

    mutating func i64() throws(ImageError) -> Int64 { Int64(bitPattern: try u64()) }

    mutating func int() throws(ImageError) -> Int {
        let v = try i64()
        guard let n = Int(exactly: v) else { throw ImageError("a count does not fit (at byte \(at))") }
        return n
    }

    /// A count of items, each at least `minimumBytes` long (so a damaged count cannot ask for huge arrays).
    mutating func count(minimumBytes: Int = 1) throws(ImageError) -> Int {
        let n = try int()
        guard n >= 0, n <= (bytes.count - at) / max(1, minimumBytes) else { throw ImageError("a count is out of range (at byte \(at))") }
        return n
    }

    mutating func string() throws(ImageError) -> String {
        let n = try count()
        try need(n)
        defer { at += n }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<(at + n)]), as: UTF8.self)
    }

    mutating func optionalString() throws(ImageError) -> String? { try bool() ? try string() : nil }

    mutating func raw<T: FixedWidthInteger>(_: T.Type) throws(ImageError) -> [T] {
        let n = try count(minimumBytes: MemoryLayout<T>.size)
        let size = n * MemoryLayout<T>.size
        try need(size)
        let start = at
        at += size
        return [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if let base = bytes.baseAddress, let target = buffer.baseAddress, size > 0 {
                UnsafeMutableRawPointer(target).copyMemory(from: base + start, byteCount: size)
            }
            initialized = n
        }
    }

    mutating func json(depth: Int = 0) throws(ImageError) -> JSONValue {
        guard depth < 1000 else { throw ImageError("a JSON value nests too deeply") }
        switch try u8() {
        case 0: return .null
        case 1: return .bool(false)
        case 2: return .bool(true)
        case 3: return .int(try i64())
        case 4: return .double(Double(bitPattern: try u64()))
        case 5: return .string(try string())
        case 6:
            let n = try count()
            var a: [JSONValue] = []
            a.reserveCapacity(n)
            for _ in 0..<n { a.append(try json(depth: depth + 1)) }
            return .array(a)
        case 7: return .object(try object(depth: depth + 1))
        case let tag: throw ImageError("unknown JSON tag \(tag) (at byte \(at - 1))")
        }
    }

    mutating func object(depth: Int = 0) throws(ImageError) -> JSONObject {
        let n = try count(minimumBytes: 9)
        var o = JSONObject()
        for _ in 0..<n {
            let key = try string()
            o.appendUnchecked(key, try json(depth: depth))
        }
        return o
    }
}
