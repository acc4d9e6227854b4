import StatsCore
import StatsJSON

/// The JSON type a known store field must have (SPEC §2, §11 "wrong-typed records are ignored").
///
/// Every kind of record declares its fields once, as a `RecordShape` in its own file
/// (`CampaignRecords.swift`, `UserRecords.swift`, …); the loader checks each record against it before
/// using it, and `check` reports a mismatch with the field's JSON path. A record that fails is ignored
/// like a record with an unknown parent, so no answer ever echoes a value outside its outputSchema.
enum FieldType: Sendable, Equatable {
    case string
    case integer
    case boolean
    case object
    case array
    /// A string holding a UUID (SPEC §1 format).
    case uuid
    /// A string holding an RFC 3339 timestamp.
    case timestamp
    /// A string holding a `YYYY-MM-DD` date.
    case date

    var expected: String {
        switch self {
        case .string: return "a string"
        case .integer: return "an integer"
        case .boolean: return "a boolean"
        case .object: return "an object"
        case .array: return "an array"
        case .uuid: return "a UUID string"
        case .timestamp: return "an RFC 3339 timestamp string"
        case .date: return "a YYYY-MM-DD date string"
        }
    }

    /// Whether `value` (not null) has this type.
    func accepts(_ value: JSONValue) -> Bool {
        switch self {
        case .string: return value.stringValue != nil
        case .integer: return value.integerValue != nil
        case .boolean: return value.boolValue != nil
        case .object: return value.objectValue != nil
        case .array: return value.arrayValue != nil
        case .uuid: return value.stringValue.flatMap(UUID128.init) != nil
        case .timestamp: return value.stringValue.flatMap(Instant.parse) != nil
        case .date: return value.stringValue.flatMap(Day.parse) != nil
        }
    }
}

/// One known field of a record kind.
struct FieldRule: Sendable {
    enum Presence: Sendable {
        /// Must be present and of its type (not null).
        case required
        /// May be absent or null; when present and not null, of its type.
        case nullable
        /// May be absent; when present, of its type (null is a wrong type: e.g. `stats`, whose schema
        /// says object).
        case optional
    }

    let name: String
    let type: FieldType
    let presence: Presence

    init(_ name: String, _ type: FieldType, _ presence: Presence) {
        self.name = name
        self.type = type
        self.presence = presence
    }

    var expected: String {
        switch presence {
        case .required: return type.expected
        case .nullable: return type.expected + " or null"
        case .optional: return type.expected + " (or absent)"
        }
    }
}

/// The declared fields of one record kind and the check every loaded record passes.
struct RecordShape: Sendable {
    /// The top-level array, e.g. `campaigns`.
    let array: String
    /// What the problem message calls one record, e.g. `campaign`.
    let noun: String
    let fields: [FieldRule]

    init(array: String, noun: String, _ fields: [FieldRule]) {
        self.array = array
        self.noun = noun
        self.fields = fields
    }

    func path(_ ordinal: Int) -> String { "$.\(array)[\(ordinal)]" }

    /// The first field of `record` that breaks its rule, as a problem (path + message), or nil.
    func violation(_ record: JSONObject, ordinal: Int) -> StoreProblem? {
        for rule in fields {
            let value = record[rule.name]
            guard let value else {
                if rule.presence == .required {
                    return StoreProblem(path: path(ordinal) + "." + rule.name,
                                        message: "missing; expected \(rule.type.expected); the \(noun) is ignored")
                }
                continue
            }
            if value.isNull {
                if rule.presence == .nullable { continue }
                return StoreProblem(path: path(ordinal) + "." + rule.name,
                                    message: "null; expected \(rule.expected); the \(noun) is ignored")
            }
            if !rule.type.accepts(value) {
                return StoreProblem(path: path(ordinal) + "." + rule.name,
                                    message: "\(Self.describe(value)); expected \(rule.expected); the \(noun) is ignored")
            }
        }
        return nil
    }

    /// Why `value` may not be stored in field `name` (nil when it may, or the field is not declared).
    func problem(field name: String, _ value: JSONValue) -> String? {
        guard let rule = fields.first(where: { $0.name == name }) else { return nil }
        if value.isNull { return rule.presence == .nullable ? nil : "null; expected \(rule.expected)" }
        return rule.type.accepts(value) ? nil : "\(Self.describe(value)); expected \(rule.expected)"
    }

    /// What was found, without echoing long content.
    static func describe(_ value: JSONValue) -> String {
        switch value.resolved {
        case let .string(s):
            let shown = s.unicodeScalars.count > 40 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(40))) + "…" : s
            return "the string " + JSON.string(.string(shown))
        default:
            return "a value of type \(value.typeName)"
        }
    }
}

/// What other modules (the importer) may ask of the record shapes: the shapes stay declared once, here.
public enum StoreFieldRules {
    static let shapes: [RecordShape] = [
        WorkspaceRecords.shape, UserRecords.shape, APIKeyRecords.shape, CampaignRecords.shape, ProspectRecords.shape,
        ActivityRecords.shape, SnapshotRecords.shape, ClickRecords.shape, AliasRecords.shape, CallBatchRecords.shape,
        CallRecords.shape, CallStatsRecords.shape,
    ]

    /// Whether `field` of a record in `array` may hold `null` (unknown fields may; SPEC §2).
    public static func allowsNull(array: String, field: String) -> Bool {
        guard let shape = shapes.first(where: { $0.array == array }),
            let rule = shape.fields.first(where: { $0.name == field })
        else { return true }
        return rule.presence == .nullable
    }

    /// A JSON Schema of a stored record of `array` as the loader guarantees it: the fields every kept
    /// record has (SPEC §2's required fields, of their types) are required; any other field is
    /// admitted as stored. What tools that echo a record publish (`campaigns_get`).
    public static func guaranteedRecordSchema(array: String) -> JSONValue {
        var properties = JSONObject()
        var required: [JSONValue] = []
        for rule in shapes.first(where: { $0.array == array })?.fields ?? [] where rule.presence == .required {
            properties[rule.name] = ["type": .string(rule.type.jsonType)]
            required.append(.string(rule.name))
        }
        return ["type": "object", "required": .array(required), "additionalProperties": true, "properties": .object(properties)]
    }
}

extension FieldType {
    /// The JSON Schema type of a value of this kind.
    var jsonType: String {
        switch self {
        case .string, .uuid, .timestamp, .date: return "string"
        case .integer: return "integer"
        case .boolean: return "boolean"
        case .object: return "object"
        case .array: return "array"
        }
    }
}
