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
