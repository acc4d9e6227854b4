import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// Seeded, bounded fuzz of argument validation and of every tool on the fixture store (issue 17):
/// no crash; a failure is a tool error with a known code whose `field` is an argument name; a
/// success passes validation again unchanged (normalisation is idempotent).
@Suite("argument validation fuzz (issue 17)")
struct ArgumentFuzzTests {
    static let names = ["from", "to", "period", "compare", "id", "campaignPublicId", "userPublicId", "campaign_ids", "range",
                        "workspace_id", "limit", "cursor", "query", "status", "type", "owner", "week_start", "dry_run", "sort",
                        "order", "offset", "campaign_id", "start_date", "end_date", "metric", "min_sample", "bogus"]

    static func value(_ rng: inout ArgumentSeededGenerator, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth < 2 ? 12 : 9), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .int(Int64.random(in: -3...150, using: &rng))
        case 3: return [.double(5.0), .double(1.5), .double(-0.0), .double(1e300), .int(Int64.max), .int(Int64.min)].randomElement(using: &rng)!
        case 4:
            return .string(["", " ", "2026-02-30", "2026-11-20", "2026-2-3", "last_month", "this_year", "custom", "ALL", "0340", "340",
                            "+340", "cp_00000000000000000000000101", "usr_00000000000000000000000001", "ws_00000000000000000000000340",
                            "c0000000-0000-4000-8000-000000000001", "C0000000-0000-4000-8000-000000000001", "12W", "4W", "a, ,b",
                            "email", "active", "week", "desc", "replies", "previous_year", "none", "c1.eyJ9", "\u{0}", "é"]
                .randomElement(using: &rng)!)
        case 5: return .string(String(repeating: "e\u{301}", count: Int.random(in: 0...600, using: &rng)))
        case 6: return .string(String(repeating: "x", count: [0, 1, 999, 1001].randomElement(using: &rng)!))
        case 7: return .string(String(Int.random(in: 0...Int.max, using: &rng), radix: 36))
        case 8: return .string("c0000000-0000-4000-8000-00000000000\(Int.random(in: 0...9, using: &rng))")
        case 9, 10: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var o = JSONObject()
            for _ in 0..<Int.random(in: 0...3, using: &rng) { o[names.randomElement(using: &rng)!] = value(&rng, depth: depth + 1) }
            return .object(o)
        }
    }

    @Test func randomArgumentsNeverCrashAndFailCleanly() {
        var rng = ArgumentSeededGenerator(seed: 2026)
        let known = Set(ToolErrorCodeNames.all)
        var successes = 0, failures = 0
        for round in 0..<3_000 {
            let tool = ToolRegistry.all[round % ToolRegistry.all.count]
            var raw = JSONObject()
            let declared = tool.arguments.map(\.name)
            for _ in 0..<Int.random(in: 0...5, using: &rng) {
                let name = Int.random(in: 0..<4, using: &rng) == 0 ? Self.names.randomElement(using: &rng)! : (declared.randomElement(using: &rng) ?? "bogus")
                raw[name] = Self.value(&rng)
            }
            let text = JSON.string(.object(raw))
            switch Fixture.run(tool, text) {
            case .success:
                successes += 1
                // Validation is idempotent on what it accepted.
                if let first = try? Arguments.validate(raw, against: tool.arguments),
                    let second = try? Arguments.validate(JSONObject(first.values.map { ($0.key, $0.value) }), against: tool.arguments)
                {
                    #expect(first.values == second.values, "\(tool.name) \(text)")
                }
            case let .failure(error):
                failures += 1
                #expect(known.contains(error.code.rawValue), "\(tool.name) \(text): \(error.code.rawValue)")
                // (The fixture context has no store writer: a real sync answers `internal` here by design.)
                if !tool.isSync { #expect(error.code != .internal, "\(tool.name) \(text): \(error.message)") }
                if let field = error.field { #expect(raw[field] != nil || declared.contains(field), "\(tool.name) \(text): field \(field)") }
                #expect(error.message.utf8.count < 60_000)
            }
        }
        #expect(successes > 100 && failures > 100, "\(successes) successes, \(failures) failures")
    }
}

enum ToolErrorCodeNames {
    static let all = ["invalid_argument", "not_found", "workspace_mismatch", "forbidden", "unauthorized", "store_unavailable", "store_busy", "internal"]
}

/// The seeded generator of these tests (StatsCore.SplitMix64).
typealias ArgumentSeededGenerator = SplitMix64
