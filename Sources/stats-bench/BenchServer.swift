// stats-bench: the clock and statistics helpers, and a `stats-mcp` server process spoken to over stdio.
import Foundation
import StatsDemo
import StatsJSON

#if canImport(Glibc)
import Glibc
#endif
// MARK: - Clock and statistics

@inline(__always) func nowNS() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func ms(_ ns: UInt64) -> Double { Double(ns) / 1e6 }

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    let rank = Int((p / 100 * Double(s.count)).rounded(.up)) - 1
    return s[min(max(rank, 0), s.count - 1)]
}

func median(_ values: [Double]) -> Double { percentile(values, 50) }

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

// MARK: - A server process over stdio

/// Lines read from the server's stdout by a dedicated thread, with their arrival times.
final class LineSink: @unchecked Sendable {
    let cond = NSCondition()
    var count = 0
    var lines: [[UInt8]] = []
    var times: [UInt64] = []
    var keepBodies = true
    var eof = false

    func run(fd: Int32) {
        let cap = 1 << 20
        let buf = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
        defer { buf.deallocate() }
        var partial: [UInt8] = []
        while true {
            let n = read(fd, buf, cap)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            let t = nowNS()
            var start = 0
            var newLines: [[UInt8]] = []
            var newCount = 0
            for i in 0..<n where buf[i] == 0x0A {
                newCount += 1
                if keepBodies {
                    partial.append(contentsOf: UnsafeBufferPointer(start: buf + start, count: i - start))
                    newLines.append(partial)
                }
                partial.removeAll(keepingCapacity: true)
                start = i + 1
            }
            if start < n {
                partial.append(contentsOf: UnsafeBufferPointer(start: buf + start, count: n - start))
            }
            if newCount > 0 {
                cond.lock()
                count += newCount
                lines.append(contentsOf: newLines)
                times.append(t)
                cond.broadcast()
                cond.unlock()
            }
        }
        cond.lock()
        eof = true
        cond.broadcast()
        cond.unlock()
    }

    /// Waits until at least `target` lines have arrived (or EOF / timeout); returns the arrival time
    /// of the read that completed the target.
    func wait(for target: Int, timeout: Double = 600) -> (ok: Bool, at: UInt64) {
        let deadline = Date().addingTimeInterval(timeout)
        cond.lock()
        defer { cond.unlock() }
        while count < target && !eof {
            if !cond.wait(until: deadline) { break }
        }
        return (count >= target, times.last ?? 0)
    }

    func line(_ index: Int) -> [UInt8]? {
        cond.lock()
        defer { cond.unlock() }
        return index < lines.count ? lines[index] : nil
    }

    func bodyCount() -> Int {
        cond.lock(); defer { cond.unlock() }
        return lines.count
    }

    func setKeepBodies(_ keep: Bool) {
        cond.lock(); keepBodies = keep; cond.unlock()
    }
}

struct BenchError: Error, CustomStringConvertible { let description: String }

final class Server {
    let process = Process()
    let stdinPipe = Pipe()
    let stdoutPipe = Pipe()
    let sink = LineSink()
    var sent = 0
    var nextID = 1
    let spawnedAt: UInt64
    var initializedAt: UInt64 = 0
    var lastResponseBytes = 0
    let stderrPath: String

    init(store: String, key: String, stderrPath: String) throws {
        process.executableURL = URL(fileURLWithPath: binaryPath)
        process.arguments = ["serve"]
        var env = ProcessInfo.processInfo.environment
        env["STATS_STORE"] = store
        env["STATS_API_KEY"] = key
        env["STATS_TODAY"] = DemoGenerator.anchorDay
        env["STATS_LOG_LEVEL"] = env["STATS_LOG_LEVEL"] ?? "info"
        process.environment = env
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        self.stderrPath = stderrPath
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        let sink = self.sink
        let fd = stdoutPipe.fileHandleForReading.fileDescriptor
        spawnedAt = nowNS()
        try process.run()
        let thread = Thread { sink.run(fd: fd) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func writeAll(_ bytes: [UInt8]) {
        let fd = stdinPipe.fileHandleForWriting.fileDescriptor
        bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 { if errno == EINTR { continue }; return }
                off += n
            }
        }
    }

    func requestLine(_ method: String, _ params: JSONValue?) -> [UInt8] {
        var obj = JSONObject([("jsonrpc", "2.0"), ("id", .int(Int64(nextID))), ("method", .string(method))])
        if let p = params { obj.appendUnchecked("params", p) }
        nextID += 1
        var b = JSON.bytes(.object(obj))
        b.append(0x0A)
        return b
    }

    /// Sends one request and waits for its response (the server answers requests in order here:
    /// we only have one outstanding). Returns the latency and the parsed response.
    @discardableResult
    func call(_ method: String, _ params: JSONValue? = nil, timeout: Double = 600) throws -> (ns: UInt64, response: JSONValue) {
        let line = requestLine(method, params)
        let index = sink.bodyCount()
        sent += 1
        let t0 = nowNS()
        writeAll(line)
        let r = sink.wait(for: sent, timeout: timeout)
        guard r.ok, let body = sink.line(index) else {
            throw BenchError(description: "no response to \(method) (server exited or timed out); see \(stderrPath)")
        }
        lastResponseBytes = body.count
        let value = try JSON.parse(body)
        return (r.at - t0, value)
    }

    func tool(_ name: String, _ args: JSONValue, timeout: Double = 600) throws -> (ns: UInt64, result: JSONValue, isError: Bool) {
        let r = try call("tools/call", .object(JSONObject([("name", .string(name)), ("arguments", args)])), timeout: timeout)
        if let err = r.response["error"] {
            throw BenchError(description: "\(name): protocol error \(JSON.string(err))")
        }
        let result = r.response["result"] ?? .null
        let isError = result["isError"]?.boolValue ?? false
        return (r.ns, result["structuredContent"] ?? .null, isError)
    }

    func initialize() throws -> UInt64 {
        let params: JSONValue = [
            "protocolVersion": "2025-11-25", "capabilities": [:],
            "clientInfo": ["name": "stats-bench", "version": "1"],
        ]
        let line = requestLine("initialize", params)
        sent += 1
        writeAll(line)
        let r = sink.wait(for: sent, timeout: 120)
        guard r.ok else { throw BenchError(description: "no initialize response; see \(stderrPath)") }
        initializedAt = r.at
        writeAll(Array("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n".utf8))
        return r.at - spawnedAt
    }

    /// Pipelines `count` copies of a request, keeps stdin open until every response is read.
    func pipelined(count: Int, method: String, params: JSONValue?) throws -> (calls: Int, seconds: Double, errors: Int) {
        var blob: [UInt8] = []
        for i in 0..<count {
            let l = requestLine(method, params)
            if i == 0 { blob.reserveCapacity((l.count + 8) * count) }
            blob.append(contentsOf: l)
        }
        sink.setKeepBodies(false)
        defer { sink.setKeepBodies(true) }
        let startCount = sink.count
        sent += count
        let t0 = nowNS()
        writeAll(blob)
        let r = sink.wait(for: sent, timeout: 900)
        guard r.ok else { throw BenchError(description: "pipelined \(method): only \(sink.count - startCount) of \(count) responses") }
        return (count, Double(r.at - t0) / 1e9, 0)
    }

    func memory() -> (hwmKB: Int, rssKB: Int) {
        guard let text = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8) else {
            return (0, 0)
        }
        var hwm = 0, rss = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2 {
                if parts[0] == "VmHWM:" { hwm = Int(parts[1]) ?? 0 }
                if parts[0] == "VmRSS:" { rss = Int(parts[1]) ?? 0 }
            }
        }
        return (hwm, rss)
    }

    /// Closes stdin and waits for the process to exit; returns the time from EOF to exit.
    func close() -> Double {
        let t0 = nowNS()
        try? stdinPipe.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline { usleep(1_000) }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        return ms(nowNS() - t0)
    }
}

