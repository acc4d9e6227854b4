import StatsProtocol

/// `completion/complete` (SPEC §7.4): proposals for prompt arguments; a resource reference gets none
/// (this server has no resource templates).
extension MCPServer {
    func complete(_ params: CompletionComplete.Params) -> Result<CompletionComplete.Result, RPCError> {
        switch params.ref {
        case .resource: return .success(CompletionComplete.Result(matches: []))
        case .prompt: return backend.complete(params)
        }
    }
}
