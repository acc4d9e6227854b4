import Foundation
import StatsServer

/// `stats-mcp schemas --out DIR`: the tool and store JSON Schemas as files.
enum SchemasCommand: Command {
    static let name = "schemas"
    static let summary = "write the tool and store JSON Schemas"
    static let details = "Writes tools/<name>.input.json, tools/<name>.output.json and store.schema.json under DIR."
    static let options = [OptionSpec("--out", value: "DIR", required: true, "the directory to write (created if needed)")]
    static let globals: [String] = []

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        guard let out = arguments.value("--out") else { throw UsageError("schemas needs --out DIR", command: name) }
        do {
            for (path, text) in SchemaFiles.all() {
                let url = URL(fileURLWithPath: out).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
        } catch {
            Output.err("stats-mcp: cannot write schemas to \(out): \(error)\n")
            return ExitStatus.failure
        }
        return ExitStatus.ok
    }
}
