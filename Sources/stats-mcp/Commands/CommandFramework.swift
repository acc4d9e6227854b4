import Foundation

/// Exit statuses of every command (SPEC §8; `call` distinguishes configuration from argument problems).
enum ExitStatus {
    static let ok: Int32 = 0
    /// A tool error about the arguments or the data, a failed check, a failed write.
    static let failure: Int32 = 1
    /// A usage error: unknown option, missing or malformed value (a usage line goes to stderr).
    static let usage: Int32 = 2
    /// `call`: the store or the API key is the problem (missing, unreadable, unknown, revoked…).
    static let configuration: Int32 = 3
}

/// One option of a command-line table. The tables are the single source of parsing, of `--help`
/// and of each command's help: nothing else lists the options.
struct OptionSpec: Sendable {
    /// `--store`.
    var name: String
    /// The value's placeholder (`PATH`), or nil for a flag.
    var value: String?
    /// Shown bare in the synopsis (`--out PATH`) rather than in brackets.
    var required: Bool = false
    var help: String

    /// A flag.
    init(_ name: String, _ help: String) {
        self.name = name
        self.value = nil
        self.help = help
    }

    /// An option with a value.
    init(_ name: String, value: String, required: Bool = false, _ help: String) {
        self.name = name
        self.value = value
        self.required = required
        self.help = help
    }

    var synopsis: String {
        let text = value.map { "\(name) \($0)" } ?? name
        return required ? text : "[\(text)]"
    }
}

/// A command-line mistake: printed with the command's help, exit 2.
struct UsageError: Error {
    var message: String
    /// The command whose help is printed after the message (nil: the general usage).
    var command: String?
    init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }
}

/// What the parser found: option values (the last one wins), flags and positional words.
struct ParsedArguments: Sendable {
    var command: String
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var help = false

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A command: its name, its option table, its help texts and its run. Each command is a file in this
/// folder; its typed options are parsed and validated from `ParsedArguments` inside `run`.
///
/// Adding a command: write `Commands/<Name>Command.swift` with an `enum <Name>Command: Command`, then list it
/// in `CommandLineTool.commands` (Dispatch.swift). Its options appear in `--help`, in `<name> --help` and in
/// the parser from its `options` table alone; usage mistakes are `throw UsageError(…, command: name)`
/// (exit 2 with the command's usage line), other failures return `ExitStatus.failure`.
protocol Command {
    static var name: String { get }
    /// The positional part of the synopsis (`TOOL [JSON-ARGUMENTS]`), empty when there is none.
    static var operands: String { get }
    /// One line for the general `--help`.
    static var summary: String { get }
    /// The paragraph of `stats-mcp COMMAND --help` after the option list.
    static var details: String { get }
    /// The command's own options.
    static var options: [OptionSpec] { get }
    /// The global options (`GlobalOptions.table`) this command honours, by name.
    static var globals: [String] { get }
    /// How many positional words the command takes.
    static var operandCount: ClosedRange<Int> { get }
    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32
}

extension Command {
    static var operands: String { "" }
    static var operandCount: ClosedRange<Int> { 0...0 }
    static var allOptions: [OptionSpec] { GlobalOptions.table.filter { globals.contains($0.name) } + options }
}

/// Options that every store-using command shares; they may come before or after the command name.
enum GlobalOptions {
    static let table: [OptionSpec] = [
        OptionSpec("--store", value: "PATH", "the store file (default $STATS_STORE, else ./stats-store.json)"),
        OptionSpec("--api-key-file", value: "PATH", "read the API key from the first line of PATH (default: $STATS_API_KEY)"),
        OptionSpec("--read-only", "hide and refuse the sync tools"),
        OptionSpec("--today", value: "YYYY-MM-DD", "pin \"today\" (default $STATS_TODAY, else today in the workspace's time zone)"),
        OptionSpec("--now", value: "RFC3339", "pin the clock (default $STATS_NOW)"),
        OptionSpec("--demo", "use the built-in demo store from memory (no file, no key; not with --store)"),
    ]
    static let environment = "Environment: STATS_STORE, STATS_API_KEY, STATS_TODAY, STATS_NOW, STATS_LOG_LEVEL."
}
