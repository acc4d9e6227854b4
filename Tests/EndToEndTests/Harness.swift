// End-to-end harness: runs the BUILT `stats-mcp` binary as a child process (SPEC §7, §8, §9).
//
// Everything here is bounded in time: every wait has a deadline, after which the child is killed
// (by its pid, SIGKILL) and the test fails. Waits are asynchronous (`Task.sleep` polling), so a
// long end-to-end test never blocks a thread of the Swift concurrency pool that other tests need.
import Foundation
import StatsJSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// write(2), named so that it cannot collide with a `write` method.
func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

// MARK: Errors

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: Locating things

enum E2E {
    /// The repository root (this file is `<repo>/Tests/EndToEndTests/Harness.swift`).
    static let repoRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// The built `stats-mcp`: `$STATS_MCP_BINARY`; else a regular executable file named `stats-mcp`
    /// in the directory of the test bundle or one of its parents (`swift test` builds it into the same
    /// `<build>/debug/` directory, whatever `--scratch-path` is); else `<repo>/.build/debug/stats-mcp`.
    static let binary: String? = {
        if let env = ProcessInfo.processInfo.environment["STATS_MCP_BINARY"], !env.isEmpty { return env }
        var starts: [URL] = []
        if let argv0 = CommandLine.arguments.first, !argv0.isEmpty {
            starts.append(URL(fileURLWithPath: argv0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        starts.append(Bundle.main.bundleURL.resolvingSymlinksInPath())
        starts.append(Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
            ?? Bundle.main.bundleURL)
        for start in starts {
            var dir = start
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("stats-mcp").path
                if isExecutableRegularFile(candidate) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
        }
        for config in ["debug", "release"] {
            let candidate = repoRoot + "/.build/" + config + "/stats-mcp"
            if isExecutableRegularFile(candidate) { return candidate }
        }
        return nil
    }()

    static func isExecutableRegularFile(_ path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return (st.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    static func requireBinary() throws -> String {
        guard let binary else {
            throw HarnessError(
                "cannot find the built stats-mcp binary: run `swift build` first or set STATS_MCP_BINARY")
        }
        return binary
    }

    /// The parent's environment without any STATS_* variable, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STATS_") }
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Writing to the stdin of a child that was just killed must not kill the test runner.
    static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    static let ownerKey = "stats-demo-owner"
}

// MARK: A scratch directory

final class Scratch: @unchecked Sendable {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array((base + "/stats-mcp-e2e.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp failed") }
        path = String(cString: made)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// The entries of a directory (names only, sorted).
    static func list(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }
}

// MARK: Pipes

/// Drains one pipe on its own thread (so the child never blocks on a full pipe) and splits lines.
final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var all: [UInt8] = []
    private var lineStart = 0
    private var scanned = 0
    private var _eof = false
    private var _paused = false

    /// Stops / restarts reading (to play a client that does not read its stdout).
    func pause() { lock.withLock { _paused = true } }
    func resume() { lock.withLock { _paused = false } }

    /// Reads a duplicate of `fd`, closed at EOF: the owner may close its own descriptor at any time
    /// without this thread ever reading a reused descriptor number.
    init(fd: Int32, name: String) {
        let own = fcntl(fd, F_DUPFD_CLOEXEC, 0)
        let thread = Thread { [self] in
            self.loop(own)
            close(own)
        }
        thread.name = name
        thread.start()
    }

    private func loop(_ fd: Int32) {
        let capacity = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        while true {
            while lock.withLock({ _paused }) { usleep(5_000) }
            let n = read(fd, buffer, capacity)
            if n > 0 {
                lock.lock()
                all.append(contentsOf: UnsafeBufferPointer(start: buffer, count: n))
                lock.unlock()
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        lock.lock()
        _eof = true
        lock.unlock()
    }

    var eof: Bool { lock.withLock { _eof } }
    var bytes: [UInt8] { lock.withLock { all } }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The next complete line (without `\n`) not yet returned, if any.
    func popLine() -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        while scanned < all.count {
            if all[scanned] == 0x0A {
                let line = Array(all[lineStart..<scanned])
                scanned += 1
                lineStart = scanned
                return line
            }
            scanned += 1
        }
        return nil
    }

    /// Waits (asynchronously) for the next line; nil at EOF or when `timeout` seconds pass.
    func nextLine(timeout: Double) async -> [UInt8]? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let line = popLine() { return line }
            if eof { return popLine() }
            if Date() >= deadline { return nil }
            try? await Task.sleep(nanoseconds: 1_000_000)
        }
    }

    /// Waits until EOF (the child and all its descendants closed the pipe) or the deadline.
    func waitForEOF(timeout: Double) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while !eof {
            if Date() >= deadline { return false }
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
        return true
    }
}

// MARK: A child process

/// One child process with stdin/stdout/stderr pipes.
final class Child: @unchecked Sendable {
    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    let stdout: PipeReader
    let stderr: PipeReader
    let pid: Int32
    private let inputLock = NSLock()
    private var inputClosed = false

    init(executable: String, arguments: [String], environment: [String: String], directory: String? = nil) throws {
        _ = E2E.ignoreSIGPIPE
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        pid = process.processIdentifier
        // The parent's copies of the child's ends (Foundation closes them, but be sure: a leaked write
        // end would keep our reader from ever seeing EOF).
        try? stdoutPipe.fileHandleForWriting.close()
        try? stderrPipe.fileHandleForWriting.close()
        try? stdinPipe.fileHandleForReading.close()
        stdout = PipeReader(fd: stdoutPipe.fileHandleForReading.fileDescriptor, name: "e2e.stdout.\(pid)")
        stderr = PipeReader(fd: stderrPipe.fileHandleForReading.fileDescriptor, name: "e2e.stderr.\(pid)")
    }

    /// Writes all of `bytes` to the child's stdin; false if the pipe is closed (e.g. the child died).
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        inputLock.lock()
        defer { inputLock.unlock() }
        guard !inputClosed else { return false }
        let fd = stdinPipe.fileHandleForWriting.fileDescriptor
        return bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }

    @discardableResult
    func send(_ line: String) -> Bool { write(Array((line + "\n").utf8)) }

    func closeStdin() {
        inputLock.lock()
        defer { inputLock.unlock() }
        guard !inputClosed else { return }
        inputClosed = true
        try? stdinPipe.fileHandleForWriting.close()
    }

    var isRunning: Bool { process.isRunning }

    /// The write end of the child's stdin (e.g. to write without blocking).
    var stdinFD: Int32 { stdinPipe.fileHandleForWriting.fileDescriptor }

    /// Sends `sig` to the child (by its pid) if it is still running.
    func signal(_ sig: Int32) {
        if process.isRunning { _ = kill(pid, sig) }
    }

    /// How the child ended.
    enum Ending: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signaled(Int32)
        var description: String {
            switch self {
            case let .exited(code): return "exit \(code)"
            case let .signaled(sig): return "signal \(sig)"
            }
        }
    }

    /// Waits for the child to end; on timeout kills it (SIGKILL) and returns nil.
    func waitForExit(timeout: Double) async -> Ending? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() >= deadline {
                _ = kill(pid, SIGKILL)
                while process.isRunning { try? await Task.sleep(nanoseconds: 2_000_000) }
                return nil
            }
            try? await Task.sleep(nanoseconds: 1_000_000)
        }
        switch process.terminationReason {
        case .exit: return .exited(process.terminationStatus)
        case .uncaughtSignal: return .signaled(process.terminationStatus)
        @unknown default: return .exited(process.terminationStatus)
        }
    }

    /// Kills the child if it is still running (cleanup after a failed test).
    func forceKill() {
        closeStdin()
        if process.isRunning { _ = kill(pid, SIGKILL) }
    }
}

// MARK: One-shot command lines

struct CLIResult: CustomStringConvertible {
    var ending: Child.Ending?
    var stdout: String
    var stderr: String
    var stdoutBytes: [UInt8]

    var status: Int32? {
        if case let .exited(code)? = ending { return code }
        return nil
    }

    var description: String {
        "\(ending.map(\.description) ?? "timed out (killed)")\n--- stdout ---\n\(stdout.prefix(2000))\n--- stderr ---\n\(stderr.prefix(2000))"
    }
}

enum CLI {
    /// Runs `stats-mcp ARGS` to completion (stdin closed at once unless `input` is given), bounded by
    /// `timeout` seconds (then killed: `ending == nil`).
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
                    input: [UInt8]? = nil, timeout: Double = 60) async throws -> CLIResult
    {
        let child = try Child(executable: try E2E.requireBinary(), arguments: arguments,
                              environment: E2E.environment(environment), directory: directory)
        if let input { child.write(input) }
        child.closeStdin()
        let ending = await child.waitForExit(timeout: timeout)
        _ = await child.stdout.waitForEOF(timeout: 5)
        _ = await child.stderr.waitForEOF(timeout: 5)
        return CLIResult(ending: ending, stdout: child.stdout.text, stderr: child.stderr.text,
                         stdoutBytes: child.stdout.bytes)
    }

    /// `stats-mcp demo --out PATH --scale SCALE --seed SEED`, checked.
    static func makeDemoStore(at path: String, scale: String = "50", seed: String = "1") async throws {
        let result = try await run(["demo", "--out", path, "--scale", scale, "--seed", seed])
        guard result.status == 0 else { throw HarnessError("demo --out failed: \(result)") }
    }
}

// MARK: An MCP session over stdio

/// What a `tools/call` answered.
struct ToolOutcome: CustomStringConvertible {
    var isError: Bool
    var structured: JSONValue
    var text: String

    var errorCode: String? { structured["error"]?["code"]?.stringValue }
    var errorMessage: String? { structured["error"]?["message"]?.stringValue }
    var description: String { (isError ? "tool error: " : "ok: ") + text.prefix(600) }
}

final class Server: @unchecked Sendable {
    let child: Child
    private let idLock = NSLock()
    private var nextID = 1

    /// Starts `stats-mcp serve ARGS` (not yet initialized).
    init(arguments: [String], environment: [String: String], directory: String? = nil) throws {
        child = try Child(executable: try E2E.requireBinary(), arguments: arguments,
                          environment: E2E.environment(environment), directory: directory)
    }

    func allocateID() -> Int {
        idLock.withLock {
            defer { nextID += 1 }
            return nextID
        }
    }

    static func requestLine(id: Int, method: String, params: JSONValue? = nil) -> String {
        var object = JSONObject([("jsonrpc", "2.0"), ("id", .int(Int64(id))), ("method", .string(method))])
        if let params { object["params"] = params }
        return JSON.string(.object(object))
    }

    static func toolCallLine(id: Int, name: String, arguments: JSONValue) -> String {
        requestLine(id: id, method: "tools/call", params: ["name": .string(name), "arguments": arguments])
    }

    static let initializeParams: JSONValue = [
        "protocolVersion": "2025-06-18", "capabilities": [:],
        "clientInfo": ["name": "stats-mcp-e2e", "version": "1"],
    ]

    /// Waits for the response with `id`, skipping notifications and other lines. Nil when stdout
    /// ended (the child died) or `timeout` passed.
    func response(id: Int, timeout: Double) async throws -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let left = deadline.timeIntervalSinceNow
            guard left > 0, let line = await child.stdout.nextLine(timeout: left) else { return nil }
            let message: JSONValue
            do {
                message = try JSON.parse(line)
            } catch {
                throw HarnessError("stdout line is not JSON: \(String(decoding: line.prefix(300), as: UTF8.self))")
            }
            if message["id"]?.strictIntValue == Int64(id) { return message }
        }
    }

    /// Sends a request and waits for its response (nil if the child died or the deadline passed).
    func request(_ method: String, _ params: JSONValue? = nil, timeout: Double = 30) async throws -> JSONValue? {
        let id = allocateID()
        guard child.send(Self.requestLine(id: id, method: method, params: params)) else { return nil }
        return try await response(id: id, timeout: timeout)
    }

    /// `initialize` (handshake era); throws unless it succeeds.
    func initialize(timeout: Double = 30) async throws {
        guard let response = try await request("initialize", Self.initializeParams, timeout: timeout),
            response["result"]?["protocolVersion"]?.stringValue != nil
        else { throw HarnessError("initialize failed; stderr: \(child.stderr.text.suffix(2000))") }
        child.send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
    }

    /// `tools/call`; nil if the child died or the deadline passed; throws on a protocol error.
    func callTool(_ name: String, _ arguments: JSONValue = [:], timeout: Double = 30) async throws -> ToolOutcome? {
        guard let response = try await request("tools/call", ["name": .string(name), "arguments": arguments],
                                               timeout: timeout)
        else { return nil }
        return try Self.outcome(response)
    }

    static func outcome(_ response: JSONValue) throws -> ToolOutcome {
        guard let result = response["result"] else {
            throw HarnessError("protocol error instead of a tool result: \(JSON.string(response).prefix(600))")
        }
        let text = result["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
        return ToolOutcome(isError: result["isError"]?.boolValue ?? false,
                           structured: result["structuredContent"] ?? .null, text: text)
    }

    /// `tools/call` that must answer successfully.
    func callOK(_ name: String, _ arguments: JSONValue = [:], timeout: Double = 30) async throws -> JSONValue {
        guard let outcome = try await callTool(name, arguments, timeout: timeout) else {
            throw HarnessError("no answer to \(name) within \(timeout) s; stderr: \(child.stderr.text.suffix(2000))")
        }
        guard !outcome.isError else { throw HarnessError("\(name) failed: \(outcome)") }
        return outcome.structured
    }

    /// Closes stdin and waits for the exit (bounded).
    func finish(timeout: Double = 10) async -> Child.Ending? {
        child.closeStdin()
        return await child.waitForExit(timeout: timeout)
    }
}

/// Starts a file-backed server for the owner key of the demo store, initialized.
func startServer(store: String, now: String? = nil, extraArguments: [String] = [],
                 environment: [String: String] = [:]) async throws -> Server
{
    var env = ["STATS_API_KEY": E2E.ownerKey, "STATS_TODAY": "2026-11-20"]
    if let now { env["STATS_NOW"] = now }
    for (k, v) in environment { env[k] = v }
    let server = try Server(arguments: ["--store", store] + extraArguments, environment: env)
    do {
        try await server.initialize()
    } catch {
        server.child.forceKill()
        throw error
    }
    return server
}

// MARK: Dates

enum Civil {
    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y - 1 : y
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func date(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func format(_ days: Int) -> String {
        let (y, m, d) = date(days)
        return "\(y)-\(two(m))-\(two(d))"
    }

    /// The Monday `weeks` weeks after 2010-01-04 (a Monday).
    static func monday(_ weeks: Int) -> String { format(days(2010, 1, 4) + 7 * weeks) }

    /// An RFC 3339 UTC instant, `seconds` after 2026-11-20T00:00:00Z (whole seconds, `Z`).
    static func instant(_ seconds: Int) -> String {
        let day = days(2026, 11, 20) + seconds / 86_400
        let s = seconds % 86_400
        return format(day) + "T" + two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60) + "Z"
    }
}

// MARK: Files

enum Files {
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw HarnessError("cannot read \(path)") }
        return [UInt8](data)
    }

    /// Replaces `path` by writing a sibling temporary file and renaming it over (like an editor).
    static func replaceByRename(_ path: String, with bytes: [UInt8], mode: mode_t = 0o644) throws {
        let temp = path + ".edit-\(getpid())"
        try writeInPlace(temp, bytes, create: true, mode: mode)
        guard rename(temp, path) == 0 else { throw HarnessError("rename \(temp) → \(path): errno \(errno)") }
    }

    /// Writes every byte to `fd` (retrying short writes and EINTR), then fsyncs it.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw HarnessError("write \(path): errno \(errno)") }
                offset += n
            }
        }
        _ = fsync(fd)
    }

    /// Truncates and rewrites `path` in place (same inode, like `>`).
    static func writeInPlace(_ path: String, _ bytes: [UInt8], create: Bool = false, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | (create ? O_CREAT : 0), mode)
        guard fd >= 0 else { throw HarnessError("open \(path): errno \(errno)") }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
    }

    struct Meta {
        var mode: mode_t
        var inode: UInt64
        var size: Int
        var isSymlink: Bool
    }

    static func lstatMeta(_ path: String) -> Meta? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return Meta(mode: st.st_mode & 0o7777, inode: UInt64(st.st_ino), size: Int(st.st_size),
                    isSymlink: (st.st_mode & S_IFMT) == S_IFLNK)
    }

    static func statMeta(_ path: String) -> Meta? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return Meta(mode: st.st_mode & 0o7777, inode: UInt64(st.st_ino), size: Int(st.st_size),
                    isSymlink: false)
    }

    /// Names in `dir` that look like the store's temporary files (`.<base>.tmp.*`) or any other
    /// leftover that is not the base, its journal or its lock.
    static func strays(in dir: String, baseName: String) -> [String] {
        Scratch.list(dir).filter { name in
            name != baseName && name != baseName + ".journal" && name != baseName + ".lock"
        }
    }

    /// Runs `body` holding an exclusive flock of `lockPath` (blocking; used only when no server holds it).
    static func withFlock<T>(_ lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_RDONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HarnessError("open \(lockPath): errno \(errno)") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw HarnessError("flock \(lockPath): errno \(errno)") }
        return try body()
    }

    /// Appends valid journal entries (a padded `put_snapshot` of `campaignID` for week 2001-01-01, the
    /// same record every time: replaying them is idempotent) until the journal holds at least
    /// `targetBytes`. Stands in for the thousands of small commits that would grow the journal to
    /// the compaction threshold. Does nothing (returns false) when the journal is missing or ends
    /// with a torn line (left for the server to deal with). Takes the store's lock, as any writer must.
    @discardableResult
    static func padJournal(store: String, campaignID: String, targetBytes: Int) throws -> Bool {
        let journal = store + ".journal"
        return try withFlock(store + ".lock") { () throws -> Bool in
            guard let data = FileManager.default.contents(atPath: journal) else { return false }
            let bytes = [UInt8](data)
            guard bytes.isEmpty || bytes.last == 0x0A else { return false }
            var seq: Int64 = 0
            if let lastLine = bytes.dropLast().split(separator: 0x0A).last,
                let value = try? JSON.parse(Array(lastLine)), let s = value["seq"]?.strictIntValue
            {
                seq = s
            }
            var out: [UInt8] = []
            var size = bytes.count
            let pad = String(repeating: "p", count: 60_000)
            while size + out.count < targetBytes {
                seq += 1
                let snapshot: JSONValue = [
                    "campaign_id": .string(campaignID), "week_start": "2001-01-01", "stats": ["total": 0],
                    "captured_at": "2001-01-01T00:00:00Z", "x_pad": .string(pad),
                ]
                let entry: JSONValue = [
                    "seq": .int(seq), "ops": [["op": "put_snapshot", "snapshot": snapshot]],
                ]
                out += JSON.bytes(entry)
                out.append(0x0A)
            }
            guard !out.isEmpty else { return true }
            let fd = open(journal, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard fd >= 0 else { throw HarnessError("open \(journal): errno \(errno)") }
            defer { close(fd) }
            try writeAll(fd, out, path: journal)
            size += out.count
            return true
        }
    }

    /// The compaction threshold for a small store: the journal is folded into the base once it
    /// exceeds max(4 MiB, base / 4) (StoreFiles.shouldCompact). Padding past it forces a compaction
    /// on the next commit.
    static let compactionJournalBytes = 4 << 20
}

// MARK: Demo store facts

struct CampaignInfo: Sendable {
    var id: String
    var publicID: String
    var name: String
    var status: String
    var type: String
}

extension Server {
    /// Every campaign of the session workspace (campaigns_list, ≤ 100).
    func campaigns() async throws -> [CampaignInfo] {
        let list = try await callOK("campaigns_list", ["limit": 100])
        return (list["campaigns"]?.arrayValue ?? []).compactMap { c in
            guard let id = c["id"]?.stringValue, let pid = c["public_id"]?.stringValue else { return nil }
            return CampaignInfo(id: id, publicID: pid, name: c["name"]?.stringValue ?? "",
                                status: c["status"]?.stringValue ?? "", type: c["type"]?.stringValue ?? "")
        }
    }

    /// Whether every non-draft campaign has a snapshot for `week`: a dry-run capture then replaces
    /// as many as it captures.
    func weekIsCaptured(_ week: String) async throws -> (captured: Int64, replaced: Int64) {
        let answer = try await callOK("campaigns_capture_weekly_snapshots",
                                      ["week_start": .string(week), "dry_run": true])
        return (answer["captured"]?.integerValue ?? -1, answer["replaced"]?.integerValue ?? -2)
    }
}
