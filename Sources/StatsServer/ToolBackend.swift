@_exported import StatsProtocol
import StatsJSON

/// A readable resource (`resources/list` entry).
public typealias ResourceDescriptor = MCPResource

/// An MCP Apps document (`ui://…`) and the tools whose results it draws. The server links those tools to it
/// and lists it only for clients that declare the extension (SPEC §7.4).
public struct UIApp: Sendable {
    public var resource: MCPResource
    public var html: String
    /// Tool names that carry `_meta.ui.resourceUri` (names of tools this server does not list are ignored).
    public var toolNames: [String]

    public init(resource: MCPResource, html: String, toolNames: [String]) {
        self.resource = resource
        self.html = html
        self.toolNames = toolNames
    }
}

/// Everything the protocol layer needs from the product: tool definitions, tool calls, resources.
/// The server state machine (`MCPServer`) depends only on this, so it is tested with a fake backend.
public protocol ToolBackend: Sendable {
    /// The `tools/list` entries, in their fixed order (each an object with name, title, description,
    /// inputSchema, outputSchema, annotations).
    func toolDefinitions() -> [JSONValue]
    /// Runs a tool; nil when no tool has this name (the server answers -32602).
    func callTool(name: String, arguments: JSONObject, context: RequestContext) -> ToolCallOutcome?
    func resources() -> [ResourceDescriptor]
    /// The text of a resource, nil for an unknown URI.
    func readResource(uri: String) -> String?
    /// A short guide for the model (`instructions`).
    var instructions: String { get }
    /// Called (on the worker) before the first request that needs the store, so the store can load
    /// while `initialize` is answered; may report progress through `context`.
    func prepare(context: RequestContext)
    /// The prompts (SPEC §7.4), in `prompts/list` order. Empty: no `prompts`/`completions` capability.
    func prompts() -> [Prompt]
    /// Renders a prompt; an unknown prompt or a missing required argument is -32602.
    func getPrompt(_ params: PromptsGet.Params) -> Result<PromptsGet.Result, RPCError>
    /// Proposals for a prompt argument.
    func complete(_ params: CompletionComplete.Params) -> Result<CompletionComplete.Result, RPCError>
    /// The chart app, nil when there is none.
    var uiApp: UIApp? { get }
}

extension ToolBackend {
    public func prompts() -> [Prompt] { [] }

    public func getPrompt(_ params: PromptsGet.Params) -> Result<PromptsGet.Result, RPCError> {
        .failure(.invalidParams("Unknown prompt: \(params.name)"))
    }

    public func complete(_ params: CompletionComplete.Params) -> Result<CompletionComplete.Result, RPCError> {
        .success(CompletionComplete.Result(matches: []))
    }

    public var uiApp: UIApp? { nil }
}
