import Foundation
import StatsCore
import StatsJSON
import StatsServer
import StatsStore
import StatsTools
import Testing

/// Every tool's answer stays inside its published outputSchema (issue 10; SPEC §7.3 "structuredContent
/// conforming to the tool's outputSchema"; §11 "No answer ever carries a value outside its tool's
/// outputSchema"). The validator treats every object schema with `properties` as closed, so a key added
/// to an answer but not to the schema fails here; error answers are checked against the §6 error shape.
///
/// Inputs: the worked-examples store (Tests/interop/examples) with every case of its cases.json, plus
/// every tool called with no arguments and with each of a set of broad argument sets, for every API key
/// of the store (other workspaces, time zones, revoked and unlinked keys).
@Suite struct OutputSchemaConformanceTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("interop/examples")

    static func load(_ name: String) throws -> JSONValue {
        let data = try Data(contentsOf: examples.appendingPathComponent(name))
        return try JSON.parse([UInt8](data))
    }

    /// The §6 tool-error shape.
    static let errorSchema: JSONValue = {
        let text = """
            {"type":"object","required":["error"],"additionalProperties":false,"properties":{"error":{"type":"object",
             "required":["code","message"],"additionalProperties":false,"properties":{
              "code":{"type":"string","enum":["invalid_argument","not_found","workspace_mismatch","forbidden","unauthorized",
                                               "store_unavailable","store_busy","internal"]},
              "message":{"type":"string"},"field":{"type":"string"},"hint":{"type":"string"}}}}}
            """
        return (try? JSON.parse(text)) ?? .null
    }()

    /// Broad argument sets tried on every tool (unknown names are rejected as tool errors, which are
    /// checked against the error shape).
    static let sweeps: [String] = [
        "{}",
        #"{"period":"last_year","breakdown":"month"}"#,
        #"{"from":"2025-01-01","to":"2026-04-26","breakdown":"week","compare":"previous_year"}"#,
        #"{"period":"90d"}"#, #"{"period":"this_quarter"}"#,
        #"{"workspace_id":"ALL","limit":100}"#, #"{"workspace_id":"ALL","sort":"average_reply_time_seconds","order":"asc"}"#,
        #"{"limit":100}"#, #"{"range":"52w"}"#, #"{"metric":"reply_rate","min_sample":1}"#, #"{"metric":"clicks"}"#,
        #"{"dry_run":true}"#,
    ]

    struct Call {
        var tool: String
        var arguments: JSONObject
        var key: String
    }

    static func calls() throws -> [Call] {
        let cases = try load("cases.json")
        let keys = try load("keys.json")
        var out: [Call] = []
        for c in cases["cases"]?.arrayValue ?? [] {
            guard let tool = c["tool"]?.stringValue, let key = c["api_key"]?.stringValue else { continue }
            out.append(Call(tool: tool, arguments: c["arguments"]?.objectValue ?? JSONObject(), key: key))
        }
        // One key per workspace (each time zone), plus every key that is not "ok" (revoked, unlinked).
        var seenWorkspaces = Set<Int64>()
        var allKeys: [String] = []
        for k in keys["keys"]?.arrayValue ?? [] {
            guard let key = k["key"]?.stringValue, let ws = k["workspace_id"]?.integerValue else { continue }
            if k["expect"]?.stringValue != "ok" || seenWorkspaces.insert(ws).inserted { allKeys.append(key) }
        }
        // Campaign and user ids of the store, so id-taking tools answer successfully too.
        let store = try load("store.json")
        let campaignIDs = (store["campaigns"]?.arrayValue ?? []).compactMap { $0["public_id"]?.stringValue }
        let userIDs = (store["users"]?.arrayValue ?? []).compactMap { $0["public_id"]?.stringValue }
        for tool in ToolRegistry.all {
            for key in allKeys {
                for sweep in sweeps {
                    guard var args = try JSON.parse(sweep).objectValue else { continue }
                    // Keep only the declared names so most sweeps reach the tool's logic.
                    let declared = Set(tool.arguments.map(\.name))
                    if sweep != "{}" {
                        args = JSONObject(args.filter { declared.contains($0.key) }.map { ($0.key, $0.value) })
                        if args.isEmpty { continue }
                    }
                    out.append(Call(tool: tool.name, arguments: args, key: key))
                }
            }
            for key in allKeys.prefix(6) {
                for id in campaignIDs {
                    for name in ["id", "campaignPublicId"] where tool.arguments.contains(where: { $0.name == name }) {
                        out.append(Call(tool: tool.name, arguments: JSONObject([(name, .string(id))]), key: key))
                    }
                }
                for id in userIDs where tool.arguments.contains(where: { $0.name == "userPublicId" }) {
                    out.append(Call(tool: tool.name, arguments: JSONObject([("userPublicId", .string(id))]), key: key))
                }
            }
        }
        return out
    }

    @Test func everyAnswerConformsToItsSchema() throws {
        let storeBytes = try [UInt8](Data(contentsOf: Self.examples.appendingPathComponent("store.json")))
        let cases = try Self.load("cases.json")
        let today = cases["today"]?.stringValue.flatMap(Day.parse)
        let now = cases["now"]?.stringValue.flatMap(Instant.parse)
        let validators = Dictionary(uniqueKeysWithValues: ToolRegistry.all.map { ($0.name, SchemaValidator(root: $0.outputSchema)) })
        let errorValidator = SchemaValidator(root: Self.errorSchema)
        var backends: [String: StatsBackend] = [:]
        var checked = 0
        var successes: [String: Int] = [:]
        var failures: [String] = []
        var fieldProblems = Set<String>()
        var typesSeen = Set<String>()
        for call in try Self.calls() {
            let backend = backends[call.key] ?? {
                // Each key gets its own in-memory store, so sync calls do not leak between keys' checks.
                let b = StatsBackend(
                    store: StoreService(memoryBytes: storeBytes),
                    configuration: .init(apiKey: call.key, today: today, now: now), clock: { now ?? Instant(seconds: 0) })
                backends[call.key] = b
                return b
            }()
            let context = RequestContext(log: { _, _ in }, progress: { _, _, _ in }, isCancelled: { false })
            guard let outcome = backend.callTool(name: call.tool, arguments: call.arguments, context: context) else {
                failures.append("\(call.tool): unknown tool")
                continue
            }
            if let typed = outcome.answer { Self.checkFields(typed, call.tool, &typesSeen, &fieldProblems) }
            let answer = outcome.structuredContent.resolved
            let problems = outcome.isError ? errorValidator.violations(of: answer) : validators[call.tool]?.violations(of: answer) ?? ["no schema"]
            checked += 1
            if !outcome.isError { successes[call.tool, default: 0] += 1 }
            if !problems.isEmpty, failures.count < 20 {
                failures.append("\(call.tool) \(JSON.string(.object(call.arguments))): \(problems.prefix(3).joined(separator: "; "))")
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(fieldProblems.isEmpty, "\(fieldProblems.sorted().joined(separator: "\n"))")
        // The sweep must reach real answers of every tool, not only errors.
        #expect(checked > 1000)
        for tool in ToolRegistry.all { #expect(successes[tool.name, default: 0] >= 5, "\(tool.name) answered successfully only \(successes[tool.name, default: 0]) times") }
    }

    /// Every stored property of an output type is one of its declared fields (the schema is derived from
    /// the fields, so a property added to a type but not to its `fields` would never reach the schema or
    /// the answer): the count of stored properties must equal the count of fields, at every depth.
    static func checkFields(_ value: Any, _ path: String, _ seen: inout Set<String>, _ problems: inout Set<String>) {
        if value is JSONValue || value is RawJSON { return }
        // An Optional casts to its payload's protocols but mirrors as one child (`some`): check the payload.
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            for child in mirror.children { checkFields(child.value, path, &seen, &problems) }
            return
        }
        if let object = value as? any OutputObject {
            let name = String(reflecting: type(of: value))
            if seen.insert(name).inserted {
                let stored = Mirror(reflecting: value).children.compactMap(\.label)
                // A group of `inlined` fields comes from one stored property.
                let declared = declaredProperties(object)
                if stored.count != declared {
                    problems.insert("\(path): \(name) has \(stored.count) stored properties (\(stored.joined(separator: ", "))) but \(declared) fields")
                }
            }
        }
        for child in Mirror(reflecting: value).children {
            checkFields(child.value, path + "." + (child.label ?? "[]"), &seen, &problems)
        }
    }

    static func declaredProperties<T: OutputObject>(_ value: T) -> Int {
        T.fields.filter { $0.inlinedFrom == nil }.count + Set(T.fields.compactMap(\.inlinedFrom)).count
    }

    @Test func theValidatorCatchesAnUndeclaredKeyAndAWrongType() throws {
        // A tool answer with one key more than its schema, or a wrong-typed field, fails the check.
        let schema = try JSON.parse(##"{"type":"object","required":["a"],"properties":{"a":{"type":"integer"},"b":{"$ref":"#/$defs/s"}},"$defs":{"s":{"type":["string","null"]}}}"##)
        let validator = SchemaValidator(root: schema)
        #expect(validator.violations(of: try JSON.parse(#"{"a":1,"b":null}"#)).isEmpty)
        #expect(!validator.violations(of: try JSON.parse(#"{"a":1,"extra":2}"#)).isEmpty)
        #expect(!validator.violations(of: try JSON.parse(#"{"a":"1"}"#)).isEmpty)
        #expect(!validator.violations(of: try JSON.parse(#"{"a":1,"b":3}"#)).isEmpty)
        #expect(!validator.violations(of: try JSON.parse(#"{"b":"x"}"#)).isEmpty)
    }
}
