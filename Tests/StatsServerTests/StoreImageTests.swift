import Foundation
import StatsCore
import StatsDemo
import StatsJSON
import StatsServer
import StatsStore
import StatsTools
import Testing

/// A store image (`StoreImage`, what the PostgreSQL store keeps so a server starts without reading
/// every row) gives back the view the loader built: every tool answers the same, byte for byte, on
/// the decoded view as on the loaded one; a damaged image is refused with an error, never a crash.
@Suite struct StoreImageTests {
    static func answers(_ store: StoreService, calls: [OutputSchemaConformanceTests.Call], today: Day?, now: Instant?) -> [String] {
        var backends: [String: StatsBackend] = [:]
        var out: [String] = []
        for call in calls {
            let backend = backends[call.key] ?? {
                let b = StatsBackend(store: store, configuration: .init(apiKey: call.key, today: today, now: now, readOnly: true), clock: { now ?? Instant(seconds: 0) })
                backends[call.key] = b
                return b
            }()
            let context = RequestContext(log: { _, _ in }, progress: { _, _, _ in }, isCancelled: { false })
            let outcome = backend.callTool(name: call.tool, arguments: call.arguments, context: context)
            out.append("\(call.tool) \(JSON.string(.object(call.arguments))) → \(outcome.map { $0.text } ?? "unknown tool")")
        }
        return out
    }

    static func roundTrip(_ bytes: [UInt8]) throws -> (original: StoreService, decoded: StoreService, image: [UInt8]) {
        let loaded = try bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }
        let image = StoreImage.encode(loaded.data, problems: loaded.problems)
        let decoded = try image.withUnsafeBufferPointer { try StoreImage.decode($0) }
        #expect(decoded.problems == loaded.problems)
        // Encoding is deterministic: the decoded view encodes to the same bytes.
        #expect(StoreImage.encode(decoded.data, problems: decoded.problems) == image)
        return (StoreService(view: loaded.data, problems: loaded.problems), StoreService(view: decoded.data, problems: decoded.problems), image)
    }

    @Test func theWorkedExamplesStoreAnswersTheSameFromItsImage() throws {
        let bytes = try [UInt8](Data(contentsOf: OutputSchemaConformanceTests.examples.appendingPathComponent("store.json")))
        let cases = try OutputSchemaConformanceTests.load("cases.json")
        let today = cases["today"]?.stringValue.flatMap(Day.parse)
        let now = cases["now"]?.stringValue.flatMap(Instant.parse)
        let (original, decoded, _) = try Self.roundTrip(bytes)
        let calls = try OutputSchemaConformanceTests.calls().filter { !["campaigns_sync_stats", "campaigns_capture_weekly_snapshots"].contains($0.tool) }
        #expect(calls.count > 500)
        let a = Self.answers(original, calls: calls, today: today, now: now)
        let b = Self.answers(decoded, calls: calls, today: today, now: now)
        #expect(a.count == b.count)
        let differing = zip(a, b).filter { $0 != $1 }.prefix(3).map { "\($0)\n  vs \($1)" }
        #expect(differing.isEmpty, "\(differing.joined(separator: "\n"))")
    }

    @Test func theDemoStoreAnswersTheSameFromItsImage() throws {
        let generator = DemoGenerator(scale: .small, seed: 1)
        let (original, decoded, _) = try Self.roundTrip(generator.makeBytes())
        let today = Day.parse(DemoGenerator.anchorDay)
        var calls: [OutputSchemaConformanceTests.Call] = []
        let campaigns = (try? original.current(progress: nil).get())?.campaigns.map(\.publicID) ?? []
        #expect(campaigns.count > 20)
        for key in generator.keys.map(\.key) {
            for tool in ToolRegistry.all where !tool.isSync {
                for sweep in OutputSchemaConformanceTests.sweeps {
                    guard let args = try JSON.parse(sweep).objectValue else { continue }
                    let declared = Set(tool.arguments.map(\.name))
                    let kept = JSONObject(args.filter { declared.contains($0.key) }.map { ($0.key, $0.value) })
                    if sweep != "{}" && kept.isEmpty { continue }
                    calls.append(.init(tool: tool.name, arguments: kept, key: key))
                }
                for id in campaigns.prefix(40) where declared(tool, "id") || declared(tool, "campaignPublicId") {
                    calls.append(.init(tool: tool.name, arguments: JSONObject([(declared(tool, "id") ? "id" : "campaignPublicId", .string(id))]), key: key))
                }
            }
        }
        let a = Self.answers(original, calls: calls, today: today, now: nil)
        let b = Self.answers(decoded, calls: calls, today: today, now: nil)
        let differing = zip(a, b).filter { $0 != $1 }.prefix(3).map { "\($0)\n  vs \($1)" }
        #expect(differing.isEmpty, "\(differing.joined(separator: "\n"))")
        #expect(a.filter { !$0.contains("\"error\"") }.count > 200)
    }

    func declared(_ tool: any Tool, _ name: String) -> Bool { tool.arguments.contains { $0.name == name } }

    @Test func aDamagedImageIsRefusedNotTrusted() throws {
        let bytes = try [UInt8](Data(contentsOf: OutputSchemaConformanceTests.examples.appendingPathComponent("store.json")))
        let (_, _, image) = try Self.roundTrip(bytes)
        // Every truncation fails cleanly.
        var refused = 0
        for cut in stride(from: 0, to: image.count, by: max(1, image.count / 997)) {
            let part = Array(image[..<cut])
            if (try? part.withUnsafeBufferPointer { try StoreImage.decode($0) }) == nil { refused += 1 }
        }
        #expect(refused == (image.count + max(1, image.count / 997) - 1) / max(1, image.count / 997))
        // Another layout, trailing bytes and every flipped byte are refused.
        var other = image
        other[10] ^= 0x20
        #expect((try? other.withUnsafeBufferPointer { try StoreImage.decode($0) }) == nil)
        #expect((try? (image + [0]).withUnsafeBufferPointer { try StoreImage.decode($0) }) == nil)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var damaged = image
            let at = Int(rng.next() % UInt64(damaged.count))
            damaged[at] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
            #expect((try? damaged.withUnsafeBufferPointer { try StoreImage.decode($0) }) == nil)
        }
    }
}
