import Foundation
import StatsJSON
import StatsServer
import StatsTools

/// `stats-mcp call TOOL [JSON-ARGUMENTS]`: run one tool and print its structuredContent.
enum CallCommand: Command {
    static let name = "call"
    static let operands = "TOOL [JSON-ARGUMENTS]"
    static let operandCount = 1...64  // more than two is reported with a shell-quoting hint
    static let summary = "run one tool, print its structuredContent; exit 0, 1 on a tool error, 3 on a store/key problem"
    static let details = """
        JSON-ARGUMENTS is one JSON object; quote it for the shell (single quotes in sh/bash/zsh).
        Exit status: 0 success; 1 a tool error about the arguments or the data (the error goes to stderr);
        2 a usage error; 3 the store or the API key is the problem (missing, unreadable, unknown, revoked).
        `stats-mcp call TOOL --help` lists the tool's arguments.
        Example: stats-mcp --demo call campaigns_list '{"limit": 3}'
        """
    static let options: [OptionSpec] = []
    static let globals = ["--store", "--api-key-file", "--read-only", "--today", "--now", "--demo"]

    /// `call TOOL --help`: the tool's arguments.
    static func toolHelp(_ arguments: ParsedArguments) -> String? {
        guard let toolName = arguments.positionals.first, let tool = ToolRegistry.tool(named: toolName) else { return nil }
        return ToolHelp.text(tool)
    }

    struct Options {
        var tool: any Tool
        var arguments: JSONObject

        init(_ parsed: ParsedArguments, readOnly: Bool) throws(UsageError) {
            let words = parsed.positionals
            tool = try ToolsCommand.resolve(words[0], readOnly: readOnly, command: name)
            guard words.count <= 2 else {
                throw UsageError(
                    "call takes TOOL and one JSON-ARGUMENTS word, got \(words.count - 1) words after the tool name. The shell split the JSON: quote it, e.g. '{\"limit\": 3}'",
                    command: name)
            }
            arguments = JSONObject()
            guard words.count == 2 else { return }
            arguments = try Self.parseObject(words[1])
        }

        /// Parses JSON-ARGUMENTS, saying where a syntax error is and hinting at shell quoting when
        /// the quotes look stripped.
        static func parseObject(_ text: String) throws(UsageError) -> JSONObject {
            let value: JSONValue
            do {
                value = try JSON.parse(text)
            } catch let error as JSONParseError {
                var message = "JSON-ARGUMENTS is not valid JSON: \(error.message) at column \(error.column)"
                if error.line > 1 { message = "JSON-ARGUMENTS is not valid JSON: \(error.message) at line \(error.line), column \(error.column)" }
                let line = text.split(separator: "\n", omittingEmptySubsequences: false)[max(0, error.line - 1)]
                if line.count <= 120 {
                    message += "\n    " + line + "\n    " + String(repeating: " ", count: max(0, error.column - 1)) + "^"
                }
                if looksUnquoted(text) {
                    message += "\nThe quotes seem to have been removed by the shell: put the whole JSON in single quotes, e.g. '{\"limit\": 3}'"
                }
                throw UsageError(message, command: name)
            } catch {
                throw UsageError("JSON-ARGUMENTS is not valid JSON", command: name)
            }
            guard case let .object(object) = value else {
                throw UsageError("JSON-ARGUMENTS must be a JSON object, e.g. '{\"limit\": 3}'; got \(value.typeName)", command: name)
            }
            return object
        }

        /// `{limit:3}` or `{status:active}`: braces without any double quote, as left by an unquoted word.
        static func looksUnquoted(_ text: String) -> Bool {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            return (trimmed.hasPrefix("{") || trimmed.hasPrefix("[")) == false || !trimmed.contains("\"")
        }
    }

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let options = try Options(arguments, readOnly: runtime.readOnly)
        // Diagnostics only when asked for (STATS_LOG_LEVEL); a problem is reported by the tool error anyway.
        let backend = runtime.makeBackend(loadInBackground: false, diagnosticsLevel: runtime.logLevel)
        let context = RequestContext(log: { level, data in
            FileHandle.standardError.write(Data("[\(level.name)] \(JSON.string(data))\n".utf8))
        })
        guard let outcome = backend.callTool(name: options.tool.name, arguments: options.arguments, context: context) else {
            throw UsageError("unknown tool \(options.tool.name)", command: name)
        }
        guard outcome.isError else {
            Output.out(SchemaFiles.text(outcome.structuredContent))
            return ExitStatus.ok
        }
        let error = outcome.structuredContent["error"]
        let code = error?["code"]?.stringValue ?? "internal"
        let message = error?["message"]?.stringValue ?? outcome.text
        var text = "Error (\(code)): \(message)"
        switch code {
        case ToolError.Code.unauthorized.rawValue:
            text += "\nHint: set STATS_API_KEY for this command (e.g. STATS_API_KEY=sk_… stats-mcp call …) or pass --api-key-file PATH; `stats-mcp keys add --user USER --workspace WS` makes a key, `stats-mcp keys list` shows the store's keys."
            Output.err(text + "\n")
            return ExitStatus.configuration
        case ToolError.Code.storeUnavailable.rawValue, ToolError.Code.storeBusy.rawValue:
            text += "\nHint: store \(runtime.absoluteStorePath) (--store PATH or STATS_STORE); `stats-mcp check` explains what is wrong with it."
            Output.err(text + "\n")
            return ExitStatus.configuration
        default:
            if let hint = error?["hint"]?.stringValue { text += "\nHint: \(hint)" }
            text += "\n`stats-mcp tools \(options.tool.name)` lists the tool's arguments."
            Output.err(text + "\n")
            return ExitStatus.failure
        }
    }
}
