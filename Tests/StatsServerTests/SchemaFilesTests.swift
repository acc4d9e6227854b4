import Foundation
import StatsJSON
import StatsTools
import Testing

@testable import StatsServer

/// `schemas/` is generated from the tool definitions (`stats-mcp schemas --out schemas`); these tests
/// prove the committed files and what `tools/list` serves are the same facts.
@Suite struct SchemaFilesTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func committed(_ path: String) throws -> String {
        let url = Self.repo.appendingPathComponent("schemas").appendingPathComponent(path)
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test func committedSchemaFilesMatchTheToolDefinitions() throws {
        for (path, text) in SchemaFiles.all() {
            #expect(try committed(path) == text, "schemas/\(path) is stale: run `swift run stats-mcp schemas --out schemas`")
        }
    }

    @Test func noExtraSchemaFiles() throws {
        let dir = Self.repo.appendingPathComponent("schemas/tools").path
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        let expected = Set(SchemaFiles.all().map(\.path).filter { $0.hasPrefix("tools/") }.map { String($0.dropFirst(6)) })
        #expect(files == expected)
    }

    @Test func toolsListServesTheCommittedSchemas() throws {
        for definition in ToolRegistry.all.map(\.definition) {
            let name = try #require(definition["name"]?.stringValue)
            #expect(definition["inputSchema"] == (try JSON.parse(committed("tools/\(name).input.json"))))
            #expect(definition["outputSchema"] == (try JSON.parse(committed("tools/\(name).output.json"))))
            #expect(definition["inputSchema"]?["additionalProperties"] == .bool(false))
            #expect(definition["inputSchema"]?["type"] == .string("object"))
        }
        #expect(ToolRegistry.all.count == 13)
        #expect(ToolRegistry.tools(readOnly: true).count == 11)
    }

    @Test func storeSchemaIsValidJSON() throws {
        let value = try JSON.parse(committed("store.schema.json"))
        #expect(value["properties"]?["format"]?["const"] == .string("stats-mcp-store"))
    }
}
