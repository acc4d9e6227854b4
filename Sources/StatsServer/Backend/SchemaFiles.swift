import StatsJSON
import StatsStore
import StatsTools

/// The files of `schemas/` (and `stats-mcp schemas --out DIR`): one source, the tool definitions.
public enum SchemaFiles {
    /// Relative path → file text.
    public static func all() -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for tool in ToolRegistry.all {
            out.append(("tools/\(tool.name).input.json", text(tool.inputSchema)))
            out.append(("tools/\(tool.name).output.json", text(tool.outputSchema)))
        }
        out.append(("store.schema.json", StoreSchema.text))
        return out
    }

    /// Pretty-printed (2 spaces, keys in definition order) with a final newline.
    public static func text(_ value: JSONValue) -> String {
        var out = ""
        pretty(value, indent: 0, into: &out)
        return out + "\n"
    }

    static func pretty(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch value {
        case let .array(items) where !items.isEmpty && items.contains(where: { $0.objectValue != nil || $0.arrayValue != nil }):
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                pretty(item, indent: indent + 1, into: &out)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case let .object(o) where !o.isEmpty:
            out += "{\n"
            for (i, member) in o.members.enumerated() {
                out += pad + JSON.string(.string(member.key)) + ": "
                pretty(member.value, indent: indent + 1, into: &out)
                out += i + 1 < o.count ? ",\n" : "\n"
            }
            out += close + "}"
        default:
            out += JSON.string(value)
        }
    }
}
