import StatsCore
import StatsJSON
import StatsStore

/// SPEC §5.4: weekly counter deltas (from weekly snapshots) and all-time counters, per channel, of
/// the caller's campaigns in the session workspace.
public struct AnalyticsGetDashboard: Tool {
    public init() {}

    public let name = "analytics_get_dashboard"
    public let title = "Weekly campaign dashboard"
    public let description = """
        Weekly growth and all-time totals of your campaigns here, per channel, from weekly snapshots of cumulative \
        stats. weekly: per Monday, each counter's increase (may be negative). \
        allTime: current stats summed. campaigns: first 25 by name; campaigns_total counts all. Narrow with \
        campaign_ids (a comma-separated string is accepted too), type, range (other values mean all). Clicks: \
        stats_get_workspace_overview; funnels: analytics_get_campaign_analytics.
        """

    public let arguments: [ArgumentSpec] = [
        ArgumentSpec("campaign_ids", .campaignRefList, description: "Campaigns you own. Omitted: all.", example: "[\"cp_01kky66tzq5p847eh2tkbc4xyn\"]"),
        ArgumentSpec("range", .text, description: "all (default), 12w, 26w or 52w.", example: "\"12w\"", default: "all"),
        ArgumentSpec("type", .oneOf(channels), description: "", example: "\"email\""),
    ]

    /// At most this many `campaigns` are listed (SPEC §5.4); `campaigns_total` counts them all.
    static let campaignCap = 25
    static let channels = ["linkedin", "email", "call"]
    static let ranges: [(range: WeekRange, weeks: Int)] = [(.w12, 12), (.w26, 26), (.w52, 52)]

    public func answer(_ args: Arguments, _ context: ToolContext) throws(ToolError) -> Output {
        let data = context.data
        let userID = context.session.user.id
        let requested = (args["campaign_ids"]?.arrayValue ?? []).compactMap(\.stringValue)

        // Scope: the caller's campaigns of the session workspace, or exactly the listed ones.
        var scope: [Campaign] = []
        if requested.isEmpty {
            for i in data.campaignsByWorkspace[context.workspaceID] ?? [] where data.campaigns[i].ownerID == userID {
                scope.append(data.campaigns[i])
            }
        } else {
            var seen = Set<Int>()
            var missing: [String] = []
            var missingSet = Set<String>()
            for reference in requested {
                let found: Campaign?
                if Identifiers.isUUID(reference), let uuid = UUID128(reference) {
                    found = data.campaign(id: uuid)
                } else {
                    found = data.campaign(publicID: reference)
                }
                guard let campaign = found, campaign.workspaceID == context.workspaceID, campaign.ownerID == userID else {
                    if missingSet.insert(reference).inserted { missing.append(reference) }  // linear (issue 17 #3)
                    continue
                }
                if seen.insert(campaign.index).inserted { scope.append(campaign) }
            }
            if !missing.isEmpty { throw Messages.campaignsNotFound(missing, field: "campaign_ids") }
        }
        // `type` applies after the `campaign_ids` checks: a listed campaign of another type drops out.
        if let type = args.string("type") { scope = scope.filter { Identifiers.sameBytes($0.type, type) } }
        scope = Self.byName(scope, in: data)

        // Range: exact match, anything else is `all`.
        let rangeText = args.string("range") ?? "all"
        var applied = WeekRange.all
        var cutoff: Day?
        if let match = Self.ranges.first(where: { Identifiers.sameBytes($0.range.rawValue, rangeText) }) {
            applied = match.range
            cutoff = context.today.monday.adding(-7 * (match.weeks - 1))
        }

        // Weekly deltas over the whole history (the range trims the output only), summed per week and
        // channel over integer key ids; `allTime` sums the campaigns' current stats.
        let inChannel = scope.filter { Self.channels.contains($0.type) }
        let (packed, names) = data.packedSnapshotDeltas(inChannel.map(\.index))
        var weeks = WeekTable(packed, nameCount: names.count)
        var allTime = [CounterSums](repeating: CounterSums(), count: 3)
        for (campaign, deltas) in zip(inChannel, packed) {
            guard let channel = Self.channels.firstIndex(of: campaign.type) else { continue }  // filtered above
            weeks.add(deltas, channel: channel)
            for member in campaign.stats ?? JSONObject() where !Identifiers.sameBytes(member.key, "total") {
                if let value = member.value.integerValue { allTime[channel].add(member.key, Int128(value)) }
            }
        }

        let weekly: [Week] = weeks.days.indices.sorted { weeks.days[$0] < weeks.days[$1] }
            .filter { slot in cutoff.map { weeks.days[slot] >= $0 } ?? true }
            .map { slot in
                Week(
                    weekStart: WeekStart(day: weeks.days[slot]), linkedin: weeks.counters(slot, 0, names),
                    email: weeks.counters(slot, 1, names), call: weeks.counters(slot, 2, names))
            }
        return Output(
            weekly: weekly,
            allTime: Channels(linkedin: Counters(allTime[0]), email: Counters(allTime[1]), call: Counters(allTime[2])),
            campaigns: CampaignList(items: scope.prefix(Self.campaignCap).map { campaign in
                CampaignRow(id: campaign.id.description, publicID: campaign.publicID, name: campaign.name, type: campaign.type, status: campaign.status)
            }),
            campaignsTotal: Int64(scope.count),
            range: applied)
    }

    /// Campaigns ordered by name (SPEC §11: `String <`, null names last), then id — from the order
    /// the store keeps per workspace.
    static func byName(_ campaigns: [Campaign], in data: StoreData) -> [Campaign] {
        data.orderedByName(campaigns.map(\.index)).map { data.campaigns[$0] }
    }

    /// Weekly sums per channel and counter name, in one flat table `cells[(slot * 3 + channel) *
    /// keyCount + local key]`, with each (week, channel)'s keys listed in first-contribution order.
    /// Name ids of the shared name table are first renumbered densely over the keys this call uses.
    struct WeekTable {
        private(set) var days: [Day] = []
        private var keyCount = 0
        private var local: [Int32]  // name id → dense id, -1 when unused
        private var nameOf: [Int32] = []  // dense id → name id
        private var cells: [Int128] = []
        private var order: [[Int32]] = []  // dense ids per (slot, channel)
        private var slotByDay: [Int: Int] = [:]
        // Fast path: slots indexed by day offset when the weeks span a reasonable range.
        private var firstDay = 0
        private var slotByOffset: [Int32] = []

        init(_ packed: [PackedDeltas], nameCount: Int) {
            local = Array(repeating: -1, count: nameCount)
            var lo = Int.max, hi = Int.min
            for p in packed {
                if let f = p.groups.first { lo = min(lo, f.week.number) }
                if let l = p.groups.last { hi = max(hi, l.week.number) }
                for key in p.keys where local[Int(key)] < 0 {
                    local[Int(key)] = Int32(nameOf.count)
                    nameOf.append(key)
                }
            }
            keyCount = nameOf.count
            if lo <= hi, hi - lo < 20_000 {
                firstDay = lo
                slotByOffset = Array(repeating: -1, count: hi - lo + 1)
            }
        }

        private mutating func slot(_ day: Day) -> Int {
            if !slotByOffset.isEmpty {
                let s = Int(slotByOffset[day.number - firstDay])
                if s >= 0 { return s }
                slotByOffset[day.number - firstDay] = Int32(days.count)
            } else if let s = slotByDay[day.number] {
                return s
            } else {
                slotByDay[day.number] = days.count
            }
            days.append(day)
            cells.append(contentsOf: repeatElement(0, count: 3 * keyCount))
            order.append(contentsOf: [[], [], []])
            return days.count - 1
        }

        mutating func add(_ deltas: PackedDeltas, channel: Int) {
            for group in deltas.groups {
                let row = slot(group.week) * 3 + channel
                let base = row * keyCount
                for k in group.range {
                    let key = local[Int(deltas.keys[k])]
                    // Presence is recorded in `order`; a non-zero cell is present already.
                    if cells[base + Int(key)] == 0, !order[row].contains(key) { order[row].append(key) }
                    cells[base + Int(key)] += deltas.deltas[k]
                }
            }
        }

        func counters(_ slot: Int, _ channel: Int, _ names: [String]) -> Counters {
            let row = slot * 3 + channel
            return Counters(sums: OutputMap(order[row].map { key in
                (names[Int(nameOf[Int(key)])], CounterSum(value: cells[row * keyCount + Int(key)]))
            }))
        }
    }
}

extension AnalyticsGetDashboard {
    /// The dashboard: weekly deltas and all-time sums per channel, and the campaigns they cover.
    public struct Output: OutputObject {
        public var weekly: [Week]
        public var allTime: Channels
        public var campaigns: CampaignList
        public var campaignsTotal: Int64
        public var range: WeekRange

        public static let fields: [OutputField<Self>] = [
            .init("weekly", \.weekly), .init("allTime", \.allTime), .init("campaigns", \.campaigns),
            .init("campaigns_total", \.campaignsTotal, description: "Campaigns in scope."), .init("range", \.range),
        ]
    }

    /// The range applied: an exact `range` argument, else `all`.
    public enum WeekRange: String, OutputEnum {
        case all
        case w12 = "12w"
        case w26 = "26w"
        case w52 = "52w"
    }

    /// One week's counter increases per channel.
    public struct Week: OutputObject {
        public var weekStart: WeekStart
        public var linkedin: Counters
        public var email: Counters
        public var call: Counters

        public static let fields: [OutputField<Self>] = [
            .init("week_start", \.weekStart), .init("linkedin", \.linkedin), .init("email", \.email), .init("call", \.call),
        ]
    }

    /// A week's Monday, `YYYY-MM-DD` (`format: date` in the schema).
    public struct WeekStart: OutputValue {
        public var day: Day

        public static var schema: JSONValue { ["type": "string", "format": "date"] }
        public var json: JSONValue { day.json }
    }

    /// The current stats summed per channel.
    public struct Channels: OutputObject {
        public var linkedin: Counters
        public var email: Counters
        public var call: Counters

        public static let fields: [OutputField<Self>] = [.init("linkedin", \.linkedin), .init("email", \.email), .init("call", \.call)]
    }

    /// Counter name to its sum, in first-contribution order (written once under `$defs` as `Counters`).
    public struct Counters: OutputValue {
        public var sums: OutputMap<CounterSum>

        init(sums: OutputMap<CounterSum>) { self.sums = sums }

        init(_ sums: CounterSums) { self.sums = OutputMap(zip(sums.keys, sums.values).map { ($0, CounterSum(value: $1)) }) }

        public static var schema: JSONValue {
            [
                "title": "Counters", "type": "object", "additionalProperties": CounterSum.schema,
                "description": "Counter name (e.g. sent, replied, connection_sent) to its value; {} when nothing contributed.",
            ]
        }
        public var json: JSONValue { sums.json }
    }

    /// A summed counter: an exact integer when it fits in Int64, else the nearest (integral) double.
    public struct CounterSum: OutputValue {
        public var value: Int128

        public static var schema: JSONValue { ["type": "integer"] }
        public var json: JSONValue { CounterSums.number(value) }
    }

    /// The first `campaignCap` campaigns in scope, by name.
    public struct CampaignList: OutputValue {
        public var items: [CampaignRow]

        public static var schema: JSONValue { ["type": "array", "maxItems": .int(Int64(campaignCap)), "items": CampaignRow.schema] }
        public var json: JSONValue { items.json }
    }

    /// A campaign in scope.
    public struct CampaignRow: OutputObject {
        public var id: String
        public var publicID: String
        public var name: String?
        public var type: String
        public var status: String

        public static let fields: [OutputField<Self>] = [
            .init("id", \.id), .init("public_id", \.publicID), .init("name", \.name), .init("type", \.type), .init("status", \.status),
        ]
    }
}
