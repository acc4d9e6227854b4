import StatsCore
import StatsJSON

/// Field readers for streaming store records without building JSON trees.
/// Every reader consumes exactly one value; a value of the wrong type yields nil (and is skipped).
struct RecordReader {
    var json: JSONReader

    init(_ json: JSONReader) { self.json = json }

    @inline(__always)
    func keyIs(_ range: Range<Int>, _ key: StaticString) -> Bool {
        let n = key.utf8CodeUnitCount
        guard range.count == n else { return false }
        let p = key.utf8Start
        var i = 0
        while i < n {
            if json.bytes[range.lowerBound + i] != p[i] { return false }
            i += 1
        }
        return true
    }

    /// Iterates an object's members, handing the raw key range to `body` (which must consume the value).
    mutating func members(_ body: (inout RecordReader, Range<Int>, Bool) throws -> Void) throws {
        guard json.maxDepth > 1 else { throw json.error("nesting too deep") }
        try json.expect(UInt8(ascii: "{"), "'{'")
        if json.consume(UInt8(ascii: "}")) { return }
        while true {
            let (range, escaped) = try json.scanString()
            try json.expect(UInt8(ascii: ":"), "':' after an object key")
            try body(&self, range, escaped)
            if json.consume(UInt8(ascii: ",")) { continue }
            try json.expect(UInt8(ascii: "}"), "',' or '}' in an object")
            return
        }
    }

    var nextByte: UInt8? { mutating get { json.peek() } }

    mutating func skip() throws { try json.skipValue(depth: 1) }

    mutating func string() throws -> String? {
        guard json.peek() == UInt8(ascii: "\"") else {
            try skip()
            return nil
        }
        return try json.readString()
    }

    /// A string value, or nil for null; `.invalid` for another type.
    enum Field<T> { case value(T), null, invalid }

    mutating func uuid() throws -> Field<UUID128> {
        switch json.peek() {
        case UInt8(ascii: "\""):
            let (range, escaped) = try json.scanString()
            if !escaped, let u = UUID128(utf8: UnsafeBufferPointer(rebasing: json.bytes[range])) { return .value(u) }
            if escaped, let u = UUID128(try json.decodeEscaped(range)) { return .value(u) }
            return .invalid
        case UInt8(ascii: "n"):
            if json.consumeNull() { return .null }
            try skip()
            return .invalid
        default:
            try skip()
            return .invalid
        }
    }

    /// A string, null, or `.invalid` for another type (consumed either way).
    mutating func stringField() throws -> Field<String> {
        switch json.peek() {
        case UInt8(ascii: "\""):
            return .value(try json.readString())
        case UInt8(ascii: "n"):
            if json.consumeNull() { return .null }
            try skip()
            return .invalid
        default:
            try skip()
            return .invalid
        }
    }

    /// An optional reference (SPEC §2 `<uuid>|null`): a UUID, `.null` for null or for a string that is
    /// not a UUID (a reference to nothing), `.invalid` for another JSON type.
    mutating func uuidRef() throws -> Field<UUID128> {
        if json.peek() == UInt8(ascii: "\"") {
            if case let .value(u) = try uuid() { return .value(u) }
            return .null
        }
        return try uuid()
    }

    /// An RFC 3339 timestamp string, null, or `.invalid` (another type, or a string that does not parse).
    mutating func instantField() throws -> Field<Instant> {
        if json.peek() == UInt8(ascii: "n") {
            if json.consumeNull() { return .null }
        }
        if let instant = try instant() { return .value(instant) }
        return .invalid
    }

    /// An integer, null, or `.invalid`.
    mutating func intField() throws -> Field<Int64> {
        if json.peek() == UInt8(ascii: "n") {
            if json.consumeNull() { return .null }
        }
        if let value = try int() { return .value(value) }
        return .invalid
    }

    mutating func instant() throws -> Instant? {
        guard json.peek() == UInt8(ascii: "\"") else {
            try skip()
            return nil
        }
        let (range, escaped) = try json.scanString()
        if escaped { return Instant.parse(try json.decodeEscaped(range)) }
        return Instant.parse(utf8: UnsafeBufferPointer(rebasing: json.bytes[range]))
    }

    mutating func day() throws -> Day? {
        guard let text = try string() else { return nil }
        return Day.parse(text)
    }

    mutating func int() throws -> Int64? {
        guard let b = json.peek() else { throw json.error("unexpected end of input") }
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try json.readNumber().integerValue
        default:
            try skip()
            return nil
        }
    }

    mutating func value() throws -> JSONValue { try json.parseValue(depth: 1) }
}
