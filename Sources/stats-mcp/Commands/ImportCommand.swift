import Foundation
import StatsAdmin
import StatsStore

/// `stats-mcp import --from DIR --out STORE [--force]`: a store from CSV / JSON Lines files. The rules
/// live in StatsAdmin (`StoreImporter`); this file reads the directory and writes the result.
enum ImportCommand: Command {
    static let name = "import"
    static let summary = "build a store from CSV / JSON Lines files, one per store array"
    static let details = """
        DIR holds one file per store array, named after it: workspaces.csv (or .jsonl), users.csv,
        campaigns.csv, prospects.csv, activities.csv, clicks.csv, … (a missing file is an empty array).
        CSV: a header row of field names; an empty cell is null; workspace_ids, assignee_ids and
        sender_accounts are separated by ';'; stats and operating_hours are JSON text; other columns are
        kept as extra fields. Ids may be any text: UUIDs are kept, other ids become UUIDs derived from
        (array, id), so references in other files follow; a missing public_id is derived from the id.
        The same files always give the same bytes. Every problem is printed as FILE:LINE:COLUMN, and
        nothing is written unless the whole import succeeds. An existing --out is refused unless --force.
        Then: stats-mcp keys add --store STORE --user USER --workspace WS
        """
    static let options = [
        OptionSpec("--from", value: "DIR", required: true, "the directory holding the CSV / JSON Lines files"),
        OptionSpec("--out", value: "PATH", required: true, "the store file to write"),
        OptionSpec("--force", "replace an existing store file (and drop its journal)"),
    ]
    static let globals: [String] = []

    struct Options {
        var from: String
        var out: String
        var force: Bool

        init(_ arguments: ParsedArguments) throws(UsageError) {
            guard let from = arguments.value("--from") else { throw UsageError("import needs --from DIR", command: name) }
            guard let out = arguments.value("--out") else { throw UsageError("import needs --out PATH", command: name) }
            self.from = from
            self.out = out
            force = arguments.flag("--force")
        }
    }

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let options = try Options(arguments)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.from, isDirectory: &isDirectory), isDirectory.boolValue else {
            Output.err("stats-mcp: --from \(options.from) is not a directory\n")
            return ExitStatus.failure
        }
        if !options.force, FileManager.default.fileExists(atPath: options.out) {
            Output.err("stats-mcp: \(options.out) already exists; not overwritten. Pass --force to replace it (its journal is removed too), or choose another --out.\n")
            return ExitStatus.failure
        }
        var files: [ImportFile] = []
        do {
            for name in try FileManager.default.contentsOfDirectory(atPath: options.from).sorted() {
                guard name.hasSuffix(".csv") || name.hasSuffix(".jsonl") else { continue }
                let path = (options.from as NSString).appendingPathComponent(name)
                guard let data = FileManager.default.contents(atPath: path) else {
                    Output.err("stats-mcp: cannot read \(path)\n")
                    return ExitStatus.failure
                }
                files.append(ImportFile(name: name, bytes: Array(data)))
            }
        } catch {
            Output.err("stats-mcp: cannot list \(options.from): \(error)\n")
            return ExitStatus.failure
        }
        guard !files.isEmpty else {
            Output.err("stats-mcp: \(options.from) holds no .csv or .jsonl file (expected workspaces.csv, users.csv, campaigns.csv, …)\n")
            return ExitStatus.failure
        }
        switch StoreImporter.run(files) {
        case let .failure(failure):
            for problem in failure.problems {
                Output.err((options.from as NSString).appendingPathComponent(problem.file) + ":\(problem.line):\(problem.column): \(problem.message)\n")
            }
            Output.err("stats-mcp: import failed with \(failure.problems.count) problem(s); nothing was written\n")
            return ExitStatus.failure
        case let .success(result):
            do {
                try StoreFiles(path: options.out).installNewBase(replace: options.force) { sink in
                    try result.bytes.withUnsafeBytes { try sink($0) }
                }
            } catch let error as StoreExistsError {
                Output.err("stats-mcp: \(error.path) already exists; not overwritten. Pass --force to replace it.\n")
                return ExitStatus.failure
            } catch {
                Output.err("stats-mcp: cannot write \(options.out): \(error)\n")
                return ExitStatus.failure
            }
            let counts = result.counts.filter { $0.records > 0 }.map { "\($0.records) \($0.array)" }.joined(separator: ", ")
            Output.out("wrote \(options.out): \(counts.isEmpty ? "no records" : counts)\n")
            return ExitStatus.ok
        }
    }
}
