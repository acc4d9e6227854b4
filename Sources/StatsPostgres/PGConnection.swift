import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure talking to PostgreSQL, classified the way the tools report it (SPEC §6, §12).
public struct PGError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// libpq could not be loaded.
        case noLibrary
        /// The connection could not be opened.
        case connect
        /// The connection broke (server restarted, network): reconnect on the next request.
        case lost
        /// statement_timeout / lock_timeout / serialization conflict: try again (`store_busy`).
        case busy
        /// The `stats` schema (or one of its tables) is missing or older than this program.
        case schema
        /// Any other SQL error.
        case sql
    }

    public var kind: Kind
    public var message: String
    public var sqlstate: String?

    public init(_ kind: Kind, _ message: String, sqlstate: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlstate = sqlstate
    }

    public var description: String { message }

    /// The kind an SQLSTATE stands for.
    public static func kind(sqlstate: String?) -> Kind {
        guard let s = sqlstate else { return .sql }
        switch s {
        case "57014", "55P03", "40001", "40P01", "53300": return .busy
        case "3F000", "42P01", "42703": return .schema
        case "57P01", "57P02", "57P03": return .lost
        default: return s.hasPrefix("08") ? .lost : .sql
        }
    }
}

/// One result set (text format), freed with the object.
public final class PGResult {
    let lib: LibPQ
    let handle: OpaquePointer
    public let rows: Int
    public let columns: Int

    init(lib: LibPQ, handle: OpaquePointer) {
        self.lib = lib
        self.handle = handle
        rows = Int(lib.ntuples(handle))
        columns = Int(lib.nfields(handle))
    }

    deinit { lib.clear(handle) }

    public func isNull(_ row: Int, _ column: Int) -> Bool { lib.getisnull(handle, Int32(row), Int32(column)) != 0 }

    /// The value's bytes (valid while this result lives); empty for NULL.
    public func bytes(_ row: Int, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        let n = Int(lib.getlength(handle, Int32(row), Int32(column)))
        guard let p = lib.getvalue(handle, Int32(row), Int32(column)) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: n)
    }

    public func string(_ row: Int, _ column: Int) -> String? {
        if isNull(row, column) { return nil }
        return String(decoding: bytes(row, column), as: UTF8.self)
    }

    public func int(_ row: Int, _ column: Int) -> Int64? { string(row, column).flatMap { Int64($0) } }
}

/// One libpq connection. Not thread-safe: its owner serializes every use (libpq: one PGconn per thread
/// at a time).
public final class PGConnection {
    let lib: LibPQ
    private var handle: OpaquePointer?
    public let target: PGTarget

    private init(lib: LibPQ, handle: OpaquePointer, target: PGTarget) {
        self.lib = lib
        self.handle = handle
        self.target = target
    }

    deinit { if let handle { lib.finish(handle) } }

    /// Opens a connection (a 10-second connect timeout unless the URI names one) and applies `settings`
    /// (plain SET statements of this program, never argument text).
    public static func connect(_ target: PGTarget, lib: LibPQ, settings: [String] = []) throws(PGError) -> PGConnection {
        var keys = ["dbname", "application_name", "fallback_application_name"]
        var values = [target.uri, "stats-mcp", "stats-mcp"]
        if !target.uri.contains("connect_timeout=") {
            keys.append("connect_timeout")
            values.append("10")
        }
        // application_name from the URI wins over ours: only the fallback is set when it names one.
        if target.uri.contains("application_name=") {
            keys.remove(at: 1)
            values.remove(at: 1)
        }
        let handle: OpaquePointer? = withCStrings(keys) { k in
            withCStrings(values) { v in lib.connectdbParams(k, v, 1) }
        }
        guard let handle else { throw PGError(.connect, "\(target.display): out of memory opening the connection") }
        if lib.status(handle) != 0 {
            let detail = firstLine(lib.errorMessage(handle).map { String(cString: $0) } ?? "unknown error")
            lib.finish(handle)
            throw PGError(.connect, "Cannot connect to PostgreSQL (\(target.display)): \(target.scrub(detail))")
        }
        let connection = PGConnection(lib: lib, handle: handle, target: target)
        for statement in settings { _ = try connection.execute(statement) }
        return connection
    }

    /// Whether the connection is unusable (the server went away).
    public var isBroken: Bool {
        guard let handle else { return true }
        return lib.status(handle) != 0
    }

    /// One statement with text parameters ($1, $2, …; nil = NULL), through the extended protocol: the
    /// parameters never become part of the SQL text.
    @discardableResult
    public func execute(_ sql: String, _ params: [String?] = []) throws(PGError) -> PGResult {
        guard let handle else { throw PGError(.lost, "The connection to PostgreSQL (\(target.display)) is closed.") }
        let result: OpaquePointer? = withOptionalCStrings(params) { values in
            lib.execParams(handle, sql, Int32(params.count), nil, values, nil, nil, 0)
        }
        return try check(result)
    }

    /// Several statements of this program's own fixed text (DDL); no parameters.
    public func script(_ sql: String) throws(PGError) {
        guard let handle else { throw PGError(.lost, "The connection to PostgreSQL (\(target.display)) is closed.") }
        _ = try check(lib.exec(handle, sql))
    }

    private func check(_ result: OpaquePointer?) throws(PGError) -> PGResult {
        guard let result else { throw failure(nil) }
        let status = lib.resultStatus(result)
        // 1 COMMAND_OK, 2 TUPLES_OK, 3 COPY_OUT, 4 COPY_IN
        if status >= 1 && status <= 4 { return PGResult(lib: lib, handle: result) }
        let error = failure(result)
        lib.clear(result)
        throw error
    }

    private func failure(_ result: OpaquePointer?) -> PGError {
        var message = "unknown error"
        var sqlstate: String?
        if let result {
            if let p = lib.resultErrorMessage(result), p.pointee != 0 { message = String(cString: p) }
            if let p = lib.resultErrorField(result, 67 /* 'C' */) { sqlstate = String(cString: p) }
        } else if let handle, let p = lib.errorMessage(handle) {
            message = String(cString: p)
        }
        message = target.scrub(Self.firstLine(message))
        var kind = PGError.kind(sqlstate: sqlstate)
        if isBroken || result == nil { kind = .lost }
        return PGError(kind, message, sqlstate: sqlstate)
    }

    // MARK: COPY TO STDOUT

    /// Runs `COPY (…) TO STDOUT` (text format) and hands each row's line (without its newline) to
    /// `row`. The server keeps producing rows while the client works on the previous ones.
    /// With `keepNewline` (binary COPY) each chunk is handed over exactly as received.
    public func copyOut(_ sql: String, keepNewline: Bool = false, row: (UnsafeBufferPointer<UInt8>) -> Void) throws(PGError) {
        try execute(sql)
        guard let handle else { throw PGError(.lost, "The connection to PostgreSQL (\(target.display)) is closed.") }
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let n = lib.getCopyData(handle, &buffer, 0)
            if n > 0, let buffer {
                var count = Int(n)
                let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
                if !keepNewline && count > 0 && bytes[count - 1] == 0x0A { count -= 1 }
                row(UnsafeBufferPointer(start: bytes, count: count))
                lib.freemem(buffer)
                continue
            }
            if let buffer { lib.freemem(buffer) }
            if n == -1 { break }
            // -2: the error is in the result that follows (or the connection broke).
            var firstError: PGError?
            while let result = lib.getResult(handle) {
                if firstError == nil && lib.resultStatus(result) != 1 { firstError = failure(result) }
                lib.clear(result)
            }
            throw firstError ?? failure(nil)
        }
        var firstError: PGError?
        while let result = lib.getResult(handle) {
            if lib.resultStatus(result) != 1 && firstError == nil { firstError = failure(result) }
            lib.clear(result)
        }
        if let firstError { throw firstError }
    }

    // MARK: COPY FROM STDIN

    /// Sends COPY data (text format rows); call `endCopy` when done.
    public func putCopy(_ bytes: [UInt8]) throws(PGError) {
        guard let handle else { throw PGError(.lost, "The connection to PostgreSQL (\(target.display)) is closed.") }
        let ok = bytes.withUnsafeBufferPointer { b in
            b.baseAddress!.withMemoryRebound(to: CChar.self, capacity: b.count) { lib.putCopyData(handle, $0, Int32(b.count)) }
        }
        if ok != 1 { throw failure(nil) }
    }

    public func endCopy() throws(PGError) {
        guard let handle else { throw PGError(.lost, "The connection to PostgreSQL (\(target.display)) is closed.") }
        if lib.putCopyEnd(handle, nil) != 1 { throw failure(nil) }
        var firstError: PGError?
        while let result = lib.getResult(handle) {
            let status = lib.resultStatus(result)
            if status != 1 && firstError == nil { firstError = failure(result) }
            lib.clear(result)
        }
        if let firstError { throw firstError }
    }

    /// The first line of a libpq message, without its severity prefix ("ERROR:  ", "FATAL:  ").
    static func firstLine(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var line = trimmed.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? trimmed
        for prefix in ["ERROR:", "FATAL:", "PANIC:"] where line.hasPrefix(prefix) {
            line = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        return line
    }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafePointer<CChar>?] = strings.map { UnsafePointer(strdup($0)) }
    pointers.append(nil)
    defer { for p in pointers { free(UnsafeMutablePointer(mutating: p)) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

private func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    if strings.isEmpty { return body(nil) }
    let pointers: [UnsafePointer<CChar>?] = strings.map { $0.map { UnsafePointer(strdup($0)) } ?? nil }
    defer { for p in pointers { free(UnsafeMutablePointer(mutating: p)) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
