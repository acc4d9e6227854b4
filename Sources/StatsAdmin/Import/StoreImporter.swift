import Foundation
import StatsCore
import StatsJSON
import StatsStore

/// One input file of `stats-mcp import` (the command reads the directory; this stays pure).
public struct ImportFile: Sendable {
    /// The file name inside the directory, e.g. `campaigns.csv`.
    public var name: String
    public var bytes: [UInt8]
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// A successful import: the store file's bytes and the records per array.
public struct ImportResult: Sendable {
    public var bytes: [UInt8]
    public var counts: [(array: String, records: Int)]
}

/// Why an import failed: every problem found, each with file, line and column.
public struct ImportFailure: Error, Sendable {
    public var problems: [ImportProblem]
}

/// Builds a store from CSV / JSON Lines files, one per §2 array (SPEC §8 `import`). Pure: the same
/// files give the same bytes. After building, the store is loaded with the server's own loader and
/// every problem it would report (unknown references, duplicates, wrong types) fails the import,
/// pointed back at the input file, line and column.
public enum StoreImporter {
    /// A record and where it came from (for problems found later).
    struct Source {
        var file: String
        var line: Int
        /// Column of each field's cell (CSV); JSON Lines records point at column 1.
        var columns: [String: Int]
        /// Each field's text as given (before ids were mapped), for messages.
        var texts: [String: String] = [:]
    }

    public static func run(_ files: [ImportFile]) -> Result<ImportResult, ImportFailure> {
        var problems: [ImportProblem] = []
        var chosen: [String: ImportFile] = [:]
        for file in files.sorted(by: { $0.name < $1.name }) {
            let parts = file.name.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1] == "csv" || parts[1] == "jsonl" else { continue }  // README, notes: not ours
            guard ImportRules.array(named: parts[0]) != nil else {
                var message = "\(file.name) names no store array"
                if let near = closest(parts[0]) { message += "; did you mean \(near).\(parts[1])?" }
                message += " (arrays: " + ImportRules.arrays.map(\.name).joined(separator: ", ") + ")"
                problems.append(ImportProblem(file: file.name, line: 1, column: 1, message: message))
                continue
            }
            if let other = chosen[parts[0]] {
                problems.append(ImportProblem(file: file.name, line: 1, column: 1,
                                              message: "both \(other.name) and \(file.name) are given for \(parts[0]); keep one"))
                continue
            }
            chosen[parts[0]] = file
        }

        var records: [String: [JSONObject]] = [:]
        var sources: [String: [Source]] = [:]
        for rule in ImportRules.arrays {
            guard let file = chosen[rule.name] else { continue }
            do throws(ImportProblem) {
                let read = file.name.hasSuffix(".csv") ? try readCSV(file, rule) : try readJSONLines(file, rule)
                records[rule.name] = read.map(\.0)
                sources[rule.name] = read.map(\.1)
            } catch {
                problems.append(error)
            }
        }
        if !problems.isEmpty { return .failure(ImportFailure(problems: problems)) }

        let bytes = write(records)
        // The server's own rules decide what is a problem.
        switch bytes.withUnsafeBufferPointer({ buffer in Result { try StoreLoader.load(buffer) } }) {
        case let .success(loaded):
            for problem in loaded.problems {
                problems.append(locate(problem, sources: sources, files: chosen))
            }
        case let .failure(error):
            problems.append(ImportProblem(file: "(store)", line: 1, column: 1, message: "the built store does not load: \(error)"))
        }
        if !problems.isEmpty { return .failure(ImportFailure(problems: problems)) }
        let counts = ImportRules.arrays.map { ($0.name, records[$0.name]?.count ?? 0) }
        return .success(ImportResult(bytes: bytes, counts: counts))
    }

    static func closest(_ name: String) -> String? {
        ImportRules.arrays.map(\.name).first { $0.hasPrefix(name) || name.hasPrefix($0) || $0.replacingOccurrences(of: "_", with: "") == name.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "") }
    }

    // MARK: CSV

    static func readCSV(_ file: ImportFile, _ rule: ArrayRule) throws(ImportProblem) -> [(JSONObject, Source)] {
        let rows = try CSVReader.rows(file.bytes, file: file.name)
        guard let header = rows.first else { return [] }
        var names: [String] = []
        for cell in header {
            let name = cell.text.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ImportProblem(file: file.name, line: cell.line, column: cell.column, message: "empty column name in the header row") }
            guard !names.contains(name) else {
                throw ImportProblem(file: file.name, line: cell.line, column: cell.column, message: "column \(name) appears twice in the header row")
            }
            names.append(name)
        }
        var out: [(JSONObject, Source)] = []
        for row in rows.dropFirst() {
            guard row.count == names.count else {
                let cell = row.count > names.count ? row[names.count] : row[row.count - 1]
                throw ImportProblem(file: file.name, line: cell.line, column: cell.column,
                                    message: "this row has \(row.count) cells, the header has \(names.count)")
            }
            var record = JSONObject()
            var columns: [String: Int] = [:]
            var texts: [String: String] = [:]
            for (name, cell) in zip(names, row) {
                columns[name] = cell.column
                texts[name] = cell.text
                let value = try value(of: cell, kind: rule.kind(of: name), field: name, file: file.name)
                // An empty cell is null (SPEC §8) — or absent where the field may not be null (e.g. `stats`),
                // so the record stays one the server keeps (SPEC §11 wrong-typed records).
                if value.isNull && !StoreFieldRules.allowsNull(array: rule.name, field: name) { continue }
                record[name] = value
            }
            let line = row.first?.line ?? 1
            try finish(&record, rule, file: file.name, line: line, column: columns["id"] ?? 1)
            out.append((record, Source(file: file.name, line: line, columns: columns, texts: texts)))
        }
        return out
    }

    static func value(of cell: CSVCell, kind: FieldKind?, field: String, file: String) throws(ImportProblem) -> JSONValue {
        if cell.text.isEmpty { return .null }
        func fail(_ message: String) -> ImportProblem {
            ImportProblem(file: file, line: cell.line, column: cell.column, message: "\(field): \(message)")
        }
        let trimmed = cell.text.trimmingCharacters(in: .whitespaces)
        switch kind {
        case nil, .string?:
            return .string(cell.text)
        case .integer?:
            guard let n = Int64(trimmed) else { throw fail("expected an integer, got \"\(cell.text)\"") }
            return .int(n)
        case .boolean?:
            switch trimmed.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default: throw fail("expected true or false, got \"\(cell.text)\"")
            }
        case .object?:
            do {
                let value = try JSON.parse(cell.text)
                guard case .object = value else { throw fail("expected a JSON object such as {\"sent\": 10}, got \(value.typeName)") }
                return value
            } catch let problem as ImportProblem {
                throw problem
            } catch let error as JSONParseError {
                // In a quoted cell every `"` of the text was written `""`: count them back in.
                let doubled = cell.quoted ? cell.text.prefix(max(0, error.column - 1)).filter { $0 == "\"" }.count : 0
                let column = error.line == 1 ? cell.column + (cell.quoted ? 1 : 0) + doubled + error.column - 1 : cell.column
                throw ImportProblem(file: file, line: cell.line + error.line - 1, column: column,
                                    message: "\(field): not valid JSON: \(error.message)")
            } catch {
                throw fail("not valid JSON")
            }
        case .integerList?:
            var numbers: [JSONValue] = []
            for part in listItems(cell.text) {
                guard let n = Int64(part) else { throw fail("expected integers separated by ;, got \"\(part)\"") }
                numbers.append(.int(n))
            }
            return .array(numbers)
        case .stringList?, .referenceList?:
            return .array(listItems(cell.text).map { .string($0) })
        case .ownID?, .reference?:
            return .string(trimmed)
        }
    }

    static func listItems(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: JSON Lines

    static func readJSONLines(_ file: ImportFile, _ rule: ArrayRule) throws(ImportProblem) -> [(JSONObject, Source)] {
        var out: [(JSONObject, Source)] = []
        var lineNumber = 0
        var bytes = file.bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { bytes.removeFirst(3) }
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            var text = Array(line)
            if text.last == 0x0D { text.removeLast() }
            if text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do {
                value = try JSON.parse(text)
            } catch let error as JSONParseError {
                throw ImportProblem(file: file.name, line: lineNumber, column: error.column, message: "not valid JSON: \(error.message)")
            } catch {
                throw ImportProblem(file: file.name, line: lineNumber, column: 1, message: "not valid JSON")
            }
            guard case var .object(record) = value else {
                throw ImportProblem(file: file.name, line: lineNumber, column: 1, message: "expected one JSON object per line, got \(value.typeName)")
            }
            var texts: [String: String] = [:]
            for member in record { texts[member.key] = member.value.stringValue ?? JSON.string(member.value) }
            try finish(&record, rule, file: file.name, line: lineNumber, column: 1)
            out.append((record, Source(file: file.name, line: lineNumber, columns: [:], texts: texts)))
        }
        return out
    }

    // MARK: Ids

    /// Maps ids and references to UUIDs and adds a missing public id.
    static func finish(_ record: inout JSONObject, _ rule: ArrayRule, file: String, line: Int, column: Int) throws(ImportProblem) {
        for (field, kind) in rule.fields {
            guard let value = record[field] else { continue }
            switch kind {
            case .ownID:
                if let text = value.stringValue { record[field] = .string(mapID(text, array: rule.name)) }
            case let .reference(array):
                if let text = value.stringValue { record[field] = .string(mapID(text, array: array)) }
            case let .referenceList(array):
                if let items = value.arrayValue {
                    record[field] = .array(items.map { item in item.stringValue.map { .string(mapID($0, array: array)) } ?? item })
                }
            default:
                break
            }
        }
        guard let prefix = rule.publicPrefix, record["public_id"].map({ $0.isNull || $0.stringValue == "" }) ?? true else { return }
        let idText: String
        switch record["id"] {
        case let .string(s)?: idText = s.lowercased()
        case let .int(n)?: idText = String(n)
        default:
            throw ImportProblem(file: file, line: line, column: column,
                                message: "id is missing: every \(rule.name) record needs an id (public_id is derived from it)")
        }
        let publicID = JSONValue.string(DerivedIDs.publicID(prefix: prefix, id: idText))
        if record.index(of: "public_id") != nil {
            record["public_id"] = publicID
        } else {
            var rebuilt = JSONObject()
            for member in record {
                rebuilt[member.key] = member.value
                if member.key == "id" { rebuilt["public_id"] = publicID }
            }
            if rebuilt["public_id"] == nil { rebuilt["public_id"] = publicID }
            record = rebuilt
        }
    }

    /// A UUID is kept; any other id text becomes the UUID derived from (array, text).
    static func mapID(_ text: String, array: String) -> String {
        Identifiers.isUUID(text) ? text : DerivedIDs.uuid(array: array, id: text)
    }

    // MARK: Output

    /// The store document: §2 arrays in order, one record per line (compact JSON).
    static func write(_ records: [String: [JSONObject]]) -> [UInt8] {
        var out = Array("{\"format\":\"stats-mcp-store\",\"version\":1".utf8)
        for rule in ImportRules.arrays {
            out += Array(",\n\"\(rule.name)\":[".utf8)
            let list = records[rule.name] ?? []
            for (i, record) in list.enumerated() {
                out += Array((i == 0 ? "\n" : ",\n").utf8)
                out += JSON.bytes(.object(record))
            }
            out += Array((list.isEmpty ? "]" : "\n]").utf8)
        }
        out += Array("\n}\n".utf8)
        return out
    }

    /// A loader problem (`$.campaigns[3].user_id: unknown owner`) at its input file, line and column.
    static func locate(_ problem: StoreProblem, sources: [String: [Source]], files: [String: ImportFile]) -> ImportProblem {
        var path = Substring(problem.path)
        guard path.hasPrefix("$.") else { return ImportProblem(file: "(store)", line: 1, column: 1, message: problem.description) }
        path = path.dropFirst(2)
        let array = String(path.prefix { $0 != "[" && $0 != "." })
        path = path.dropFirst(array.count)
        var index: Int?
        if path.hasPrefix("[") {
            let digits = path.dropFirst().prefix { $0.isNumber }
            index = Int(digits)
            path = path.dropFirst(digits.count + 2)
        }
        let field = path.hasPrefix(".") ? String(path.dropFirst().prefix { $0 != "[" && $0 != "." }) : nil
        let fileName = files[array]?.name ?? "\(array).csv"
        guard let index, let source = sources[array]?[safe: index] else {
            return ImportProblem(file: fileName, line: 1, column: 1, message: problem.message)
        }
        let column = field.flatMap { source.columns[$0] } ?? 1
        var what = ""
        if let field {
            what = field + (source.texts[field].map { " \"\($0)\"" } ?? "") + ": "
        }
        var message = problem.message
        for tail in ["; ignored", "; the first one wins"] where message.hasSuffix(tail) { message = String(message.dropLast(tail.count)) }
        return ImportProblem(file: source.file, line: source.line, column: column, message: what + message)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
