import StatsJSON

/// A JSON object whose keys are data (counts by stored status, one entry per metric…), in the order
/// given; every value has the schema of `Value`.
public struct OutputMap<Value: OutputValue>: OutputValue {
    public var entries: [(key: String, value: Value)]

    public init(_ entries: [(key: String, value: Value)] = []) { self.entries = entries }

    public static var schema: JSONValue { ["type": "object", "additionalProperties": Value.schema] }

    public var json: JSONValue {
        var o = JSONObject()
        for (key, value) in entries { o[key] = value.json }
        return .object(o)
    }
}

/// A value of type `Shape` already written as JSON (a row kept in a cache of serialized answers):
/// its schema is `Shape`'s, and the only way to make one is from a `Shape` value.
public struct Encoded<Shape: OutputValue>: OutputValue {
    public let raw: RawJSON

    public init(_ value: Shape) { raw = RawJSON(JSON.bytes(value.json)) }

    public static var schema: JSONValue { Shape.schema }
    public var json: JSONValue { .raw(raw) }
}
