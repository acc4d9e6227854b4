// stats-bench: a measured row, how it is logged, and how many rows an answer holds.
import Foundation
import StatsJSON

// MARK: - Results

/// The rows of an answer: the items of every list in its structuredContent, one object level deep
/// (e.g. `campaigns`; `active_batches` + `campaign_stats`; `datasets.*`), so "bytes per row" shows what
/// one more row of a page costs an agent's context.
func answerRows(_ content: JSONValue) -> Int {
    guard let object = content.objectValue else { return 0 }
    var rows = 0
    for member in object {
        if let items = member.value.arrayValue {
            rows += items.count
        } else if let inner = member.value.objectValue {
            for m in inner { rows += m.value.arrayValue?.count ?? 0 }
        }
    }
    return rows
}

struct Row {
    var scale: String
    var what: String
    var measured: Double
    var unit: String
    var target: String
    var ok: Bool?
    var detail: String = ""
}

@MainActor func record(_ row: Row) {
    rows.append(row)
    let okText = row.ok.map { $0 ? "ok" : "MISS" } ?? "-"
    log(String(format: "  %-58@ %12.3f %-6@ %-14@ %@ %@", row.what as NSString, row.measured, row.unit as NSString,
                 row.target as NSString, okText as NSString, row.detail as NSString))
}

func log(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
