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
        /// A campaign UUID or `cp_` public id.
        case campaignRef
        /// An integer (a zero-fraction number is accepted) within bounds.
        case integer(min: Int64?, max: Int64?)
        case boolean
        /// A comma-separated string or an array of strings.
        case stringOrStringArray
        /// Campaign references (UUID or `cp_` id) as a comma-separated string or an array of strings
        /// (SPEC §11 `campaign_ids`): items trimmed, empty items dropped, each item's format checked here
        /// so a malformed item is reported in schema order. Normalizes to an array of the trimmed items
        /// (possibly empty, which means omitted).
        case campaignRefList
        /// An integer or a string.
        case integerOrString
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
            o["pattern"] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        case let .oneOf(values):
            o["type"] = "string"
            o["enum"] = .array(values.map { .string($0) })
        case .text:
            o["type"] = "string"
        case let .publicID(prefix):
            o["type"] = "string"
            o["pattern"] = .string("^\(prefix)_[0-7][0-9a-hjkmnp-tv-z]{25}$")
        case .campaignRef:
            o["type"] = "string"
        case let .integer(min, max):
            o["type"] = "integer"
            if let min { o["minimum"] = .int(min) }
            if let max { o["maximum"] = .int(max) }
        case .boolean:
            o["type"] = "boolean"
        case .stringOrStringArray, .campaignRefList:
            o["type"] = ["string", "array"]
            o["items"] = ["type": "string"]
        case .integerOrString:
            o["type"] = ["integer", "string"]
        case let .boundedText(maxCharacters):
            o["type"] = "string"
            o["maxLength"] = .int(Int64(maxCharacters))
        }
        if case .campaignRefList = kind { o["maxItems"] = .int(Int64(ArgumentLimits.campaignIDs)) }
        o["description"] = .string(description)
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
            guard values.contains(where: { $0.utf8.elementsEqual(text.utf8) }) else {
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
        case .stringOrStringArray:
            switch value {
            case .string: return value
            case let .array(items):
                for item in items where item.stringValue == nil {
                    throw Messages.wrongType(name, received: value, expected: "a comma-separated string or an array of strings", example: example)
                }
                return value
            default:
                throw Messages.wrongType(name, received: value, expected: "a comma-separated string or an array of strings", example: example)
            }
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
        case let .boundedText(maxCharacters):
            guard case let .string(text) = value else { throw Messages.wrongType(name, received: value, expected: "a string", example: example) }
            let count = text.unicodeScalars.count
            guard count <= maxCharacters else {
                throw Messages.invalidValue(
                    name, received: value, expected: "a string of at most \(maxCharacters) characters (\(count) given)", example: example)
            }
            return value
        case .integerOrString:
            switch value {
            case .string: return value
            default:
                guard let n = value.integerValue else {
                    throw Messages.wrongType(name, received: value, expected: "an integer workspace id, a ws_ public id or \"ALL\"", example: example)
                }
                return .int(n)
            }
        }
    }
}

extension ArgumentSpec {
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

    /// SPEC §11 validation order: unknown names, then each declared argument in order
    /// (missing, type, format/range/enum). Cross-field rules and references are the tool's.
    public static func validate(_ raw: JSONObject, against specs: [ArgumentSpec]) throws(ToolError) -> Arguments {
        let unknown = raw.keys.filter { key in !specs.contains { $0.name.utf8.elementsEqual(key.utf8) } }
        if !unknown.isEmpty { throw Messages.unknownArguments(unknown, allowed: specs.map(\.name)) }
        var values: [String: JSONValue] = [:]
        for spec in specs {
            guard let value = raw[spec.name] else {
                if spec.required { throw Messages.missing(spec.name, example: spec.example) }
                continue
            }
            if value.isNull {
                if spec.required {
                    throw Messages.wrongType(spec.name, received: value, expected: "a value", example: spec.example)
                }
                throw Messages.null(spec.name)
            }
            values[spec.name] = try spec.validate(value)
        }
        return Arguments(values: values)
    }
}
