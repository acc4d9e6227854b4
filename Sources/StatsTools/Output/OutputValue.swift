import StatsCore
import StatsJSON

/// A value a tool answers with. Its JSON and its JSON Schema come from the same Swift type, so the
/// published `outputSchema` cannot drift from what the code builds (issue 10): the schema of a field
/// is the schema of its Swift type, and an object's keys are the fields it declares (`OutputObject`).
public protocol OutputValue: Sendable {
    /// The JSON Schema of every value of this type.
    static var schema: JSONValue { get }
    /// This value as JSON.
    var json: JSONValue { get }
}

extension Int64: OutputValue {
    public static var schema: JSONValue { ["type": "integer"] }
    public var json: JSONValue { .int(self) }
}

extension Int: OutputValue {
    public static var schema: JSONValue { ["type": "integer"] }
    public var json: JSONValue { .int(Int64(self)) }
}

extension Double: OutputValue {
    public static var schema: JSONValue { ["type": "number"] }
    public var json: JSONValue { .double(self) }
}

extension Bool: OutputValue {
    public static var schema: JSONValue { ["type": "boolean"] }
    public var json: JSONValue { .bool(self) }
}

extension String: OutputValue {
    public static var schema: JSONValue { ["type": "string"] }
    public var json: JSONValue { .string(self) }
}

/// `nil` is JSON `null`; the schema admits `null` beside the wrapped type's.
extension Optional: OutputValue where Wrapped: OutputValue {
    public static var schema: JSONValue { OutputSchema.nullable(Wrapped.schema) }
    public var json: JSONValue { self?.json ?? .null }
}

extension Array: OutputValue where Element: OutputValue {
    public static var schema: JSONValue { ["type": "array", "items": Element.schema] }
    public var json: JSONValue { .array(map(\.json)) }
}

/// Any JSON value (a stored record echoed with its unknown fields): the schema admits anything.
extension JSONValue: OutputValue {
    public static var schema: JSONValue { .object(JSONObject()) }
    public var json: JSONValue { self }
}

/// A string drawn from a fixed set: the schema lists the cases.
public protocol OutputEnum: OutputValue, RawRepresentable, CaseIterable where RawValue == String {}

extension OutputEnum {
    public static var schema: JSONValue { ["type": "string", "enum": .array(allCases.map { .string($0.rawValue) })] }
    public var json: JSONValue { .string(rawValue) }
}

/// Schema helpers shared by the output types.
public enum OutputSchema {
    /// `schema` admitting `null` too: a `type` gains `"null"`; anything else becomes a `oneOf`.
    public static func nullable(_ schema: JSONValue) -> JSONValue {
        guard case var .object(o) = schema else { return schema }
        if o.isEmpty { return schema }
        switch o["type"] {
        case let .string(t)?:
            o["type"] = [.string(t), "null"]
            if let e = o["enum"]?.arrayValue { o["enum"] = .array(e + [.null]) }
            return .object(o)
        case let .array(types)?:
            if !types.contains(where: { $0.stringValue == "null" }) { o["type"] = .array(types + ["null"]) }
            return .object(o)
        default:
            return ["oneOf": [["type": "null"], schema]]
        }
    }
}

extension OutputSchema {
    /// A tool's published schema: an object type used more than once is written once under `$defs`
    /// (named after its Swift type) and referenced; every other object loses its `title`, which only
    /// served to name it. The result is what `tools/list` and `schemas/` publish.
    ///
    /// Size (SPEC §5 caps the whole `tools` array at 32,000 bytes): every fixed-key object is closed
    /// (`additionalProperties: false`) and lists its keys' types; one whose every key is always present
    /// says so with `minProperties: N` (with a closed object the same constraint as listing the N keys
    /// under `required`); one with keys that may be left out lists the others under `required`.
    public static func published(_ schema: JSONValue) -> JSONValue {
        let compact = compactRequired(schema, isRoot: true)
        var uses: [String: Int] = [:]
        count(compact, &uses)
        var defs = JSONObject()
        var names: [String: String] = [:]  // schema text → $defs name
        var root = hoist(compact, uses, &defs, &names)
        if !defs.isEmpty, case var .object(o) = root {
            o["$defs"] = .object(defs)
            root = .object(o)
        }
        return root
    }

    /// An object type's schema without its titles: two Swift types of the same shape (a period here and
    /// one there) share one `$defs` entry, named after the first.
    private static func shape(_ v: JSONValue) -> String { JSON.string(untitled(v)) }

    private static func untitled(_ v: JSONValue) -> JSONValue {
        switch v {
        case let .object(o): return .object(JSONObject(o.compactMap { $0.key == "title" ? nil : ($0.key, untitled($0.value)) }))
        case let .array(a): return .array(a.map(untitled))
        default: return v
        }
    }

    /// `required` listing every property of a closed object → `minProperties` (the same constraint, shorter).
    private static func compactRequired(_ v: JSONValue, isRoot: Bool) -> JSONValue {
        switch v {
        case let .object(o):
            var out = JSONObject()
            for m in o {
                if m.key == "properties" || m.key == "$defs" {
                    out.appendUnchecked(m.key, .object(JSONObject(m.value.objectValue?.map { ($0.key, compactRequired($0.value, isRoot: false)) } ?? [])))
                } else if m.key == "required", case .bool(false)? = o["additionalProperties"], let all = o["properties"]?.objectValue,
                    let required = m.value.arrayValue, required.count == all.count, required.count > 1
                {
                    out.appendUnchecked("minProperties", .int(Int64(required.count)))
                } else {
                    out.appendUnchecked(m.key, compactRequired(m.value, isRoot: false))
                }
            }
            return .object(out)
        case let .array(a):
            return .array(a.map { compactRequired($0, isRoot: false) })
        default:
            return v
        }
    }

    private static func count(_ v: JSONValue, _ uses: inout [String: Int]) {
        switch v {
        case let .object(o):
            if o["title"] != nil { uses[shape(v), default: 0] += 1 }
            for m in o { count(m.value, &uses) }
        case let .array(a):
            for e in a { count(e, &uses) }
        default:
            break
        }
    }

    private static func hoist(_ v: JSONValue, _ uses: [String: Int], _ defs: inout JSONObject, _ names: inout [String: String]) -> JSONValue {
        switch v {
        case let .object(o):
            let key = o["title"] != nil ? shape(v) : nil
            if let key, let name = names[key] { return ["$ref": .string("#/$defs/" + name)] }
            var out = JSONObject()
            for m in o where m.key != "title" { out[m.key] = hoist(m.value, uses, &defs, &names) }
            guard let key, uses[key, default: 0] > 1, let title = o["title"]?.stringValue else { return .object(out) }
            var name = title
            var n = 2
            while defs[name] != nil {
                name = title + String(n)
                n += 1
            }
            names[key] = name
            defs[name] = .object(out)
            return ["$ref": .string("#/$defs/" + name)]
        case let .array(a):
            return .array(a.map { hoist($0, uses, &defs, &names) })
        default:
            return v
        }
    }
}

/// A calendar day, written `YYYY-MM-DD`.
extension Day: OutputValue {
    public static var schema: JSONValue { ["type": "string"] }
    public var json: JSONValue { .string(description) }
}
