import StatsCore
import Testing

@testable import StatsProtocol

/// Seeded, bounded fuzz of the line splitter (issue 17): any stream cut into any chunks gives exactly
/// the events of a reference model (split at `\n`, one trailing `\r` removed, longer than the limit →
/// `.oversize`, an unterminated last line delivered by `finish`), and the buffer stays bounded.
@Suite("line splitter fuzz (issue 17)")
struct LineSplitterFuzzTests {
    static func model(_ stream: [UInt8], max: Int) -> [LineSplitter.Event] {
        var lines = stream.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if lines.last?.isEmpty == true { lines.removeLast() }  // a terminated stream has no last line
        return lines.map { raw in
            var line = raw
            if line.last == 0x0D { line.removeLast() }
            return line.count > max ? .oversize : .line(line)
        }
    }

    @Test func randomStreamsAndChunkingsMatchTheModel() {
        var rng = ProtocolSeededGenerator(seed: 7)
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0D, 0x20, 0x7B, 0x7D, 0x61, 0xC3, 0xA9, 0x00, 0xFF]
        for _ in 0..<2_000 {
            let max = Int.random(in: 1...40, using: &rng)
            let stream = (0..<Int.random(in: 0...400, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            var splitter = LineSplitter(maxLineBytes: max)
            var events: [LineSplitter.Event] = []
            var offset = 0
            while offset < stream.count {
                let size = Int.random(in: 1...64, using: &rng)
                let end = min(stream.count, offset + size)
                events += splitter.feed(Array(stream[offset..<end]))
                #expect(splitter.bufferedCount <= max + 1 + 64, "buffer grew past its bound")
                offset = end
            }
            events += splitter.finish()
            #expect(events == Self.model(stream, max: max), "max \(max), stream \(stream)")
        }
    }
}

/// The seeded generator of these tests (StatsCore.SplitMix64).
typealias ProtocolSeededGenerator = SplitMix64
