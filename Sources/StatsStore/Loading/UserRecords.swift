import StatsCore
import StatsJSON

/// `users[]` (SPEC §2): people, linked to workspaces. Field names and types are declared here once.
enum UserRecords {
    static let shape = RecordShape(array: "users", noun: "user", [
        FieldRule("id", .uuid, .required),
        FieldRule("public_id", .string, .required),
        FieldRule("name", .string, .nullable),
        FieldRule("email", .string, .nullable),
        FieldRule("workspace_ids", .array, .nullable),
    ])
}

struct LoadedUsers {
    var list: [User] = []
    var byID: [UUID128: Int] = [:]
    var byPublic: [String: Int] = [:]
}

extension RawStore {
    mutating func buildUsers(_ ws: LoadedWorkspaces) -> LoadedUsers {
        var people = LoadedUsers()
        for (o, i) in users {
            let path = UserRecords.shape.path(i)
            guard conforms(o, i, UserRecords.shape),
                let id = o["id"]?.stringValue.flatMap(UUID128.init), let publicID = o["public_id"]?.stringValue
            else { continue }
            if people.byID[id] != nil || people.byPublic[publicID] != nil {
                problem(path, "duplicate user id or public_id; the first one wins")
                continue
            }
            var linked: [Int64] = []
            for (k, w) in (o["workspace_ids"]?.arrayValue ?? []).enumerated() {
                guard let wid = w.integerValue else {
                    problem(path + ".workspace_ids[\(k)]", "not an integer; ignored")
                    continue
                }
                if ws.byID[wid] == nil {
                    problem(path + ".workspace_ids[\(k)]", "unknown workspace \(wid); ignored")
                } else if !linked.contains(wid) {
                    linked.append(wid)
                }
            }
            people.byID[id] = people.list.count
            people.byPublic[publicID] = people.list.count
            people.list.append(
                User(id: id, publicID: publicID, name: o["name"]?.stringValue, email: o["email"]?.stringValue, workspaceIDs: linked))
        }
        users = []
        return people
    }
}
