import StatsJSON

/// `server/discover` (2026-07-28; also answered without its `_meta`, SPEC §7.3).
public enum ServerDiscover: MCPMethod {
    public static let name = "server/discover"
    public static func parse(_ params: JSONObject?) -> Swift.Result<NoParams, RPCError> { .success(NoParams()) }

    public struct Result: MCPResult {
        public var supportedVersions: [String]
        public var capabilities: ServerCapabilities
        public var instructions: String?
        public var cache: CacheHints

        public init(supportedVersions: [String], capabilities: ServerCapabilities, instructions: String?, cache: CacheHints) {
            self.supportedVersions = supportedVersions
            self.capabilities = capabilities
            self.instructions = instructions
            self.cache = cache
        }

        public var json: JSONObject {
            var result = JSONObject()
            result.appendUnchecked("supportedVersions", .array(supportedVersions.map { .string($0) }))
            result.appendUnchecked("capabilities", capabilities.json)
            if let instructions, !instructions.isEmpty { result.appendUnchecked("instructions", .string(instructions)) }
            cache.write(to: &result)
            return result
        }
    }
}
