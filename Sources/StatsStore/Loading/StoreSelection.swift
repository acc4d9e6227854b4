import StatsCore
import StatsJSON

/// Which campaign and snapshot records of a base document the loader serves, by array position, so
/// compaction folds each journal op into exactly that record (SPEC §9, §11 "first valid wins").
///
/// It runs the loader's own first pass (`StoreLoader.readDocument`, reading only `workspaces`,
/// `campaigns` and `weekly_snapshots`) and the loader's own selection functions
/// (`WorkspaceRecords.select`, `CampaignRecords.select`, `SnapshotRecords.select`): there is no second
/// copy of the rules to drift.
struct StoreSelection {
    /// Served campaigns: id → position in the (last) top-level `campaigns` array.
    var campaignOrdinal: [UUID128: Int] = [:]
    /// Served snapshots: (campaign id, week) → position in the (last) `weekly_snapshots` array.
    var snapshotOrdinal: [SnapshotTarget: Int] = [:]
    /// The loader keeps the LAST occurrence of a duplicated top-level key: 1-based index of the
    /// occurrence whose records are served (0 = the key is absent).
    var campaignsOccurrence = 0
    var snapshotsOccurrence = 0

    struct SnapshotTarget: Hashable {
        var campaign: UUID128
        var week: Day
    }

    func servesCampaign(_ id: UUID128) -> Bool { campaignOrdinal[id] != nil }

    /// Throws `JSONParseError` for a document the loader cannot parse, `StoreLoadError.format` when its
    /// top level is not an object.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) throws -> StoreSelection {
        var raw = RawStore()
        raw.selectionOnly = true
        try StoreLoader.readDocument(bytes, into: &raw)
        var ignored: [StoreProblem] = []
        let workspaces = Set(WorkspaceRecords.select(raw.workspaces, problems: &ignored).map(\.id))
        let campaigns = CampaignRecords.select(raw.campaigns, workspaceExists: { workspaces.contains($0) }, problems: &ignored)
        var out = StoreSelection()
        out.campaignsOccurrence = raw.campaignsOccurrences
        out.snapshotsOccurrence = raw.snapshotsOccurrences
        var index: [UUID128: Int] = [:]
        for (k, c) in campaigns.enumerated() {
            out.campaignOrdinal[c.id] = c.ordinal
            index[c.id] = k
        }
        let snapshots = SnapshotRecords.select(
            raw.snapshots, campaignIndex: { index[$0] }, campaignCount: campaigns.count, problems: &ignored)
        for s in snapshots {
            out.snapshotOrdinal[SnapshotTarget(campaign: campaigns[s.campaign].id, week: s.week)] = s.ordinal
        }
        return out
    }
}
