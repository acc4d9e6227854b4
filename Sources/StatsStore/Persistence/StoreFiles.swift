#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StatsJSON

/// All file I/O of the store (SPEC §2, §9): the base file, its journal, its lock file and the
/// temporary files of compaction.
///
/// Layout, beside the base file after resolving symlinks (nothing is ever created beside a link):
/// - `<resolved>` — the base JSON document; only ever replaced by `rename` of a complete, fsynced file;
/// - `<resolved>.journal` — JSON Lines of committed writes (format: `JournalCodec`);
/// - `<resolved>.lock` — an empty file; writers hold an exclusive `flock` on it (never renamed or
///   deleted; a script editing the store by hand takes the same lock, e.g. `flock stats-store.json.lock -c …`);
/// - `.<basename>.tmp.<pid>.<random>` — a compaction in progress (or left by a crash; swept by
///   `cleanStaleTemporaries`).
/// Created files get the base file's permission bits (0600 when there is no base file yet) and, when
/// allowed, its owner.
///
/// Writer protocol: `withExclusiveLock { reload what changed; compute; appendJournal(entry) }` — the
/// write is durable (acknowledgeable) when `appendJournal` returns. Then, still under the lock and if
/// `shouldCompact` says so, `compact(entries:)`; a failed compaction loses nothing (the journal stays).
///
/// Reader protocol (no lock): `fingerprint()` per request; if it changed, `readJournal(fromOffset:)`
/// when only the journal grew, else `readSnapshot()`. The journal is read before the base: a compaction
/// racing the read then yields either the old base with the full journal, the new base with the new
/// journal, or the new base with the old journal re-applied — all the same state, as ops are
/// idempotent. Never the old base with the truncated journal.
///
/// All methods are safe to call from several threads; the object holds no mutable state.
public final class StoreFiles: Sendable {
    /// The path the caller gave.
    public let path: String
    /// The base file's path with every symlink resolved (of the target; if it does not exist yet, of
    /// its directory).
    public let resolvedPath: String
    public let lockPath: String
    public let journalPath: String
    /// The directory holding the resolved base file.
    public let directory: String
    /// The resolved base file's name.
    public let baseName: String

    public init(path: String) {
        self.path = path
        let absolute = path.hasPrefix("/") ? path : Posix.currentDirectory() + "/" + path
        var resolved: String
        if let real = Posix.resolve(absolute) {
            resolved = real
        } else {
            // Missing file, or a dangling symlink: follow links by hand, then resolve the directory.
            var current = absolute
            var hops = 0
            while hops < 40, Posix.isSymlink(current), let target = Posix.readLink(current) {
                current = target.hasPrefix("/") ? target : Self.join(Posix.dirname(current), target)
                hops += 1
            }
            let directory = Posix.dirname(current)
            resolved = Self.join(Posix.resolve(directory) ?? directory, Posix.basename(current))
        }
        resolvedPath = resolved
        lockPath = resolved + ".lock"
        journalPath = resolved + ".journal"
        directory = Posix.dirname(resolved)
        baseName = Posix.basename(resolved)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
