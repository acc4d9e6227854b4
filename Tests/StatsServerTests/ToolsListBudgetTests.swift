import StatsCore
import StatsJSON
import StatsServer
import StatsStore
import StatsTools
import Testing

/// SPEC §5: the model-facing part of `tools/list` (name, title, description, inputSchema of every
/// tool, compact JSON) is at most 14,000 bytes and the whole `tools` array at most 32,000, as served
/// (the same definitions `tools/list` sends, `--read-only` or not).
@Suite struct ToolsListBudgetTests {
    static func served(readOnly: Bool) -> [JSONValue] {
        StatsBackend(store: StoreService(memoryBytes: Array(#"{"format":"stats-mcp-store","version":1}"#.utf8)),
                     configuration: .init(readOnly: readOnly), clock: { Instant(seconds: 0) }).toolDefinitions()
    }

    @Test(arguments: [false, true]) func toolsListFitsItsBudget(readOnly: Bool) {
        let tools = Self.served(readOnly: readOnly)
        #expect(tools.count == (readOnly ? 11 : 13))
        let whole = JSON.bytes(.array(tools)).count
        let modelFacing = JSON.bytes(.array(tools.map(ToolsListBudget.modelFacing))).count
        #expect(modelFacing <= ToolsListBudget.modelFacingBytes, "model-facing part: \(modelFacing) bytes")
        #expect(whole <= ToolsListBudget.wholeBytes, "whole tools array: \(whole) bytes")
        // The split is what it says: the model-facing part is most of the bytes but not all of them.
        #expect(modelFacing < whole && modelFacing > 5_000)
    }
}
