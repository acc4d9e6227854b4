import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// libpq, loaded at run time with dlopen/dlsym (SPEC §12): the package has no build-time dependency on
/// PostgreSQL. Only the handful of functions the store needs are bound; `PQsetChunkedRowsMode`
/// (libpq 17+) is optional.
public final class LibPQ: @unchecked Sendable {
    typealias ConnectParams = @convention(c) (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?, Int32) -> OpaquePointer?
    typealias ConnFn = @convention(c) (OpaquePointer?) -> Int32
    typealias ConnText = @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
    typealias ConnVoid = @convention(c) (OpaquePointer?) -> Void
    typealias ExecParams = @convention(c) (
        OpaquePointer?, UnsafePointer<CChar>?, Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?,
        UnsafePointer<Int32>?, UnsafePointer<Int32>?, Int32
    ) -> OpaquePointer?
    typealias Exec = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    typealias ResFieldText = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    typealias GetValue = @convention(c) (OpaquePointer?, Int32, Int32) -> UnsafeMutablePointer<CChar>?
    typealias GetInt = @convention(c) (OpaquePointer?, Int32, Int32) -> Int32
    typealias PutCopyData = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32
    typealias PutCopyEnd = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> Int32
    typealias ConnInt = @convention(c) (OpaquePointer?, Int32) -> Int32
    typealias GetCopyData = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, Int32) -> Int32
    typealias FreeMem = @convention(c) (UnsafeMutableRawPointer?) -> Void

    let connectdbParams: ConnectParams
    let status: ConnFn
    let errorMessage: ConnText
    let finish: ConnVoid
    let execParams: ExecParams
    let exec: Exec
    let resultStatus: ConnFn
    let resultErrorMessage: ConnText
    let resultErrorField: ResFieldText
    let ntuples: ConnFn
    let nfields: ConnFn
    let getvalue: GetValue
    let getlength: GetInt
    let getisnull: GetInt
    let clear: ConnVoid
    let putCopyData: PutCopyData
    let putCopyEnd: PutCopyEnd
    let getResult: Exec0
    let getCopyData: GetCopyData
    let freemem: FreeMem
    typealias Exec0 = @convention(c) (OpaquePointer?) -> OpaquePointer?
    /// libpq 17+: rows in chunks (optional; nil on older libraries).
    let setChunkedRowsMode: ConnInt?
    /// The file that was loaded.
    public let path: String

    /// Where libpq is looked for, in order (SPEC §12): the plain soname first, then Homebrew's keg-only
    /// and versioned locations on macOS. `STATS_LIBPQ` names the one file to load instead.
    public static func candidates(environment: [String: String]) -> [String] {
        var list: [String] = []
        // An explicit choice is the only one tried (so a wrong path is reported, not silently replaced).
        if let custom = environment["STATS_LIBPQ"], !custom.isEmpty { return [custom] }
        #if os(macOS)
        list += [
            "libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib",
            "/opt/homebrew/lib/libpq.5.dylib", "/usr/local/lib/libpq.5.dylib",
        ]
        for v in (13...18).reversed() {
            list.append("/opt/homebrew/lib/postgresql@\(v)/libpq.5.dylib")
            list.append("/usr/local/lib/postgresql@\(v)/libpq.5.dylib")
            list.append("/opt/homebrew/opt/postgresql@\(v)/lib/libpq.5.dylib")
        }
        list.append("/Applications/Postgres.app/Contents/Versions/latest/lib/libpq.5.dylib")
        #else
        list += ["libpq.so.5", "/usr/lib/x86_64-linux-gnu/libpq.so.5", "/usr/lib/aarch64-linux-gnu/libpq.so.5", "/usr/lib64/libpq.so.5", "/usr/lib/libpq.so.5", "/usr/local/lib/libpq.so.5", "/usr/local/pgsql/lib/libpq.so.5"]
        #endif
        return list
    }

    public static let installHint =
        "Install the PostgreSQL client library libpq (Debian/Ubuntu: apt install libpq5; macOS: brew install libpq), or set STATS_LIBPQ to the path of libpq.so.5 / libpq.5.dylib."

    nonisolated(unsafe) private static var cached: [[String]: LibPQ] = [:]
    private static let cacheLock = NSLock()

    /// The loaded library, or nil when no candidate could be opened (loaded once per process and
    /// candidate list).
    public static func shared(environment: [String: String] = ProcessInfo.processInfo.environment) -> LibPQ? {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        let list = candidates(environment: environment)
        if let lib = cached[list] { return lib }
        for path in list {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            if let lib = LibPQ(handle: handle, path: path) {
                cached[list] = lib
                return lib
            }
            dlclose(handle)
        }
        return nil
    }

    private init?(handle: UnsafeMutableRawPointer, path: String) {
        func sym<T>(_ name: String, _: T.Type) -> T? {
            guard let p = dlsym(handle, name) else { return nil }
            return unsafeBitCast(p, to: T.self)
        }
        guard let connectdbParams = sym("PQconnectdbParams", ConnectParams.self),
            let status = sym("PQstatus", ConnFn.self),
            let errorMessage = sym("PQerrorMessage", ConnText.self),
            let finish = sym("PQfinish", ConnVoid.self),
            let execParams = sym("PQexecParams", ExecParams.self),
            let exec = sym("PQexec", Exec.self),
            let resultStatus = sym("PQresultStatus", ConnFn.self),
            let resultErrorMessage = sym("PQresultErrorMessage", ConnText.self),
            let resultErrorField = sym("PQresultErrorField", ResFieldText.self),
            let ntuples = sym("PQntuples", ConnFn.self),
            let nfields = sym("PQnfields", ConnFn.self),
            let getvalue = sym("PQgetvalue", GetValue.self),
            let getlength = sym("PQgetlength", GetInt.self),
            let getisnull = sym("PQgetisnull", GetInt.self),
            let clear = sym("PQclear", ConnVoid.self),
            let putCopyData = sym("PQputCopyData", PutCopyData.self),
            let putCopyEnd = sym("PQputCopyEnd", PutCopyEnd.self),
            let getResult = sym("PQgetResult", Exec0.self),
            let getCopyData = sym("PQgetCopyData", GetCopyData.self),
            let freemem = sym("PQfreemem", FreeMem.self)
        else { return nil }
        self.getCopyData = getCopyData
        self.freemem = freemem
        self.connectdbParams = connectdbParams
        self.status = status
        self.errorMessage = errorMessage
        self.finish = finish
        self.execParams = execParams
        self.exec = exec
        self.resultStatus = resultStatus
        self.resultErrorMessage = resultErrorMessage
        self.resultErrorField = resultErrorField
        self.ntuples = ntuples
        self.nfields = nfields
        self.getvalue = getvalue
        self.getlength = getlength
        self.getisnull = getisnull
        self.clear = clear
        self.putCopyData = putCopyData
        self.putCopyEnd = putCopyEnd
        self.getResult = getResult
        self.setChunkedRowsMode = sym("PQsetChunkedRowsMode", ConnInt.self)
        self.path = path
    }
}
