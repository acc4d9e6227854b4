import StatsProtocol

/// `logging/setLevel` (handshake era): the session's threshold for `notifications/message`.
extension MCPServer {
    func setLevel(_ params: LoggingSetLevel.Params) -> Result<EmptyResult, RPCError> {
        lock.lock()
        sessionLogLevel = params.level
        lock.unlock()
        return .success(EmptyResult())
    }
}
