import StatsCore
import Testing
@testable import StatsJSON

/// One corpus entry: a name in the nst/JSONTestSuite style and the raw bytes of the document.
struct JSONCase: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    var testDescription: String { name }

    init(_ name: String, _ text: String) {
        self.name = name
        self.bytes = Array(text.utf8)
    }

    init(_ name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    /// `prefix` + raw bytes + `suffix`, for invalid UTF-8 that a Swift string literal cannot hold.
    init(_ name: String, _ prefix: String, raw: [UInt8], _ suffix: String = "") {
        self.name = name
        self.bytes = Array(prefix.utf8) + raw + Array(suffix.utf8)
    }
}

/// Parses text and returns the value (throws on rejection).
func parse(_ text: String) throws -> JSONValue { try JSON.parse(text) }

/// Validates a whole document with the cursor's `skipValue` (no tree is built).
func skipValidate(_ bytes: [UInt8], maxDepth: Int = 512) throws {
    try bytes.withUnsafeBufferPointer { buffer in
        var reader = JSONReader(bytes: buffer, maxDepth: maxDepth)
        try reader.skipValue()
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw reader.error("unexpected data after the JSON value") }
    }
}

/// The parse error for a text that must be rejected (nil if it was accepted or threw something else).
func parseError(_ text: String) -> JSONParseError? {
    parseError(bytes: Array(text.utf8))
}

func parseError(bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSON.parse(bytes)
        return nil
    } catch let error as JSONParseError {
        return error
    } catch {
        return nil
    }
}

/// Strict structural identity: same cases (`.int` vs `.double` distinguished), same member order,
/// strings compared by UTF-8 bytes, doubles by value.
func identical(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.bool(x), .bool(y)): return x == y
    case let (.int(x), .int(y)): return x == y
    case let (.double(x), .double(y)): return x == y
    case let (.string(x), .string(y)): return Array(x.utf8) == Array(y.utf8)
    case let (.array(x), .array(y)):
        return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
    case let (.object(x), .object(y)):
        return x.count == y.count
            && zip(x.members, y.members).allSatisfy { Array($0.key.utf8) == Array($1.key.utf8) && identical($0.value, $1.value) }
    default: return false
    }
}

