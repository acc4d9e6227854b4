import StatsCore
import StatsJSON

/// `campaigns[]` (SPEC §2): the records `campaigns_get` and `campaigns_sync_stats` echo as stored, so
/// every field an outputSchema names is checked here (SPEC §11: a wrong-typed record is ignored).
enum CampaignRecords {
    static let shape = RecordShape(array: "campaigns", noun: "campaign", [
        FieldRule("id", .uuid, .required),
        FieldRule("public_id", .string, .required),
        FieldRule("workspace_id", .integer, .required),
        FieldRule("user_id", .string, .nullable),
        FieldRule("type", .string, .required),
        FieldRule("name", .string, .nullable),
        FieldRule("status", .string, .required),
        FieldRule("paused_reason", .string, .optional),
        FieldRule("daily_limit", .integer, .nullable),
        FieldRule("stop_on_reply", .boolean, .nullable),
        FieldRule("open_tracking", .boolean, .nullable),
        FieldRule("signature", .string, .nullable),
        FieldRule("skip_other_campaigns", .boolean, .nullable),
        FieldRule("operating_hours", .object, .nullable),
        FieldRule("stats", .object, .optional),
        FieldRule("created_at", .timestamp, .nullable),
        FieldRule("updated_at", .timestamp, .nullable),
        FieldRule("last_synced_at", .timestamp, .nullable),
        FieldRule("sender_accounts", .array, .nullable),
        FieldRule("assignee_ids", .array, .nullable),
    ])

    struct Selected {
        var record: JSONObject
        var ordinal: Int
        var id: UUID128
        var publicID: String
        var workspaceID: Int64
    }

    /// THE record-selection rule for campaigns (SPEC §9, §11), used by the loader and by compaction
    /// (`StoreSelection`), so a journal op is folded into exactly the record a fresh load serves:
    /// in array order, a record is served when it is well-typed (`shape`), its workspace exists, and no
    /// earlier served record has its `id` or `public_id` ("first valid wins"). Ignored records are
    /// reported and never receive an op.
    static func select(_ records: [(JSONObject, Int)], workspaceExists: (Int64) -> Bool,
                       problems: inout [StoreProblem]) -> [Selected]
    {
        var out: [Selected] = []
        var ids = Set<UUID128>()
        var publicIDs = Set<String>()
        for (o, i) in records {
            if let violation = shape.violation(o, ordinal: i) {
                problems.append(violation)
                continue
            }
            guard let id = o["id"]?.stringValue.flatMap(UUID128.init), let publicID = o["public_id"]?.stringValue,
                let wsID = o["workspace_id"]?.integerValue
            else { continue }
            let path = shape.path(i)
            guard workspaceExists(wsID) else {
                problems.append(StoreProblem(
                    path: path + ".workspace_id", message: "unknown workspace \(wsID); the campaign and its records are ignored"))
                continue
            }
            if ids.contains(id) || publicIDs.contains(publicID) {
                problems.append(StoreProblem(path: path, message: "duplicate campaign id or public_id; the first one wins"))
                continue
            }
            ids.insert(id)
            publicIDs.insert(publicID)
            out.append(Selected(record: o, ordinal: i, id: id, publicID: publicID, workspaceID: wsID))
        }
        return out
    }

    /// Re-derives a campaign's query fields from its (changed) record; identity fields stay.
    static func refresh(_ campaign: Campaign, record: JSONObject) -> Campaign {
        var c = campaign
        c.record = record
        c.type = record["type"]?.stringValue ?? c.type
        c.name = record["name"]?.stringValue
        c.status = record["status"]?.stringValue ?? c.status
        c.createdAt = record["created_at"]?.stringValue.flatMap(Instant.parse)
        c.ownerID = record["user_id"]?.stringValue.flatMap(UUID128.init)
        c.assigneeIDs = (record["assignee_ids"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(UUID128.init) }
        return c
    }
}

extension StoreLoader {
    /// Re-derives a campaign's query fields from its (changed) record; identity fields stay.
    static func refreshCampaign(_ campaign: Campaign, record: JSONObject) -> Campaign {
        CampaignRecords.refresh(campaign, record: record)
    }
}

struct LoadedCampaigns {
    var list: [Campaign] = []
    var byID: [UUID128: Int] = [:]
    var count: Int { list.count }
}

extension RawStore {
    mutating func buildCampaigns(_ ws: LoadedWorkspaces, _ people: LoadedUsers) -> LoadedCampaigns {
        var camps = LoadedCampaigns()
        for s in CampaignRecords.select(campaigns, workspaceExists: { ws.byID[$0] != nil }, problems: &problems) {
            let base = Campaign(
                index: camps.list.count, id: s.id, publicID: s.publicID, workspaceID: s.workspaceID, ownerID: nil, type: "",
                name: nil, status: "", createdAt: nil, assigneeIDs: [], record: s.record)
            let c = CampaignRecords.refresh(base, record: s.record)
            if let owner = c.ownerID, people.byID[owner] == nil {
                problem(CampaignRecords.shape.path(s.ordinal) + ".user_id", "unknown owner; shown as null")
            }
            camps.byID[s.id] = c.index
            camps.list.append(c)
        }
        campaigns = []
        return camps
    }
}
