import Foundation
import StatsAdmin
import StatsCore
import StatsJSON
import StatsStore

/// `stats-mcp keys add|list|revoke`: the store's API keys (SPEC §8). Changes are made under the store
/// lock: the base file is read, its `api_keys` member replaced, the file renamed into place atomically.
enum KeysCommand: Command {
    static let name = "keys"
    static let operands = "add|list|revoke [KEY-ID]"
    static let operandCount = 1...2
    static let summary = "create an API key (printed once), list the keys, or revoke one"
    static let details = """
        keys add --user USER --workspace WS [--label TEXT]: makes a random key (sk_ + 200 random bits in
        base32), stores only its SHA-256, and prints the key once on stdout (it cannot be shown again).
        USER is a usr_ id, a UUID or the user's email; WS a ws_ id or the numeric id; the user must be linked
        to the workspace. keys list: one line per key — id (first 12 hex digits of the hash), label, user,
        workspace, revoked. keys revoke KEY-ID: marks that key revoked (running servers notice at once).
        Example: stats-mcp keys add --store stats-store.json --user ada@acme.test --workspace 340 --label laptop
        """
    static let options = [
        OptionSpec("--user", value: "USER", "keys add: the key's user (usr_ id, UUID or email)"),
        OptionSpec("--workspace", value: "WS", "keys add: the key's workspace (ws_ id or numeric id)"),
        OptionSpec("--label", value: "TEXT", "keys add: a note to recognise the key by (e.g. laptop)"),
    ]
    static let globals = ["--store"]

    enum Action {
        case add(user: String, workspace: String, label: String?)
        case list
        case revoke(String)
    }

    static func action(_ arguments: ParsedArguments) throws(UsageError) -> Action {
        let words = arguments.positionals
        switch words[0] {
        case "add":
            guard words.count == 1 else { throw UsageError("keys add takes no KEY-ID", command: name) }
            guard let user = arguments.value("--user"), let workspace = arguments.value("--workspace") else {
                throw UsageError("keys add needs --user USER and --workspace WS", command: name)
            }
            return .add(user: user, workspace: workspace, label: arguments.value("--label"))
        case "list":
            guard words.count == 1 else { throw UsageError("keys list takes no KEY-ID", command: name) }
            return .list
        case "revoke":
            guard words.count == 2 else { throw UsageError("keys revoke needs a KEY-ID (see keys list)", command: name) }
            return .revoke(words[1])
        default:
            throw UsageError("keys needs add, list or revoke, got \(words[0])", command: name)
        }
    }

    static func run(_ arguments: ParsedArguments, _ runtime: Runtime) throws(UsageError) -> Int32 {
        let action = try action(arguments)
        if case .add = action {} else {
            for flag in ["--user", "--workspace", "--label"] where arguments.value(flag) != nil {
                throw UsageError("\(flag) is for keys add", command: name)
            }
        }
        let files = StoreFiles(path: runtime.absoluteStorePath)
        guard FileStamp.of(path: files.resolvedPath) != nil else {
            Output.err("stats-mcp: the store \(runtime.absoluteStorePath) does not exist; give --store PATH (or STATS_STORE), or create it with stats-mcp import / stats-mcp demo\n")
            return ExitStatus.failure
        }
        do {
            return try files.withExclusiveLock(timeout: 5) { () throws -> Int32 in
                let base = try files.readBase()
                let loaded = try base.withUnsafeBytes { try StoreLoader.load($0) }
                let existing = try base.withUnsafeBytes { try StoreFiles.topLevelMember("api_keys", in: $0) }.value
                switch action {
                case .list:
                    let keys = APIKeys.list(existing, data: loaded.data)
                    if keys.isEmpty {
                        Output.out("no API keys in \(runtime.absoluteStorePath); make one with stats-mcp keys add --user USER --workspace WS\n")
                    }
                    for key in keys {
                        Output.out("\(key.id)  \(key.revoked ? "revoked" : "active ")  user \(key.user)  workspace \(key.workspace)  label \(key.label.isEmpty ? "-" : key.label)\n")
                    }
                    return ExitStatus.ok
                case let .add(userText, workspaceText, label):
                    let user = try APIKeys.user(userText, in: loaded.data)
                    let workspace = try APIKeys.workspace(workspaceText, in: loaded.data)
                    var random = [UInt8](repeating: 0, count: APIKeys.randomByteCount)
                    var generator = SystemRandomNumberGenerator()
                    for i in random.indices { random[i] = UInt8.random(in: 0...255, using: &generator) }
                    let key = APIKeys.makeKey(random: random)
                    let records = try APIKeys.adding(key: key, user: user, workspace: workspace, label: label, to: existing)
                    try files.replaceTopLevelMember("api_keys", in: base, with: APIKeys.text(records))
                    Output.out(key + "\n")
                    Output.err("stored the key's SHA-256 as key \(APIKeys.keyID(SHA256.hexDigest(key))) for \(user.publicID) in workspace \(workspace.id) (\(workspace.publicID)). This is the only time the key is shown: put it in STATS_API_KEY (or a file for --api-key-file).\n")
                    return ExitStatus.ok
                case let .revoke(keyID):
                    let (records, already) = try APIKeys.revoking(keyID, in: existing)
                    if !already { try files.replaceTopLevelMember("api_keys", in: base, with: APIKeys.text(records)) }
                    Output.out(already ? "key \(keyID) was already revoked\n" : "revoked key \(keyID)\n")
                    return ExitStatus.ok
                }
            }
        } catch let error as KeyError {
            Output.err("stats-mcp: \(error.description)\n")
            return ExitStatus.failure
        } catch is StoreBusyError {
            Output.err("stats-mcp: the store is locked by another writer (\(files.lockPath)); try again in a moment\n")
            return ExitStatus.failure
        } catch let error as StoreLoadError {
            Output.err("stats-mcp: the store \(runtime.absoluteStorePath) does not load (\(error)); `stats-mcp check` says why. Nothing was changed.\n")
            return ExitStatus.failure
        } catch {
            Output.err("stats-mcp: cannot update \(runtime.absoluteStorePath): \(error). Nothing was changed.\n")
            return ExitStatus.failure
        }
    }
}
