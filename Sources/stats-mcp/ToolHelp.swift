import Foundation
import StatsJSON
import StatsTools

/// A tool's arguments as text (`tools TOOL`, `call TOOL --help`) and as the README's Markdown table
/// (`tools --markdown`). Everything is read from the tool's `ArgumentSpec`s — names, required, default,
/// description — and from the `inputSchema` they generate (type, enum, bounds, pattern), so the help
/// cannot disagree with what `tools/list` publishes.
enum ToolHelp {
    struct Row {
        var name: String
        var type: String
        var requirement: String
        var allowed: String
        /// `allowed` lists enum values (comma-separated).
        var isEnum: Bool
        var description: String
    }

    static func rows(_ tool: any Tool) -> [Row] {
        let properties = tool.inputSchema["properties"]?.objectValue ?? JSONObject()
        return tool.arguments.map { spec in
            let schema = properties[spec.name] ?? .null
            var requirement = spec.required ? "required" : "optional"
            if let value = spec.defaultValue ?? schema["default"] { requirement += ", default " + JSON.string(value) }
            return Row(name: spec.name, type: typeName(schema), requirement: requirement, allowed: allowed(schema),
                       isEnum: schema["enum"] != nil, description: spec.description)
        }
    }

    static func typeName(_ schema: JSONValue) -> String {
        var types: [String] = []
        if let one = schema["type"]?.stringValue { types = [one] }
        if let many = schema["type"]?.arrayValue { types = many.compactMap(\.stringValue) }
        let names = types.map { type -> String in
            switch type {
            case "array":
                let item = schema["items"]?["type"]?.stringValue ?? "value"
                return "array of \(item)s"
            case "string" where schema["format"]?.stringValue == "date": return "date"
            default: return type
            }
        }
        return names.isEmpty ? "any" : names.joined(separator: " or ")
    }

    static func allowed(_ schema: JSONValue) -> String {
        if let values = schema["enum"]?.arrayValue {
            return values.map { $0.stringValue ?? JSON.string($0) }.joined(separator: ", ")
        }
        let minimum = schema["minimum"]?.integerValue
        let maximum = schema["maximum"]?.integerValue
        if let minimum, let maximum { return "\(minimum)–\(maximum)" }
        if let minimum { return "≥ \(minimum)" }
        if let maximum { return "≤ \(maximum)" }
        if schema["format"]?.stringValue == "date" { return "YYYY-MM-DD" }
        if let pattern = schema["pattern"]?.stringValue { return "pattern " + pattern }
        return ""
    }

    /// `tools TOOL`: title, description, one block per argument, an example call.
    static func text(_ tool: any Tool) -> String {
        var lines = ["\(tool.name) — \(tool.title)" + (tool.isSync ? " (sync tool: writes the store; hidden by --read-only)" : ""), ""]
        lines.append(wrap(tool.description, indent: ""))
        lines.append("")
        let rows = rows(tool)
        if rows.isEmpty {
            lines.append("Arguments: none.")
        } else {
            lines.append("Arguments:")
            for row in rows {
                var head = "  \(row.name)  \(row.type), \(row.requirement)"
                if !row.allowed.isEmpty { head += "; " + (row.isEnum ? "one of: " + row.allowed : row.allowed) }
                lines.append(head)
                lines.append(wrap(row.description, indent: "      "))
            }
        }
        lines.append("")
        let required = tool.arguments.filter(\.required)
        let shown = required.isEmpty ? Array(tool.arguments.prefix(1)) : required
        let example = shown.isEmpty ? "" : "'{" + shown.map { "\"\($0.name)\": \($0.example)" }.joined(separator: ", ") + "}'"
        lines.append("Example: stats-mcp call \(tool.name) \(example)".trimmingCharacters(in: .whitespaces))
        return lines.joined(separator: "\n")
    }

    /// The README's argument tables: one section per tool, in `tools/list` order.
    static func markdown(_ tools: [any Tool]) -> String {
        var lines: [String] = []
        for tool in tools {
            lines.append("#### `\(tool.name)`" + (tool.isSync ? " (sync)" : ""))
            lines.append("")
            let rows = rows(tool)
            if rows.isEmpty {
                lines.append("No arguments.")
            } else {
                lines.append("| Argument | Type | Required / default | Allowed values | Description |")
                lines.append("|---|---|---|---|---|")
                for row in rows {
                    var allowed = row.allowed
                    if row.isEnum {
                        allowed = "`" + row.allowed.replacingOccurrences(of: ", ", with: "`, `") + "`"
                    } else if row.allowed.hasPrefix("pattern ") {
                        allowed = "pattern `" + row.allowed.dropFirst("pattern ".count) + "`"
                    } else if row.allowed == "YYYY-MM-DD" {
                        allowed = "`YYYY-MM-DD`"
                    }
                    lines.append("| `\(row.name)` | \(row.type) | \(row.requirement) | \(cell(allowed)) | \(cell(row.description)) |")
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func wrap(_ text: String, indent: String, width: Int = 100) -> String {
        var lines: [String] = []
        var current = indent
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if current.count > indent.count, current.count + 1 + word.count > width {
                lines.append(current)
                current = indent
            }
            current += (current.count > indent.count ? " " : "") + word
        }
        if current.count > indent.count { lines.append(current) }
        return lines.joined(separator: "\n")
    }
}
