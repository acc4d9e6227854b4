import Foundation
import Testing
@testable import StatsDemo

/// The small demo store, generated and parsed once for all tests of this file.
private final class DemoSmallStore: @unchecked Sendable {
    static let shared = DemoSmallStore()

    let bytes: [UInt8]
    let root: [String: Any]

    init() {
        bytes = DemoGenerator(scale: .small, seed: 1).makeBytes()
        let object = try? JSONSerialization.jsonObject(with: Data(bytes))
        root = object as? [String: Any] ?? [:]
    }

    func array(_ name: String) -> [[String: Any]] {
        root[name] as? [[String: Any]] ?? []
    }
}

private func demoMatches(_ text: String?, _ pattern: String) -> Bool {
    guard let text, let regex = try? Regex(pattern) else { return false }
    return (try? regex.wholeMatch(in: text)) != nil
}

private let demoUUIDPattern = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
private let demoTimestampPattern = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"

/// Days since 1970-01-01 of `YYYY-MM-DD` (the first 10 characters of `text`).
private func demoDayNumber(_ text: String) -> Int? {
    let b = Array(text.utf8)
    guard b.count >= 10 else { return nil }
    func num(_ r: Range<Int>) -> Int? {
        var v = 0
        for i in r {
            guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
            v = v * 10 + Int(b[i] - 0x30)
        }
        return v
    }
    guard let y0 = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
    let y = m <= 2 ? y0 - 1 : y0
    let era = y / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
}

/// Unix seconds of `YYYY-MM-DDTHH:MM:SSZ`.
private func demoUnixSeconds(_ text: String) -> Int? {
    let b = Array(text.utf8)
    guard b.count == 20, let day = demoDayNumber(text) else { return nil }
    let h = Int(b[11] - 0x30) * 10 + Int(b[12] - 0x30)
    let m = Int(b[14] - 0x30) * 10 + Int(b[15] - 0x30)
    let s = Int(b[17] - 0x30) * 10 + Int(b[18] - 0x30)
    return day * 86_400 + h * 3600 + m * 60 + s
}

/// ISO weekday (1 = Monday) of a day number.
private func demoWeekday(_ day: Int) -> Int { ((day + 3) % 7 + 7) % 7 + 1 }

private let demoAnchorDay = demoDayNumber("2026-11-20")!

/// True when the instant `text` falls on or before the anchor day in the given time zone.
private func demoNotAfterAnchor(_ text: String?, timeZone: String) -> Bool {
    guard let text, let seconds = demoUnixSeconds(text), let zone = TimeZone(identifier: timeZone) else {
        return false
    }
    let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    let local = seconds + offset
    return (local >= 0 ? local / 86_400 : (local - 86_399) / 86_400) <= demoAnchorDay
}

@Suite("Demo store generator")
struct DemoGeneratorTests {
    @Test("same seed gives identical bytes, another seed different bytes")
    func determinism() {
        let a = DemoGenerator(scale: .small, seed: 1).makeBytes()
        let b = DemoGenerator(scale: .small, seed: 1).makeBytes()
        let c = DemoGenerator(scale: .small, seed: 2).makeBytes()
        #expect(a.count > 1_000_000)
        #expect(a == b)
        #expect(a != c)
        #expect(a == DemoSmallStore.shared.bytes)
    }

    @Test("streaming writes ~1 MiB chunks that concatenate to makeBytes, with progress up to 1")
    func streaming() {
        let generator = DemoGenerator(scale: .custom(3_000), seed: 5)
        var joined: [UInt8] = []
        var chunkSizes: [Int] = []
        var progress: [Double] = []
        generator.write(progress: { progress.append($0) }) { chunk in
            chunkSizes.append(chunk.count)
            joined.append(contentsOf: chunk)
        }
        #expect(joined == generator.makeBytes())
        #expect(chunkSizes.count >= 3)
        #expect(chunkSizes.dropLast().allSatisfy { $0 >= 1 << 20 && $0 < (1 << 20) + (1 << 18) })
        #expect(progress.last == 1.0)
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("the document is a stats-mcp-store version 1 with every array and the expected counts")
    func formatAndCounts() {
        let store = DemoSmallStore.shared
        #expect(store.root["format"] as? String == "stats-mcp-store")
        #expect(store.root["version"] as? Int == 1)
        for name in ["workspaces", "users", "api_keys", "campaigns", "prospects", "activities",
                     "weekly_snapshots", "clicks", "aliases", "call_batches", "calls", "call_stats_daily"] {
            #expect(!store.array(name).isEmpty, "\(name) is empty")
        }
        let expected = DemoGenerator(scale: .small, seed: 1).expectedCounts
        for (name, count) in expected {
            #expect(store.array(name).count == count, "\(name)")
        }
        #expect(store.array("prospects").count == 2_000)
        #expect(store.array("clicks").count == 10_000)
        let activities = store.array("activities").count
        #expect(activities > 4_000 && activities < 8_000)
        let zones = Set(store.array("workspaces").compactMap { $0["timezone"] as? String })
        #expect(zones.isSuperset(of: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]))
        #expect(store.array("users").contains { ($0["workspace_ids"] as? [Int])?.count ?? 0 >= 3 })
    }

    @Test("every id matches its format and is unique")
    func identifiers() {
        let store = DemoSmallStore.shared
        var publicIDs = Set<String>()
        var uuids = Set<String>()
        func checkPublic(_ value: Any?, _ prefix: String) {
            let text = value as? String
            #expect(demoMatches(text, "\(prefix)_[0-7][0-9a-hjkmnp-tv-z]{25}"), "\(text ?? "nil")")
            if let text { #expect(publicIDs.insert(text).inserted, "duplicate \(text)") }
        }
        func checkUUID(_ value: Any?) {
            let text = value as? String
            #expect(demoMatches(text, demoUUIDPattern), "\(text ?? "nil")")
            if let text { #expect(uuids.insert(text).inserted, "duplicate \(text)") }
        }
        for w in store.array("workspaces") { checkPublic(w["public_id"], "ws") }
        for u in store.array("users") { checkPublic(u["public_id"], "usr"); checkUUID(u["id"]) }
        for c in store.array("campaigns") { checkPublic(c["public_id"], "cp"); checkUUID(c["id"]) }
        for name in ["prospects", "aliases", "call_batches", "calls"] {
            for r in store.array(name) { checkUUID(r["id"]) }
        }
        let ids = Set(store.array("workspaces").compactMap { $0["id"] as? Int })
        #expect(ids.count == store.array("workspaces").count)
        for k in store.array("api_keys") {
            #expect(demoMatches(k["key_sha256"] as? String, "[0-9a-f]{64}"))
        }
    }

    @Test("campaigns cover every type and status with full records; stats equal prospect counts")
    func campaignsAndStats() {
        let store = DemoSmallStore.shared
        let campaigns = store.array("campaigns")
        var combos = Set<String>()
        for c in campaigns {
            combos.insert("\(c["type"] as? String ?? "?")/\(c["status"] as? String ?? "?")")
            for field in ["daily_limit", "stop_on_reply", "open_tracking", "signature", "skip_other_campaigns",
                          "operating_hours", "stats", "created_at", "updated_at", "last_synced_at",
                          "sender_accounts", "assignee_ids", "user_id", "workspace_id", "name"] {
                #expect(c.keys.contains(field), "campaign lacks \(field)")
            }
            #expect(demoMatches(c["created_at"] as? String, demoTimestampPattern))
            #expect(demoMatches(c["updated_at"] as? String, demoTimestampPattern))
        }
        for t in ["email", "linkedin", "call"] {
            for s in ["draft", "active", "paused", "completed", "archived"] {
                #expect(combos.contains("\(t)/\(s)"), "no \(t) campaign with status \(s)")
            }
        }
        var counts: [String: [String: Int]] = [:]
        for p in store.array("prospects") {
            guard let cid = p["campaign_id"] as? String, let status = p["status"] as? String else {
                Issue.record("malformed prospect")
                continue
            }
            counts[cid, default: [:]][status, default: 0] += 1
        }
        let known: [String: Set<String>] = [
            "email": ["pending", "sent", "opened", "clicked", "replied", "interested", "bounced", "unsubscribed"],
            "linkedin": ["pending", "connection_sent", "connected", "message_sent", "replied", "interested",
                         "withdrawn"],
            "call": ["pending", "called", "connected", "meeting_booked", "not_interested", "failed"],
        ]
        for c in campaigns {
            let id = c["id"] as? String ?? ""
            let byStatus = counts[id] ?? [:]
            var expected: [String: Int] = ["total": byStatus.values.reduce(0, +)]
            for (s, n) in byStatus where s != "pending" { expected[s] = n }
            #expect((c["stats"] as? [String: Int]) == expected, "\(c["name"] ?? "")")
            let vocabulary = known[c["type"] as? String ?? ""] ?? []
            #expect(Set(byStatus.keys).isSubset(of: vocabulary))
        }
        // The flagship and the bounce-guard demo campaign.
        let generator = DemoGenerator(scale: .small, seed: 1)
        let flagship = generator.flagshipCampaign
        #expect(flagship.type == "email" && flagship.status == "active" && flagship.prospectCount == 200)
        let watch = generator.bounceWatchCampaign
        let w = counts[watch.id] ?? [:]
        let attempted = w.values.reduce(0, +) - (w["pending"] ?? 0)
        #expect(attempted >= 100 && (w["bounced"] ?? 0) * 20 >= attempted)
        let f = counts[flagship.id] ?? [:]
        let fAttempted = f.values.reduce(0, +) - (f["pending"] ?? 0)
        #expect((f["bounced"] ?? 0) * 20 < fAttempted)
        #expect(campaigns.contains { $0["paused_reason"] as? String == "bounce_rate" })
    }

    @Test("activities are in time order per prospect, outbound first, never after the anchor day")
    func activities() {
        let store = DemoSmallStore.shared
        var zoneOf: [Int: String] = [:]
        for w in store.array("workspaces") { zoneOf[w["id"] as? Int ?? 0] = w["timezone"] as? String ?? "UTC" }
        var campaignOf: [String: (type: String, zone: String, created: String)] = [:]
        for c in store.array("campaigns") {
            campaignOf[c["id"] as? String ?? ""] = (c["type"] as? String ?? "",
                                                   zoneOf[c["workspace_id"] as? Int ?? 0] ?? "UTC",
                                                   c["created_at"] as? String ?? "")
        }
        var prospectCampaign: [String: String] = [:]
        for p in store.array("prospects") { prospectCampaign[p["id"] as? String ?? ""] = p["campaign_id"] as? String }
        let allowed: [String: Set<String>] = [
            "email": ["email_sent", "reply", "interested", "bounce"],
            "linkedin": ["invite_sent", "invite_accepted", "linkedin_message_sent", "reply", "interested"],
            "call": [],
        ]
        var last: [String: String] = [:]
        var latestPerProspect: [String: (String, String)] = [:]
        for a in store.array("activities") {
            let pid = a["prospect_id"] as? String ?? ""
            let cid = a["campaign_id"] as? String ?? ""
            let type = a["type"] as? String ?? ""
            let at = a["at"] as? String ?? ""
            #expect(prospectCampaign[pid] == cid)
            #expect(demoMatches(at, demoTimestampPattern))
            guard let campaign = campaignOf[cid] else { Issue.record("unknown campaign"); continue }
            #expect(allowed[campaign.type]?.contains(type) == true, "\(type) in a \(campaign.type) campaign")
            if let previous = last[pid] {
                #expect(previous <= at, "activities of \(pid) out of order")
            } else {
                #expect(type == "email_sent" || type == "invite_sent", "first activity is \(type)")
                #expect(campaign.created <= at)
            }
            last[pid] = at
            latestPerProspect[pid] = (at, campaign.zone)
        }
        for (_, v) in latestPerProspect {
            #expect(demoNotAfterAnchor(v.0, timeZone: v.1), "\(v.0) after the anchor day")
        }
    }

    @Test("weekly snapshots: Mondays, one per campaign and week, cumulative and growing")
    func snapshots() {
        let store = DemoSmallStore.shared
        var seen = Set<String>()
        var byCampaign: [String: [(String, [String: Int])]] = [:]
        var weeks = Set<String>()
        for s in store.array("weekly_snapshots") {
            let cid = s["campaign_id"] as? String ?? ""
            let week = s["week_start"] as? String ?? ""
            #expect(demoMatches(week, "[0-9]{4}-[0-9]{2}-[0-9]{2}"))
            guard let day = demoDayNumber(week) else { Issue.record("bad week \(week)"); continue }
            #expect(demoWeekday(day) == 1, "\(week) is not a Monday")
            #expect(seen.insert("\(cid)|\(week)").inserted, "duplicate snapshot \(cid) \(week)")
            #expect(demoMatches(s["captured_at"] as? String, demoTimestampPattern))
            byCampaign[cid, default: []].append((week, s["stats"] as? [String: Int] ?? [:]))
            weeks.insert(week)
        }
        #expect(weeks.count == 26)
        #expect(weeks.max() == "2026-11-16")
        let stats = Dictionary(uniqueKeysWithValues: store.array("campaigns").map {
            ($0["id"] as? String ?? "", ($0["status"] as? String ?? "", $0["stats"] as? [String: Int] ?? [:]))
        })
        for (cid, list) in byCampaign {
            #expect(stats[cid]?.0 != "draft")
            let sorted = list.sorted { $0.0 < $1.0 }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                for (key, value) in a.1 { #expect((b.1[key] ?? 0) >= value, "\(key) shrinks") }
            }
            if let latest = sorted.last, let current = stats[cid]?.1 {
                for (key, value) in latest.1 { #expect((current[key] ?? 0) >= value) }
            }
        }
        let growing = byCampaign.values.contains { list in
            let sorted = list.sorted { $0.0 < $1.0 }
            return (sorted.first?.1["total"] ?? 0) < (sorted.last?.1["total"] ?? 0)
        }
        #expect(growing)
    }

    @Test("clicks: kinds, attribution, ~18 months up to the anchor day, weekday pattern")
    func clicks() {
        let store = DemoSmallStore.shared
        var zoneOf: [Int: String] = [:]
        for w in store.array("workspaces") { zoneOf[w["id"] as? Int ?? 0] = w["timezone"] as? String ?? "UTC" }
        var kinds: [String: Int] = [:]
        var withCampaign = 0, withUser = 0, withAlias = 0
        var earliest = "9999", latest = ""
        var weekday = [Int](repeating: 0, count: 8)
        for c in store.array("clicks") {
            kinds[c["kind"] as? String ?? "?", default: 0] += 1
            if c["campaign_id"] is String { withCampaign += 1 }
            if c["user_id"] is String { withUser += 1 }
            if c["alias_id"] is String { withAlias += 1 }
            let at = c["at"] as? String ?? ""
            earliest = min(earliest, at)
            latest = max(latest, at)
            #expect(demoNotAfterAnchor(at, timeZone: zoneOf[c["workspace_id"] as? Int ?? 0] ?? "UTC"))
            if let seconds = demoUnixSeconds(at) { weekday[demoWeekday(seconds / 86_400)] += 1 }
        }
        #expect(Set(kinds.keys) == ["campaign", "vcard", "other"])
        #expect(withCampaign > 0 && withUser > 0 && withAlias > 0)
        #expect(earliest < "2025-06-01" && latest >= "2026-11-20")
        // Tuesday–Thursday (UTC) are much busier than Saturday and Sunday.
        #expect(weekday[2] + weekday[3] + weekday[4] > 3 * (weekday[6] + weekday[7]))
    }

    @Test("call batches of every status with calls; daily call stats, some without a campaign")
    func calls() {
        let store = DemoSmallStore.shared
        let batchStatuses = Set(store.array("call_batches").compactMap { $0["status"] as? String })
        #expect(batchStatuses == ["pending", "processing", "completed", "failed"])
        let batchIDs = Set(store.array("call_batches").compactMap { $0["id"] as? String })
        for call in store.array("calls") { #expect(batchIDs.contains(call["batch_id"] as? String ?? "")) }
        let callStatuses = Set(store.array("calls").compactMap { $0["status"] as? String })
        #expect(callStatuses.isSubset(of: ["pending", "in_progress", "completed", "failed"]))
        let rows = store.array("call_stats_daily")
        #expect(rows.contains { $0["campaign_id"] is NSNull })
        #expect(rows.contains { $0["campaign_id"] is String })
        for r in rows.prefix(200) {
            let total = r["total_calls"] as? Int ?? -1
            let completed = r["completed_calls"] as? Int ?? -1
            #expect(total >= completed && completed >= 0)
            #expect(demoMatches(r["date"] as? String, "[0-9]{4}-[0-9]{2}-[0-9]{2}"))
        }
    }

    @Test("documented keys are stored as SHA-256, bound to the advertised user and workspace")
    func keys() {
        let store = DemoSmallStore.shared
        let generator = DemoGenerator(scale: .small, seed: 1)
        #expect(generator.keys.map(\.key) == ["stats-demo-owner", "stats-demo-analyst", "stats-demo-other-ws"])
        #expect(DemoGenerator(scale: .small, seed: 99).keys.map(\.key) == generator.keys.map(\.key))
        #expect(DemoGenerator.anchorDay == "2026-11-20")
        #expect(generator.keys[0].workspaceID == generator.mainWorkspaceID)
        var userByID: [String: [String: Any]] = [:]
        for u in store.array("users") { userByID[u["id"] as? String ?? ""] = u }
        var wsByID: [Int: [String: Any]] = [:]
        for w in store.array("workspaces") { wsByID[w["id"] as? Int ?? 0] = w }
        let apiKeys = store.array("api_keys")
        for key in generator.keys {
            let hash = DemoPlan.keyHash(key.key)
            let rows = apiKeys.filter { $0["key_sha256"] as? String == hash }
            #expect(rows.count == 1, "\(key.key) not stored exactly once")
            guard let row = rows.first else { continue }
            #expect(row["revoked"] as? Bool == false)
            #expect(row["workspace_id"] as? Int == key.workspaceID)
            let user = userByID[row["user_id"] as? String ?? ""]
            #expect(user?["public_id"] as? String == key.userPublicID)
            #expect(user?["name"] as? String == key.userName)
            #expect((user?["workspace_ids"] as? [Int])?.contains(key.workspaceID) == true)
            #expect(wsByID[key.workspaceID]?["public_id"] as? String == key.workspacePublicID)
        }
        // Independent check of the stored form (SHA-256 of the UTF-8 key).
        #expect(apiKeys.contains {
            $0["key_sha256"] as? String == "745659f57dfbadd9c8006e54cc898dbd25eb584c9eac8d5c9c1777b143cb52dd"
        })
        let revoked = apiKeys.filter { $0["key_sha256"] as? String == DemoPlan.keyHash(DemoGenerator.revokedKey) }
        #expect(revoked.count == 1 && revoked.first?["revoked"] as? Bool == true)
        // The other-workspace user cannot see the main workspace.
        let other = generator.keys[2]
        #expect(other.workspaceID != generator.mainWorkspaceID)
    }

    @Test("DemoScale.parse and sizes")
    func scaleParsing() {
        #expect(DemoScale.parse("small") == .small)
        #expect(DemoScale.parse("medium") == .medium)
        #expect(DemoScale.parse("large") == .large)
        #expect(DemoScale.parse(" Large ") == .large)
        #expect(DemoScale.parse("2500") == .custom(2_500))
        #expect(DemoScale.parse("1") == .custom(1))
        for bad in ["", "0", "-5", "+5", "1.5", "1e6", "huge", "12a", "999999999999"] {
            #expect(DemoScale.parse(bad) == nil, "\(bad)")
        }
        #expect(DemoScale.small.prospectCount == 2_000)
        #expect(DemoScale.medium.prospectCount == 100_000)
        let large = DemoGenerator(scale: .large, seed: 1)
        #expect(large.flagshipCampaign.prospectCount == 100_000)
        #expect(large.flagshipCampaign.type == "email" && large.flagshipCampaign.status == "active")
        #expect(large.expectedCounts["prospects"] == 1_000_000)
        #expect(large.expectedCounts["clicks"] == 5_000_000)
    }

    @Test("tiny custom scales still produce a valid document")
    func tinyScales() {
        for n in [0, 1, 7, 150] {
            let bytes = DemoGenerator(scale: .custom(n), seed: 3).makeBytes()
            let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
            #expect(root?["format"] as? String == "stats-mcp-store")
            #expect((root?["prospects"] as? [Any])?.count == n)
            #expect((root?["clicks"] as? [Any])?.count == 5 * n)
        }
    }
}
