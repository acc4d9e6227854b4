import StatsJSON

/// A JSON-RPC request id: a string or a 64-bit integer, echoed with the same JSON type and value.
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    /// The id of a request, or nil for anything that is not a valid MCP id (null, a fraction such as
    /// `1.0` or `1.5`, an integer outside Int64 (read as a double), a boolean, an array, an object).
    public init?(json: JSONValue) {
        switch json {
        case let .int(i): self = .int(i)
        case let .string(s): self = .string(s)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case let .int(i): return .int(i)
        case let .string(s): return .string(s)
        }
    }

    public var description: String {
        switch self {
        case let .int(i): return String(i)
        case let .string(s): return "\"\(s)\""
        }
    }

    public static func == (a: RequestID, b: RequestID) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): return x == y
        // Byte equality: ids are opaque, never compared by Unicode canonical equivalence.
        case let (.string(x), .string(y)): return x.utf8.elementsEqual(y.utf8)
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case let .int(i):
            hasher.combine(0 as UInt8)
            hasher.combine(i)
        case let .string(s):
            hasher.combine(1 as UInt8)
            for byte in s.utf8 { hasher.combine(byte) }
        }
    }
}
