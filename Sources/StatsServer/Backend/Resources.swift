import StatsJSON
import StatsStore
import StatsTools

/// MCP resources (SPEC §7.3): every tool's schemas, the store schema, and the metrics glossary.
public enum Resources {
    public static func list(tools: [any Tool]) -> [ResourceDescriptor] {
        var out: [ResourceDescriptor] = []
        for tool in tools {
            out.append(ResourceDescriptor(
                uri: "stats://schemas/tools/\(tool.name).input.json", name: "\(tool.name).input.json",
                title: "\(tool.title): input schema", description: "JSON Schema of the arguments of \(tool.name).",
                mimeType: "application/schema+json"))
            out.append(ResourceDescriptor(
                uri: "stats://schemas/tools/\(tool.name).output.json", name: "\(tool.name).output.json",
                title: "\(tool.title): output schema", description: "JSON Schema of the structured result of \(tool.name).",
                mimeType: "application/schema+json"))
        }
        out.append(ResourceDescriptor(
            uri: "stats://schemas/store.json", name: "store.json", title: "Store schema",
            description: "JSON Schema of the stats-mcp store file (the base JSON document).", mimeType: "application/schema+json"))
        out.append(ResourceDescriptor(
            uri: "stats://docs/metrics", name: "metrics", title: "Metrics glossary",
            description: "What every metric counts, its formula and its period rules.", mimeType: "text/markdown"))
        return out
    }

    public static func read(uri: String, tools: [any Tool]) -> String? {
        if uri == "stats://docs/metrics" { return MetricsGlossary.markdown }
        if uri == "stats://schemas/store.json" { return StoreSchema.text }
        for tool in tools {
            if uri == "stats://schemas/tools/\(tool.name).input.json" { return SchemaFiles.text(tool.inputSchema) }
            if uri == "stats://schemas/tools/\(tool.name).output.json" { return SchemaFiles.text(tool.outputSchema) }
        }
        return nil
    }
}

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
