import StatsCore
import StatsJSON
import StatsStore

/// A problem with a `keys` command's input (unknown user, unlinked workspace, unknown key id…).
public struct KeyError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// API keys of a store (SPEC §2, §8 `keys`): making one, listing, revoking. Pure: the command takes the
/// store lock, reads the base file, calls these, and writes the `api_keys` member back.
public enum APIKeys {
    /// `sk_` + the random bytes in lowercase Crockford base32 (25 bytes = 200 bits = 40 characters).
    public static func makeKey(random: [UInt8]) -> String {
        "sk_" + DerivedIDs.base32(random: random)
    }

    public static let randomByteCount = 25

    /// The user named by a `usr_` id, a UUID or an email address (case-insensitive).
    public static func user(_ text: String, in data: StoreData) throws(KeyError) -> User {
        if let user = data.user(publicID: text) { return user }
        if let uuid = UUID128(text), let user = data.user(id: uuid) { return user }
        let wanted = text.lowercased()
        let matches = data.tables.users.filter { $0.email?.lowercased() == wanted }
        if matches.count == 1 { return matches[0] }
        if matches.count > 1 { throw KeyError("several users have the email \(text); use the usr_ id") }
        throw KeyError("no user \(text) in this store (give a usr_ id, the user's UUID or email; `stats-mcp --store … call users_list` with a key, or the store's users array, lists them)")
    }

    /// The workspace named by a `ws_` id or its numeric id.
    public static func workspace(_ text: String, in data: StoreData) throws(KeyError) -> Workspace {
        if let workspace = data.workspace(publicID: text) { return workspace }
        if let id = Int64(text), let workspace = data.workspace(id: id) { return workspace }
        let known = data.tables.workspaces.map { "\($0.id) (\($0.publicID), \($0.name))" }.joined(separator: ", ")
        throw KeyError("no workspace \(text) in this store; its workspaces: \(known.isEmpty ? "none" : known)")
    }

    /// The new `api_keys` array: `existing` (records kept as they are, unknown fields included) plus a
    /// record for `key`. The user must be linked to the workspace.
    public static func adding(key: String, user: User, workspace: Workspace, label: String?, to existing: JSONValue?) throws(KeyError) -> [JSONValue] {
        guard user.workspaceIDs.contains(workspace.id) else {
            throw KeyError("user \(user.publicID) is not linked to workspace \(workspace.id) (\(workspace.publicID)); add \(workspace.id) to the user's workspace_ids, then run keys add again")
        }
        var records = existing?.arrayValue ?? []
        var record = JSONObject()
        record["key_sha256"] = .string(SHA256.hexDigest(key))
        record["user_id"] = .string(user.id.description)
        record["workspace_id"] = .int(workspace.id)
        record["label"] = label.map { .string($0) } ?? .null
        record["revoked"] = false
        records.append(.object(record))
        return records
    }

    /// One line of `keys list`.
    public struct Listed: Sendable {
        public var id: String
        public var label: String
        public var user: String
        public var workspace: String
        public var revoked: Bool
    }

    /// The key id: the first 12 hex digits of the stored hash.
    public static func keyID(_ sha: String) -> String { String(sha.lowercased().prefix(12)) }

    public static func list(_ existing: JSONValue?, data: StoreData) -> [Listed] {
        (existing?.arrayValue ?? []).compactMap { record in
            guard let sha = record["key_sha256"]?.stringValue else { return nil }
            var userText = record["user_id"]?.stringValue ?? "-"
            if let uuid = record["user_id"]?.stringValue.flatMap(UUID128.init), let user = data.user(id: uuid) {
                userText = user.publicID + (user.email.map { " <\($0)>" } ?? "")
            }
            var workspaceText = record["workspace_id"].map { JSON.string($0) } ?? "-"
            if let id = record["workspace_id"]?.integerValue, let workspace = data.workspace(id: id) {
                workspaceText = "\(workspace.id) (\(workspace.publicID))"
            }
            return Listed(id: keyID(sha), label: record["label"]?.stringValue ?? "", user: userText,
                          workspace: workspaceText, revoked: record["revoked"]?.boolValue ?? false)
        }
    }

    /// The `api_keys` array with every record whose hash starts with `keyID` (at least 6 hex digits,
    /// naming one key) marked revoked; also returns whether it already was.
    public static func revoking(_ keyID: String, in existing: JSONValue?) throws(KeyError) -> (records: [JSONValue], alreadyRevoked: Bool) {
        let wanted = keyID.lowercased()
        guard wanted.utf8.count >= 6, wanted.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }) else {
            throw KeyError("a KEY-ID is the first 12 hex digits of the key's hash, as `stats-mcp keys list` shows it; got \(keyID)")
        }
        var records = existing?.arrayValue ?? []
        let hashes = Set(records.compactMap { $0["key_sha256"]?.stringValue?.lowercased() }.filter { $0.hasPrefix(wanted) })
        guard !hashes.isEmpty else { throw KeyError("no key \(keyID) in this store (`stats-mcp keys list` shows the keys)") }
        guard hashes.count == 1 else { throw KeyError("\(keyID) names \(hashes.count) keys; give more digits") }
        var already = true
        for i in records.indices {
            guard case var .object(record) = records[i], record["key_sha256"]?.stringValue?.lowercased() == hashes.first else { continue }
            if record["revoked"]?.boolValue != true { already = false }
            record["revoked"] = true
            records[i] = .object(record)
        }
        return (records, already)
    }

    /// The `api_keys` value as written back: one record per line.
    public static func text(_ records: [JSONValue]) -> [UInt8] {
        guard !records.isEmpty else { return Array("[]".utf8) }
        var out = Array("[\n".utf8)
        for (i, record) in records.enumerated() {
            if i > 0 { out += Array(",\n".utf8) }
            out += JSON.bytes(record)
        }
        out += Array("\n]".utf8)
        return out
    }
}
