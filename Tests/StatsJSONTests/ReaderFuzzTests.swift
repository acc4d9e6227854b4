import StatsCore
import Testing

@testable import StatsJSON

/// Seeded, bounded fuzz of the JSON reader (issue 17): mutated documents and random bytes never crash
/// it; whatever it accepts survives a write → parse round trip; nesting is bounded.
@Suite("JSON reader fuzz (issue 17)")
struct ReaderFuzzTests {
    static let seeds: [String] = [
        #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"campaigns_list","arguments":{"limit":3,"query":"é"}}}"#,
        #"[1,-0.0,2.5e10,true,false,null,"a\"b\\c\u00e9\ud83d\ude00",{},[],{"a":[{"b":{}}]}]"#,
        #"{"format":"stats-mcp-store","version":1,"campaigns":[{"id":"x","stats":{"total":120}}]}"#,
        "  \"\\u0000\\t\"  ", "123456789012345678901234567890", "-9223372036854775808",
    ]

    @Test func mutatedDocumentsNeverCrashAndRoundTrip() {
        var rng = JSONSeededGenerator(seed: 99)
        let alphabet = Array(#"{}[]:,"\0123456789-+.eEnulltruefalse u"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF5, 0xFF]
        var accepted = 0
        for round in 0..<20_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            if round % 10 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            } else {
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let i = Int.random(in: 0...bytes.count, using: &rng)
                    switch Int.random(in: 0..<3, using: &rng) {
                    case 0 where i < bytes.count: bytes[i] = alphabet.randomElement(using: &rng)!
                    case 1 where i < bytes.count: bytes.remove(at: i)
                    default: bytes.insert(alphabet.randomElement(using: &rng)!, at: i)
                    }
                }
            }
            guard let value = try? JSON.parse(bytes) else { continue }
            accepted += 1
            let written = JSON.bytes(value)
            let again = try? JSON.parse(written)
            #expect(again == value, "round trip of \(bytes)")
            #expect(again.map(JSON.bytes) == written, "writing is deterministic")
        }
        #expect(accepted > 1_000, "\(accepted) accepted")
    }

    @Test func nestingIsBoundedWithoutCrashing() {
        for depth in [1, 100, 511, 512, 513, 10_000, 100_000] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let parsed = try? JSON.parse(text)
            #expect((parsed != nil) == (depth <= 512), "depth \(depth)")
            let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
            #expect(((try? JSON.parse(objects)) != nil) == (depth <= 512), "object depth \(depth)")
        }
    }
}

/// The seeded generator of these tests (StatsCore.SplitMix64).
typealias JSONSeededGenerator = SplitMix64
