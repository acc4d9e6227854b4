import Foundation
import StatsStore

/// `stats-mcp check [PATH] [--strict]`: validate a store and say what is wrong and what to do.
enum CheckCommand: Command {
    static let name = "check"
    static let operands = "[PATH]"
    static let operandCount = 0...1
    static let summary = "validate a store; list every problem with its JSON path"
    static let details = """
        PATH defaults to --store, $STATS_STORE, else ./stats-store.json; the journal beside it is read too.
        Exit 0 when the store loads (ignored records are warnings), 1 when it cannot be read or parsed or has a
        wrong format/version. With --strict, warnings exit 1 too, and so does a store with no usable API key
        (one that is not revoked and whose user is linked to its workspace).
        """
    static let options = [OptionSpec("--strict", "exit 1 on any warning, and when no API key is usable")]
    static let globals = ["--store"]

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let strict = arguments.flag("--strict")
        let given = arguments.positionals.first ?? runtime.storePath
        let path = given.hasPrefix("/") ? given : FileManager.default.currentDirectoryPath + "/" + given
        let store = StoreService(path: path, diagnostics: { _ in })
        store.loadNow()
        let loaded: StoreData
        switch store.current() {
        case let .success(data): loaded = data
        case let .failure(unavailable):
            Output.out("error: \(unavailable.message)\n")
            return ExitStatus.failure
        }
        let problems: [StoreProblem]
        switch store.problems() {
        case let .success(list): problems = list
        case let .failure(unavailable):
            Output.out("error: \(unavailable.message)\n")
            return ExitStatus.failure
        }
        for problem in problems { Output.out(problem.description + "\n") }

        // Records the tools will not see, per array (from the problems' JSON paths).
        var dropped: [String: Set<Int>] = [:]
        for problem in problems where problem.message.contains("ignored") || problem.message.contains("first one wins") {
            // `$.array[i]` or `$.array[i].field` (a record dropped for one of its fields), not `$.array[i].list[k]`.
            let parts = problem.path.split(separator: "[")
            guard parts.count == 2, parts[0].hasPrefix("$."), !parts[0].dropFirst(2).contains("."),
                let index = Int(parts[1].prefix { $0.isNumber }) else { continue }
            dropped[String(parts[0].dropFirst(2)), default: []].insert(index)
        }
        let counts = StoreCounts(loaded)
        var advice: [String] = []
        for (array, indexes) in dropped.sorted(by: { $0.key < $1.key }) {
            let kept = counts.count(array)
            let total = kept + indexes.count
            if kept == 0 {
                advice.append("all \(total) \(array) records were ignored (see the lines above): the tools will see none. Fix the ids they refer to, or re-import.")
            } else {
                advice.append("\(indexes.count) of \(total) \(array) records were ignored (see the lines above).")
            }
        }
        if counts.count("workspaces") == 0 {
            advice.append("the store has no usable workspace: every tool call will fail. Add workspaces (stats-mcp import builds a store from CSV files).")
        }
        let usable = usableKeys(loaded)
        if usable == 0 {
            advice.append("no usable API key (none, or all revoked or bound to an unlinked user): every tool call will answer unauthorized. Make one with stats-mcp keys add --store \(given) --user USER --workspace WS.")
        }
        Output.out("\(path): " + counts.summary + "; \(usable) usable API key(s)\n")
        for line in advice { Output.out("warning: " + line + "\n") }
        let warnings = problems.count + advice.count
        if warnings == 0 {
            Output.out("\(path): ok\n")
            return ExitStatus.ok
        }
        if strict {
            Output.out("\(path): loads, with \(warnings) warning(s); --strict fails on warnings\n")
            return ExitStatus.failure
        }
        Output.out("\(path): loads, with \(warnings) warning(s) (the tools ignore the records named above); --strict makes these fail\n")
        return ExitStatus.ok
    }

    /// Keys that authenticate: not revoked, bound to an existing user linked to an existing workspace.
    static func usableKeys(_ data: StoreData) -> Int {
        data.tables.apiKeys.values.filter { key in
            guard !key.revoked, let userID = key.userID, let user = data.user(id: userID), let workspaceID = key.workspaceID,
                data.workspace(id: workspaceID) != nil else { return false }
            return user.workspaceIDs.contains(workspaceID)
        }.count
    }
}
