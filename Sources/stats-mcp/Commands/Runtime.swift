import Foundation
import StatsCore
import StatsDemo
import StatsPostgres
import StatsServer
import StatsStore
import StatsTools

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The global options, typed and validated once, plus the environment: what every store-using
/// command needs (store path, key, pinned clock, demo mode) and how to build the backend.
struct Runtime {
    let environment: [String: String]
    /// The store path as given (`--store`, else `$STATS_STORE`, else `stats-store.json`).
    let storePath: String
    /// `storePath` made absolute (relative to the working directory), for every message.
    let absoluteStorePath: String
    let apiKeyFile: String?
    let readOnly: Bool
    let demo: Bool
    let today: Day?
    let now: Instant?
    /// Threshold of the stderr diagnostics (`STATS_LOG_LEVEL`; unset: nil, the command decides).
    let logLevel: LogLevel?

    init(parsed: ParsedArguments, environment: [String: String], command: any Command.Type) throws(UsageError) {
        self.environment = environment
        let name = command.name
        let store = parsed.value("--store")
        demo = parsed.flag("--demo")
        if demo, store != nil {
            throw UsageError(
                "--demo serves the built-in demo store from memory and ignores any file: use either --demo or --store PATH, not both",
                command: name)
        }
        storePath = store ?? environment["STATS_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? "stats-store.json"
        absoluteStorePath = storePath.hasPrefix("/") || PGTarget.isURI(storePath)
            ? storePath : FileManager.default.currentDirectoryPath + "/" + storePath
        apiKeyFile = parsed.value("--api-key-file")
        readOnly = parsed.flag("--read-only")
        if let text = parsed.value("--today") ?? environment["STATS_TODAY"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let day = Day.parse(text) else { throw UsageError("--today / STATS_TODAY must be a date YYYY-MM-DD, got \(text)", command: name) }
            today = day
        } else {
            today = nil
        }
        if let text = parsed.value("--now") ?? environment["STATS_NOW"].flatMap({ $0.isEmpty ? nil : $0 }) {
            guard let instant = Instant.parse(text) else { throw UsageError("--now / STATS_NOW must be an RFC 3339 timestamp, got \(text)", command: name) }
            now = instant
        } else {
            now = nil
        }
        if let text = environment["STATS_LOG_LEVEL"], !text.isEmpty {
            guard let level = LogLevel(name: text.lowercased()) else {
                throw UsageError("STATS_LOG_LEVEL must be one of " + LogLevel.allCases.map(\.name).joined(separator: ", "), command: name)
            }
            logLevel = level
        } else {
            logLevel = nil
        }
    }

    /// The API key, or why there is none. A missing or unreadable key never stops the server (SPEC §3):
    /// every tool call then answers `unauthorized` with the reason.
    func apiKey() -> (key: String?, problem: String?) {
        if let path = apiKeyFile {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                let data = FileManager.default.contents(atPath: path)
            else {
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

    static let systemClock: @Sendable () -> Instant = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Instant(nanoseconds: Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec))
    }

    static let stderrLine: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }

    /// The store and configuration for `serve` and `call`. With `diagnostics`, the start-up
    /// diagnostics (SPEC §8) are written to stderr once the store has loaded.
    func makeBackend(loadInBackground: Bool, diagnosticsLevel: LogLevel?) -> StatsBackend {
        if demo {
            let generator = DemoGenerator(scale: .small, seed: 1)
            let store = StoreService(memoryBytes: generator.makeBytes(), name: "built-in demo store", diagnostics: Self.stderrLine)
            var key = generator.keys[0].key
            if let requested = environment["STATS_API_KEY"], !requested.isEmpty,
                generator.keys.contains(where: { $0.key == requested }) || requested == DemoGenerator.revokedKey
            {
                key = requested
            }
            let config = StatsBackend.Configuration(
                apiKey: key, today: today ?? Day.parse(DemoGenerator.anchorDay), now: now, readOnly: readOnly)
            if let level = diagnosticsLevel, level <= .info {
                let label = generator.keys.first { $0.key == key }.map { "demo key \"\($0.label)\"" } ?? "the revoked demo key"
                Self.stderrLine("stats-mcp [info] store: the built-in demo store (in memory; writes are not saved); API key: \(label)")
            }
            return StatsBackend(store: store, configuration: config, clock: Self.systemClock)
        }
        let started = Date()
        let store: any StoreProvider
        if PGTarget.isURI(absoluteStorePath) {
            // SPEC §12: a postgres:// URI serves the store from PostgreSQL.
            let database = PostgresStore(uri: absoluteStorePath, environment: environment, diagnostics: Self.stderrLine)
            if loadInBackground { database.startLoading() } else { database.loadNow() }
            store = database
        } else {
            let file = StoreService(path: absoluteStorePath, diagnostics: Self.stderrLine)
            if loadInBackground { file.startLoading() } else { file.loadNow() }
            store = file
        }
        let key = apiKey()
        var config = StatsBackend.Configuration(apiKey: key.key, today: today, now: now, readOnly: readOnly)
        config.missingKeyReason = key.problem
        let backend = StatsBackend(store: store, configuration: config, clock: Self.systemClock)
        if let level = diagnosticsLevel {
            let report = StartupDiagnostics(storePath: store.displayPath, keySource: apiKeyFile == nil ? "STATS_API_KEY" : "--api-key-file",
                                            key: key.key, keyProblem: key.problem, threshold: level)
            report.writePath(store: store)
            if loadInBackground {
                let thread = Thread { report.write(store: store, started: started) }
                thread.start()
            } else {
                report.write(store: store, started: started)
            }
        }
        return backend
    }
}
