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
/// - SIGPIPE is ignored; a failed write ends the process with status 0 once the current work item (and so
///   any store write it started) has completed.
final class StdioTransport: @unchecked Sendable {
    private let server: MCPServer
    private let maxMessageBytes: Int
    private let output: OutputChannel
    private let queue = WorkQueue()

    private init(server: MCPServer, maxMessageBytes: Int, outputFD: Int32) {
        self.server = server
        self.maxMessageBytes = maxMessageBytes
        self.output = OutputChannel(fd: outputFD)
    }

    /// Serves stdin/stdout until EOF, SIGTERM or a broken stdout; never returns.
    static func run(server: MCPServer, maxMessageBytes: Int) -> Never {
        signal(SIGPIPE, SIG_IGN)
        let wire = guardStdout()
        let transport = StdioTransport(server: server, maxMessageBytes: max(1, maxMessageBytes), outputFD: wire)
        transport.installSignalHandlers()
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
                if let work = server.receive(line: bytes) { queue.push(work) }
            case .oversize:
                queue.push(server.oversizeLine(maxMessageBytes: maxMessageBytes))
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

    // MARK: Signals

    private func installSignalHandlers() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        signalPipeWriteFD = fds[1]
        let readFD = fds[0]
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            var action = sigaction()
            #if canImport(Darwin)
            action.__sigaction_u.__sa_handler = stdioTransportSignalHandler
            #else
            action.__sigaction_handler.sa_handler = stdioTransportSignalHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            sigaction(sig, &action, nil)
        }
        let thread = Thread { [queue] in
            var byte: UInt8 = 0
            while true {
                let n = read(readFD, &byte, 1)
                if n == 1 { break }
                if n < 0 && errno == EINTR { continue }
                return
            }
            // Finish what was already read, answer it, then exit (the worker does it).
            queue.close()
        }
        thread.name = "stats-mcp.signals"
        thread.start()
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

/// Write end of the self-pipe used by the signal handler (async-signal-safe: one write(2)).
nonisolated(unsafe) private var signalPipeWriteFD: Int32 = -1

private func stdioTransportSignalHandler(_ signal: Int32) {
    var byte: UInt8 = 1
    _ = write(signalPipeWriteFD, &byte, 1)
}

/// FIFO of received work with a close flag; `next()` drains what was queued before `close()`.
private final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [ServerWork] = []
    private var head = 0
    private var closed = false

    func push(_ work: ServerWork) {
        condition.lock()
        if !closed {
            items.append(work)
            condition.signal()
        }
        condition.unlock()
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
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let work = items[head]
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
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
