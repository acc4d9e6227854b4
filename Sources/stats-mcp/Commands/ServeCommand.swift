import StatsPostgres
import StatsServer

/// `stats-mcp [serve]`: MCP over stdin/stdout (SPEC §7).
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "serve MCP over stdin/stdout (JSON-RPC, one message per line); the default command"
    static let details = """
        The store loads in the background; `initialize` is answered at once. Start-up diagnostics go to
        stderr: the resolved store path, the load result (records per array, time taken) and the API key's
        state (never the key). STATS_LOG_LEVEL (default info for these lines; warning for log notifications
        sent to the client) = warning shows only problems, error hides them.
        Example: stats-mcp --store ~/stats-store.json   (with STATS_API_KEY set)
        """
    static let options = [
        OptionSpec("--max-message-bytes", value: "N", "longest accepted input line (default 16777216)"),
    ]
    static let globals = ["--store", "--api-key-file", "--read-only", "--today", "--now", "--demo"]

    struct Options {
        var maxMessageBytes = 16 << 20

        init(_ arguments: ParsedArguments) throws(UsageError) {
            if let text = arguments.value("--max-message-bytes") {
                guard let n = Int(text), n > 0 else { throw UsageError("--max-message-bytes must be a positive integer", command: name) }
                maxMessageBytes = n
            }
        }
    }

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let options = try Options(arguments)
        StdioTransport.guardStdout()
        let backend = runtime.makeBackend(loadInBackground: true, diagnosticsLevel: runtime.logLevel ?? .info)
        // Handshake era: warnings (the bounce guard's pause) are sent unless the client lowers or raises the
        // threshold with logging/setLevel; STATS_LOG_LEVEL sets another default.
        let server = MCPServer(backend: backend, identity: ServerIdentity(version: CommandLineTool.version),
                               defaultLogLevel: runtime.logLevel ?? .warning)
        let database = backend.store as? PostgresStore
        StdioTransport.run(server: server, maxMessageBytes: options.maxMessageBytes) { database?.waitForImage(upTo: 30) }
    }
}
