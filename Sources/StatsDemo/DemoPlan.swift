import StatsCore

/// Everything about the demo store except the bulk records (prospects, activities, clicks,
/// calls), which are derived from this plan while streaming. Building the plan is cheap
/// (a few thousand small records even at `large`).
struct DemoPlan: Sendable {
    // MARK: Fixed calendar

    static let anchorDay = Civil.days(2026, 11, 20)
    static let anchorMonday = anchorDay - (Civil.isoWeekday(anchorDay) - 1)
    static let snapshotWeeks = 26
    static let firstSnapshotMonday = anchorMonday - 7 * (snapshotWeeks - 1)
    /// Instant of the first weekly capture (Monday 00:05 UTC).
    static let firstCapture = firstSnapshotMonday * 86_400 + 300
    /// Clicks span about 18 months, up to the anchor day.
    static let clickDays = 548

    // MARK: Contents

    let seed: UInt64
    let scale: DemoScale
    let prospectTotal: Int
    let clickTotal: Int
    let ids: IDFactory
    let workspaces: [Workspace]
    let users: [User]
    let apiKeys: [APIKey]
    let aliases: [Alias]
    let campaigns: [Campaign]
    let batches: [Batch]
    let callTotal: Int
    let documentedKeys: [DemoKey]

    static let ownerKey = "stats-demo-owner"
    static let analystKey = "stats-demo-analyst"
    static let otherWorkspaceKey = "stats-demo-other-ws"
    static let revokedKey = "stats-demo-revoked"

    init(scale: DemoScale, seed: UInt64) {
        self.seed = seed
        self.scale = scale
        let n = scale.prospectCount
        prospectTotal = n
        clickTotal = 5 * n
        let ids = IDFactory(seed: seed)
        self.ids = ids
        var rng = DemoRNG(seed: seed, stream: 0x504C_414E)   // "PLAN"
        let anchor = DemoPlan.anchorDay

        // Workspaces ------------------------------------------------------------------------
        let wsTable: [(String, String, Int, String, Double, Int)] = [
            ("Northwind Demo", "UTC", 0, "northwind.test", 0.45, 44),
            ("Hudson Outreach NYC", "America/New_York", -5 * 3600, "hudson.test", 0.20, 20),
            ("Berliner Vertrieb GmbH", "Europe/Berlin", 3600, "vertrieb.test", 0.20, 18),
            ("Bengaluru Growth Studio", "Asia/Kolkata", 19_800, "growth.test", 0.15, 15),
            ("Café Sandbox ☕", "UTC", 0, "sandbox.test", 0.0, 3),
        ]
        var workspaces: [Workspace] = []
        for (i, w) in wsTable.enumerated() {
            let created = (anchor - 760 + 41 * i) * 86_400 + 9 * 3600 + rng.below(3600)
            workspaces.append(Workspace(
                index: i, id: 340 + i,
                publicID: ids.ulid(.workspace, i, prefix: "ws", unixSeconds: created),
                name: w.0, timezone: w.1, offset: w.2, domain: w.3, campaignWeight: w.4, clickWeight: w.5))
        }
        self.workspaces = workspaces

        // Users -----------------------------------------------------------------------------
        let fixedUsers: [(String, String, [Int])] = [
            ("Ada Park", "ada.park", [0, 1, 2]),
            ("Zoë Müller", "zoe.mueller", [0, 2]),
            ("José Álvarez", "jose.alvarez", [0, 1]),
            ("Priya Raman", "priya.raman", [0, 3]),
            ("Łukasz Nowak", "lukasz.nowak", [2]),
            ("Chloé Dubois", "chloe.dubois", [0, 2, 3]),
            ("Marcus Johnson", "marcus.johnson", [1]),
            ("Aarav Mehta", "aarav.mehta", [3]),
            ("Søren Lund", "soren.lund", [0, 2]),
            ("🚀 Growth Bot", "growth.bot", [0, 1, 2, 3]),
            ("Mei Chen 陈美", "mei.chen", [1, 3]),
            ("Olivia O'Brien", "olivia.obrien", [0, 4]),
        ]
        let firsts: [(String, String)] = [
            ("Liam", "liam"), ("Sofia", "sofia"), ("Noah", "noah"), ("Amélie", "amelie"), ("Mateo", "mateo"),
            ("Hana", "hana"), ("Elif", "elif"), ("Kofi", "kofi"), ("Ingrid", "ingrid"), ("Tomás", "tomas"),
            ("Yuki", "yuki"), ("Nadia", "nadia"), ("Björn", "bjorn"), ("Aisha", "aisha"), ("Diego", "diego"),
            ("Freya", "freya"),
        ]
        let lasts: [(String, String)] = [
            ("García", "garcia"), ("Kowalski", "kowalski"), ("Nakamura", "nakamura"), ("Okafor", "okafor"),
            ("Larsen", "larsen"), ("Rossi", "rossi"), ("Schmidt", "schmidt"), ("Haddad", "haddad"),
            ("Silva", "silva"), ("Novak", "novak"), ("Kim", "kim"), ("Dubois", "dubois"), ("Jensen", "jensen"),
            ("Popescu", "popescu"),
        ]
        var userSpecs = fixedUsers
        let extraUsers = min(400, n / 50_000)
        for i in 0..<extraUsers {
            let f = firsts[i % firsts.count], l = lasts[(i * 5 + i / firsts.count) % lasts.count]
            var wss = [rng.below(4)]
            if rng.chance(0.4) {
                let other = rng.below(4)
                if other != wss[0] { wss.append(other) }
            }
            userSpecs.append(("\(f.0) \(l.0)", "\(f.1).\(l.1).\(i + 1)", wss.sorted()))
        }
        var users: [User] = []
        for (i, u) in userSpecs.enumerated() {
            let created = (anchor - 700 + rng.below(500)) * 86_400 + rng.below(86_400)
            let wss = u.2.sorted()
            users.append(User(
                index: i, id: ids.uuidString(.user, i),
                publicID: ids.ulid(.user, i, prefix: "usr", unixSeconds: created),
                name: u.0, slug: u.1, email: "\(u.1)@\(workspaces[u.2[0]].domain)", workspaces: wss))
        }
        self.users = users
        var wsUsers = [[Int]](repeating: [], count: workspaces.count)
        for u in users { for w in u.workspaces { wsUsers[w].append(u.index) } }

        // API keys --------------------------------------------------------------------------
        var keys: [APIKey] = [
            APIKey(plain: DemoPlan.ownerKey, user: 0, workspace: 0, label: "demo owner", revoked: false),
            APIKey(plain: DemoPlan.analystKey, user: 1, workspace: 0, label: "demo analyst", revoked: false),
            APIKey(plain: DemoPlan.otherWorkspaceKey, user: 6, workspace: 1, label: "demo other workspace",
                   revoked: false),
            APIKey(plain: DemoPlan.revokedKey, user: 0, workspace: 0, label: "old laptop (revoked)", revoked: true),
        ]
        let labels = ["laptop", "desktop", "ci", "script", "zapier"]
        for u in users {
            for (j, w) in u.workspaces.enumerated() where j < 2 {
                // Keys nobody knows the plain text of: realistic filler.
                let secret = mix64(ids.serial(.keyFiller, u.index * 8 + j))
                keys.append(APIKey(plain: "sk_live_\(String(secret, radix: 36))_\(u.index)_\(w)",
                                   user: u.index, workspace: w, label: labels[rng.below(labels.count)],
                                   revoked: rng.chance(0.05)))
            }
        }
        apiKeys = keys

        // Aliases ---------------------------------------------------------------------------
        var aliases: [Alias] = []
        var userAliases = [[Int]](repeating: [], count: users.count * workspaces.count)
        for u in users {
            for w in u.workspaces {
                let count = u.index == 9 ? 1 : 1 + rng.below(3)
                let base = DemoPlan.dashed(u.slug)
                for k in 0..<count {
                    let i = aliases.count
                    aliases.append(Alias(index: i, id: ids.uuidString(.alias, i), workspace: w, user: u.index,
                                         slug: k == 0 ? base : "\(base)-\(k + 1)"))
                    userAliases[u.index * workspaces.count + w].append(i)
                }
            }
        }
        self.aliases = aliases

        // Campaign skeletons ------------------------------------------------------------------
        struct Skeleton { var ws: Int; var type: Int; var status: Int; var role: Role; var owner: Int? }
        var skeletons: [Skeleton] = [
            Skeleton(ws: 0, type: 0, status: 1, role: .flagship, owner: 0),
            Skeleton(ws: 0, type: 0, status: 1, role: .bounceWatch, owner: 2),
            Skeleton(ws: 0, type: 0, status: 2, role: .bouncePaused, owner: 0),
        ]
        var combo = 0
        for t in 0..<3 {
            for s in 0..<5 where !(t == 0 && (s == 1 || s == 2)) {
                skeletons.append(Skeleton(ws: 0, type: t, status: s, role: .normal,
                                          owner: combo % 2 == 0 ? 0 : nil))
                combo += 1
            }
        }
        for w in 1...3 {
            skeletons.append(Skeleton(ws: w, type: 0, status: 1, role: .normal, owner: nil))
            skeletons.append(Skeleton(ws: w, type: 1, status: 3, role: .normal, owner: nil))
            skeletons.append(Skeleton(ws: w, type: 2, status: 1, role: .normal, owner: nil))
        }
        let campaignCount = max(skeletons.count, 32 + n / 500)
        let wsWeights = workspaces.map(\.campaignWeight)
        while skeletons.count < campaignCount {
            let w = rng.pick(wsWeights)
            let t = rng.pick([0.5, 0.33, 0.17])
            let s = rng.pick([0.12, 0.38, 0.10, 0.25, 0.15])
            skeletons.append(Skeleton(ws: w, type: t, status: s, role: .normal,
                                      owner: w == 0 && rng.chance(0.3) ? 0 : nil))
        }

        // Prospect allocation -----------------------------------------------------------------
        var sizes = [Int](repeating: 0, count: skeletons.count)
        var remaining = n
        func take(_ want: Int) -> Int {
            let v = min(max(0, want), remaining)
            remaining -= v
            return v
        }
        var weights = [Double](repeating: 0, count: skeletons.count)
        for (i, s) in skeletons.enumerated() {
            switch s.role {
            case .flagship: sizes[i] = take(n / 10)
            case .bounceWatch: sizes[i] = take(max(150, n / 500))
            case .bouncePaused: sizes[i] = take(max(120, n / 800))
            case .normal:
                if s.status == 0 {
                    weights[i] = rng.chance(0.5) ? 0 : 0.05
                } else {
                    let u = rng.unit()
                    weights[i] = (0.2 + u * u * u * 8) * (s.type == 2 ? 0.5 : 1)
                }
            }
        }
        let shares = DemoPlan.apportion(remaining, weights)
        for i in 0..<sizes.count where skeletons[i].role == .normal { sizes[i] = shares[i] }

        // Campaign details --------------------------------------------------------------------
        let segments = ["Enterprise", "Mid-Market", "SaaS Founders", "Fintech CFOs", "Café Owners",
                        "Heads of Sales", "DevRel Leads", "Series A Startups", "Retail Chains",
                        "Logistics Managers", "Healthcare IT", "Agencies", "E-commerce Brands", "HR Directors",
                        "Universities", "Real Estate", "Zürich Banks", "Nordic Design Studios",
                        "Restaurants 🍜", "Dentists", "Solar Installers", "München Mittelstand"]
        let prefixes = ["Q1", "Q2", "Q3", "Q4", "Spring", "Summer", "Autumn", "Winter", "Re-engage",
                        "Cold", "Warm", "Event follow-up:", "Webinar:", "Launch:", "Pilot:"]
        let suffixes = [["Outreach", "Sequence", "Nurture", "Follow-ups"],
                        ["Connect", "LinkedIn Touch", "Social Selling"],
                        ["Calls", "Call Sprint", "Dialer Blitz"]]
        let signatures: [String?] = ["Best,\n%first_name%", "Cheers,\n%sender_name%\n%company%",
                                     "Mit freundlichen Grüßen\n%sender_name%", "Thanks — %sender_name%", nil]
        var usedNames = Set<String>()
        var campaigns: [Campaign] = []
        var prospectCursor = 0
        for (i, s) in skeletons.enumerated() {
            let ws = workspaces[s.ws]
            let pool = wsUsers[s.ws]
            let owner = s.owner ?? pool[rng.below(pool.count)]
            var name: String
            switch s.role {
            case .flagship: name = "Q4 Enterprise Outreach"
            case .bounceWatch: name = "Bounce Watch — Purchased List"
            case .bouncePaused: name = "Spring Clean-up (paused: bounces)"
            case .normal:
                name = "\(prefixes[rng.below(prefixes.count)]) \(segments[rng.below(segments.count)]) "
                    + suffixes[s.type][rng.below(suffixes[s.type].count)]
            }
            if usedNames.contains("\(s.ws)|\(name)") {
                var k = 2
                while usedNames.contains("\(s.ws)|\(name) #\(k)") { k += 1 }
                name += " #\(k)"
            }
            usedNames.insert("\(s.ws)|\(name)")

            // Timeline (Unix seconds). Outreach runs in [runStart, runEnd].
            func at(_ daysAgo: Int, hour lo: Int = 8, _ hi: Int = 18) -> Int {
                (anchor - daysAgo) * 86_400 + lo * 3600 + rng.below((hi - lo) * 3600) - ws.offset
            }
            let created: Int, runStart: Int, runEnd: Int, updated: Int
            switch (s.role, s.status) {
            case (.flagship, _):
                created = at(210); runStart = created + 86_400; runEnd = ws.anchorEnd
                updated = at(1)
            case (.bounceWatch, _):
                created = at(80); runStart = created + 3600; runEnd = ws.anchorEnd
                updated = at(2)
            case (.bouncePaused, _):
                created = at(150); runStart = created + 7200; runEnd = at(12)
                updated = runEnd + 60
            case (_, 0):   // draft
                created = at(1 + rng.below(45)); runStart = created; runEnd = created
                updated = min(created + rng.below(5 * 86_400), ws.anchorEnd - 3600)
            case (_, 1):   // active
                created = at(50 + rng.below(380)); runStart = created + 3600 + rng.below(3 * 86_400)
                runEnd = ws.anchorEnd
                updated = max(runStart, at(rng.below(7)))
            case (_, 2):   // paused
                created = at(90 + rng.below(340)); runStart = created + 3600 + rng.below(3 * 86_400)
                runEnd = at(2 + rng.below(40)); updated = runEnd + rng.below(7200)
            case (_, 3):   // completed
                created = at(130 + rng.below(410)); runStart = created + 3600 + rng.below(3 * 86_400)
                runEnd = min(runStart + (50 + rng.below(100)) * 86_400, at(3))
                updated = runEnd + 3600 + rng.below(2 * 86_400)
            default:       // archived
                created = at(230 + rng.below(310)); runStart = created + 3600 + rng.below(3 * 86_400)
                runEnd = min(runStart + (50 + rng.below(100)) * 86_400, at(60))
                updated = runEnd + (5 + rng.below(50)) * 86_400
            }
            let lastSynced: Int? = s.status == 0 || rng.chance(0.15) ? nil : updated

            let dailyLimit: Int
            switch s.type {
            case 0: dailyLimit = 30 + 10 * rng.below(18)
            case 1: dailyLimit = 10 + 5 * rng.below(7)
            default: dailyLimit = 20 + 10 * rng.below(14)
            }
            let ownerUser = users[owner]
            var senders: [String] = []
            if s.type == 0 {
                senders.append("\(ownerUser.slug)@\(ws.domain)")
                if rng.chance(0.4) { senders.append("outreach-\(1 + rng.below(4))@\(ws.domain)") }
            } else if s.type == 1 {
                senders.append("linkedin:\(DemoPlan.dashed(ownerUser.slug))")
            }
            var assignees: [Int] = []
            let assigneeCount = rng.below(min(4, pool.count + 1))
            for _ in 0..<assigneeCount {
                let u = pool[rng.below(pool.count)]
                if !assignees.contains(u) { assignees.append(u) }
            }
            let skip: Bool?
            switch rng.below(3) {
            case 0: skip = nil
            case 1: skip = true
            default: skip = false
            }
            var c = Campaign(
                index: i, id: ids.uuidString(.campaign, i),
                publicID: ids.ulid(.campaign, i, prefix: "cp", unixSeconds: created),
                workspace: s.ws, owner: owner, type: s.type, status: s.status, role: s.role, name: name,
                dailyLimit: dailyLimit, stopOnReply: s.type == 2 ? false : rng.chance(0.85),
                openTracking: s.type == 0 && rng.chance(0.7),
                signature: s.type == 0 ? signatures[rng.below(signatures.count)] : nil,
                skipOtherCampaigns: skip,
                operatingHours: rng.chance(0.4) ? 0 : 1 + rng.below(3),
                senderAccounts: senders, assignees: assignees,
                createdAt: created, updatedAt: updated, lastSyncedAt: lastSynced,
                runStart: runStart, runEnd: runEnd)
            c.prospectStart = prospectCursor
            c.prospectCount = sizes[i]
            prospectCursor += sizes[i]
            c.statusCounts = DemoPlan.statusCounts(for: c, rng: &rng)
            c.ownerAlias = userAliases[owner * workspaces.count + s.ws].first
            campaigns.append(c)
        }
        self.campaigns = campaigns

        // Call batches ------------------------------------------------------------------------
        var batches: [Batch] = []
        var callCursor = 0
        var forcedAllStatuses = false
        for c in campaigns where c.type == 2 && c.status != 0 {
            var statuses: [Int]
            if !forcedAllStatuses && c.workspace == 0 && c.status == 1 {
                statuses = [2, 3, 1, 0]
                forcedAllStatuses = true
            } else {
                let count = 1 + rng.below(3)
                statuses = (0..<count).map { _ in rng.chance(0.8) ? 2 : 3 }
                if c.status == 1 && rng.chance(0.7) { statuses.append(rng.chance(0.6) ? 1 : 0) }
                if c.status == 2 && rng.chance(0.3) { statuses.append(0) }
            }
            let span = max(1, c.runEnd - c.runStart)
            for (k, st) in statuses.enumerated() {
                // Later batches are newer; the last one of an active campaign is recent.
                var created = c.runStart + span * k / statuses.count + rng.below(max(1, span / statuses.count))
                if c.status == 1 && k == statuses.count - 1 {
                    created = max(created, c.runEnd - (1 + rng.below(5)) * 86_400)
                }
                let total = 3 + rng.below(min(300, 10 + c.prospectCount / 2))
                var counts = [0, 0, 0, 0]
                switch st {
                case 0: counts[0] = total
                case 1:
                    counts[2] = total * (20 + rng.below(50)) / 100
                    counts[3] = total * rng.below(8) / 100
                    counts[1] = min(total - counts[2] - counts[3], 1 + rng.below(10))
                    counts[0] = total - counts[1] - counts[2] - counts[3]
                case 2:
                    counts[3] = total * rng.below(15) / 100
                    counts[2] = total - counts[3]
                default:
                    counts[2] = total * (10 + rng.below(40)) / 100
                    counts[0] = total * rng.below(10) / 100
                    counts[3] = total - counts[2] - counts[0]
                }
                created = min(created, c.runEnd - 7200)
                let completedAt: Int? = st == 2
                    ? max(created + 60, min(created + 1800 + rng.below(20 * 3600), c.runEnd - 60)) : nil
                let bi = batches.count
                batches.append(Batch(index: bi, id: ids.uuidString(.batch, bi), workspace: c.workspace,
                                     campaign: c.index, status: st, createdAt: created,
                                     completedAt: completedAt, callStart: callCursor, callCounts: counts))
                callCursor += total
            }
        }
        self.batches = batches
        callTotal = callCursor

        documentedKeys = keys.prefix(3).map { k in
            DemoKey(key: k.plain, label: k.label, userName: users[k.user].name,
                    userPublicID: users[k.user].publicID, workspaceID: workspaces[k.workspace].id,
                    workspacePublicID: workspaces[k.workspace].publicID)
        }
    }

    static func dashed(_ s: String) -> String {
        String(s.map { $0 == "." ? "-" : $0 })
    }

    static func keyHash(_ plain: String) -> String { SHA256.hexDigest(plain) }
}
