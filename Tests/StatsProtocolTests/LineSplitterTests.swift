import StatsProtocol
import Testing

private func lines(_ strings: String...) -> [LineSplitter.Event] {
    strings.map { .line(Array($0.utf8)) }
}

/// Feeds `input` cut at the given offsets, then finishes.
private func split(_ input: [UInt8], cuts: [Int], max: Int = 1 << 20, finish: Bool = true) -> [LineSplitter.Event] {
    var splitter = LineSplitter(maxLineBytes: max)
    var events: [LineSplitter.Event] = []
    var start = 0
    for cut in cuts + [input.count] where cut >= start {
        events += splitter.feed(Array(input[start..<cut]))
        start = cut
    }
    if finish { events += splitter.finish() }
    return events
}

private func byteByByte(_ input: [UInt8], max: Int = 1 << 20) -> [LineSplitter.Event] {
    split(input, cuts: Array(0...input.count), max: max)
}

@Suite struct LineSplitterTests {
    @Test func wholeChunk() {
        var s = LineSplitter(maxLineBytes: 100)
        #expect(s.feed(Array("a\nbc\n".utf8)) == lines("a", "bc"))
        #expect(s.finish() == [])
    }

    @Test func byteByByteEqualsWhole() {
        let input = Array("{\"a\":1}\r\n\n  \n{\"b\":\"é\"}\nlast".utf8)
        let expected = lines("{\"a\":1}", "", "  ", "{\"b\":\"é\"}", "last")
        #expect(byteByByte(input) == expected)
        #expect(split(input, cuts: []) == expected)
    }

    @Test func everyTwoWaySplitGivesTheSameLines() {
        let input = Array("ping é😀\r\n{\"x\":\"日本\"}\n\r\n".utf8)
        let expected = lines("ping é😀", "{\"x\":\"日本\"}", "")
        for cut in 0...input.count {
            #expect(split(input, cuts: [cut]) == expected, "cut at \(cut)")
        }
    }

    @Test func multibyteUTF8SplitAcrossChunksIsReassembledUntouched() {
        let text = "é😀日"
        let input = Array(text.utf8) + [0x0A]
        for a in 0...input.count {
            for b in a...input.count {
                let events = split(input, cuts: [a, b])
                #expect(events == [.line(Array(text.utf8))], "cuts \(a), \(b)")
            }
        }
    }

    @Test func invalidUTF8BytesArePassedThrough() {
        let input: [UInt8] = [0xFF, 0xC3, 0x0A, 0xE2, 0x82, 0x0A]
        #expect(byteByByte(input) == [.line([0xFF, 0xC3]), .line([0xE2, 0x82])])
    }

    @Test func onlyOneTrailingCarriageReturnIsStripped() {
        #expect(byteByByte(Array("a\r\r\n".utf8)) == [.line(Array("a\r".utf8))])
        #expect(byteByByte(Array("\r\n".utf8)) == [.line([])])
        #expect(byteByByte(Array("a\rb\n".utf8)) == [.line(Array("a\rb".utf8))])
    }

    @Test func unterminatedLastLineIsDeliveredAtFinish() {
        var s = LineSplitter(maxLineBytes: 10)
        #expect(s.feed(Array("ab".utf8)) == [])
        #expect(s.bufferedCount == 2)
        #expect(s.finish() == lines("ab"))
        #expect(s.finish() == [])
        var t = LineSplitter(maxLineBytes: 10)
        #expect(t.feed(Array("ab\r".utf8)) == [])
        #expect(t.finish() == lines("ab"))
    }

    @Test func emptyInput() {
        var s = LineSplitter(maxLineBytes: 10)
        #expect(s.feed([]) == [])
        #expect(s.finish() == [])
    }

    @Test func lengthLimitIsInclusive() {
        #expect(byteByByte(Array("12345\n".utf8), max: 5) == lines("12345"))
        #expect(byteByByte(Array("12345\r\n".utf8), max: 5) == lines("12345"))
        #expect(byteByByte(Array("123456\n".utf8), max: 5) == [.oversize])
        #expect(byteByByte(Array("123456\r\n".utf8), max: 5) == [.oversize])
        #expect(split(Array("123456\n".utf8), cuts: [], max: 5) == [.oversize])
    }

    @Test func oversizeLineIsDiscardedToItsNewlineThenReadingGoesOn() {
        let input = Array(("a\n" + String(repeating: "x", count: 50) + "\nb\n").utf8)
        let expected: [LineSplitter.Event] = lines("a") + [.oversize] + lines("b")
        #expect(byteByByte(input, max: 10) == expected)
        #expect(split(input, cuts: [], max: 10) == expected)
        for cut in 0...input.count {
            #expect(split(input, cuts: [cut], max: 10) == expected, "cut at \(cut)")
        }
    }

    @Test func oversizeLineIsNotBuffered() {
        var s = LineSplitter(maxLineBytes: 10)
        for _ in 0..<1000 { _ = s.feed(Array("xxxxxxxxxx".utf8)) }
        #expect(s.isDiscarding)
        #expect(s.bufferedCount == 0)
        #expect(s.feed(Array("\nok\n".utf8)) == [.oversize] + lines("ok"))
        #expect(!s.isDiscarding)
    }

    @Test func oversizeAtEndOfInputIsReported() {
        #expect(byteByByte(Array(String(repeating: "y", count: 30).utf8), max: 10) == [.oversize])
        #expect(split(Array(String(repeating: "y", count: 30).utf8), cuts: [], max: 10) == [.oversize])
    }

    @Test func twoOversizeLinesInARow() {
        let input = Array((String(repeating: "x", count: 20) + "\n" + String(repeating: "z", count: 20) + "\nq\n").utf8)
        #expect(byteByByte(input, max: 10) == [.oversize, .oversize] + lines("q"))
    }

    @Test func manyLinesInOneChunk() {
        let input = Array((0..<1000).map { "{\"id\":\($0)}\n" }.joined().utf8)
        let events = split(input, cuts: [])
        #expect(events.count == 1000)
        #expect(events[999] == .line(Array("{\"id\":999}".utf8)))
    }
}
