import StatsCore
import StatsJSON

/// One declared argument of a tool. The list of specs is the single source of both the tool's
/// `inputSchema` and its argument validation, so the two cannot disagree.
public struct ArgumentSpec: Sendable {
    public enum Kind: Sendable {
        /// `YYYY-MM-DD`, a real date in 2000-01-01 ... 2100-12-31.
        case date
        /// A `.date` that must also be a Monday.
        case mondayDate
        /// One of these strings.
        case oneOf([String])
        /// Any string (the tool interprets it, e.g. a lenient enum).
        case text
        /// A public id with this prefix (`ws`, `cp`, `usr`).
        case publicID(String)
        /// A campaign UUID or `cp_` public id (normalized: a UUID lower-cased).
        case campaignRef
        /// A user UUID or `usr_` public id (normalized: a UUID lower-cased).
        case userRef
        /// An integer (a zero-fraction number is accepted) within bounds.
        case integer(min: Int64?, max: Int64?)
        case boolean
        /// Campaign references (UUID or `cp_` id) as a comma-separated string or an array of strings
        /// (SPEC §11 `campaign_ids`): items trimmed, empty items dropped, each item's format checked here
        /// so a malformed item is reported in schema order. Normalizes to an array of the trimmed items
        /// (possibly empty, which means omitted).
        case campaignRefList
        /// A workspace selection (SPEC §11 `workspace_id`): a string in the schema (`ALL` in any case, a
        /// `ws_` id or decimal digits); a JSON integer is accepted too. Normalized to `"ALL"`, the `ws_`
        /// id, or an integer.
        case workspaceRef
        /// A string of at most this many characters (Unicode code points); see `ArgumentLimits`.
        case boundedText(maxCharacters: Int)
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    public var description: String
    public var example: String
    public var defaultValue: JSONValue?

    public init(_ name: String, _ kind: Kind, required: Bool = false, description: String, example: String, default defaultValue: JSONValue? = nil) {
        self.name = name
        self.kind = kind
        self.required = required
        self.description = description
        self.example = example
        self.defaultValue = defaultValue
    }

    // MARK: Schema

    var schema: JSONValue {
        var o = JSONObject()
        switch kind {
        case .date, .mondayDate:
            o["type"] = "string"
            o["format"] = "date"
        case let .oneOf(values):
            o["type"] = "string"
            o["enum"] = .array(values.map { .string($0) })
        case .text:
            o["type"] = "string"
        case let .publicID(prefix):
            o["type"] = "string"
            o["pattern"] = .string(IDPatterns.publicID(prefix))
        case .campaignRef:
            o["type"] = "string"
            o["pattern"] = .string(IDPatterns.campaignRef)
        case .userRef:
            o["type"] = "string"
            o["pattern"] = .string(IDPatterns.userRef)
        case let .integer(min, max):
            o["type"] = "integer"
            if let min { o["minimum"] = .int(min) }
            if let max { o["maximum"] = .int(max) }
        case .boolean:
            o["type"] = "boolean"
        case .campaignRefList:
            o["type"] = "array"
            o["items"] = ["type": "string", "pattern": .string(IDPatterns.campaignRef)]
        case .workspaceRef:
            o["type"] = "string"
            o["pattern"] = .string(IDPatterns.workspaceRef)
        case let .boundedText(maxCharacters):
            o["type"] = "string"
            o["maxLength"] = .int(Int64(maxCharacters))
        }
        if case .campaignRefList = kind { o["maxItems"] = .int(Int64(ArgumentLimits.campaignIDs)) }
        if !description.isEmpty { o["description"] = .string(description) }  // self-explanatory enums save tools/list bytes
        if let defaultValue { o["default"] = defaultValue }
        return .object(o)
    }

    static func inputSchema(_ specs: [ArgumentSpec]) -> JSONValue {
        var properties = JSONObject()
        for spec in specs { properties[spec.name] = spec.schema }
        var o = JSONObject()
        o["type"] = "object"
        o["properties"] = .object(properties)
        let required = specs.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { o["required"] = .array(required) }
        o["additionalProperties"] = false
        return .object(o)
    }

    // MARK: Validation

    /// Checks one present, non-null value; returns its normalized form.
    func validate(_ value: JSONValue) throws(ToolError) -> JSONValue {
        switch kind {
        case .date:
            guard case let .string(text) = value else {
                throw Messages.wrongType(name, received: value, expected: "a date string (YYYY-MM-DD)", example: example)
            }
            guard let day = Day.parse(text), day >= Day.argumentMin, day <= Day.argumentMax else {
                throw Messages.invalidValue(name, received: value, expected: Messages.dateExpectation, example: example)
            }
            return .string(day.description)
        case .mondayDate:
            let normalized = try ArgumentSpec(name, .date, description: description, example: example).validate(value)
            if let day = normalized.stringValue.flatMap(Day.parse), day.isoWeekday != 1 { throw Messages.notMonday(day) }
            return normalized
        case let .oneOf(values):
            guard case let .string(text) = value else {
                throw Messages.wrongType(name, received: value, expected: "one of " + values.joined(separator: ", "), example: example)
            }
            guard values.contains(where: { Identifiers.sameBytes($0, text) }) else {
                throw Messages.invalidValue(name, received: value, expected: "one of " + values.joined(separator: ", "), example: example)
            }
            return value
        case .text:
            guard case .string = value else { throw Messages.wrongType(name, received: value, expected: "a string", example: example) }
            return value
        case let .publicID(prefix):
            let expected = "a \(prefix)_ public id (\(prefix)_ followed by 26 lowercase Crockford base32 characters)"
            guard case let .string(text) = value else { throw Messages.wrongType(name, received: value, expected: expected, example: example) }
            guard Identifiers.isPublicID(text, prefix: prefix) else {
                throw Messages.invalidValue(name, received: value, expected: expected, example: example)
            }
            return value
        case .campaignRef:
            let expected = "a campaign UUID or a cp_ public id"
            guard case let .string(text) = value else { throw Messages.wrongType(name, received: value, expected: expected, example: example) }
            if let uuid = Identifiers.canonicalUUID(text) { return .string(uuid) }
            guard Identifiers.isPublicID(text, prefix: "cp") else {
                throw Messages.invalidValue(name, received: value, expected: expected, example: example)
            }
            return value
        case .userRef:
            let expected = "a user UUID or a usr_ public id"
            guard case let .string(text) = value else { throw Messages.wrongType(name, received: value, expected: expected, example: example) }
            if let uuid = Identifiers.canonicalUUID(text) { return .string(uuid) }
            guard Identifiers.isPublicID(text, prefix: "usr") else {
                throw Messages.invalidValue(name, received: value, expected: expected, example: example)
            }
            return value
        case let .integer(min, max):
            var expected = "an integer"
            if let min, let max {
                expected += " from \(min) to \(max)"
            } else if let min {
                expected += " >= \(min)"
            }
            // A whole number beyond Int64 (e.g. 1e20) is still an integer: it saturates, so it clamps
            // or lands past the end like any other large value.
            var whole = value.integerValue
            if whole == nil, case let .double(d) = value, d.isFinite, d.rounded() == d { whole = d < 0 ? Int64.min : Int64.max }
            guard let number = whole else {
                if case .double = value {
                    throw Messages.invalidValue(name, received: value, expected: expected, example: example)
                }
                throw Messages.wrongType(name, received: value, expected: expected, example: example)
            }
            if let min, number < min { throw Messages.invalidValue(name, received: value, expected: expected, example: example) }
            if let max, number > max { throw Messages.invalidValue(name, received: value, expected: expected, example: example) }
            return .int(number)
        case .boolean:
            guard case .bool = value else { throw Messages.wrongType(name, received: value, expected: "true or false", example: example) }
            return value
        case .campaignRefList:
            let expected = "a comma-separated string or an array of strings, each a campaign UUID or a cp_ public id"
            var raw: [String] = []
            switch value {
            case let .string(text):
                raw = text.unicodeScalars.split(separator: ",", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
            case let .array(items):
                for item in items {
                    guard let text = item.stringValue else { throw Messages.wrongType(name, received: value, expected: expected, example: example) }
                    raw.append(text)
                }
            default:
                throw Messages.wrongType(name, received: value, expected: expected, example: example)
            }
            // Repeats of the same text count once (a Set: linear, issue 17 #3); the list is bounded.
            var distinct = Set<[UInt8]>()
            let trimmed = raw.map(Self.trimmed).filter { !$0.isEmpty && distinct.insert(Array($0.utf8)).inserted }
            guard trimmed.count <= ArgumentLimits.campaignIDs else {
                throw Messages.invalidValue(
                    name, received: value, expected: "at most \(ArgumentLimits.campaignIDs) campaign ids (\(trimmed.count) given)",
                    example: example)
            }
            for item in trimmed where !Identifiers.isUUID(item) && !Identifiers.isPublicID(item, prefix: "cp") {
                throw Messages.invalidListItem(name, item: item, expected: "a campaign UUID or a cp_ public id", example: example)
            }
            return .array(trimmed.map { .string($0) })
        case .workspaceRef:
            return try Self.workspaceSelection(name, value, example: example)
        case let .boundedText(maxCharacters):
            guard case let .string(text) = value else { throw Messages.wrongType(name, received: value, expected: "a string", example: example) }
            let count = text.unicodeScalars.count
            guard count <= maxCharacters else {
                throw Messages.invalidValue(
                    name, received: value, expected: "a string of at most \(maxCharacters) characters (\(count) given)", example: example)
            }
            return value
        }
    }
}

extension ArgumentSpec {
    /// SPEC §11 `workspace_id`: `ALL` (any case), a `ws_` id, decimal ASCII digits (leading zeros allowed,
    /// at most 18 digits), or a JSON integer; anything else is `invalid_argument`.
    static func workspaceSelection(_ name: String, _ value: JSONValue, example: String) throws(ToolError) -> JSONValue {
        let expected = "\"ALL\", a ws_ public id or a numeric workspace id"
        switch value {
        case let .string(text):
            let bytes = Array(text.utf8)
            if bytes.count == 3, bytes.map({ $0 | 0x20 }) == Array("all".utf8) { return "ALL" }
            if Identifiers.isPublicID(text, prefix: "ws") { return value }
            if !bytes.isEmpty, bytes.count <= 18, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                var n: Int64 = 0
                for b in bytes { n = n * 10 + Int64(b - 0x30) }
                return .int(n)
            }
            throw Messages.invalidValue(name, received: value, expected: expected, example: example)
        default:
            guard let n = value.integerValue else { throw Messages.wrongType(name, received: value, expected: expected, example: example) }
            return .int(n)
        }
    }

    /// `text` without leading and trailing Unicode white space.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}

/// Validated arguments: every present value has passed its spec; absent optional values are nil.
public struct Arguments: Sendable {
    public var values: [String: JSONValue]

    public subscript(name: String) -> JSONValue? { values[name] }
    public func string(_ name: String) -> String? { values[name]?.stringValue }
    public func day(_ name: String) -> Day? { values[name]?.stringValue.flatMap(Day.parse) }
    public func int(_ name: String) -> Int64? { values[name]?.integerValue }
    public func bool(_ name: String) -> Bool? { values[name]?.boolValue }
    public func has(_ name: String) -> Bool { values[name] != nil }
    /// A required string argument (validation already reported it missing; this never throws after
    /// `validate`, but keeps the tools free of force-unwraps).
    public func required(_ name: String) throws(ToolError) -> String {
        guard let text = values[name]?.stringValue else { throw Messages.missing(name, example: "…") }
        return text
    }
    /// The value of an enum-valued argument (its spec is `.oneOf` the enum's raw values).
    public func value<E: RawRepresentable>(_ name: String, as type: E.Type = E.self) -> E? where E.RawValue == String {
        values[name]?.stringValue.flatMap(E.init(rawValue:))
    }

    /// SPEC §11 validation order: unknown names, then each declared argument in order
    /// (missing, type, format/range/enum). Cross-field rules and references are the tool's.
    public static func validate(_ raw: JSONObject, against specs: [ArgumentSpec]) throws(ToolError) -> Arguments {
        let unknown = raw.keys.filter { key in !specs.contains { Identifiers.sameBytes($0.name, key) } }
        if !unknown.isEmpty { throw Messages.unknownArguments(unknown, allowed: specs.map(\.name)) }
        var values: [String: JSONValue] = [:]
        for spec in specs {
            guard let value = raw[spec.name] else {
                if spec.required { throw Messages.missing(spec.name, example: spec.example) }
                continue
            }
            // SPEC §4 "Omitted values": null or "" is omitted for an optional argument, missing for a required one.
            if value.isOmittedValue {
                if spec.required { throw Messages.missing(spec.name, example: spec.example) }
                continue
            }
            values[spec.name] = try spec.validate(value)
        }
        return Arguments(values: values)
    }
}

extension JSONValue {
    /// `null` or the empty string: what SPEC §4 counts as an omitted argument value.
    var isOmittedValue: Bool {
        switch self {
        case .null: return true
        case let .string(text): return text.isEmpty
        default: return false
        }
    }
}

/// The id patterns of the input schemas (SPEC §1), declared once; each accepts exactly what validation accepts.
public enum IDPatterns {
    /// SPEC §1 UUIDs, any case: version 1–8 and variant 8–b, or the nil or max UUID.
    static let uuidBody =
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|0{8}(-0{4}){3}-0{12}|[fF]{8}(-[fF]{4}){3}-[fF]{12}"
    static func publicIDBody(_ prefix: String) -> String { "\(prefix)_[0-7][0-9a-hjkmnp-tv-z]{25}" }
    public static func publicID(_ prefix: String) -> String { "^\(publicIDBody(prefix))$" }
    public static let campaignRef = "^(\(publicIDBody("cp"))|\(uuidBody))$"
    public static let userRef = "^(\(publicIDBody("usr"))|\(uuidBody))$"
    public static let workspaceRef = "^([Aa][Ll][Ll]|\(publicIDBody("ws"))|[0-9]{1,18})$"
}
