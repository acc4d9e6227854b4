import StatsCore
import StatsJSON

/// `aliases[]` (SPEC §2): short links owned by a user; counted per (workspace, user).
enum AliasRecords {
    static let shape = RecordShape(array: "aliases", noun: "alias", [
        FieldRule("id", .string, .nullable),
        FieldRule("workspace_id", .integer, .required),
        FieldRule("user_id", .string, .nullable),
        FieldRule("slug", .string, .nullable),
    ])
}

extension RawStore {
    mutating func buildAliases(_ ws: LoadedWorkspaces) -> [WorkspaceUser: Int] {
        var aliasCounts: [WorkspaceUser: Int] = [:]
        var aliasIDs = Set<UUID128>()
        for (o, i) in aliases {
            guard conforms(o, i, AliasRecords.shape) else { continue }
            guard let wsID = o["workspace_id"]?.integerValue, ws.byID[wsID] != nil else {
                problem(AliasRecords.shape.path(i), "unknown or malformed workspace_id; ignored")
                continue
            }
            if let id = o["id"]?.stringValue.flatMap(UUID128.init) {
                guard aliasIDs.insert(id).inserted else {
                    problem(AliasRecords.shape.path(i) + ".id", "duplicate alias id; the first one wins")
                    continue
                }
            }
            if let user = o["user_id"]?.stringValue.flatMap(UUID128.init) {
                aliasCounts[WorkspaceUser(workspaceID: wsID, userID: user), default: 0] += 1
            }
        }
        aliases = []
        return aliasCounts
    }
}
