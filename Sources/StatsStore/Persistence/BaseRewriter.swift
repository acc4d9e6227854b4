import StatsCore
import StatsJSON

/// Folds journal ops into a base document, streaming (SPEC §2, §9, §11).
///
/// The output is the input with the smallest byte changes that apply the ops:
/// - every top-level member other than `campaigns` and `weekly_snapshots` is copied verbatim (unknown
///   top-level keys included), and so is all whitespace between members;
/// - the record an op changes is chosen by the loader's own selection rules (`StoreSelection`, a
///   first pass over the same bytes): the campaign the loader serves for that id — the first VALID
///   one; records the loader ignores (unknown workspace, no `public_id`, a wrong-typed field, a
///   later duplicate) are never patched. An op for a campaign the loader does not serve is dropped,
///   exactly as the in-memory replay (`StoreData.apply`) drops it;
/// - `setCampaignFields` replaces, in place, the values of those fields on that record (every
///   occurrence of a key duplicated inside the record); fields it lacks are appended after its last
///   field, in the style (indent, `": "`) of that field. Its other fields, their order and bytes are
///   untouched;
/// - `putSnapshot` sets its fields the same way on the snapshot the loader serves for that campaign
///   and `week_start`, or appends the snapshot on a line of its own after the last one; a missing,
///   `null` or non-array `weekly_snapshots` member gets a new array, one record per line;
/// - changed values and new records are written compactly (`JSONWriter`), a record on one line.
///
/// Several ops on one record are applied in order (the last value of a field wins). If the top-level
/// `campaigns` or `weekly_snapshots` key occurs more than once, only the last occurrence (the one the
/// loader keeps) gets the ops; keys are matched like the loader matches them (unescaped bytes).
///
/// It streams: bytes are handed to `sink` straight out of `base` in chunks (≤ 4 MiB), so memory use is
/// independent of the document size. The whole input is validated (strict RFC 8259) on the way; on a
/// syntax error it throws `JSONParseError` after having sent part of the output, so write the output to
/// a temporary file and discard it on error.
public enum BaseRewriter {
    public static func apply(_ ops: [JournalOp], to base: UnsafeBufferPointer<UInt8>,
                             sink: (UnsafeRawBufferPointer) throws -> Void) throws
    {
        let selection: StoreSelection
        do {
            selection = try StoreSelection.scan(base)
        } catch let error as JSONParseError {
            throw error
        } catch {
            throw JSONReader(bytes: base).error("the store must be a JSON object")
        }
        let plan = Plan(ops, selection: selection)
        try withoutActuallyEscaping(sink) { sink in
            let emitter = Emitter(input: base, sink: sink)
            var rewriter = Rewriter(reader: JSONReader(bytes: base), plan: plan, out: emitter)
            try rewriter.document()
            try emitter.flush()
        }
    }

    /// Convenience for tests and small documents: the whole output in memory.
    public static func apply(_ ops: [JournalOp], to base: [UInt8]) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(base.count + 256)
        try base.withUnsafeBufferPointer { buffer in
            try apply(ops, to: buffer) { chunk in out.append(contentsOf: chunk) }
        }
        return out
    }
}

// MARK: - Ops, grouped by target record

struct Plan {
    let selection: StoreSelection
    /// Merged field changes per position in the served `campaigns` array.
    var campaignFields: [Int: JSONObject] = [:]
    /// Merged snapshots in order of first appearance.
    var snapshots: [(key: StoreSelection.SnapshotTarget, fields: JSONObject)] = []
    var snapshotIndex: [StoreSelection.SnapshotTarget: Int] = [:]
    /// Position in the served `weekly_snapshots` array → index in `snapshots`.
    var snapshotAt: [Int: Int] = [:]

    init(_ ops: [JournalOp], selection: StoreSelection) {
        self.selection = selection
        for op in ops {
            switch op {
            case let .setCampaignFields(campaignID, fields):
                guard let id = UUID128(campaignID), let ordinal = selection.campaignOrdinal[id] else { continue }
                var merged = campaignFields[ordinal] ?? JSONObject()
                for member in fields { merged[member.key] = member.value }
                campaignFields[ordinal] = merged
            case let .putSnapshot(snapshot):
                guard let campaign = snapshot["campaign_id"]?.stringValue.flatMap(UUID128.init),
                    selection.servesCampaign(campaign),
                    let week = snapshot["week_start"]?.stringValue.flatMap(Day.parse)
                else { continue }  // dropped, as the in-memory replay drops it
                let key = StoreSelection.SnapshotTarget(campaign: campaign, week: week)
                if let i = snapshotIndex[key] {
                    for member in snapshot { snapshots[i].fields[member.key] = member.value }
                } else {
                    snapshotIndex[key] = snapshots.count
                    if let ordinal = selection.snapshotOrdinal[key] { snapshotAt[ordinal] = snapshots.count }
                    snapshots.append((key, snapshot))
                }
            }
        }
    }
}

// MARK: - Output

/// Buffers small writes; hands large verbatim ranges of the input to the sink without copying.
final class Emitter {
    let input: UnsafeBufferPointer<UInt8>
    let sink: (UnsafeRawBufferPointer) throws -> Void
    var writer = JSONWriter(capacity: 1 << 16)

    static let directThreshold = 1 << 16
    static let flushThreshold = 1 << 18
    static let chunk = 1 << 22

    init(input: UnsafeBufferPointer<UInt8>, sink: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.input = input
        self.sink = sink
    }

    func copy(_ range: Range<Int>) throws {
        guard !range.isEmpty else { return }
        if range.count < Self.directThreshold {
            writer.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
            if writer.bytes.count >= Self.flushThreshold { try flush() }
            return
        }
        try flush()
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(start + Self.chunk, range.upperBound)
            try sink(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: input[start..<end])))
            start = end
        }
    }

    func raw(_ text: StaticString) { writer.writeRaw(text) }

    func key(_ key: String) { writer.writeString(key) }

    func value(_ value: JSONValue) throws {
        writer.write(value)
        if writer.bytes.count >= Self.flushThreshold { try flush() }
    }

    func flush() throws {
        guard !writer.bytes.isEmpty else { return }
        try writer.bytes.withUnsafeBytes { try sink($0) }
        writer.bytes.removeAll(keepingCapacity: true)
    }
}

// MARK: - The walk

struct Rewriter {
    var reader: JSONReader
    let plan: Plan
    let out: Emitter

    var bytes: UnsafeBufferPointer<UInt8> { reader.bytes }

    enum TopKey { case campaigns, snapshots, other }

    /// The key at `range` is `name`, matched as the loader matches top-level keys (its raw bytes:
    /// a key written with escapes is not the loader's key, so it is not this one either).
    func keyEquals(_ range: Range<Int>, escaped: Bool, _ name: String) -> Bool {
        !escaped && range.count == name.utf8.count && bytes[range].elementsEqual(name.utf8)
    }

    func keyString(_ range: Range<Int>, escaped: Bool) throws -> String {
        escaped ? try reader.decodeEscaped(range) : String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func containsNewline(_ range: Range<Int>) -> Bool { bytes[range].contains(0x0A) }

    mutating func document() throws {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.position = 3 }  // kept
        guard reader.peek() == UInt8(ascii: "{") else { throw reader.error("the store must be a JSON object") }
        var copied = 0
        var campaignsSeen = 0
        var snapshotsSeen = 0
        reader.position += 1
        var leadStart = reader.position
        var last: (lead: Range<Int>, colon: Range<Int>, valueEnd: Int)? = nil
        var sawSnapshots = false
        if !reader.consume(UInt8(ascii: "}")) {
            while true {
                reader.skipWhitespace()
                let keyStart = reader.position
                guard reader.peek() == UInt8(ascii: "\"") else {
                    throw reader.isAtEnd ? reader.error("unexpected end of input in an object") : reader.error("expected a string key")
                }
                let (keyRange, escaped) = try reader.scanString()
                let keyEnd = reader.position
                try reader.expect(UInt8(ascii: ":"), "':' after an object key")
                reader.skipWhitespace()
                let valueStart = reader.position
                let first = reader.peek()
                if keyEquals(keyRange, escaped: escaped, "campaigns") {
                    campaignsSeen += 1
                    if first == UInt8(ascii: "["), campaignsSeen == plan.selection.campaignsOccurrence,
                        !plan.campaignFields.isEmpty
                    {
                        try out.copy(copied..<valueStart)
                        try campaigns()
                        copied = reader.position
                    } else {
                        try reader.skipValue(depth: 1)
                    }
                } else if keyEquals(keyRange, escaped: escaped, "weekly_snapshots") {
                    snapshotsSeen += 1
                    let served = snapshotsSeen == plan.selection.snapshotsOccurrence
                    if served { sawSnapshots = true }
                    if first == UInt8(ascii: "["), served, !plan.snapshots.isEmpty {
                        try out.copy(copied..<valueStart)
                        try snapshots()
                        copied = reader.position
                    } else if served, !plan.snapshots.isEmpty {
                        // null or not an array (the loader ignores it): a new array holds the puts.
                        try reader.skipValue(depth: 1)
                        try out.copy(copied..<valueStart)
                        try newSnapshotArray()
                        copied = reader.position
                    } else {
                        try reader.skipValue(depth: 1)
                    }
                } else {
                    try reader.skipValue(depth: 1)
                }
                last = (leadStart..<keyStart, keyEnd..<valueStart, reader.position)
                if reader.consume(UInt8(ascii: ",")) {
                    leadStart = reader.position
                    continue
                }
                try reader.expect(UInt8(ascii: "}"), "',' or '}' in an object")
                break
            }
        }
        let close = reader.position - 1
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw reader.error("unexpected data after the JSON value") }

        if !sawSnapshots && !plan.snapshots.isEmpty {
            if let last {
                try out.copy(copied..<last.valueEnd)
                out.raw(",")
                try out.copy(last.lead)
                out.key("weekly_snapshots")
                try out.copy(last.colon)
                copied = last.valueEnd
            } else {
                try out.copy(copied..<close)
                out.key("weekly_snapshots")
                out.raw(":")
                copied = close
            }
            try newSnapshotArray()
        }
        try out.copy(copied..<bytes.count)
    }

    /// Writes `[` + the planned snapshots, one per line + `]`.
    func newSnapshotArray() throws {
        out.raw("[\n")
        for (i, snapshot) in plan.snapshots.enumerated() {
            if i > 0 { out.raw(",\n") }
            try out.value(.object(snapshot.fields))
        }
        out.raw("\n]")
    }

    /// At `[` of the campaigns array: emits it with field changes applied (through its `]`).
    mutating func campaigns() throws {
        var copied = reader.position
        reader.position += 1
        if reader.consume(UInt8(ascii: "]")) {
            try out.copy(copied..<reader.position)
            return
        }
        var ordinal = 0
        while true {
            reader.skipWhitespace()
            let elementStart = reader.position
            if reader.peek() == UInt8(ascii: "{"), let fields = plan.campaignFields[ordinal] {
                try out.copy(copied..<elementStart)
                try splice(fields)
                copied = reader.position
            } else {
                try reader.skipValue(depth: 2)
            }
            ordinal += 1
            if reader.consume(UInt8(ascii: ",")) { continue }
            try reader.expect(UInt8(ascii: "]"), "',' or ']' in an array")
            break
        }
        try out.copy(copied..<reader.position)
    }

    /// At `[` of the weekly_snapshots array: emits it with puts applied (through its `]`).
    mutating func snapshots() throws {
        let open = reader.position
        var copied = open
        var used = [Bool](repeating: false, count: plan.snapshots.count)
        reader.position += 1
        var leadStart = reader.position
        var last: (lead: Range<Int>, end: Int)? = nil
        var ordinal = 0
        if !reader.consume(UInt8(ascii: "]")) {
            while true {
                reader.skipWhitespace()
                let elementStart = reader.position
                if reader.peek() == UInt8(ascii: "{"), let i = plan.snapshotAt[ordinal] {
                    used[i] = true
                    try out.copy(copied..<elementStart)
                    try splice(plan.snapshots[i].fields)
                    copied = reader.position
                } else {
                    try reader.skipValue(depth: 2)
                }
                ordinal += 1
                last = (leadStart..<elementStart, reader.position)
                if reader.consume(UInt8(ascii: ",")) {
                    leadStart = reader.position
                    continue
                }
                try reader.expect(UInt8(ascii: "]"), "',' or ']' in an array")
                break
            }
        }
        let remaining = plan.snapshots.indices.filter { !used[$0] }
        if remaining.isEmpty {
            try out.copy(copied..<reader.position)
            return
        }
        guard let last else {
            // Empty array: write a fresh one, one record per line.
            try out.copy(copied..<open)
            out.raw("[\n")
            for (n, i) in remaining.enumerated() {
                if n > 0 { out.raw(",\n") }
                try out.value(.object(plan.snapshots[i].fields))
            }
            out.raw("\n]")
            return
        }
        try out.copy(copied..<last.end)
        let lineLead = containsNewline(last.lead)
        for i in remaining {
            out.raw(",")
            if lineLead { try out.copy(last.lead) } else { out.raw("\n") }
            try out.value(.object(plan.snapshots[i].fields))
        }
        try out.copy(last.end..<reader.position)
    }

    /// At `{` of a record: emits it with `fields` set (values replaced in place, missing fields
    /// appended after the last one in its style), through its `}`.
    mutating func splice(_ fields: JSONObject) throws {
        let open = reader.position
        var copied = open
        var found = [Bool](repeating: false, count: fields.count)
        reader.position += 1
        var leadStart = reader.position
        var last: (lead: Range<Int>, colon: Range<Int>, valueEnd: Int)? = nil
        if !reader.consume(UInt8(ascii: "}")) {
            while true {
                reader.skipWhitespace()
                let keyStart = reader.position
                guard reader.peek() == UInt8(ascii: "\"") else {
                    throw reader.isAtEnd ? reader.error("unexpected end of input in an object") : reader.error("expected a string key")
                }
                let (keyRange, escaped) = try reader.scanString()
                let keyEnd = reader.position
                try reader.expect(UInt8(ascii: ":"), "':' after an object key")
                reader.skipWhitespace()
                let valueStart = reader.position
                let key = try keyString(keyRange, escaped: escaped)
                if let i = fields.index(of: key) {
                    found[i] = true
                    try reader.skipValue(depth: 3)
                    try out.copy(copied..<valueStart)
                    try out.value(fields.members[i].value)
                    copied = reader.position
                } else {
                    try reader.skipValue(depth: 3)
                }
                last = (leadStart..<keyStart, keyEnd..<valueStart, reader.position)
                if reader.consume(UInt8(ascii: ",")) {
                    leadStart = reader.position
                    continue
                }
                try reader.expect(UInt8(ascii: "}"), "',' or '}' in an object")
                break
            }
        }
        let close = reader.position - 1
        let missing = fields.members.indices.filter { !found[$0] }
        if !missing.isEmpty {
            if let last {
                try out.copy(copied..<last.valueEnd)
                for i in missing {
                    out.raw(",")
                    try out.copy(last.lead)
                    out.key(fields.members[i].key)
                    try out.copy(last.colon)
                    try out.value(fields.members[i].value)
                }
                copied = last.valueEnd
            } else {
                try out.copy(copied..<close)
                for (n, i) in missing.enumerated() {
                    if n > 0 { out.raw(",") }
                    out.key(fields.members[i].key)
                    out.raw(":")
                    try out.value(fields.members[i].value)
                }
                copied = close
            }
        }
        try out.copy(copied..<reader.position)
    }
}
