import StatsCore
import StatsJSON

/// `workspaces[]` (SPEC §2): the tenants. Field names and types are declared here once.
enum WorkspaceRecords {
    static let shape = RecordShape(array: "workspaces", noun: "workspace", [
        FieldRule("id", .integer, .required),
        FieldRule("public_id", .string, .required),
        FieldRule("name", .string, .nullable),
        FieldRule("timezone", .string, .nullable),
    ])

    struct Selected {
        var record: JSONObject
        var ordinal: Int
        var id: Int64
        var publicID: String
    }

    /// The workspaces the store serves, in array order: well-typed, and the first of each `id` /
    /// `public_id` (SPEC §11). Shared by the loader and `StoreSelection` (compaction).
    static func select(_ records: [(JSONObject, Int)], problems: inout [StoreProblem]) -> [Selected] {
        var out: [Selected] = []
        var ids = Set<Int64>()
        var publicIDs = Set<String>()
        for (o, i) in records {
            if let violation = shape.violation(o, ordinal: i) {
                problems.append(violation)
                continue
            }
            guard let id = o["id"]?.integerValue, let publicID = o["public_id"]?.stringValue else { continue }
            let path = shape.path(i)
            if !Identifiers.isPublicID(publicID, prefix: "ws") {
                problems.append(StoreProblem(path: path + ".public_id", message: "not a ws_ ULID"))
            }
            if ids.contains(id) || publicIDs.contains(publicID) {
                problems.append(StoreProblem(path: path, message: "duplicate workspace id or public_id; the first one wins"))
                continue
            }
            ids.insert(id)
            publicIDs.insert(publicID)
            out.append(Selected(record: o, ordinal: i, id: id, publicID: publicID))
        }
        return out
    }
}

/// The loaded workspaces and their indexes.
struct LoadedWorkspaces {
    var list: [Workspace] = []
    var byID: [Int64: Int] = [:]
    var byPublic: [String: Int] = [:]
}

extension RawStore {
    mutating func buildWorkspaces() -> LoadedWorkspaces {
        var ws = LoadedWorkspaces()
        for s in WorkspaceRecords.select(workspaces, problems: &problems) {
            let tzName = s.record["timezone"]?.stringValue ?? "UTC"
            var zone = ZoneRules.utc
            var zoneName = tzName
            if let z = ZoneRules.named(tzName) {
                zone = z
            } else {
                problem(WorkspaceRecords.shape.path(s.ordinal) + ".timezone", "unknown time zone \"\(tzName)\"; treated as UTC")
                zoneName = "UTC"  // answers echo the zone actually used
            }
            ws.byID[s.id] = ws.list.count
            ws.byPublic[s.publicID] = ws.list.count
            ws.list.append(
                Workspace(id: s.id, publicID: s.publicID, name: s.record["name"]?.stringValue ?? "", timezone: zoneName, zone: zone))
        }
        workspaces = []
        return ws
    }
}
