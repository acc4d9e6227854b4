import Foundation
import StatsJSON
import StatsProtocol
import StatsServer
import Testing

/// A scripted backend: tools `echo`, `fail`, `slow` (progress + logs), `hook` (runs a test closure).
final class FakeBackend: ToolBackend, @unchecked Sendable {
    private let lock = NSLock()
    private var _prepareCount = 0
    private var _calls: [(String, JSONObject)] = []
    var hook: @Sendable (RequestContext) -> Void = { _ in }
    var progressScript: [Double] = [1, 1, 0.5, 2, 3]
    var prepareProgress: [Double] = []
    var savedContext: RequestContext?

    var prepareCount: Int { lock.withLock { _prepareCount } }
    var calls: [(String, JSONObject)] { lock.withLock { _calls } }

    func toolDefinitions() -> [JSONValue] {
        ["echo", "fail", "slow", "hook"].map { name in
            [
                "name": .string(name), "title": .string(name.capitalized), "description": .string("The \(name) tool."),
                "inputSchema": ["type": "object"], "outputSchema": ["type": "object"],
            ]
        }
    }

    func callTool(name: String, arguments: JSONObject, context: RequestContext) -> ToolCallOutcome? {
        lock.withLock { _calls.append((name, arguments)) }
        switch name {
        case "echo":
            let content: JSONValue = ["arguments": .object(arguments)]
            return ToolCallOutcome(structuredContent: content, isError: false, text: JSON.string(content))
        case "fail":
            return ToolCallOutcome(
                structuredContent: ["error": ["code": "invalid_argument", "message": "Bad field."]], isError: true,
                text: "Bad field.")
        case "slow":
            for level in LogLevel.allCases { context.log(level, .string("log \(level.name)")) }
            for p in progressScript { context.progress(p, 3, "step") }
            lock.withLock { savedContext = context }
            return ToolCallOutcome(structuredContent: ["done": true], isError: false, text: #"{"done":true}"#)
        case "hook":
            hook(context)
            return ToolCallOutcome(
                structuredContent: ["cancelled": .bool(context.isCancelled())], isError: false, text: "{}")
        default:
            return nil
        }
    }

    func resources() -> [ResourceDescriptor] {
        [
            ResourceDescriptor(
                uri: "stats://docs/metrics", name: "metrics", title: "Metrics glossary", description: "What each metric counts.",
                mimeType: "text/markdown"),
            ResourceDescriptor(
                uri: "stats://schemas/store.json", name: "store", title: "Store schema", description: "The store schema.",
                mimeType: "application/schema+json"),
        ]
    }

    func readResource(uri: String) -> String? {
        switch uri {
        case "stats://docs/metrics": return "# Metrics\n"
        case "stats://schemas/store.json": return #"{"type":"object"}"#
        default: return nil
        }
    }

    var instructions: String { "Use stats_* tools for analytics." }

    func prepare(context: RequestContext) {
        lock.withLock { _prepareCount += 1 }
        for p in prepareProgress { context.progress(p, nil, "loading") }
    }
}

/// Line in → lines out, through a `LineSplitter` exactly as the stdio transport does.
final class Harness {
    let backend: FakeBackend
    let server: MCPServer
    var splitter: LineSplitter
    let maxBytes: Int

    init(maxBytes: Int = 1 << 20, defaultLogLevel: LogLevel? = nil) {
        backend = FakeBackend()
        server = MCPServer(backend: backend, identity: ServerIdentity(version: "1.2.3"), defaultLogLevel: defaultLogLevel)
        splitter = LineSplitter(maxLineBytes: maxBytes)
        self.maxBytes = maxBytes
    }

    /// Feeds raw bytes; returns the output lines as text (each checked to be one line).
    func feedBytes(_ bytes: [UInt8], finish: Bool = false) -> [String] {
        var works: [ServerWork] = []
        let handle: (LineSplitter.Event) -> Void = { event in
            switch event {
            case let .line(line): if let work = self.server.receive(line: line) { works.append(work) }
            case .oversize: works.append(self.server.oversizeLine(maxMessageBytes: self.maxBytes))
            }
        }
        splitter.feed(bytes, handle)
        if finish { splitter.finish(handle) }
        let sink = LineSink()
        for work in works { server.execute(work) { sink.append($0) } }
        return sink.lines.map { line in
            #expect(line.last == 0x0A)
            #expect(line.dropLast().firstIndex(of: 0x0A) == nil)
            return String(decoding: line.dropLast(), as: UTF8.self)
        }
    }

    func raw(_ text: String) -> [String] { feedBytes(Array((text + "\n").utf8)) }

    func send(_ text: String) -> [JSONValue] { raw(text).map { try! JSON.parse($0) } }

    /// Sends one request and returns its only output line.
    func one(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        let out = send(text)
        #expect(out.count == 1, "expected one line for \(text), got \(out.map { JSON.string($0) })", sourceLocation: sourceLocation)
        return out.first ?? .null
    }

    @discardableResult
    func initialize(_ version: String = "2025-11-25") -> JSONValue {
        let response = one(#"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"\#(version)","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}"#)
        #expect(send(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#).isEmpty)
        return response
    }
}

let modernMeta = #""_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}"#

func request(_ id: String, _ method: String, _ params: String? = nil) -> String {
    if let params { return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"# }
    return #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)"}"#
}

func errorCode(_ response: JSONValue) -> Int64? { response["error"]?["code"]?.strictIntValue }

func expectError(
    _ response: JSONValue, _ code: Int64, id: JSONValue, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(errorCode(response) == code, "\(JSON.string(response))", sourceLocation: sourceLocation)
    #expect(response["id"] == id, sourceLocation: sourceLocation)
    #expect(response["jsonrpc"] == "2.0", sourceLocation: sourceLocation)
    #expect(response["result"] == nil, sourceLocation: sourceLocation)
    #expect(response["error"]?["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
}

func expectResult(_ response: JSONValue, id: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    #expect(response["error"] == nil, "\(JSON.string(response))", sourceLocation: sourceLocation)
    #expect(response["id"] == id, sourceLocation: sourceLocation)
    #expect(response["jsonrpc"] == "2.0", sourceLocation: sourceLocation)
    return response["result"] ?? .null
}
