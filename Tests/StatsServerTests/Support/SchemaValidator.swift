import Foundation
import StatsJSON

/// A JSON Schema validator for the subset the tool schemas use (type, properties, required,
/// additionalProperties, minProperties, maxProperties, items, enum, const, $ref into the same document, oneOf/anyOf/allOf, minimum,
/// maximum, minItems, maxItems, pattern). In `closed` mode an object schema that lists `properties` and
/// says nothing about `additionalProperties` is treated as closed: an answer key the schema does not
/// declare is a violation, so a field added to a tool's answer but not to its schema fails the tests.
struct SchemaValidator {
    let root: JSONValue
    var closed = true

    /// Every violation, as `path: what`.
    func violations(of value: JSONValue) -> [String] {
        var out: [String] = []
        check(value.resolved, root, "$", &out)
        return out
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let ref = schema["$ref"]?.stringValue else { return schema }
        var node = root
        for part in ref.split(separator: "/").dropFirst() { node = node[String(part)] ?? .null }
        return resolve(node)
    }

    private static func typeMatches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .int): return true
        case let ("integer", .double(d)): return d.rounded() == d
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }

    private func check(_ value: JSONValue, _ rawSchema: JSONValue, _ path: String, _ out: inout [String]) {
        let schema = resolve(rawSchema)
        if case let .bool(allowed) = schema {
            if !allowed { out.append("\(path): no value allowed here") }
            return
        }
        if let type = schema["type"] {
            let types = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !types.contains(where: { Self.typeMatches(value, $0) }) {
                out.append("\(path): \(JSON.string(value).prefix(60)) is not of type \(types.joined(separator: "|"))")
                return
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            out.append("\(path): \(JSON.string(value).prefix(60)) is not one of \(JSON.string(.array(options)))")
        }
        if let constant = schema["const"], constant != value { out.append("\(path): expected \(JSON.string(constant))") }
        for key in ["allOf", "anyOf", "oneOf"] {
            guard let branches = schema[key]?.arrayValue else { continue }
            let passing = branches.filter { branch in
                var sub: [String] = []
                check(value, branch, path, &sub)
                return sub.isEmpty
            }.count
            switch key {
            case "allOf" where passing != branches.count: out.append("\(path): fails allOf")
            case "anyOf" where passing == 0: out.append("\(path): matches no anyOf branch")
            case "oneOf" where passing != 1: out.append("\(path): matches \(passing) oneOf branches")
            default: break
            }
        }
        switch value {
        case let .object(object):
            let properties = schema["properties"]?.objectValue
            for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[key] == nil {
                out.append("\(path): missing required key \(key)")
            }
            if let min = schema["minProperties"]?.integerValue, object.count < min { out.append("\(path): \(object.count) keys < minProperties \(min)") }
            if let max = schema["maxProperties"]?.integerValue, object.count > max { out.append("\(path): \(object.count) keys > maxProperties \(max)") }
            for member in object {
                if let sub = properties?[member.key] {
                    check(member.value.resolved, sub, path + "." + member.key, &out)
                } else if let extra = schema["additionalProperties"] {
                    if case .bool(false) = extra { out.append("\(path): undeclared key \(member.key)") } else if case .object = extra {
                        check(member.value.resolved, extra, path + "." + member.key, &out)
                    }
                } else if closed, properties != nil {
                    out.append("\(path): undeclared key \(member.key) (not in the schema's properties)")
                }
            }
        case let .array(items):
            if let max = schema["maxItems"]?.integerValue, items.count > max { out.append("\(path): \(items.count) items > maxItems \(max)") }
            if let min = schema["minItems"]?.integerValue, items.count < min { out.append("\(path): \(items.count) items < minItems \(min)") }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { check(item.resolved, itemSchema, "\(path)[\(i)]", &out) }
            }
        case let .string(text):
            if let pattern = schema["pattern"]?.stringValue {
                let regex = try? NSRegularExpression(pattern: pattern)
                let range = NSRange(text.startIndex..., in: text)
                if regex?.firstMatch(in: text, range: range) == nil { out.append("\(path): \(text.prefix(60)) does not match \(pattern)") }
            }
        case .int, .double:
            let number: Double = value.integerValue.map(Double.init) ?? {
                if case let .double(d) = value { return d }
                return 0
            }()
            if let min = schema["minimum"], let m = min.integerValue.map(Double.init) ?? min.doubleNumber, number < m {
                out.append("\(path): \(number) < minimum \(m)")
            }
            if let max = schema["maximum"], let m = max.integerValue.map(Double.init) ?? max.doubleNumber, number > m {
                out.append("\(path): \(number) > maximum \(m)")
            }
        default:
            break
        }
    }
}

extension JSONValue {
    fileprivate var doubleNumber: Double? {
        if case let .double(d) = self { return d }
        return nil
    }
}
