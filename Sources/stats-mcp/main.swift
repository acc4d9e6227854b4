// The stats-mcp executable: parses the command line and the environment, then wires the pure
// modules to the real world (stdin/stdout, files, clock, signals). No logic of its own.
import Foundation
import StatsCore
import StatsDemo
import StatsJSON
import StatsServer
import StatsStore
import StatsTools

#if canImport(Glibc)
import Glibc
#endif

Signals.install()  // first: SIGXFSZ ignored, SIGPIPE ignored once serving, SIGTERM/SIGINT/SIGHUP taken by a signal thread (Signals.swift)

let version = "1.0.0"

let usage = """
    usage: stats-mcp [serve] [--store PATH] [--api-key-file PATH] [--read-only] [--today YYYY-MM-DD] [--now RFC3339]
           stats-mcp --demo                       serve a built-in demo workspace (documented demo key, no files needed)
           stats-mcp call TOOL [JSON-ARGUMENTS]   run one tool, print its structuredContent, exit 0 / 1 on tool error
           stats-mcp tools                        list tools with one-line descriptions
           stats-mcp demo --out PATH [--scale small|medium|large|N] [--seed N]   write a deterministic demo store
           stats-mcp check [PATH]                 validate a store; list every problem with its JSON path
           stats-mcp schemas --out DIR            write the tool and store JSON Schemas
           stats-mcp --help | --version
    """

let commandHelp: [String: String] = [
    "serve": """
        usage: stats-mcp [serve] [--store PATH] [--api-key-file PATH] [--read-only] [--today YYYY-MM-DD] [--now RFC3339]
                                 [--max-message-bytes N] [--demo]
        Serve MCP over stdin/stdout (JSON-RPC, one message per line).
          --store PATH          the store file (default $STATS_STORE, else ./stats-store.json)
          --api-key-file PATH   read the API key from the first line of PATH (default: $STATS_API_KEY)
          --read-only           hide and refuse the sync tools
          --today DATE          pin "today" (default $STATS_TODAY, else today in the workspace's time zone)
          --now TIME            pin the clock (default $STATS_NOW)
          --max-message-bytes N longest accepted input line (default 16777216)
          --demo                serve the built-in demo store from memory
        """,
    "call": """
        usage: stats-mcp [--demo] [--store PATH] [...] call TOOL [JSON-ARGUMENTS]
        Run one tool with a JSON object of arguments; print its structuredContent on stdout.
        Exit 0 on success, 1 on a tool error (the error goes to stderr), 2 on a usage error.
        Example: stats-mcp --demo call campaigns_list '{"limit": 3}'
        """,
    "tools": """
        usage: stats-mcp [--read-only] tools
        List the tools, one per line: the name, then its one-line description.
        """,
    "demo": """
        usage: stats-mcp demo --out PATH [--scale small|medium|large|N] [--seed N]
        Write a deterministic demo store (same scale and seed → same bytes). large ≈ 1 M prospects,
        3 M activities, 5 M clicks (about 1 GB). N = number of prospects.
        """,
    "check": """
        usage: stats-mcp check [PATH]
        Validate a store (default $STATS_STORE, else ./stats-store.json) and its journal; print every problem
        with its JSON path. Exit 0 when the store loads (problems are warnings), 1 when it cannot be read or parsed
        or has a wrong format/version.
        """,
    "schemas": """
        usage: stats-mcp schemas --out DIR
        Write tools/<name>.input.json, tools/<name>.output.json and store.schema.json under DIR.
        """,
]

func fail(_ message: String, command: String? = nil) -> Never {
    FileHandle.standardError.write(Data(("stats-mcp: " + message + "\n").utf8))
    FileHandle.standardError.write(Data(((command.flatMap { commandHelp[$0] } ?? usage) + "\n").utf8))
    exit(2)
}

func writeOut(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}

func writeErr(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

// MARK: Parse the command line

struct Options {
    var command = "serve"
    var positional: [String] = []
    var store: String?
    var apiKeyFile: String?
    var readOnly = false
    var today: String?
    var now: String?
    var demo = false
    var out: String?
    var scale: String?
    var seed: String?
    var maxMessageBytes: String?
    var help = false
}

var options = Options()
var arguments = Array(CommandLine.arguments.dropFirst())
let commands: Set<String> = ["serve", "call", "tools", "demo", "check", "schemas"]
var commandSeen = false
var index = 0
@MainActor func value(for flag: String) -> String {
    index += 1
    guard index < arguments.count else { fail("\(flag) needs a value", command: commandSeen ? options.command : nil) }
    return arguments[index]
}
while index < arguments.count {
    let arg = arguments[index]
    var flag = arg
    var inline: String? = nil
    if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
        flag = String(arg[..<eq])
        inline = String(arg[arg.index(after: eq)...])
    }
    func take() -> String { inline ?? value(for: flag) }
    switch flag {
    case "--help", "-h": options.help = true
    case "--version": writeOut("stats-mcp \(version)\n"); exit(0)
    case "--store": options.store = take()
    case "--api-key-file": options.apiKeyFile = take()
    case "--read-only": options.readOnly = true
    case "--today": options.today = take()
    case "--now": options.now = take()
    case "--demo": options.demo = true
    case "--out": options.out = take()
    case "--scale": options.scale = take()
    case "--seed": options.seed = take()
    case "--max-message-bytes": options.maxMessageBytes = take()
    case "--api-key": fail("the API key is never taken from the command line: set STATS_API_KEY or use --api-key-file PATH")
    default:
        if arg.hasPrefix("-") && arg != "-" {
            fail("unknown option \(arg)", command: commandSeen ? options.command : nil)
        } else if !commandSeen && commands.contains(arg) {
            options.command = arg
            commandSeen = true
        } else if commandSeen && (options.command == "call" || options.command == "check") {
            options.positional.append(arg)
        } else {
            fail("unexpected argument \(arg)", command: commandSeen ? options.command : nil)
        }
    }
    index += 1
}

if options.help {
    writeOut((commandSeen ? commandHelp[options.command] ?? usage : usage + "\n\nRun `stats-mcp COMMAND --help` for a command's options.\nEnvironment: STATS_STORE, STATS_API_KEY, STATS_TODAY, STATS_NOW, STATS_LOG_LEVEL.") + "\n")
    exit(0)
}

let environment = ProcessInfo.processInfo.environment

@MainActor func pinnedToday() -> Day? {
    guard let text = options.today ?? environment["STATS_TODAY"], !text.isEmpty else { return nil }
    guard let day = Day.parse(text) else { fail("--today / STATS_TODAY must be a date YYYY-MM-DD, got \(text)") }
    return day
}

@MainActor func pinnedNow() -> Instant? {
    guard let text = options.now ?? environment["STATS_NOW"], !text.isEmpty else { return nil }
    guard let instant = Instant.parse(text) else { fail("--now / STATS_NOW must be an RFC 3339 timestamp, got \(text)") }
    return instant
}

/// The API key, or why there is none. A missing or unreadable key never stops the server (SPEC §3):
/// every tool call then answers `unauthorized` with the reason.
@MainActor func apiKey() -> (key: String?, problem: String?) {
    if let path = options.apiKeyFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else {
            diagnostics("stats-mcp: cannot read the API key file \(path); every tool call will answer unauthorized")
            return (nil, "The API key file given with --api-key-file cannot be read: \(path).")
        }
        let text = String(decoding: data, as: UTF8.self)
        let first = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let key = first.trimmingCharacters(in: .whitespacesAndNewlines)
        return key.isEmpty ? (nil, "The first line of the API key file \(path) (--api-key-file) is empty.") : (key, nil)
    }
    guard let key = environment["STATS_API_KEY"], !key.isEmpty else { return (nil, nil) }
    return (key, nil)
}

let storePath = options.store ?? environment["STATS_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "stats-store.json"
let diagnostics: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
let systemClock: @Sendable () -> Instant = {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Instant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
}

/// The store and configuration for serving and `call`.
@MainActor func makeBackend(loadInBackground: Bool) -> StatsBackend {
    let today = pinnedToday()
    let now = pinnedNow()
    if options.demo {
        let generator = DemoGenerator(scale: .small, seed: 1)
        let store = StoreService(memoryBytes: generator.makeBytes(), name: "built-in demo store", diagnostics: diagnostics)
        var key = generator.keys[0].key
        if let requested = environment["STATS_API_KEY"], !requested.isEmpty,
            generator.keys.contains(where: { $0.key == requested }) || requested == DemoGenerator.revokedKey
        {
            key = requested
        }
        let config = StatsBackend.Configuration(
            apiKey: key, today: today ?? Day.parse(DemoGenerator.anchorDay), now: now, readOnly: options.readOnly)
        return StatsBackend(store: store, configuration: config, clock: systemClock)
    }
    let store = StoreService(path: storePath, diagnostics: diagnostics)
    if loadInBackground { store.startLoading() } else { store.loadNow() }
    let key = apiKey()
    var config = StatsBackend.Configuration(apiKey: key.key, today: today, now: now, readOnly: options.readOnly)
    config.missingKeyReason = key.problem
    return StatsBackend(store: store, configuration: config, clock: systemClock)
}

// MARK: Commands

switch options.command {
case "serve":
    var maxBytes = 16 << 20
    if let text = options.maxMessageBytes {
        guard let n = Int(text), n > 0 else { fail("--max-message-bytes must be a positive integer", command: "serve") }
        maxBytes = n
    }
    StdioTransport.guardStdout()
    let backend = makeBackend(loadInBackground: true)
    // Handshake era: warnings (the bounce guard's pause) are sent unless the client lowers or raises the
    // threshold with logging/setLevel; STATS_LOG_LEVEL sets another default.
    var level: LogLevel? = .warning
    if let text = environment["STATS_LOG_LEVEL"], !text.isEmpty {
        guard let parsed = LogLevel(name: text.lowercased()) else { fail("STATS_LOG_LEVEL must be one of debug, info, notice, warning, error, critical, alert, emergency") }
        level = parsed
    }
    let server = MCPServer(backend: backend, identity: ServerIdentity(version: version), defaultLogLevel: level)
    StdioTransport.run(server: server, maxMessageBytes: maxBytes)

case "tools":
    for tool in ToolRegistry.tools(readOnly: options.readOnly) {
        let firstSentence = tool.description.split(separator: ".", maxSplits: 1).first.map(String.init) ?? tool.description
        writeOut(tool.name + "  " + firstSentence.trimmingCharacters(in: .whitespaces) + ".\n")
    }
    exit(0)

case "call":
    guard let name = options.positional.first else { fail("call needs a TOOL name", command: "call") }
    guard options.positional.count <= 2 else { fail("call takes TOOL and at most one JSON argument", command: "call") }
    var argumentsObject = JSONObject()
    if options.positional.count == 2 {
        guard case let .object(o)? = try? JSON.parse(options.positional[1]) else {
            fail("JSON-ARGUMENTS must be a JSON object, e.g. '{\"limit\": 3}'", command: "call")
        }
        argumentsObject = o
    }
    guard ToolRegistry.tool(named: name, readOnly: options.readOnly) != nil else {
        fail("unknown tool \(name); `stats-mcp tools` lists them", command: "call")
    }
    let backend = makeBackend(loadInBackground: false)
    let context = RequestContext(log: { level, data in
        FileHandle.standardError.write(Data("[\(level.name)] \(JSON.string(data))\n".utf8))
    })
    guard let outcome = backend.callTool(name: name, arguments: argumentsObject, context: context) else {
        fail("unknown tool \(name)", command: "call")
    }
    if outcome.isError {
        writeErr(outcome.text + "\n")
        exit(1)
    }
    writeOut(SchemaFiles.text(outcome.structuredContent))
    exit(0)

case "demo":
    guard let out = options.out else { fail("demo needs --out PATH", command: "demo") }
    let scale = options.scale.map { text -> DemoScale in
        guard let s = DemoScale.parse(text) else { fail("--scale must be small, medium, large or a positive integer", command: "demo") }
        return s
    } ?? .small
    let seed = options.seed.map { text -> UInt64 in
        guard let s = UInt64(text) else { fail("--seed must be a non-negative integer", command: "demo") }
        return s
    } ?? 1
    let generator = DemoGenerator(scale: scale, seed: seed)
    let temp = out + ".tmp.\(getpid())"
    guard FileManager.default.createFile(atPath: temp, contents: nil), let handle = FileHandle(forWritingAtPath: temp) else {
        writeErr("stats-mcp: cannot create \(out)\n")
        exit(1)
    }
    let showProgress = isatty(2) != 0
    var lastShown = -1
    do {
        try generator.write(progress: { fraction in
            guard showProgress else { return }
            let percent = Int(fraction * 100)
            if percent != lastShown {
                lastShown = percent
                let bar = String(repeating: "#", count: percent / 4) + String(repeating: ".", count: 25 - percent / 4)
                writeErr("\r[\(bar)] \(percent)%")
            }
        }) { chunk in try handle.write(contentsOf: Data(chunk)) }
        try handle.synchronize()
        try handle.close()
        if showProgress { writeErr("\n") }
        guard rename(temp, out) == 0 else { throw CocoaError(.fileWriteUnknown) }
    } catch {
        unlink(temp)
        writeErr("stats-mcp: cannot write \(out): \(error)\n")
        exit(1)
    }
    writeErr("wrote \(out) (\(scale.name), seed \(seed)); demo API keys:\n")
    for key in generator.keys { writeErr("  \(key.key)  \(key.label) — \(key.userName) in \(key.workspacePublicID)\n") }
    exit(0)

case "check":
    guard options.positional.count <= 1 else { fail("check takes at most one PATH", command: "check") }
    let path = options.positional.first ?? storePath
    let store = StoreService(path: path, diagnostics: { _ in })
    store.loadNow()
    switch store.problems() {
    case let .success(problems):
        for problem in problems { writeOut(problem.description + "\n") }
        writeOut(problems.isEmpty ? "\(path): ok\n" : "\(path): loads, with \(problems.count) warning(s)\n")
        exit(0)
    case let .failure(unavailable):
        writeOut("error: \(unavailable.message)\n")
        exit(1)
    }

case "schemas":
    guard let out = options.out else { fail("schemas needs --out DIR", command: "schemas") }
    do {
        for (path, text) in SchemaFiles.all() {
            let url = URL(fileURLWithPath: out).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    } catch {
        writeErr("stats-mcp: cannot write schemas to \(out): \(error)\n")
        exit(1)
    }
    exit(0)

default:
    fail("unknown command \(options.command)")
}
