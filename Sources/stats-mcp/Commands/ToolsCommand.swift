import StatsTools

/// `stats-mcp tools [TOOL] [--markdown]`: the tool list, one tool's arguments, or the README tables.
enum ToolsCommand: Command {
    static let name = "tools"
    static let operands = "[TOOL]"
    static let operandCount = 0...1
    static let summary = "list tools with one-line descriptions, or one tool's arguments"
    static let details = """
        Without TOOL: one line per tool, its name then its one-line description. With TOOL: each argument's
        name, type, required or default, allowed values and description (from the same definitions that make
        the tool's inputSchema). --markdown prints the argument tables of README.md.
        """
    static let options = [OptionSpec("--markdown", "print every tool's argument table as Markdown (README.md)")]
    static let globals = ["--store", "--api-key-file", "--read-only", "--today", "--now", "--demo"]  // only --read-only changes the list

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let tools = ToolRegistry.tools(readOnly: runtime.readOnly)
        if arguments.flag("--markdown") {
            guard arguments.positionals.isEmpty else { throw UsageError("--markdown prints every tool; drop TOOL", command: name) }
            Output.out(ToolHelp.markdown(tools))
            return ExitStatus.ok
        }
        if let toolName = arguments.positionals.first {
            let tool = try resolve(toolName, readOnly: runtime.readOnly, command: name)
            Output.out(ToolHelp.text(tool) + "\n")
            return ExitStatus.ok
        }
        for tool in tools {
            let firstSentence = tool.description.split(separator: ".", maxSplits: 1).first.map(String.init) ?? tool.description
            Output.out(tool.name + "  " + firstSentence.trimmingCharacters(in: .whitespaces) + ".\n")
        }
        return ExitStatus.ok
    }

    /// The tool named `name`, or a usage error that says why not: hidden by --read-only, or unknown
    /// (with the closest name).
    static func resolve(_ toolName: String, readOnly: Bool, command: String) throws(UsageError) -> any Tool {
        if let tool = ToolRegistry.tool(named: toolName, readOnly: readOnly) { return tool }
        if readOnly, let hidden = ToolRegistry.tool(named: toolName, readOnly: false) {
            throw UsageError("\(hidden.name) is a sync tool (it writes the store) and is hidden by --read-only; run without --read-only to use it", command: command)
        }
        var message = "unknown tool \(toolName)"
        if let near = Suggest.closest(to: toolName, among: ToolRegistry.tools(readOnly: readOnly).map(\.name)) {
            message += "; did you mean \(near)?"
        }
        message += " (`stats-mcp tools` lists them)"
        throw UsageError(message, command: command)
    }
}
