/// One cell of a CSV file with where it starts (1-based line and column; columns count characters).
public struct CSVCell: Sendable, Equatable {
    public var text: String
    public var line: Int
    public var column: Int
    /// The cell was written in double quotes (a quoted empty cell `""` is still empty text).
    public var quoted: Bool
}

/// A problem at a place in an input file: `file:line:column: message`.
public struct ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// RFC 4180 CSV: cells separated by `,`, rows by LF or CRLF, a cell in double quotes may hold commas,
/// line breaks and `""` (one quote). A UTF-8 byte order mark is skipped; blank lines are skipped.
public enum CSVReader {
    public static func rows(_ bytes: [UInt8], file: String) throws(ImportProblem) -> [[CSVCell]] {
        var rows: [[CSVCell]] = []
        var row: [CSVCell] = []
        var i = 0
        let n = bytes.count
        var line = 1
        var column = 1
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }

        func advance(_ byte: UInt8) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // a UTF-8 continuation byte belongs to the previous character
            }
        }
        func endRow() {
            if !(row.count == 1 && row[0].text.isEmpty && !row[0].quoted) { rows.append(row) }
            row = []
        }

        while i < n {
            // Start of a cell.
            let startLine = line, startColumn = column
            var cell: [UInt8] = []
            var quoted = false
            if bytes[i] == UInt8(ascii: "\"") {
                quoted = true
                advance(bytes[i])
                i += 1
                var closed = false
                while i < n {
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < n, bytes[i + 1] == UInt8(ascii: "\"") {
                            cell.append(b)
                            advance(b); advance(b)
                            i += 2
                            continue
                        }
                        advance(b)
                        i += 1
                        closed = true
                        break
                    }
                    cell.append(b)
                    advance(b)
                    i += 1
                }
                guard closed else {
                    throw ImportProblem(file: file, line: startLine, column: startColumn,
                                        message: "a quoted cell is never closed (a missing \" ?)")
                }
                if i < n, bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                if i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A {
                    throw ImportProblem(file: file, line: line, column: column,
                                        message: "unexpected text after a quoted cell; expected , or the end of the line")
                }
            } else {
                while i < n, bytes[i] != UInt8(ascii: ","), bytes[i] != 0x0A {
                    if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1; break }
                    if bytes[i] == UInt8(ascii: "\"") {
                        throw ImportProblem(file: file, line: line, column: column,
                                            message: "a double quote inside an unquoted cell; put the whole cell in quotes and double the quote (\"\")")
                    }
                    cell.append(bytes[i])
                    advance(bytes[i])
                    i += 1
                }
            }
            guard let text = String(validating: cell, as: UTF8.self) else {
                throw ImportProblem(file: file, line: startLine, column: startColumn, message: "the cell is not valid UTF-8")
            }
            row.append(CSVCell(text: text, line: startLine, column: startColumn, quoted: quoted))
            if i < n, bytes[i] == UInt8(ascii: ",") {
                advance(bytes[i])
                i += 1
                if i == n { row.append(CSVCell(text: "", line: line, column: column, quoted: false)) }
                continue
            }
            if i < n, bytes[i] == 0x0A {
                advance(bytes[i])
                i += 1
            }
            endRow()
        }
        if !row.isEmpty { endRow() }
        return rows
    }
}
