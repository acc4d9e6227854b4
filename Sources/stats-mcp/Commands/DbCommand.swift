// `stats-mcp db init|import|export` (SPEC §12): the PostgreSQL store's schema and data transfer.
import Foundation
import StatsPostgres
import StatsStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let dbUsage = """
    usage: stats-mcp db init URL                       create or upgrade the schema (idempotent)
           stats-mcp db import STORE URL [--replace]   load a JSON store in one transaction
           stats-mcp db export URL OUT [--force]       write the database's store as a JSON store
    URL is a libpq URI (postgres://user@host:5432/db?sslmode=verify-full). The schema is `stats` unless
    STATS_PG_SCHEMA names another; STATS_LIBPQ names the libpq library file when it is not found.
    What each command did is reported on stderr; stdout stays empty.
    """

/// Runs `db …` with the arguments after `db`; returns the exit status (2 = usage error).
func runDbCommand(_ args: [String]) -> Int32 {
    let env = ProcessInfo.processInfo.environment
    func err(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    func usageError(_ text: String) -> Int32 {
        err("stats-mcp: " + text)
        err(dbUsage)
        return 2
    }
    var flags = Set<String>()
    var positional: [String] = []
    for a in args {
        if a == "--help" || a == "-h" {
            FileHandle.standardOutput.write(Data((dbUsage + "\n").utf8))
            return 0
        }
        if a.hasPrefix("--") { flags.insert(a) } else { positional.append(a) }
    }
    guard let sub = positional.first else { return usageError("db needs init, import or export") }
    let allowed: [String: (Int, Set<String>)] = ["init": (1, []), "import": (2, ["--replace"]), "export": (2, ["--force"])]
    guard let (count, okFlags) = allowed[sub] else { return usageError("unknown db command \(sub)") }
    guard positional.count - 1 == count else { return usageError("db \(sub) takes \(count == 1 ? "URL" : sub == "import" ? "STORE URL" : "URL OUT")") }
    for f in flags where !okFlags.contains(f) { return usageError("unknown option \(f) for db \(sub)") }
    let url = sub == "import" ? positional[2] : positional[1]
    guard PGTarget.isURI(url), let target = PGTarget(uri: url) else {
        return usageError("URL must be a postgres:// or postgresql:// URI, got \(PGTarget(uri: url)?.redacted ?? "something else")")
    }
    let schema = PostgresStore.schemaName(env)
    guard PGSchema.isValidName(schema) else { return usageError("STATS_PG_SCHEMA must be a lowercase SQL identifier, got \(schema)") }
    guard let lib = LibPQ.shared(environment: env) else {
        err("stats-mcp: the PostgreSQL client library libpq is not installed. " + LibPQ.installHint)
        return 1
    }
    let started = Date()
    func elapsed() -> String { String(format: "%.1f s", Date().timeIntervalSince(started)) }
    do {
        // The commands write: their session is not read-only, and no statement timeout cuts a long import.
        let c = try PGConnection.connect(target, lib: lib, settings: ["SET client_encoding = 'UTF8'", "SET datestyle = 'ISO, YMD'", "SET client_min_messages = warning"])
        let db = PGDatabase(connection: c, schema: schema)
        switch sub {
        case "init":
            let before = try db.initialize()
            let what = before.map { $0 == PGSchema.version ? "already at version \($0); checked" : "upgraded from version \($0) to \(PGSchema.version)" }
                ?? "created at version \(PGSchema.version)"
            err("schema \(schema) (\(target.display)): \(what)")
        case "import":
            let path = positional[1]
            let summary = try PGTransfer.importStore(path: path, into: db, replace: flags.contains("--replace"))
            let rows = summary.rows.map { "\($0.table) \($0.count)" }.joined(separator: ", ")
            err("imported \(path) into schema \(schema) (\(target.display)) in \(elapsed()): \(rows.isEmpty ? "no records" : rows)")
            if !summary.topLevelKeys.isEmpty { err("kept top-level keys: \(summary.topLevelKeys.joined(separator: ", "))") }
            if summary.droppedItems > 0 { err("warning: \(summary.droppedItems) array item(s) that are not objects were not imported") }
            let image = try PGTransfer.writeImage(db)
            err("wrote the store image of version \(image.version) (\(image.bytes) bytes) in \(elapsed()): servers start from it")
        default:
            let out = positional[2]
            let bytes = try PGTransfer.exportBytes(from: db)
            // The same durable replacement as `demo --out` / `import --out` (SPEC §8, §9): refused without
            // --force; with it, atomic, keeping the old file's mode and removing its journal.
            do {
                try StoreFiles(path: out).installNewBase(replace: flags.contains("--force")) { sink in
                    try bytes.withUnsafeBytes { try sink($0) }
                }
            } catch is StoreExistsError {
                err("stats-mcp: \(out) exists; add --force to replace it")
                return 1
            }
            err("exported schema \(schema) (\(target.display)) to \(out) in \(elapsed()) (\(bytes.count) bytes)")
        }
        return 0
    } catch let e as PGError {
        err("stats-mcp: \(e.message)")
        return 1
    } catch {
        err("stats-mcp: \(error)")
        return 1
    }
}

