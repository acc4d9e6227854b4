import Foundation
import StatsJSON
import StatsProtocol

/// A unit of work made by `MCPServer.receive`, to be run by `MCPServer.execute` in arrival order.
public struct ServerWork: Sendable {
    enum Item: Sendable {
        /// A response that is already known (parse error, invalid request, oversize line).
        case ready(JSONValue)
        case request(PendingRequest)
        case batch([BatchEntry])
    }

    let item: Item

    /// The number of requests (not notifications) this work answers.
    public var requestCount: Int {
        switch item {
        case .ready: return 0
        case .request: return 1
        case let .batch(entries): return entries.count
        }
    }
}

struct PendingRequest: Sendable {
    let id: RequestID
    let method: String
    let params: JSONObject?
    let ticket: RequestTicket
    let inBatch: Bool
}

enum BatchEntry: Sendable {
    case ready(JSONValue)
    case request(PendingRequest)
}

/// The life of one request: cancellation, progress monotonicity, and "no notification after the response".
final class RequestTicket: @unchecked Sendable {
    let id: RequestID
    let method: String
    private let lock = NSLock()
    private var cancelled = false
    private var finished = false
    private var lastProgress: Double? = nil

    init(id: RequestID, method: String) {
        self.id = id
        self.method = method
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    /// Marks the request cancelled unless its response is already on its way.
    func cancel() {
        lock.lock()
        if !finished { cancelled = true }
        lock.unlock()
    }

    /// Ends the request; true when its response must be sent (it was not cancelled). Waits for a
    /// notification being written for it, so every notification precedes the response.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished = true
        return !cancelled
    }

    /// Runs `write` (emitting a notification) only while the request is live; for progress also only
    /// when `progress` is strictly greater than the last one sent.
    func whileLive(progress: Double? = nil, _ write: () -> Void) {
        lock.lock()
        defer { lock.unlock() }
        guard !cancelled, !finished else { return }
        if let progress {
            guard progress.isFinite else { return }
            if let last = lastProgress, progress <= last { return }
            lastProgress = progress
        }
        write()
    }
}

/// Collects emitted lines (tests, `handle`).
public final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [[UInt8]] = []

    public init() {}

    public func append(_ line: [UInt8]) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }

    public var lines: [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
