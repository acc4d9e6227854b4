/// Why a JSON text was rejected, with the place: byte offset, 1-based line and column (in characters).
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var line: Int
    public var column: Int

    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "\(message) at line \(line), column \(column)" }
}

/// A strict RFC 8259 reader over UTF-8 bytes.
///
/// It rejects trailing commas, leading zeros, raw control characters in strings, invalid UTF-8, lone
/// surrogates, numbers that overflow a Double and nesting deeper than `maxDepth`. Besides building
/// `JSONValue`s it offers a cursor API (`readString`, `skipValue`, `readInt64`…) so the store loader can
/// stream records without building a tree. The caller keeps `bytes` alive while the reader is in use.
public struct JSONReader {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var position: Int
    public var maxDepth: Int

    public init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0, maxDepth: Int = 512) {
        self.bytes = bytes
        self.position = position
        self.maxDepth = maxDepth
    }

    // MARK: Errors

    public func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let end = min(offset ?? position, bytes.count)
        var line = 1
        var column = 1
        var i = 0
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return JSONParseError(message: message, offset: end, line: line, column: column)
    }

    // MARK: Cursor

    @inline(__always)
    public mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    /// The next non-whitespace byte, without consuming it.
    @inline(__always)
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    public var isAtEnd: Bool { position >= bytes.count }

    /// Consumes `byte` (after whitespace) or throws.
    @inline(__always)
    public mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else {
            throw position < bytes.count ? error("expected \(what())") : error("unexpected end of input, expected \(what())")
        }
        position += 1
    }

    /// Consumes `byte` if it is next (after whitespace).
    @inline(__always)
    public mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if position < bytes.count, bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    /// Iterates the members of an object: calls `body` with each key; `body` must consume the value.
    public mutating func readObject(depth: Int = 0, _ body: (inout JSONReader, String) throws -> Void) throws {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        try expect(UInt8(ascii: "{"), "'{'")
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw isAtEnd ? error("unexpected end of input in an object") : error("expected a string key")
            }
            let key = try readString()
            try expect(UInt8(ascii: ":"), "':' after an object key")
            try body(&self, key)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "}"), "',' or '}' in an object")
            return
        }
    }

    /// Iterates the elements of an array: `body` must consume each element.
    public mutating func readArray(depth: Int = 0, _ body: (inout JSONReader) throws -> Void) throws {
        guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        try expect(UInt8(ascii: "["), "'['")
        if consume(UInt8(ascii: "]")) { return }
        while true {
            try body(&self)
            if consume(UInt8(ascii: ",")) { continue }
            try expect(UInt8(ascii: "]"), "',' or ']' in an array")
            return
        }
    }

    // MARK: Values

    /// Parses one value at the cursor.
    public mutating func parseValue(depth: Int = 0) throws -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
            var object = JSONObject()
            var seen: [[UInt8]: Int]? = nil
            try readObject(depth: depth) { reader, key in
                let value = try reader.parseValue(depth: depth + 1)
                if object.count < 32 && seen == nil {
                    object[key] = value
                    if object.count == 32 {
                        var map: [[UInt8]: Int] = [:]
                        for (i, m) in object.members.enumerated() { map[Array(m.key.utf8)] = i }
                        seen = map
                    }
                } else {
                    let k = Array(key.utf8)
                    if let i = seen?[k] {
                        object.replaceValue(at: i, with: value)
                    } else {
                        seen?[k] = object.count
                        object.appendUnchecked(key, value)
                    }
                }
            }
            return .object(object)
        case UInt8(ascii: "["):
            guard depth < maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
            var array: [JSONValue] = []
            try readArray(depth: depth) { reader in array.append(try reader.parseValue(depth: depth + 1)) }
            return .array(array)
        case UInt8(ascii: "\""):
            return .string(try readString())
        case UInt8(ascii: "t"):
            try readLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try readLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try readNumber()
        default:
            throw error("unexpected character")
        }
    }

    /// Skips one value at the cursor, validating it.
    public mutating func skipValue(depth: Int = 0) throws {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try readObject(depth: depth) { reader, _ in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try readArray(depth: depth) { reader in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try scanString()
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let (range, _) = try scanNumber()
            guard numberIsFinite(range) else { throw error("number out of range", at: range.lowerBound) }
        default:
            throw error("unexpected character")
        }
    }

    /// Consumes `null` if it is next.
    public mutating func consumeNull() -> Bool {
        skipWhitespace()
        if position + 4 <= bytes.count, bytes[position] == UInt8(ascii: "n"), bytes[position + 1] == UInt8(ascii: "u"),
            bytes[position + 2] == UInt8(ascii: "l"), bytes[position + 3] == UInt8(ascii: "l")
        {
            position += 4
            return true
        }
        return false
    }

    mutating func readLiteral(_ literal: StaticString) throws {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("invalid literal") }
        let p = literal.utf8Start
        for i in 0..<count where bytes[position + i] != p[i] { throw error("invalid literal") }
        position += count
    }

    // MARK: Strings

    /// Scans a string at the cursor (which must be at `"`), validating UTF-8 and escapes (including
    /// surrogate pairing, so a string `scanString` accepts always decodes).
    /// Returns the byte range of its contents and whether it holds escapes.
    public mutating func scanString() throws -> (range: Range<Int>, hasEscapes: Bool) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let start = position + 1
        var i = start
        var escapes = false
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                position = i + 1
                return (start..<i, escapes)
            } else if b == UInt8(ascii: "\\") {
                escapes = true
                guard i + 1 < n else { break }
                switch bytes[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= n else { throw error("incomplete \\u escape", at: i) }
                    for k in 2..<6 where Self.hexValue(bytes[i + k]) == nil { throw error("invalid \\u escape", at: i) }
                    let unit = hex4(at: i + 2)
                    if unit >= 0xD800 && unit <= 0xDBFF {
                        // A high surrogate must be followed at once by an escaped low surrogate.
                        guard i + 12 <= n, bytes[i + 6] == UInt8(ascii: "\\"), bytes[i + 7] == UInt8(ascii: "u"),
                            (8..<12).allSatisfy({ Self.hexValue(bytes[i + $0]) != nil })
                        else { throw error("lone surrogate in a \\u escape", at: i) }
                        let low = hex4(at: i + 8)
                        guard low >= 0xDC00 && low <= 0xDFFF else { throw error("lone surrogate in a \\u escape", at: i) }
                        i += 12
                    } else if unit >= 0xDC00 && unit <= 0xDFFF {
                        throw error("lone surrogate in a \\u escape", at: i)
                    } else {
                        i += 6
                    }
                default:
                    throw error("invalid escape sequence", at: i)
                }
            } else if b < 0x20 {
                throw error("unescaped control character in a string", at: i)
            } else if b < 0x80 {
                i += 1
            } else {
                i = try validateMultibyte(at: i)
            }
        }
        throw error("unterminated string", at: n)
    }

    @inline(__always)
    func validateMultibyte(at i: Int) throws -> Int {
        let n = bytes.count
        let b0 = bytes[i]
        func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            k < n && bytes[k] >= lo && bytes[k] <= hi
        }
        switch b0 {
        case 0xC2...0xDF:
            if cont(i + 1) { return i + 2 }
        case 0xE0:
            if cont(i + 1, 0xA0, 0xBF) && cont(i + 2) { return i + 3 }
        case 0xE1...0xEC, 0xEE...0xEF:
            if cont(i + 1) && cont(i + 2) { return i + 3 }
        case 0xED:
            if cont(i + 1, 0x80, 0x9F) && cont(i + 2) { return i + 3 }
        case 0xF0:
            if cont(i + 1, 0x90, 0xBF) && cont(i + 2) && cont(i + 3) { return i + 4 }
        case 0xF1...0xF3:
            if cont(i + 1) && cont(i + 2) && cont(i + 3) { return i + 4 }
        case 0xF4:
            if cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) { return i + 4 }
        default:
            break
        }
        throw error("invalid UTF-8", at: i)
    }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Reads a string at the cursor.
    public mutating func readString() throws -> String {
        let (range, hasEscapes) = try scanString()
        if !hasEscapes {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return try decodeEscaped(range)
    }

    /// Decodes string contents that hold escapes (already validated by `scanString`).
    public func decodeEscaped(_ range: Range<Int>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: i)
                i += 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    guard i + 6 <= range.upperBound, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u")
                    else { throw error("lone surrogate in a \\u escape", at: i - 6) }
                    let low = hex4(at: i + 2)
                    guard low >= 0xDC00 && low <= 0xDFFF else { throw error("lone surrogate in a \\u escape", at: i - 6) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw error("lone surrogate in a \\u escape", at: i - 6)
                }
                Self.appendUTF8(scalar, to: &out)
            default: out.append(e)  // " \ /
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    func hex4(at i: Int) -> UInt32 {
        (Self.hexValue(bytes[i])! << 12) | (Self.hexValue(bytes[i + 1])! << 8) | (Self.hexValue(bytes[i + 2])! << 4)
            | Self.hexValue(bytes[i + 3])!
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: Numbers

    /// Scans a number; returns its byte range and whether it is a plain integer literal.
    public mutating func scanNumber() throws -> (range: Range<Int>, isInteger: Bool) {
        skipWhitespace()
        let start = position
        var i = position
        let n = bytes.count
        @inline(__always) func isDigit(_ k: Int) -> Bool { k < n && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        if i < n && bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { throw error("invalid number", at: start) }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { throw error("leading zeros are not allowed", at: start) }
        } else {
            while isDigit(i) { i += 1 }
        }
        var integer = true
        if i < n && bytes[i] == UInt8(ascii: ".") {
            integer = false
            i += 1
            guard isDigit(i) else { throw error("invalid number: digits expected after '.'", at: start) }
            while isDigit(i) { i += 1 }
        }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            integer = false
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { throw error("invalid number: digits expected in the exponent", at: start) }
            while isDigit(i) { i += 1 }
        }
        position = i
        return (start..<i, integer)
    }

    /// Reads a number: `.int` for an integer literal that fits in Int64, `.double` otherwise.
    public mutating func readNumber() throws -> JSONValue {
        let (range, isInteger) = try scanNumber()
        if isInteger, let value = Self.int64(bytes, range) { return .int(value) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else { throw error("number out of range", at: range.lowerBound) }
        return .double(d)
    }

    /// Reads an integer: an integer literal, or a number with a zero fraction, within Int64; nil otherwise
    /// (the value is consumed either way). The test is exact on the literal's digits (`9007199254740993.0`
    /// is 9007199254740993, `1.0000000000000000001` is not an integer), never rounded through a Double.
    public mutating func readInt64() throws -> Int64? {
        skipWhitespace()
        let start = position
        if case let .int(i) = try readNumber() { return i }
        return Self.exactInt64(bytes, start..<position)
    }

    /// Whether a scanned number literal is finite as a Double (the range `readNumber` accepts). Literals
    /// whose magnitude is certainly below 1e308 are decided from their digits; only the rest are converted.
    func numberIsFinite(_ range: Range<Int>) -> Bool {
        var i = range.lowerBound
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        let integerStart = i
        while i < range.upperBound, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        let integerDigits = i - integerStart  // no leading zeros, except a lone "0"
        while i < range.upperBound, bytes[i] != UInt8(ascii: "e"), bytes[i] != UInt8(ascii: "E") { i += 1 }
        var exponent = 0
        if i < range.upperBound {
            i += 1
            var negative = false
            if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                negative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            while i < range.upperBound {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] &- 0x30) }
                i += 1
            }
            if negative { exponent = -exponent }
        }
        // The value is below 10^(integerDigits + exponent) ≤ 10^308 < Double.greatestFiniteMagnitude.
        if integerDigits + exponent <= 308 { return true }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        guard let d = Double(text) else { return false }
        return d.isFinite
    }

    /// The exact integer a number literal denotes, if it is one within Int64.
    static func exactInt64(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        // Significant digits (leading zeros dropped) and the power of ten that scales them.
        var digits: [UInt8] = []
        var scale = 0
        var inFraction = false
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: ".") {
                inFraction = true
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                break
            } else {
                if !(digits.isEmpty && b == UInt8(ascii: "0")) { digits.append(b &- 0x30) }
                if inFraction { scale -= 1 }
            }
            i += 1
        }
        if i < range.upperBound {
            i += 1
            var exponentNegative = false
            if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var exponent = 0
            while i < range.upperBound {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(bytes[i] &- 0x30) }
                i += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            scale += 1
        }
        if digits.isEmpty { return 0 }
        guard scale >= 0, digits.count + scale <= 19 else { return nil }
        var value: Int64 = 0
        for digit in digits + [UInt8](repeating: 0, count: scale) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(digit)) : m.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            value = s
        }
        return value
    }

    static func int64(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int64? {
        var i = range.lowerBound
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var value: Int64 = 0
        while i < range.upperBound {
            let digit = Int64(bytes[i] &- 0x30)
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = s
            i += 1
        }
        return value
    }
}

extension JSONObject {
    mutating func replaceValue(at index: Int, with value: JSONValue) {
        members[index].value = value
    }
}

/// Whole-document entry points.
public enum JSON {
    /// Parses one complete JSON text (surrounding whitespace allowed, nothing else).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int = 512) throws -> JSONValue {
        var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
        let value = try reader.parseValue()
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw reader.error("unexpected data after the JSON value") }
        return value
    }

    public static func parse(_ bytes: [UInt8], maxDepth: Int = 512) throws -> JSONValue {
        try bytes.withUnsafeBufferPointer { try parse($0, maxDepth: maxDepth) }
    }

    public static func parse(_ text: String, maxDepth: Int = 512) throws -> JSONValue {
        var copy = text
        return try copy.withUTF8 { try parse($0, maxDepth: maxDepth) }
    }

    /// Compact single-line serialization.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.write(value)
        return writer.bytes
    }

    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }
}
