import Foundation
import StatsDemo
import StatsStore

/// `stats-mcp demo --out PATH`: a deterministic demo store.
enum DemoCommand: Command {
    static let name = "demo"
    static let summary = "write a deterministic demo store (same scale and seed → same bytes)"
    static let details = """
        large ≈ 1 M prospects, 3 M activities, 5 M clicks (about 1 GB); N = number of prospects.
        An existing file is refused unless --force; with --force it is replaced atomically and its journal
        (writes made to the old store) is removed. The demo API keys are printed on stderr.
        """
    static let options = [
        OptionSpec("--out", value: "PATH", required: true, "the store file to write"),
        OptionSpec("--scale", value: "small|medium|large|N", "how much data (default small)"),
        OptionSpec("--seed", value: "N", "random seed (default 1)"),
        OptionSpec("--force", "replace an existing store file (and drop its journal)"),
    ]
    static let globals: [String] = []

    struct Options {
        var out: String
        var scale: DemoScale = .small
        var seed: UInt64 = 1
        var force: Bool

        init(_ arguments: ParsedArguments) throws(UsageError) {
            guard let out = arguments.value("--out") else { throw UsageError("demo needs --out PATH", command: name) }
            self.out = out
            if let text = arguments.value("--scale") {
                guard let scale = DemoScale.parse(text) else { throw UsageError("--scale must be small, medium, large or a positive integer", command: name) }
                self.scale = scale
            }
            if let text = arguments.value("--seed") {
                guard let seed = UInt64(text) else { throw UsageError("--seed must be a non-negative integer", command: name) }
                self.seed = seed
            }
            force = arguments.flag("--force")
        }
    }

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let options = try Options(arguments)
        let generator = DemoGenerator(scale: options.scale, seed: options.seed)
        let showProgress = isatty(2) != 0
        var lastShown = -1
        let files = StoreFiles(path: options.out)
        do {
            try files.installNewBase(replace: options.force) { sink in
                try generator.write(progress: { fraction in
                    guard showProgress else { return }
                    let percent = Int(fraction * 100)
                    if percent != lastShown {
                        lastShown = percent
                        let bar = String(repeating: "#", count: percent / 4) + String(repeating: ".", count: 25 - percent / 4)
                        Output.err("\r[\(bar)] \(percent)%")
                    }
                }, to: sink)
            }
        } catch let error as StoreExistsError {
            Output.err("stats-mcp: \(error.path) already exists; not overwritten. Pass --force to replace it (its journal is removed too), or choose another --out.\n")
            return ExitStatus.failure
        } catch {
            if showProgress { Output.err("\n") }
            Output.err("stats-mcp: cannot write \(options.out): \(error)\n")
            return ExitStatus.failure
        }
        if showProgress { Output.err("\n") }
        Output.err("wrote \(options.out) (\(options.scale.name), seed \(options.seed)); demo API keys:\n")
        for key in generator.keys { Output.err("  \(key.key)  \(key.label) — \(key.userName) in \(key.workspacePublicID)\n") }
        return ExitStatus.ok
    }
}
