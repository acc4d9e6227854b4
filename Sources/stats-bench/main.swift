// stats-bench: measures the real release `stats-mcp` binary over the real stdio protocol against
// generated demo stores, and compares the numbers with the SPEC §10 performance targets.
//
//   swift run -c release stats-bench [--scales small,medium,large] [--out bench.json] [--binary PATH]
//                                    [--cache DIR] [--seed N] [--samples N] [--pipeline N] [--startup-runs N]
//
// Demo stores are generated once into the cache directory (default /tmp/stats-bench) and reused.
// Write benchmarks run against a throw-away copy of the store, so the cached file stays pristine.
import Foundation
import StatsCore
import StatsDemo
import StatsJSON

#if canImport(Glibc)
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)

// MARK: - Command line

struct Options {
    var scales: [DemoScale] = [.small, .medium]
    var out: String? = nil
    var binary: String? = nil
    var cache = "/tmp/stats-bench"
    var seed: UInt64 = 1
    var samples = 200
    var pipeline = 50_000
    var startupRuns = 11
    /// SPEC §12: a postgres:// URI; each scale's demo store is imported into it and served from it.
    var pgStore: String? = nil
}

func die(_ message: String) -> Never {
    FileHandle.standardError.write(Data("stats-bench: \(message)\n".utf8))
    exit(2)
}

var options = Options()
do {
    var args = Array(CommandLine.arguments.dropFirst())
    func value(_ flag: String) -> String {
        guard !args.isEmpty else { die("\(flag) needs a value") }
        return args.removeFirst()
    }
    while !args.isEmpty {
        let a = args.removeFirst()
        switch a {
        case "--scales":
            options.scales = value(a).split(separator: ",").map {
                guard let s = DemoScale.parse(String($0)) else { die("bad scale \($0)") }
                return s
            }
        case "--out": options.out = value(a)
        case "--binary": options.binary = value(a)
        case "--cache": options.cache = value(a)
        case "--seed": options.seed = UInt64(value(a)) ?? 1
        case "--samples": options.samples = max(5, Int(value(a)) ?? 200)
        case "--pipeline": options.pipeline = max(100, Int(value(a)) ?? 50_000)
        case "--startup-runs": options.startupRuns = max(1, Int(value(a)) ?? 11)
        case "--store": options.pgStore = value(a)
        case "-h", "--help":
            log("usage: stats-bench [--scales small,medium,large] [--out bench.json] [--binary PATH] [--cache DIR] [--seed N] [--samples N] [--pipeline N] [--startup-runs N] [--store postgresql://…]")
            exit(0)
        default: die("unknown argument \(a)")
        }
    }
}

let binaryPath: String = {
    if let b = options.binary { return b }
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    return me.deletingLastPathComponent().appendingPathComponent("stats-mcp").path
}()
guard FileManager.default.isExecutableFile(atPath: binaryPath) else {
    die("no stats-mcp binary at \(binaryPath) (build it: swift build -c release, or pass --binary)")
}

// MARK: - Results

var rows: [Row] = []
var extra: [String: JSONValue] = [:]

// MARK: - Main

log("stats-bench: binary \(binaryPath)")
log("  \(ProcessInfo.processInfo.activeProcessorCount) CPUs, \(ProcessInfo.processInfo.physicalMemory / 1_000_000) MB RAM")
func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
}
extra["loadavg.start"] = .string(loadAverage())
log("  load average at start: \(loadAverage())")
var failures: [String] = []
for scale in options.scales {
    do { try bench(scale) } catch {
        log("  FAILED \(scale.name): \(error)")
        failures.append("\(scale.name): \(error)")
    }
}

extra["loadavg.end"] = .string(loadAverage())
log("  load average at end: \(loadAverage())")
// Summary table.
log("\n| what | measured | target | ok? |")
log("|---|---|---|---|")
for r in rows {
    let okText = r.ok.map { $0 ? "yes" : "**no**" } ?? "–"
    let detail = r.detail.isEmpty ? "" : " (\(r.detail))"
    log(String(format: "| %@ | %.3f %@%@ | %@ | %@ |", r.what as NSString, r.measured, r.unit as NSString,
               detail as NSString, r.target as NSString, okText as NSString))
}

if let out = options.out {
    let json: JSONValue = [
        "binary": .string(binaryPath),
        "cpus": .int(Int64(ProcessInfo.processInfo.activeProcessorCount)),
        "memory_bytes": .int(Int64(ProcessInfo.processInfo.physicalMemory)),
        "rows": .array(rows.map { r in
            ["scale": .string(r.scale), "what": .string(r.what), "measured": .double(r.measured), "unit": .string(r.unit),
             "target": .string(r.target), "ok": r.ok.map { .bool($0) } ?? .null, "detail": .string(r.detail)]
        }),
        "extra": .object(JSONObject(extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
        "failures": .array(failures.map { .string($0) }),
    ]
    var bytes = JSON.bytes(json)
    bytes.append(0x0A)
    FileManager.default.createFile(atPath: out, contents: Data(bytes))
    log("wrote \(out)")
}
exit(failures.isEmpty ? 0 : 1)
