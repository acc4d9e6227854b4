/// Splits a byte stream into lines (SPEC §7.1). Pure: the caller feeds chunks as they are read.
///
/// A line ends at `\n`; one trailing `\r` is removed. Bytes are never decoded here, so a multibyte
/// UTF-8 character split across chunks is reassembled untouched. A line longer than `maxLineBytes`
/// (not counting `\n` and a trailing `\r`) is not buffered: its bytes are discarded up to the next
/// newline and it is reported once as `.oversize`. At end of input, `finish` delivers an unterminated
/// last line (or its oversize event).
public struct LineSplitter: Sendable {
    public enum Event: Equatable, Sendable {
        case line([UInt8])
        case oversize
    }

    public let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var discarding = false

    public init(maxLineBytes: Int) {
        precondition(maxLineBytes > 0)
        self.maxLineBytes = maxLineBytes
    }

    /// True while the bytes of an oversize line are being dropped.
    public var isDiscarding: Bool { discarding }
    /// Bytes held for an incomplete line.
    public var bufferedCount: Int { buffer.count }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Event) -> Void) {
        var start = 0
        let n = chunk.count
        while start < n {
            guard let newline = chunk[start..<n].firstIndex(of: 0x0A) else {
                if !discarding {
                    buffer.append(contentsOf: chunk[start..<n])
                    // One more byte than the limit may still be a `\r` that will be stripped.
                    if buffer.count > maxLineBytes + 1 {
                        discarding = true
                        buffer = []
                    }
                }
                return
            }
            if discarding {
                discarding = false
                body(.oversize)
            } else if buffer.isEmpty {
                deliver(Array(chunk[start..<newline]), body)
            } else {
                buffer.append(contentsOf: chunk[start..<newline])
                let line = buffer
                buffer.removeAll(keepingCapacity: buffer.capacity <= 1 << 16)
                deliver(line, body)
            }
            start = newline + 1
        }
    }

    public mutating func feed(_ chunk: [UInt8], _ body: (Event) -> Void) {
        chunk.withUnsafeBufferPointer { feed($0, body) }
    }

    /// Convenience for tests.
    public mutating func feed(_ chunk: [UInt8]) -> [Event] {
        var events: [Event] = []
        feed(chunk) { events.append($0) }
        return events
    }

    /// End of input: an unterminated last line is delivered like a terminated one.
    public mutating func finish(_ body: (Event) -> Void) {
        if discarding {
            discarding = false
            body(.oversize)
        } else if !buffer.isEmpty {
            let line = buffer
            buffer = []
            deliver(line, body)
        }
    }

    public mutating func finish() -> [Event] {
        var events: [Event] = []
        finish { events.append($0) }
        return events
    }

    private func deliver(_ line: [UInt8], _ body: (Event) -> Void) {
        var line = line
        if line.last == 0x0D { line.removeLast() }
        if line.count > maxLineBytes {
            body(.oversize)
        } else {
            body(.line(line))
        }
    }
}
