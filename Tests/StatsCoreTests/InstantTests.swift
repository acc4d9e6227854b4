import StatsCore
import Testing
@testable import StatsCore

@Suite struct InstantTests {
    private let billion: Int64 = 1_000_000_000

    @Test func secondsFloor() {
        #expect(Instant(seconds: 5).nanoseconds == 5_000_000_000)
        #expect(Instant(nanoseconds: 1_999_999_999).seconds == 1)
        #expect(Instant(nanoseconds: -1).seconds == -1)
        #expect(Instant(nanoseconds: -1_000_000_000).seconds == -1)
        #expect(Instant(nanoseconds: -1_000_000_001).seconds == -2)
        #expect(Instant(nanoseconds: 0).seconds == 0)
        #expect(Instant(nanoseconds: .min).seconds == -9_223_372_037)
        #expect(Instant(nanoseconds: .max).seconds == 9_223_372_036)
        #expect(Instant(seconds: 1) < Instant(nanoseconds: 1_000_000_001))
    }

    @Test func parseBasicZulu() {
        #expect(Instant.parse("1970-01-01T00:00:00Z") == Instant(nanoseconds: 0))
        #expect(Instant.parse("2026-03-28T10:25:00Z") == Instant(seconds: 1_774_693_500))
        #expect(Instant.parse("2026-03-28t10:25:00z") == Instant(seconds: 1_774_693_500))
        #expect(Instant.parse("2000-02-29T00:00:00Z") == Instant(seconds: 951_782_400))
        #expect(Instant.parse("1969-12-31T23:59:59Z") == Instant(seconds: -1))
    }

    @Test func parseOffsets() {
        let utc = Instant(seconds: 1_774_693_500)   // 2026-03-28T10:25:00Z
        #expect(Instant.parse("2026-03-28T12:25:00+02:00") == utc)
        #expect(Instant.parse("2026-03-28T05:25:00-05:00") == utc)
        #expect(Instant.parse("2026-03-28T15:55:00+05:30") == utc)
        #expect(Instant.parse("2026-03-28T10:25:00+00:00") == utc)
        #expect(Instant.parse("2026-03-28T10:25:00-00:00") == utc)
        #expect(Instant.parse("2026-03-29T10:24:00+23:59") == utc)
        #expect(Instant.parse("2026-03-27T10:26:00-23:59") == utc)
        // The offset moves the instant across a date line.
        #expect(Instant.parse("2026-01-01T00:30:00+01:00") == Instant.parse("2025-12-31T23:30:00Z"))
    }

    @Test func parseFractions() {
        let base = Int64(1_774_693_500) * billion
        #expect(Instant.parse("2026-03-28T10:25:00.5Z")?.nanoseconds == base + 500_000_000)
        #expect(Instant.parse("2026-03-28T10:25:00.123Z")?.nanoseconds == base + 123_000_000)
        #expect(Instant.parse("2026-03-28T10:25:00.000000001Z")?.nanoseconds == base + 1)
        #expect(Instant.parse("2026-03-28T10:25:00.123456789Z")?.nanoseconds == base + 123_456_789)
        // Truncated (not rounded) beyond nine digits.
        #expect(Instant.parse("2026-03-28T10:25:00.1234567899999Z")?.nanoseconds == base + 123_456_789)
        #expect(Instant.parse("2026-03-28T10:25:00.999999999999Z")?.nanoseconds == base + 999_999_999)
        #expect(Instant.parse("2026-03-28T12:25:00.25+02:00")?.nanoseconds == base + 250_000_000)
        // Before the epoch the fraction still counts forward.
        #expect(Instant.parse("1969-12-31T23:59:59.75Z")?.nanoseconds == -250_000_000)
        #expect(Instant.parse("1969-12-31T23:59:59.75Z")?.seconds == -1)
    }

    @Test func leapSecondCountsAsFiftyNine() {
        #expect(Instant.parse("2016-12-31T23:59:60Z") == Instant.parse("2016-12-31T23:59:59Z"))
        #expect(Instant.parse("2016-12-31T23:59:60.5Z") == Instant.parse("2016-12-31T23:59:59.5Z"))
        #expect(Instant.parse("2016-12-31T23:59:61Z") == nil)
    }

    @Test func yearRange() {
        // Int64 nanoseconds end at 2262-04-11T23:47:16.854775807Z.
        #expect(Instant.parse("2262-04-11T23:47:16.854775807Z")?.nanoseconds == .max)
        #expect(Instant.parse("2262-04-11T23:47:16.854775808Z") == nil)
        #expect(Instant.parse("1677-09-21T00:12:43.145224192Z")?.nanoseconds == .min)
        #expect(Instant.parse("1677-09-21T00:12:43.145224191Z") == nil)
        #expect(Instant.parse("9999-12-31T23:59:59Z") == nil)          // valid syntax, out of range
        #expect(Instant.parse("0000-01-01T00:00:00Z") == nil)
        #expect(Instant.parse("2100-12-31T23:59:59Z") == Instant(seconds: 4_133_980_799))
    }

    @Test(arguments: [
        "", "Z", "2026-03-28", "2026-03-28T10:25:00", "2026-03-28T10:25Z", "2026-03-28 10:25:00Z",
        " 2026-03-28T10:25:00Z", "2026-03-28T10:25:00Z ", "2026-03-28T10:25:00ZZ", "2026-03-28T10:25:00.Z",
        "2026-03-28T10:25:00.5", "2026-03-28T10:25:00,5Z", "2026-03-28T24:00:00Z", "2026-03-28T10:60:00Z",
        "2026-02-29T10:25:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
        "2026-03-28T10:25:00+24:00", "2026-03-28T10:25:00+02:60", "2026-03-28T10:25:00+0200",
        "2026-03-28T10:25:00+02", "2026-03-28T10:25:00+02:00:00", "2026-03-28T10:25:00UTC",
        "2026-3-28T10:25:00Z", "2026-03-28T1:25:00Z", "+2026-03-28T10:25:00Z", "2026-03-28X10:25:00Z",
        "2026-03-28T10-25-00Z", "2026-03-28T10:25:00.5.5Z", "2026-03-28T10:25:00.-5Z", "2026-03-28T10:25:0aZ",
        "2026-03-28T10:25:00+0a:00", "2026-03-28T10:25:00 +02:00", "2026-03-28T10:25:00+02:00\n",
        "２026-03-28T10:25:00Z", "2026-03-28T10:25:00\u{0000}", "2026-03-28T10:25:00.\u{0661}Z",
    ])
    func parseRejects(_ text: String) {
        #expect(Instant.parse(text) == nil)
    }

    @Test func parseNeverTrapsOnArbitraryBytes() {
        var rng = SplitMix(seed: 42)
        let alphabet = Array("0123456789-:T.Zz+t ".utf8) + [0xFF, 0x00]
        let template = Array("2026-03-28T10:25:00.123+02:00".utf8)
        for _ in 0..<20_000 {
            var bytes = template
            let length = Int(rng.next() % UInt64(template.count + 4))
            bytes = Array(bytes.prefix(length))
            while bytes.count < length { bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            for _ in 0..<3 where !bytes.isEmpty {
                bytes[Int(rng.next() % UInt64(bytes.count))] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            _ = bytes.withUnsafeBufferPointer { Instant.parse(utf8: $0) }
        }
        // A very long fraction is fine.
        let long = "2026-03-28T10:25:00." + String(repeating: "9", count: 10_000) + "Z"
        #expect(Instant.parse(long)?.nanoseconds == Int64(1_774_693_500) * billion + 999_999_999)
    }

    @Test func parseUTF8MatchesString() {
        let text = "2026-10-25T02:30:00.5+01:00"
        let viaBytes = Array(text.utf8).withUnsafeBufferPointer { Instant.parse(utf8: $0) }
        #expect(viaBytes == Instant.parse(text))
        #expect(viaBytes != nil)
    }

    @Test func utcString() {
        #expect(Instant(seconds: 1_774_693_500).utcString == "2026-03-28T10:25:00Z")
        #expect(Instant(nanoseconds: 0).utcString == "1970-01-01T00:00:00Z")
        #expect(Instant(nanoseconds: -1).utcString == "1969-12-31T23:59:59Z")          // floor
        #expect(Instant(nanoseconds: 1_999_999_999).utcString == "1970-01-01T00:00:01Z")
        #expect(Instant.parse("2024-02-29T23:59:59.999Z")?.utcString == "2024-02-29T23:59:59Z")
    }

    @Test func stringWithOffset() {
        let t = Instant(seconds: 1_774_693_500)   // 2026-03-28T10:25:00Z
        #expect(t.string(withOffset: 7200) == "2026-03-28T12:25:00+02:00")
        #expect(t.string(withOffset: 0) == "2026-03-28T10:25:00+00:00")
        #expect(t.string(withOffset: -18000) == "2026-03-28T05:25:00-05:00")
        #expect(t.string(withOffset: 19800) == "2026-03-28T15:55:00+05:30")
        #expect(t.string(withOffset: -34200) == "2026-03-28T00:55:00-09:30")
        #expect(t.string(withOffset: 50400) == "2026-03-29T00:25:00+14:00")
        // Sub-minute offset parts are dropped so the text still names the same instant.
        #expect(t.string(withOffset: 3208) == "2026-03-28T11:18:00+00:53")
        #expect(Instant.parse(t.string(withOffset: 3208)) == t)
        #expect(Instant.parse(t.string(withOffset: -12345)) == t)
    }

    @Test func roundTripRandomInstants() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<5000 {
            let s = Int64(rng.next() % 8_000_000_000) - 4_000_000_000   // ~1843 ... ~2096
            let t = Instant(seconds: s)
            #expect(Instant.parse(t.utcString) == t)
            let offset = Int(rng.next() % 1440) * 60 - 43_200
            #expect(Instant.parse(t.string(withOffset: offset)) == t)
        }
    }
}

/// The seeded generator of these tests (StatsCore.SplitMix64).
typealias SplitMix = SplitMix64
