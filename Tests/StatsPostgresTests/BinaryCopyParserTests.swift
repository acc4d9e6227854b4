import Testing

@testable import StatsPostgres

/// The store image arrives as PostgreSQL's binary COPY stream: its one-column rows are joined
/// whatever the chunking, and a malformed or unfinished stream gives nil (the rows are then read).
@Suite struct BinaryCopyParserTests {
    static func int32(_ v: Int) -> [UInt8] { withUnsafeBytes(of: Int32(v).bigEndian) { Array($0) } }
    static func int16(_ v: Int) -> [UInt8] { withUnsafeBytes(of: Int16(v).bigEndian) { Array($0) } }

    static func stream(_ rows: [[UInt8]], extensionBytes: [UInt8] = [], fieldsPerRow: Int = 1, trailer: Bool = true) -> [UInt8] {
        var s = BinaryCopyParser.signature + int32(0) + int32(extensionBytes.count) + extensionBytes
        for row in rows {
            s += int16(fieldsPerRow)
            for _ in 0..<fieldsPerRow { s += int32(row.count) + row }
        }
        if trailer { s += int16(-1) }
        return s
    }

    static func parse(_ s: [UInt8], chunk: Int) -> [UInt8]? {
        var parser = BinaryCopyParser(expectedBytes: 0)
        var at = 0
        while at < s.count {
            let end = min(s.count, at + chunk)
            Array(s[at..<end]).withUnsafeBufferPointer { parser.feed($0) }
            at = end
        }
        return parser.finish()
    }

    @Test func rowsAreJoinedWhateverTheChunking() {
        let rows: [[UInt8]] = [Array(0..<200), [], Array(repeating: 7, count: 1000), [1]]
        let joined = rows.flatMap { $0 }
        for ext in [[], [9, 9, 9]] as [[UInt8]] {
            let s = Self.stream(rows, extensionBytes: ext)
            for chunk in [1, 2, 3, 5, 19, 64, 1 << 20] {
                #expect(Self.parse(s, chunk: chunk) == joined, "chunk \(chunk), extension \(ext.count)")
            }
        }
        #expect(Self.parse(Self.stream([]), chunk: 4) == [])
    }

    @Test func malformedStreamsGiveNil() {
        var badSignature = Self.stream([[1, 2]])
        badSignature[0] = 0x51
        #expect(Self.parse(badSignature, chunk: 7) == nil)
        #expect(Self.parse(Self.stream([[1, 2]], trailer: false), chunk: 7) == nil)
        #expect(Self.parse(Self.stream([[1, 2]], fieldsPerRow: 2), chunk: 7) == nil)
        #expect(Self.parse(Self.stream([[1, 2]]) + [0], chunk: 7) == nil)
        let truncated = Self.stream([Array(repeating: 3, count: 50)])
        #expect(Self.parse(Array(truncated.dropLast(10)), chunk: 7) == nil)
        #expect(Self.parse([], chunk: 1) == nil)
    }
}
