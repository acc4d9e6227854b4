import StatsJSON

/// A JSON object with fixed keys: one `OutputField` per stored property, in answer order. The
/// object's schema (closed: `additionalProperties: false`) and its JSON both come from `fields`;
/// `OutputTypeTests` checks that every stored property has its field, so a property added to the
/// type but not to its fields fails `swift test`.
public protocol OutputObject: OutputValue {
    static var fields: [OutputField<Self>] { get }
}

extension OutputObject {
    public static var schema: JSONValue {
        var properties = JSONObject()
        var required: [JSONValue] = []
        for field in fields {
            properties[field.key] = field.schema
            if field.isRequired { required.append(.string(field.key)) }
        }
        var o = JSONObject()
        // Names a `$defs` entry when the type is used twice; a generic's arguments are left out.
        o["title"] = .string(String(String(describing: Self.self).prefix { $0 != "<" }))
        o["type"] = "object"
        if !required.isEmpty { o["required"] = .array(required) }
        o["additionalProperties"] = false
        o["properties"] = .object(properties)
        return .object(o)
    }

    public var json: JSONValue {
        var o = JSONObject()
        // Fields read in place: a `for field in fields` loop copies each field (key, schema, closure: three
        // retains and releases per key of every answer object).
        Self.fields.withUnsafeBufferPointer { fields in
            for i in fields.indices {
                if let value = fields[i].encode(self) { o.appendUnchecked(fields[i].key, value) }
            }
        }
        return .object(o)
    }
}

/// One key of an `OutputObject`: its name, its schema (from the property's Swift type) and how to read it.
public struct OutputField<Root>: @unchecked Sendable {
    public let key: String
    public let schema: JSONValue
    /// Whether the key is always present (`false` for `omittable` fields).
    public let isRequired: Bool
    /// The stored property whose object's keys this field spreads into the parent (`inlined`), or nil.
    public let inlinedFrom: String?
    /// The value as JSON, or `nil` when the key is left out of this answer.
    let encode: (Root) -> JSONValue?

    /// A key that is always present; `null` when the property is an `Optional` holding `nil`.
    public init<V: OutputValue>(_ key: String, _ get: @escaping (Root) -> V, description: String? = nil) {
        self.key = key
        schema = Self.describe(V.schema, description)
        isRequired = true
        inlinedFrom = nil
        encode = { get($0).json }
    }

    /// A key left out of the answer when the property is `nil` (never written as `null`).
    public static func omittable<V: OutputValue>(_ key: String, _ get: @escaping (Root) -> V?, description: String? = nil) -> OutputField {
        OutputField(key: key, schema: describe(V.schema, description), isRequired: false) { get($0)?.json }
    }

    /// The keys of a nested output object, spread into this object's own keys (the JSON is flat): one
    /// declaration of a figure block serves every object that carries it. `property` names the stored
    /// property for the fields check (`OutputSchemaConformanceTests`).
    public static func inlined<Nested: OutputObject>(_ property: String, _ get: @escaping (Root) -> Nested) -> [OutputField] {
        Nested.fields.map { field in
            OutputField(key: field.key, schema: field.schema, isRequired: field.isRequired, inlinedFrom: property) { field.encode(get($0)) }
        }
    }

    private init(key: String, schema: JSONValue, isRequired: Bool, inlinedFrom: String? = nil, encode: @escaping (Root) -> JSONValue?) {
        self.key = key
        self.schema = schema
        self.isRequired = isRequired
        self.inlinedFrom = inlinedFrom
        self.encode = encode
    }

    private static func describe(_ schema: JSONValue, _ description: String?) -> JSONValue {
        guard let description, case var .object(o) = schema else { return schema }
        o["description"] = .string(description)
        return .object(o)
    }
}
