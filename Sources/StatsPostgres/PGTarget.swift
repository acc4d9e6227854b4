import Foundation

/// A libpq connection URI and what may be said about it in messages: host and database, never the
/// password (SPEC §12).
public struct PGTarget: Sendable, Equatable {
    public let uri: String
    public let host: String
    public let database: String
    public let user: String?
    let password: String?

    /// Whether a `--store` / `STATS_STORE` value names a PostgreSQL database rather than a file.
    public static func isURI(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// Parses `postgres[ql]://[user[:password]@][host][:port][,…][/dbname][?param=value&…]`.
    public init?(uri: String) {
        guard Self.isURI(uri), let schemeEnd = uri.range(of: "://") else { return nil }
        self.uri = uri
        var rest = String(uri[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = Self.decode(String(kv[0]))
                query[key] = kv.count > 1 ? Self.decode(String(kv[1])) : ""
            }
            rest = String(rest[..<q])
        }
        var path = ""
        if let slash = rest.firstIndex(of: "/") {
            path = Self.decode(String(rest[rest.index(after: slash)...]))
            rest = String(rest[..<slash])
        }
        var userPart: String?
        var passwordPart: String?
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            if let colon = info.firstIndex(of: ":") {
                userPart = Self.decode(String(info[..<colon]))
                passwordPart = Self.decode(String(info[info.index(after: colon)...]))
            } else {
                userPart = Self.decode(String(info))
            }
            rest = String(rest[rest.index(after: at)...])
        }
        // Hosts: strip ports ("h:5432", "[::1]:5432"), keep the list.
        var hosts: [String] = []
        for spec in rest.split(separator: ",") {
            var h = String(spec)
            if h.hasPrefix("["), let close = h.firstIndex(of: "]") {
                h = String(h[h.index(after: h.startIndex)..<close])
            } else if let colon = h.lastIndex(of: ":") {
                h = String(h[..<colon])
            }
            h = Self.decode(h)
            if !h.isEmpty { hosts.append(h) }
        }
        if let h = query["host"], !h.isEmpty { hosts = h.split(separator: ",").map(String.init) }
        if let h = query["hostaddr"], !h.isEmpty, hosts.isEmpty { hosts = [h] }
        host = hosts.isEmpty ? "local socket" : hosts.joined(separator: ",")
        let user = query["user"] ?? userPart
        self.user = (user?.isEmpty ?? true) ? nil : user
        password = query["password"] ?? passwordPart
        if let d = query["dbname"], !d.isEmpty {
            database = d
        } else if !path.isEmpty {
            database = path
        } else {
            database = self.user ?? "(default)"
        }
    }

    /// "host H, database D" for messages.
    public var display: String { "host \(host), database \(database)" }

    /// `text` with the password (if any) replaced.
    public func scrub(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "***")
    }

    /// The URI with its password replaced by `***` (for logs).
    public var redacted: String {
        guard let password, !password.isEmpty else { return uri }
        var out = uri
        for form in [password, Self.encode(password)] where !form.isEmpty {
            out = out.replacingOccurrences(of: ":" + form + "@", with: ":***@")
            out = out.replacingOccurrences(of: "password=" + form, with: "password=***")
        }
        return out
    }

    static func decode(_ s: String) -> String { s.removingPercentEncoding ?? s }
    static func encode(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
}
