import Foundation

/// The command table, the parser and the help generator: `stats-mcp ARGS…` → one command's run.
enum CommandLineTool {
    static let version = "1.0.0"

    /// Every command, in the order `--help` lists them. `serve` is the default command.
    nonisolated(unsafe) static let commands: [any Command.Type] = [
        ServeCommand.self,
        CallCommand.self,
        ToolsCommand.self,
        DemoCommand.self,
        ImportCommand.self,
        KeysCommand.self,
        CheckCommand.self,
        SchemasCommand.self,
    ]

    static func command(named name: String) -> (any Command.Type)? {
        commands.first { $0.name == name }
    }

    /// Runs the command line; returns the exit status.
    static func main(_ words: [String], environment: [String: String]) -> Int32 {
        // `db init|import|export` (SPEC §12) parses its own subcommands: Commands/DbCommand.swift.
        if words.first == "db" { return runDbCommand(Array(words.dropFirst())) }
        do {
            let parsed = try parse(words)
            if parsed.help {
                if parsed.command == CallCommand.name, let text = CallCommand.toolHelp(parsed) {
                    Output.out(text + "\n")
                    return ExitStatus.ok
                }
                let text = parsed.command == "" ? generalHelp() : help(for: parsed.command)
                Output.out(text + "\n")
                return ExitStatus.ok
            }
            guard let command = command(named: parsed.command) else { throw UsageError("unknown command \(parsed.command)") }
            let runtime = try Runtime(parsed: parsed, environment: environment, command: command)
            return try command.run(parsed, runtime)
        } catch {
            Output.err("stats-mcp: " + error.message + "\n")
            Output.err((error.command.map { usageLines(for: $0) } ?? generalUsage()) + "\n")
            return ExitStatus.usage
        }
    }

    // MARK: Parsing

    /// Finds the command word (the first word that is neither an option nor an option's value), then
    /// reads every option against the global table and that command's table.
    static func parse(_ words: [String]) throws -> ParsedArguments {
        // Options that take a value, across every table (a name has the same arity everywhere).
        var takesValue: Set<String> = ["--api-key"]  // refused below, but its value must not pass for a command
        for spec in GlobalOptions.table + commands.flatMap { $0.options } where spec.value != nil { takesValue.insert(spec.name) }

        var commandIndex: Int?
        var i = 0
        while i < words.count {
            let word = words[i]
            if word.hasPrefix("-") && word != "-" {
                if !word.contains("="), takesValue.contains(word) { i += 1 }
            } else {
                commandIndex = i
                break
            }
            i += 1
        }
        var name = ServeCommand.name
        var explicit = false
        if let commandIndex {
            let word = words[commandIndex]
            guard command(named: word) != nil else {
                var message = "unknown command \(word)"
                if let near = Suggest.closest(to: word, among: commands.map { $0.name }) { message += "; did you mean \(near)?" }
                throw UsageError(message)
            }
            name = word
            explicit = true
        }
        let shape = Self.shape(of: name)
        let helpCommand: String? = explicit ? name : nil
        let allowed = shape.options
        var parsed = ParsedArguments(command: explicit ? name : ServeCommand.name)

        i = -1
        while i + 1 < words.count {
            i += 1
            if i == commandIndex { continue }
            let word = words[i]
            guard word.hasPrefix("-") && word != "-" else {
                parsed.positionals.append(word)
                continue
            }
            var flag = word
            var inline: String?
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                flag = String(word[..<eq])
                inline = String(word[word.index(after: eq)...])
            }
            switch flag {
            case "--help", "-h":
                parsed.help = true
                continue
            case "--version":
                Output.out("stats-mcp \(version)\n")
                exit(ExitStatus.ok)
            case "--api-key":
                throw UsageError("the API key is never taken from the command line: set STATS_API_KEY or use --api-key-file PATH", command: helpCommand)
            default:
                break
            }
            guard let spec = allowed.first(where: { $0.name == flag }) else {
                if GlobalOptions.table.contains(where: { $0.name == flag }) || commands.contains(where: { $0.options.contains { $0.name == flag } }) {
                    var message = "\(flag) does not apply to \(name)"
                    if flag == "--store" && allowed.contains(where: { $0.name == "--out" }) { message += " (it writes the file given with --out)" }
                    throw UsageError(message, command: helpCommand ?? name)
                }
                var message = "unknown option \(flag)"
                if let near = Suggest.closest(to: flag, among: allowed.map(\.name)) { message += "; did you mean \(near)?" }
                throw UsageError(message, command: helpCommand)
            }
            if let placeholder = spec.value {
                if let inline {
                    parsed.values[flag] = inline
                } else {
                    guard i + 1 < words.count else { throw UsageError("\(flag) needs a value (\(placeholder))", command: helpCommand ?? name) }
                    i += 1
                    parsed.values[flag] = words[i]
                }
            } else {
                guard inline == nil else { throw UsageError("\(flag) takes no value", command: helpCommand ?? name) }
                parsed.flags.insert(flag)
            }
        }
        if parsed.help {
            parsed.command = explicit ? name : ""
            return parsed
        }
        if !explicit, let first = parsed.positionals.first {
            throw UsageError("unexpected argument \(first)")
        }
        let count = parsed.positionals.count
        if !shape.operandCount.contains(count) {
            if count > shape.operandCount.upperBound {
                throw UsageError("unexpected argument \(parsed.positionals[shape.operandCount.upperBound])", command: name)
            }
            throw UsageError("\(name) needs \(shape.operands)", command: name)
        }
        return parsed
    }

    /// What the parser needs of a command, as plain values.
    static func shape(of name: String) -> (options: [OptionSpec], operandCount: ClosedRange<Int>, operands: String) {
        let command: any Command.Type = self.command(named: name) ?? ServeCommand.self
        return (command.allOptions, command.operandCount, command.operands)
    }

    // MARK: Help (generated from the tables)

    static func synopsis(_ command: any Command.Type) -> String {
        var parts = ["stats-mcp"]
        if command.name == ServeCommand.name {
            parts.append("[serve]")
        } else {
            parts.append(command.name)
        }
        if !command.operands.isEmpty { parts.append(command.operands) }
        parts += command.allOptions.map(\.synopsis)
        return parts.joined(separator: " ")
    }

    static func usageLines(for name: String) -> String {
        guard let command = command(named: name) else { return generalUsage() }
        return "usage: " + synopsis(command) + "\nRun `stats-mcp \(name) --help` for details."
    }

    static func generalUsage() -> String {
        var lines = ["usage:"]
        for command in commands {
            lines.append("  " + synopsis(command))
            lines.append("      " + command.summary)
        }
        lines.append("  stats-mcp db init|import|export …")
        lines.append("      PostgreSQL store: create the schema, load a JSON store, export one (stats-mcp db --help)")
        lines.append("  stats-mcp --help | --version")
        return lines.joined(separator: "\n")
    }

    static func generalHelp() -> String {
        generalUsage() + "\n\nRun `stats-mcp COMMAND --help` for a command's options.\n" + GlobalOptions.environment
    }

    static func help(for name: String) -> String {
        guard let command = command(named: name) else { return generalHelp() }
        var lines = ["usage: " + synopsis(command), "", command.summary]
        let options = command.allOptions
        if !options.isEmpty {
            lines.append("")
            lines.append("Options:")
            let width = min(28, options.map { option in (option.value.map { "\(option.name) \($0)" } ?? option.name).count }.max() ?? 0)
            for option in options {
                let left = option.value.map { "\(option.name) \($0)" } ?? option.name
                let pad = String(repeating: " ", count: max(1, width - left.count + 2))
                lines.append("  " + left + pad + option.help)
            }
        }
        if !command.details.isEmpty {
            lines.append("")
            lines.append(command.details)
        }
        lines.append("")
        lines.append(GlobalOptions.environment)
        return lines.joined(separator: "\n")
    }
}

extension Error {
    fileprivate var message: String { (self as? UsageError)?.message ?? "\(self)" }
    fileprivate var command: String? { (self as? UsageError)?.command }
}

/// stdout / stderr writers for the commands (never used by `serve` for protocol output).
enum Output {
    static func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    static func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}

/// "Did you mean …?": the closest name by edit distance, when it is close enough to be a typo.
enum Suggest {
    static func closest(to word: String, among names: [String]) -> String? {
        let w = Array(word.lowercased().utf8)
        var best: (name: String, distance: Int)?
        for name in names {
            let d = distance(w, Array(name.lowercased().utf8))
            if best.map({ d < $0.distance }) ?? true { best = (name, d) }
        }
        guard let best else { return nil }
        let limit = max(2, min(w.count, best.name.utf8.count) / 3)
        if best.distance <= limit { return best.name }
        // A unique name containing the word (or contained in it) is a good guess too.
        let containing = names.filter { $0.lowercased().contains(word.lowercased()) || (word.count > 4 && word.lowercased().contains($0.lowercased())) }
        return containing.count == 1 ? containing[0] : nil
    }

    static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
