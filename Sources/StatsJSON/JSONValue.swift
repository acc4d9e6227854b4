/// A JSON value with exact integers.
///
/// Integers written without a fraction or exponent that fit in `Int64` are `.int`; every other number
/// is `.double`. Objects keep their members in document order (a later duplicate key replaces the
/// earlier value in place), so a record read from the store is written back with its fields in order.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
    /// A value already serialized as compact JSON (trusted; written verbatim), so a large answer built
    /// from cached parts is not built and written again. It behaves like the value it spells: the
    /// accessors and `==` parse it on demand (a slow path); it never comes out of the reader.
    case raw(RawJSON)
}

/// Compact JSON text produced by `JSONWriter`.
public struct RawJSON: Sendable, Equatable {
    public let bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// An ordered JSON object. Keys compare by their UTF-8 bytes (never by Unicode canonical equivalence).
public struct JSONObject: Sendable, Sequence {
    public struct Member: Sendable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public internal(set) var members: [Member]

    public init() { members = [] }

    public init(_ pairs: [(String, JSONValue)]) {
        members = []
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    @inline(__always)
    static func sameKey(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    public func index(of key: String) -> Int? {
        members.firstIndex { Self.sameKey($0.key, key) }
    }

    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where Self.sameKey(member.key, key) { return member.value }
            return nil
        }
        set {
            if let i = index(of: key) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key, newValue))
            }
        }
    }

    /// Appends without a duplicate check (the caller knows the key is new).
    public mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        members.append(Member(key, value))
    }
}

extension JSONObject: Equatable {
    /// Order-insensitive equality of members.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }
}

extension JSONValue: Equatable {
    /// Structural equality; `.int(5)` equals `.double(5.0)` (the same JSON number).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b && b.rounded() == b && Int64(exactly: b) == a
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        case let (.raw(a), .raw(b)) where a == b: return true
        case (.raw, _), (_, .raw): return lhs.resolved == rhs.resolved
        default: return false
        }
    }
}

extension JSONValue {
    /// The value itself, or the tree a `.raw` value spells.
    public var resolved: JSONValue {
        guard case let .raw(r) = self else { return self }
        return (try? JSON.parse(r.bytes)) ?? .null
    }

    public subscript(key: String) -> JSONValue? {
        switch self {
        case let .object(object): return object[key]
        case .raw: return resolved[key]
        default: return nil
        }
    }

    public var objectValue: JSONObject? {
        switch self {
        case let .object(o): return o
        case .raw: return resolved.objectValue
        default: return nil
        }
    }

    public var arrayValue: [JSONValue]? {
        switch self {
        case let .array(a): return a
        case .raw: return resolved.arrayValue
        default: return nil
        }
    }

    public var stringValue: String? {
        switch self {
        case let .string(s): return s
        case .raw: return resolved.stringValue
        default: return nil
        }
    }

    public var boolValue: Bool? {
        switch self {
        case let .bool(b): return b
        case .raw: return resolved.boolValue
        default: return nil
        }
    }

    public var isNull: Bool {
        switch self {
        case .null: return true
        case .raw: return resolved.isNull
        default: return false
        }
    }

    /// An exact integer: `.int`, or a `.double` with a zero fraction that fits in Int64.
    public var integerValue: Int64? {
        switch self {
        case let .int(i): return i
        case let .double(d): return d.rounded() == d ? Int64(exactly: d) : nil
        case .raw: return resolved.integerValue
        default: return nil
        }
    }

    /// Only `.int` (a literal without fraction or exponent).
    public var strictIntValue: Int64? { if case let .int(i) = resolved { return i }; return nil }

    /// The JSON type name, for messages: "string", "integer", "number", "boolean", "null", "array", "object".
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .raw: return resolved.typeName
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
}

extension JSONValue {
    public init(_ value: Int) { self = .int(Int64(value)) }
    /// A string, or `null` for nil.
    public init(_ value: String?) { self = value.map { .string($0) } ?? .null }
    /// A number, or `null` for nil (an empty average, a percentage over zero).
    public init(_ value: Double?) { self = value.map { .double($0) } ?? .null }
    public init(_ value: Int64?) { self = value.map { .int($0) } ?? .null }
}
