import Foundation
import StatsProtocol
import StatsServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The stdio shell around `MCPServer` (SPEC §7.1). All protocol logic lives in StatsServer.
///
/// - stdout is guarded: fd 1 is duplicated to a private descriptor used only for protocol messages,
///   and fd 1 then points at stderr, so a stray `print` never reaches the client.
/// - A reader thread reads fd 0 with read(2) into a `LineSplitter`, lets the server classify each line
///   (which applies `notifications/cancelled` at once) and queues the work.
/// - The calling thread is the single worker: it runs queued work in order and writes each message as one
///   line with one write loop.
/// - stdin EOF or SIGTERM: every request already read is finished and answered, then exit(0).
/// - SIGPIPE is ignored (`Signals`); a failed write ends the process with status 0 once the current work item (and so
///   any store write it started) has completed.
final class StdioTransport: @unchecked Sendable {
    private let server: MCPServer
    private let maxMessageBytes: Int
    private let output: OutputChannel
    private let queue = WorkQueue()
    private var beforeExit: @Sendable () -> Void = {}

    private init(server: MCPServer, maxMessageBytes: Int, outputFD: Int32) {
        self.server = server
        self.maxMessageBytes = maxMessageBytes
        self.output = OutputChannel(fd: outputFD)
    }

    /// Serves stdin/stdout until EOF, SIGTERM or a broken stdout; never returns.
    /// `beforeExit` runs once every request is answered, before the process exits at stdin EOF or on a
    /// signal (the PostgreSQL store finishes writing a store image there).
    static func run(server: MCPServer, maxMessageBytes: Int, beforeExit: @escaping @Sendable () -> Void = {}) -> Never {
        let wire = guardStdout()
        let transport = StdioTransport(server: server, maxMessageBytes: max(1, maxMessageBytes), outputFD: wire)
        transport.beforeExit = beforeExit
        // SIGTERM / SIGINT / SIGHUP (taken by the thread of `Signals`, installed first thing in main):
        // finish what was already read, answer it, then exit (the worker does it).
        Signals.onTerminate { [queue = transport.queue] in queue.close() }
        transport.startReader()
        transport.workLoop()
    }

    /// Moves the protocol channel off fd 1: returns a private duplicate of the original stdout and points
    /// fd 1 at stderr. Idempotent; main may call it first thing so nothing printed during start-up can
    /// reach the client (stdio buffers are not flushed here: whatever is buffered later goes to stderr).
    @discardableResult
    static func guardStdout() -> Int32 {
        if let fd = wireFD.withLock({ $0 }) { return fd }
        let wire = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        guard wire >= 0 else { return STDOUT_FILENO }
        _ = dup2(STDERR_FILENO, STDOUT_FILENO)
        wireFD.withLock { $0 = wire }
        return wire
    }

    private static let wireFD = LockedFD()

    // MARK: Worker

    private func workLoop() -> Never {
        while let work = queue.next() {
            server.execute(work) { [output] line in output.write(line) }
            if output.isBroken { Self.exitQuietly() }
        }
        beforeExit()
        Self.exitQuietly()
    }

    private static func exitQuietly() -> Never {
        fflush(nil)
        _exit(0)
    }

    // MARK: Reader

    private func startReader() {
        let thread = Thread { [self] in self.readLoop() }
        thread.name = "stats-mcp.stdin"
        thread.stackSize = 16 << 20
        thread.start()
    }

    private func readLoop() {
        var splitter = LineSplitter(maxLineBytes: maxMessageBytes)
        let capacity = 1 << 16
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let handle: (LineSplitter.Event) -> Void = { [server, queue, maxMessageBytes] event in
            switch event {
            case let .line(bytes):
                // Blocks while the queue is full (back-pressure): stdin is then not read.
                if let work = server.receive(line: bytes) { queue.push(work, bytes: bytes.count) }
            case .oversize:
                queue.push(server.oversizeLine(maxMessageBytes: maxMessageBytes), bytes: 0)
            }
        }
        while true {
            let n = read(STDIN_FILENO, buffer, capacity)
            if n > 0 {
                splitter.feed(UnsafeBufferPointer(start: buffer, count: n), handle)
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break  // EOF, or an unreadable stdin: treated the same way
            }
        }
        splitter.finish(handle)
        queue.close()
    }

}

private final class LockedFD: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: Int32?
    func withLock<T>(_ body: (inout Int32?) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&fd)
    }
}

/// Bounded FIFO of received work with a close flag; `next()` drains what was queued before `close()`.
///
/// Back-pressure (issue 17 #8): `push` blocks the stdin reader while `maxItems` requests, or
/// `maxBytes` bytes of their lines, wait to be served, so a client that writes without reading its
/// answers fills the pipe and blocks, instead of growing this process without bound. Memory held for
/// input is then at most `maxBytes` (+ one line, which is always admitted into an empty queue, ≤
/// `--max-message-bytes`) plus the line being assembled. See docs/ROBUSTNESS.md.
final class WorkQueue: @unchecked Sendable {
    /// Requests waiting to be served (a batch counts each of its requests) before stdin is no longer read.
    static let maxItems = 1000
    /// Bytes of request lines waiting to be served before stdin is no longer read. Parsed requests take
    /// a few times their line's size, so this keeps queued input well under 100 MB.
    static let maxBytes = 8 << 20

    private let condition = NSCondition()
    private var items: [(work: ServerWork, bytes: Int, weight: Int)] = []
    private var head = 0
    private var pendingBytes = 0
    private var pendingWeight = 0
    private var closed = false
    /// Threads blocked in `push` (the reader) and `next` (the worker): a wake-up is sent only to a side that
    /// waits, so a busy pipeline does not pay a futex call per request.
    private var readersWaiting = 0
    private var workersWaiting = 0
    private let maxItems: Int
    private let maxBytes: Int

    init(maxItems: Int = WorkQueue.maxItems, maxBytes: Int = WorkQueue.maxBytes) {
        self.maxItems = max(1, maxItems)
        self.maxBytes = max(1, maxBytes)
    }

    func push(_ work: ServerWork, bytes: Int) {
        condition.lock()
        defer { condition.unlock() }
        // An empty queue always admits one item, whatever its size.
        let weight = max(1, work.requestCount)
        while !closed && head < items.count
            && (pendingWeight + weight > maxItems || pendingBytes + bytes > maxBytes)
        {
            readersWaiting += 1
            condition.wait()
            readersWaiting -= 1
        }
        guard !closed else { return }
        items.append((work, bytes, weight))
        pendingBytes += bytes
        pendingWeight += weight
        if workersWaiting > 0 { condition.broadcast() }
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next item, or nil once the queue is closed and empty.
    func next() -> ServerWork? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed {
            workersWaiting += 1
            condition.wait()
            workersWaiting -= 1
        }
        guard head < items.count else { return nil }
        let (work, bytes, weight) = items[head]
        head += 1
        pendingBytes -= bytes
        pendingWeight -= weight
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        // Room for a blocked reader, once the queue has drained to half its limits: waking it for every
        // freed slot would ping-pong the two threads once per request on a pipelined stream.
        if readersWaiting > 0 && pendingWeight * 2 <= maxItems && pendingBytes * 2 <= maxBytes { condition.broadcast() }
        return work
    }
}

/// The private stdout descriptor: whole lines, one write loop each, serialized by a lock.
private final class OutputChannel: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var broken = false

    init(fd: Int32) { self.fd = fd }

    var isBroken: Bool {
        lock.lock()
        defer { lock.unlock() }
        return broken
    }

    func write(_ line: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        guard !broken else { return }
        line.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                #if canImport(Darwin)
                let n = Darwin.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #elseif canImport(Musl)
                let n = Musl.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #else
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #endif
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                    var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&pfd, 1, 1000)  // a non-blocking stdout: wait until it drains
                    continue
                } else {
                    broken = true  // EPIPE or any other failure: stop writing, exit after this work item
                    return
                }
            }
        }
    }
}
