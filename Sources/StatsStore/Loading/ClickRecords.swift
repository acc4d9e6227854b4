import StatsCore
import StatsJSON

/// `clicks[]` (SPEC §2): streamed (millions of rows), counted per local day.
enum ClickRecords {
    static let workspaceID: StaticString = "workspace_id"
    static let kind: StaticString = "kind"
    static let at: StaticString = "at"
    static let campaignID: StaticString = "campaign_id"
    static let userID: StaticString = "user_id"
    static let aliasID: StaticString = "alias_id"

    static let shape = RecordShape(array: "clicks", noun: "click", [
        FieldRule("\(workspaceID)", .integer, .required),
        FieldRule("\(kind)", .string, .required),
        FieldRule("\(at)", .timestamp, .required),
        FieldRule("\(campaignID)", .string, .nullable),
        FieldRule("\(userID)", .string, .nullable),
        FieldRule("\(aliasID)", .string, .nullable),
    ])
}

struct RawClick {
    var at: Int64  // seconds
    var workspace: Int64
    var campaign: UUID128
    var user: UUID128
    var kind: UInt8
    var flags: UInt8  // 1 = has campaign, 2 = has user
    var ordinal: Int32  // index in the file's array, for `check`
}

struct LoadedClicks {
    var workspace: [Int64: DailyCounts]
    var campaign: [Int: DailyCounts]
    var user: [WorkspaceUser: DailyCounts]
}

extension RawStore {
    mutating func readClicks(_ r: inout RecordReader) throws {
        try stream(&r, ClickRecords.shape.array) { me, rr, i in
            var workspace: Int64?
            var kind: ClickKind?
            var at: Instant?
            var wrong: StaticString?
            var click = RawClick(
                at: 0, workspace: 0, campaign: UUID128(high: 0, low: 0), user: UUID128(high: 0, low: 0), kind: 0, flags: 0,
                ordinal: Int32(truncatingIfNeeded: i))
            try rr.members { rr, key, _ in
                if rr.keyIs(key, ClickRecords.workspaceID) {
                    workspace = try rr.int()
                } else if rr.keyIs(key, ClickRecords.kind) {
                    kind = try rr.string().flatMap(ClickKind.init(name:))
                } else if rr.keyIs(key, ClickRecords.at) {
                    at = try rr.instant()
                } else if rr.keyIs(key, ClickRecords.campaignID) {
                    switch try rr.uuidRef() {
                    case let .value(u):
                        click.campaign = u
                        click.flags |= 1
                    case .null: break
                    case .invalid: wrong = ClickRecords.campaignID
                    }
                } else if rr.keyIs(key, ClickRecords.userID) {
                    switch try rr.uuidRef() {
                    case let .value(u):
                        click.user = u
                        click.flags |= 2
                    case .null: break
                    case .invalid: wrong = ClickRecords.userID
                    }
                } else if rr.keyIs(key, ClickRecords.aliasID) {
                    if case .invalid = try rr.uuidRef() { wrong = ClickRecords.aliasID }
                } else {
                    try rr.skip()
                }
            }
            let path = ClickRecords.shape.path(i)
            if let wrong {
                me.problem(path + ".\(wrong)", "wrong type; expected a UUID string or null; the click is ignored")
                return
            }
            guard let workspace, let kind, let at else {
                me.problem(path, "missing or malformed workspace_id, kind or at; ignored")
                return
            }
            click.workspace = workspace
            click.kind = UInt8(kind.rawValue)
            click.at = at.seconds
            me.clicks.append(click)
        }
    }

    /// Clicks per local day in the click's workspace time zone.
    mutating func buildClicks(_ ws: LoadedWorkspaces, _ camps: LoadedCampaigns) -> LoadedClicks {
        var wsEvents: [Int64: [(day: Int32, kind: Int)]] = [:]
        var campaignEvents: [Int: [(day: Int32, kind: Int)]] = [:]
        var userEvents: [WorkspaceUser: [(day: Int32, kind: Int)]] = [:]
        var ignoredClicks = CappedProblems(array: ClickRecords.shape.array)
        for click in clicks {
            guard let w = ws.byID[click.workspace] else {
                ignoredClicks.add(click.ordinal, "workspace_id", "unknown workspace \(click.workspace); ignored")
                continue
            }
            let day = Int32(clamping: ws.list[w].zone.localDay(utcSeconds: click.at).number)
            let event = (day: day, kind: Int(click.kind))
            wsEvents[click.workspace, default: []].append(event)
            if click.flags & 1 != 0, let c = camps.byID[click.campaign], camps.list[c].workspaceID == click.workspace {
                campaignEvents[c, default: []].append(event)
            }
            if click.flags & 2 != 0 {
                userEvents[WorkspaceUser(workspaceID: click.workspace, userID: click.user), default: []].append(event)
            }
        }
        problems += ignoredClicks.problems
        clicks = []
        let kinds = ClickKind.allCases.count
        return LoadedClicks(
            workspace: wsEvents.mapValues { DailyCounts(kinds: kinds, events: $0) },
            campaign: campaignEvents.mapValues { DailyCounts(kinds: kinds, events: $0) },
            user: userEvents.mapValues { DailyCounts(kinds: kinds, events: $0) })
    }
}
