import StatsProtocol

/// `prompts/list` and `prompts/get` (SPEC §7.4): the prompts come from the backend.
extension MCPServer {
    func listPrompts(_ environment: RequestEnvironment) -> PromptsList.Result {
        PromptsList.Result(prompts: backend.prompts(), cache: environment.cache)
    }

    func getPrompt(_ params: PromptsGet.Params) -> Result<PromptsGet.Result, RPCError> {
        backend.getPrompt(params)
    }
}
