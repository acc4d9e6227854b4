import StatsJSON

/// The journal: `<resolved base file path>.journal`, JSON Lines (SPEC §9).
///
/// Each committed write is one line, one JSON object, terminated by `\n`:
///
/// ```json
/// {"seq":17,"ops":[{"op":"set_campaign_fields","campaign_id":"<uuid>","fields":{"stats":{"total":3},"updated_at":"2026-04-22T11:30:00Z"}},{"op":"put_snapshot","snapshot":{"campaign_id":"<uuid>","week_start":"2026-04-13","stats":{"total":3},"captured_at":"2026-04-20T00:05:00Z"}}]}
/// ```
///
/// - `seq`: an integer chosen by the writer (increasing; informational, not used for ordering —
///   line order is the order of application).
/// - `ops`: applied in order, all or nothing:
///   - `set_campaign_fields`: `campaign_id` (string, matched case-insensitively) and `fields` (object):
///     set each field on the first campaign with that `id`, in place; other fields are kept.
///     A campaign that does not exist is skipped.
///   - `put_snapshot`: `snapshot` (object with `campaign_id` and `week_start`): set its fields on the
///     first snapshot with the same campaign (case-insensitive) and `week_start`, or append it.
/// - Unknown members of an entry or an op are ignored (forward compatible); an unknown `op` name makes
///   the whole line a reported problem, never applied.
/// - A line is acknowledged only once it and its `\n` are fsynced. A last line without `\n` is a torn
///   write from a crash: readers ignore it and the next writer truncates it away.
/// - Writers hold `<base>.lock` (an exclusive `flock`) while appending; the journal is folded into the
///   base file and truncated to 0 bytes by compaction (see `StoreFiles.compact`).
public enum JournalCodec {
    public static let setCampaignFieldsName = "set_campaign_fields"
    public static let putSnapshotName = "put_snapshot"

    /// The entry as one line of compact JSON, with the trailing `\n`. The writer escapes control
    /// characters and U+2028/U+2029, so the line never contains a raw newline.
    public static func encodeLine(_ entry: JournalEntry) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.write(encode(entry))
        writer.bytes.append(0x0A)
        return writer.bytes
    }

    /// The entry as a JSON value (`{"seq":…,"ops":[…]}`).
    public static func encode(_ entry: JournalEntry) -> JSONValue {
        var ops: [JSONValue] = []
        ops.reserveCapacity(entry.ops.count)
        for op in entry.ops {
            switch op {
            case let .setCampaignFields(campaignID, fields):
                ops.append(.object(JSONObject([("op", .string(setCampaignFieldsName)),
                                               ("campaign_id", .string(campaignID)),
                                               ("fields", .object(fields))])))
            case let .putSnapshot(snapshot):
                ops.append(.object(JSONObject([("op", .string(putSnapshotName)), ("snapshot", .object(snapshot))])))
            }
        }
        return .object(JSONObject([("seq", .int(entry.sequence)), ("ops", .array(ops))]))
    }

    /// Decodes one line (without or with its trailing `\n`). Throws `JournalFormatError` for anything
    /// that is not a valid entry, including an unknown op name.
    public static func decodeLine(_ line: UnsafeBufferPointer<UInt8>) throws -> JournalEntry {
        let value: JSONValue
        do {
            value = try JSON.parse(line, maxDepth: 256)
        } catch let error as JSONParseError {
            throw JournalFormatError(message: "not valid JSON: \(error.message) at column \(error.column)")
        }
        return try decode(value)
    }

    public static func decodeLine(_ line: [UInt8]) throws -> JournalEntry {
        try line.withUnsafeBufferPointer { try decodeLine($0) }
    }

    public static func decode(_ value: JSONValue) throws -> JournalEntry {
        guard let object = value.objectValue else { throw JournalFormatError(message: "an entry must be an object") }
        guard let seq = object["seq"]?.strictIntValue else {
            throw JournalFormatError(message: "\"seq\" must be an integer")
        }
        guard let rawOps = object["ops"]?.arrayValue else { throw JournalFormatError(message: "\"ops\" must be an array") }
        var ops: [JournalOp] = []
        ops.reserveCapacity(rawOps.count)
        for (index, rawOp) in rawOps.enumerated() {
            guard let op = rawOp.objectValue else { throw JournalFormatError(message: "ops[\(index)] must be an object") }
            guard let name = op["op"]?.stringValue else {
                throw JournalFormatError(message: "ops[\(index)].op must be a string")
            }
            switch name {
            case setCampaignFieldsName:
                guard let id = op["campaign_id"]?.stringValue else {
                    throw JournalFormatError(message: "ops[\(index)].campaign_id must be a string")
                }
                guard let fields = op["fields"]?.objectValue else {
                    throw JournalFormatError(message: "ops[\(index)].fields must be an object")
                }
                // A value the loader would refuse (SPEC §11) or a change of identity is never applied:
                // the replay and compaction would otherwise disagree with a fresh load.
                for member in fields {
                    if ["id", "public_id", "workspace_id"].contains(member.key) {
                        throw JournalFormatError(message: "ops[\(index)].fields may not change \(member.key)")
                    }
                    if let problem = CampaignRecords.shape.problem(field: member.key, member.value) {
                        throw JournalFormatError(message: "ops[\(index)].fields.\(sanitized(member.key)): \(problem)")
                    }
                }
                ops.append(.setCampaignFields(campaignID: id, fields: fields))
            case putSnapshotName:
                guard let snapshot = op["snapshot"]?.objectValue else {
                    throw JournalFormatError(message: "ops[\(index)].snapshot must be an object")
                }
                guard snapshot["campaign_id"]?.stringValue != nil, snapshot["week_start"]?.stringValue != nil else {
                    throw JournalFormatError(
                        message: "ops[\(index)].snapshot needs string \"campaign_id\" and \"week_start\"")
                }
                if let violation = SnapshotRecords.shape.violation(snapshot, ordinal: 0) {
                    throw JournalFormatError(message: "ops[\(index)].snapshot: \(violation.message)")
                }
                ops.append(.putSnapshot(snapshot))
            default:
                throw JournalFormatError(message: "ops[\(index)]: unknown op \"\(sanitized(name))\"")
            }
        }
        return JournalEntry(sequence: seq, ops: ops)
    }

    /// At most 40 printable ASCII characters of a name read from the file, for a message.
    static func sanitized(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(40) {
            out.unicodeScalars.append(scalar.value >= 0x20 && scalar.value < 0x7F ? scalar : "?")
        }
        return out
    }
}

/// Why a journal line was not accepted (no file contents beyond a short, sanitized op name).
public struct JournalFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension JournalEntry {
    /// This entry as one journal line (see `JournalCodec`), `\n` included.
    public func encodedLine() -> [UInt8] { JournalCodec.encodeLine(self) }

    /// Decodes one journal line; throws `JournalFormatError`.
    public init(line: UnsafeBufferPointer<UInt8>) throws { self = try JournalCodec.decodeLine(line) }
}
