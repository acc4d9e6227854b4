import StatsJSON
import StatsProtocol

/// What a running request may do besides returning its result: log, report progress, notice cancellation.
/// The server builds one per request; the backend never touches stdout itself.
public struct RequestContext: Sendable {
    /// Emits a `notifications/message` when the client asked for logs at this level (no-op otherwise).
    public var log: @Sendable (LogLevel, JSONValue) -> Void
    /// Emits `notifications/progress` (progress, total, message) when the request carried a progressToken.
    public var progress: @Sendable (Double, Double?, String?) -> Void
    /// True once the client cancelled this request (`notifications/cancelled`).
    public var isCancelled: @Sendable () -> Bool

    public init(
        log: @escaping @Sendable (LogLevel, JSONValue) -> Void = { _, _ in },
        progress: @escaping @Sendable (Double, Double?, String?) -> Void = { _, _, _ in },
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.log = log
        self.progress = progress
        self.isCancelled = isCancelled
    }
}
