import StatsCore
import StatsJSON

/// `api_keys[]` (SPEC §2, §3): SHA-256 of a key, bound to a user in a workspace. Declared here once.
enum APIKeyRecords {
    static let shape = RecordShape(array: "api_keys", noun: "key", [
        FieldRule("key_sha256", .string, .required),
        FieldRule("user_id", .string, .nullable),
        FieldRule("workspace_id", .integer, .nullable),
        FieldRule("label", .string, .nullable),
        FieldRule("revoked", .boolean, .nullable),
    ])
}

extension RawStore {
    /// Keys by stored hash. A key bound to an unknown user or workspace is kept (it answers
    /// `unauthorized` like an unknown key); a wrong-typed one is ignored (the same answer).
    mutating func buildAPIKeys(_ ws: LoadedWorkspaces, _ people: LoadedUsers) -> [String: APIKey] {
        var keys: [String: APIKey] = [:]
        for (o, i) in apiKeys {
            let path = APIKeyRecords.shape.path(i)
            guard conforms(o, i, APIKeyRecords.shape), let sha = o["key_sha256"]?.stringValue else { continue }
            if keys[sha] != nil {
                problem(path, "duplicate key_sha256; the first one wins")
                continue
            }
            let userID = o["user_id"]?.stringValue.flatMap(UUID128.init)
            let wsID = o["workspace_id"]?.integerValue
            let key = APIKey(userID: userID, workspaceID: wsID, revoked: o["revoked"]?.boolValue ?? false)
            if let u = userID.flatMap({ people.byID[$0] }), let w = wsID, ws.byID[w] != nil {
                if !people.list[u].workspaceIDs.contains(w) {
                    problem(path, "bound to a user who is not linked to workspace \(w); the key is unauthorized")
                }
            } else {
                problem(path, "bound to an unknown user or workspace; the key is unauthorized")
            }
            keys[sha] = key
        }
        apiKeys = []
        return keys
    }
}
