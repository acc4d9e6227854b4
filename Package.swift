// swift-tools-version:6.0
// stats-mcp: an MCP server for outreach-campaign analytics over a file-backed JSON store.
// Toolchain and Foundation only: no package dependencies.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "stats-mcp",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stats-mcp", targets: ["stats-mcp"]),
        .executable(name: "stats-bench", targets: ["stats-bench"]),
    ],
    targets: [
        // JSON value, a strict byte-level reader and a compact writer (wire and store). No I/O.
        .target(name: "StatsJSON", swiftSettings: strict),
        // Calendar days, instants, time-zone offsets, SHA-256, exact rounding, id formats. No I/O.
        .target(name: "StatsCore", swiftSettings: strict),
        // JSON-RPC 2.0 messages, error codes, line framing, MCP versions. No I/O.
        .target(name: "StatsProtocol", dependencies: ["StatsJSON"], swiftSettings: strict),
        // Store records, loader, indexes, queries; durable journal and lock (file I/O lives here only).
        .target(name: "StatsStore", dependencies: ["StatsJSON", "StatsCore"], swiftSettings: strict),
        // The PostgreSQL store (SPEC §12): libpq loaded at run time (dlopen), no build-time dependency.
        .target(name: "StatsPostgres", dependencies: ["StatsStore", "StatsJSON", "StatsCore"], swiftSettings: strict),
        // Deterministic demo store generator.
        .target(name: "StatsDemo", dependencies: ["StatsCore"], swiftSettings: strict),
        // One file per tool: schema, argument validation, run. Pure functions of store + session + clock.
        .target(name: "StatsTools", dependencies: ["StatsJSON", "StatsCore", "StatsStore"], swiftSettings: strict),
        // MCP session state machine: line in -> lines out; resources; both protocol eras.
        .target(name: "StatsServer", dependencies: ["StatsJSON", "StatsProtocol", "StatsTools", "StatsStore", "StatsCore"], exclude: ["Apps/charts.html"], swiftSettings: strict),
        // Offline store administration: CSV / JSON Lines import, API keys. Pure (the command does the I/O).
        .target(name: "StatsAdmin", dependencies: ["StatsJSON", "StatsCore", "StatsStore"], swiftSettings: strict),
        // The executable: command line, stdio, signals, environment.
        .executableTarget(name: "stats-mcp", dependencies: ["StatsServer", "StatsTools", "StatsStore", "StatsDemo", "StatsJSON", "StatsCore", "StatsAdmin", "StatsPostgres"], swiftSettings: strict),
        // Benchmark against the real binary over stdio.
        .executableTarget(name: "stats-bench", dependencies: ["StatsJSON", "StatsDemo", "StatsCore"], swiftSettings: strict),

        .testTarget(name: "StatsJSONTests", dependencies: ["StatsJSON", "StatsCore"], swiftSettings: strict),
        .testTarget(name: "StatsCoreTests", dependencies: ["StatsCore"], swiftSettings: strict),
        .testTarget(name: "StatsProtocolTests", dependencies: ["StatsProtocol", "StatsJSON", "StatsCore"], swiftSettings: strict),
        .testTarget(name: "StatsStoreTests", dependencies: ["StatsStore", "StatsJSON", "StatsCore", "StatsDemo"], swiftSettings: strict),
        .testTarget(name: "StatsToolsTests", dependencies: ["StatsTools", "StatsStore", "StatsJSON", "StatsCore"], swiftSettings: strict),
        .testTarget(name: "StatsServerTests", dependencies: ["StatsServer", "StatsTools", "StatsStore", "StatsJSON", "StatsProtocol", "StatsCore", "StatsDemo"], swiftSettings: strict),
        .testTarget(name: "StatsAdminTests", dependencies: ["StatsAdmin", "StatsStore", "StatsJSON", "StatsCore"], swiftSettings: strict),
        .testTarget(name: "StatsPostgresTests", dependencies: ["StatsPostgres", "StatsStore", "StatsJSON"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["StatsJSON"], swiftSettings: strict),
    ]
)
