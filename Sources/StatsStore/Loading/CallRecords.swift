import StatsCore
import StatsJSON

/// `call_batches[]` (SPEC §2): batches of AI phone calls; `created_at` / `completed_at` are echoed.
enum CallBatchRecords {
    static let shape = RecordShape(array: "call_batches", noun: "batch", [
        FieldRule("id", .uuid, .required),
        FieldRule("workspace_id", .integer, .required),
        FieldRule("campaign_id", .string, .nullable),
        FieldRule("status", .string, .nullable),
        FieldRule("created_at", .timestamp, .nullable),
        FieldRule("completed_at", .timestamp, .nullable),
    ])
}

/// `calls[]` (SPEC §2): streamed; counted per batch and status.
enum CallRecords {
    static let id: StaticString = "id"
    static let batchID: StaticString = "batch_id"
    static let status: StaticString = "status"

    static let shape = RecordShape(array: "calls", noun: "call", [
        FieldRule("\(id)", .string, .nullable),
        FieldRule("\(batchID)", .uuid, .required),
        FieldRule("\(status)", .string, .nullable),
    ])

    /// `calls[].status` values (SPEC §2) in `RawCall.status` order; anything else is 4 ("other").
    static let statuses = ["pending", "in_progress", "completed", "failed"]
}

struct RawCall {
    var batch: UUID128
    var status: UInt8  // index in `CallRecords.statuses`, 4 = other
    var id: UUID128?
    var ordinal: Int32  // index in the file's array, for `check`
}

extension RawStore {
    mutating func readCalls(_ r: inout RecordReader) throws {
        try stream(&r, CallRecords.shape.array) { me, rr, i in
            var batch: UUID128?
            var id: UUID128?
            var status: UInt8 = 4
            var wrong: StaticString?
            try rr.members { rr, key, _ in
                if rr.keyIs(key, CallRecords.batchID) {
                    if case let .value(u) = try rr.uuid() { batch = u }
                } else if rr.keyIs(key, CallRecords.id) {
                    switch try rr.uuidRef() {
                    case let .value(u): id = u
                    case .null: break
                    case .invalid: wrong = CallRecords.id
                    }
                } else if rr.keyIs(key, CallRecords.status) {
                    switch try rr.stringField() {
                    case let .value(s): status = CallRecords.statuses.firstIndex(of: s).map { UInt8($0) } ?? 4
                    case .null: break
                    case .invalid: wrong = CallRecords.status
                    }
                } else {
                    try rr.skip()
                }
            }
            let path = CallRecords.shape.path(i)
            if let wrong {
                me.problem(path + ".\(wrong)", "wrong type; expected a string or null; the call is ignored")
                return
            }
            guard let batch else {
                me.problem(path, "missing or malformed batch_id; ignored")
                return
            }
            me.calls.append(RawCall(batch: batch, status: status, id: id, ordinal: Int32(truncatingIfNeeded: i)))
        }
    }

    /// Call batches per workspace (newest `created_at` first, ties by id), with their calls counted.
    mutating func buildCallBatches(_ ws: LoadedWorkspaces) -> [Int64: [CallBatch]] {
        var batchList: [CallBatch] = []
        var batchByID: [UUID128: Int] = [:]
        for (o, i) in batches {
            let path = CallBatchRecords.shape.path(i)
            guard conforms(o, i, CallBatchRecords.shape),
                let id = o["id"]?.stringValue.flatMap(UUID128.init), let wsID = o["workspace_id"]?.integerValue
            else { continue }
            guard ws.byID[wsID] != nil else {
                problem(path + ".workspace_id", "unknown workspace; ignored")
                continue
            }
            guard batchByID[id] == nil else {
                problem(path, "duplicate batch id; the first one wins")
                continue
            }
            let created = o["created_at"] ?? .null
            batchByID[id] = batchList.count
            batchList.append(
                CallBatch(
                    id: id, workspaceID: wsID, campaignID: o["campaign_id"]?.stringValue.flatMap(UUID128.init),
                    status: o["status"]?.stringValue ?? "", createdAtRaw: created, completedAtRaw: o["completed_at"] ?? .null,
                    createdAt: created.stringValue.flatMap(Instant.parse)))
        }
        batches = []
        var callIDs = Set<UUID128>()
        var ignoredCalls = CappedProblems(array: CallRecords.shape.array)
        for call in calls {
            guard let b = batchByID[call.batch] else {
                ignoredCalls.add(call.ordinal, "batch_id", "unknown batch; ignored")
                continue
            }
            if let id = call.id, !callIDs.insert(id).inserted {
                ignoredCalls.add(call.ordinal, "id", "duplicate call id; the first one wins")
                continue
            }
            batchList[b].totalCalls += 1
            switch call.status {
            case 0: batchList[b].pending += 1
            case 1: batchList[b].inProgress += 1
            case 2: batchList[b].completed += 1
            case 3: batchList[b].failed += 1
            default: break
            }
        }
        problems += ignoredCalls.problems
        calls = []
        var batchesByWorkspace: [Int64: [CallBatch]] = [:]
        for b in batchList { batchesByWorkspace[b.workspaceID, default: []].append(b) }
        for (k, list) in batchesByWorkspace {
            batchesByWorkspace[k] = list.sorted { a, b in
                let ta = a.createdAt?.nanoseconds ?? Int64.min
                let tb = b.createdAt?.nanoseconds ?? Int64.min
                if ta != tb { return ta > tb }
                return a.id < b.id
            }
        }
        return batchesByWorkspace
    }
}
