import Foundation
import StatsCore
import StatsJSON
import Testing

@testable import StatsStore

/// `OutreachIndex` answers `outreach(campaignIndex:from:to:zone:)` exactly like a scan of the period.
@Suite struct DistinctIndexTests {
    /// A deterministic generator (xorshift), so a failure reproduces.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let types = ["email_sent", "invite_sent", "invite_accepted", "linkedin_message_sent", "reply", "interested", "bounce"]

    /// A Berlin workspace with `campaigns` campaigns of random activities over ~120 days (many
    /// repeats per prospect, several activities at the same instant, DST changes inside the span).
    static func randomStore(seed: UInt64, campaigns: Int, prospects: Int, activities: Int) -> String {
        var rng = Rng(state: seed)
        var c: [String] = []
        var p: [String] = []
        var a: [String] = []
        let base = Instant.parse("2026-02-15T00:00:00Z")!.seconds
        for k in 0..<campaigns {
            let cid = String(format: "c0000000-0000-4000-8000-%012d", k)
            c.append(#"{"id":"\#(cid)","public_id":"cp_0000000000000000000000\#(String(format: "%04d", k))","workspace_id":1,"type":"email","status":"active","name":"C\#(k)"}"#)
            for j in 0..<prospects {
                p.append(#"{"id":"\#(String(format: "d%07d-0000-4000-8000-%012d", k, j))","campaign_id":"\#(cid)","status":"sent"}"#)
            }
            for _ in 0..<activities {
                let j = rng.below(prospects)
                // Coarse instants (whole hours) so several activities share an instant and day edges are hit.
                let at = Instant(seconds: base + Int64(rng.below(120 * 24)) * 3600)
                let type = types[rng.below(types.count)]
                a.append(#"{"campaign_id":"\#(cid)","prospect_id":"\#(String(format: "d%07d-0000-4000-8000-%012d", k, j))","type":"\#(type)","at":"\#(at.utcString)"}"#)
            }
        }
        return #"{"format":"stats-mcp-store","version":1,"workspaces":[{"id":1,"public_id":"ws_00000000000000000000000001","name":"W","timezone":"Europe/Berlin"}],"#
            + #""campaigns":[\#(c.joined(separator: ","))],"prospects":[\#(p.joined(separator: ","))],"activities":[\#(a.joined(separator: ","))]}"#
    }

    func load(_ text: String) throws -> StoreData {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }.data
    }

    @Test func theIndexAgreesWithAScanOnRandomRanges() throws {
        // Campaign sizes from 1 activity (a wavelet of one level) to 3,000 (several levels, many repeats).
        for (seed, prospects, activities) in [(1 as UInt64, 1, 1), (2, 3, 40), (3, 50, 600), (4, 400, 3000), (5, 2000, 1500)] {
            let data = try load(Self.randomStore(seed: seed, campaigns: 2, prospects: prospects, activities: activities))
            let zone = try #require(data.workspace(id: 1)).zone
            var rng = Rng(state: seed &* 7919)
            let first = Day.parse("2026-02-10")!.number
            var checked = 0
            for _ in 0..<400 {
                let a = first + rng.below(135)
                let b = a + rng.below(135 - (a - first) + 1)
                for c in 0..<2 {
                    let indexed = data.outreach(campaignIndex: c, from: Day(number: a), to: Day(number: b), zone: zone)
                    let scanned = data.outreachByScan(campaignIndex: c, from: Day(number: a), to: Day(number: b), zone: zone)
                    #expect(indexed == scanned, "seed \(seed) campaign \(c) \(Day(number: a))...\(Day(number: b))")
                    if indexed != scanned { return }
                    checked += 1
                }
            }
            #expect(checked == 800)
        }
    }

    @Test func aRepeatedProspectCountsOnceAndAnEarlierContactDoesNotCount() throws {
        // P1: email 1 Mar, email 3 Mar, reply 3 Mar, reply 5 Mar; P2: email 28 Feb, reply 2 Mar; P3: invite 4 Mar.
        let cid = "c0000000-0000-4000-8000-000000000001"
        func act(_ p: Int, _ type: String, _ at: String) -> String {
            #"{"campaign_id":"\#(cid)","prospect_id":"d0000000-0000-4000-8000-00000000000\#(p)","type":"\#(type)","at":"\#(at)"}"#
        }
        let text = #"{"format":"stats-mcp-store","version":1,"workspaces":[{"id":1,"public_id":"ws_00000000000000000000000001","name":"W","timezone":"UTC"}],"#
            + #""campaigns":[{"id":"\#(cid)","public_id":"cp_00000000000000000000000001","workspace_id":1,"type":"email","status":"active"}],"#
            + #""prospects":[\#((1...3).map { #"{"id":"d0000000-0000-4000-8000-00000000000\#($0)","campaign_id":"\#(cid)","status":"sent"}"# }.joined(separator: ","))],"#
            + #""activities":[\#([act(1, "email_sent", "2026-03-01T09:00:00Z"), act(1, "email_sent", "2026-03-03T09:00:00Z"), act(1, "reply", "2026-03-03T10:00:00Z"), act(1, "reply", "2026-03-05T10:00:00Z"), act(2, "email_sent", "2026-02-28T09:00:00Z"), act(2, "reply", "2026-03-02T10:00:00Z"), act(3, "invite_sent", "2026-03-04T09:00:00Z")].joined(separator: ","))]}"#
        let data = try load(text)
        let o = data.outreach(campaignIndex: 0, from: Day.parse("2026-03-02")!, to: Day.parse("2026-03-05")!, zone: .utc)
        // 2–5 Mar: emails: P1 on 3 Mar (1); invites: P3 (1); replies: P1 (twice) and P2 → 2;
        // contacted: P1, P3 → 2 (P2 was contacted on 28 Feb, before the period).
        #expect(o.emailsSent == 1 && o.invitesSent == 1 && o.replies == 2 && o.prospectsContacted == 2 && o.interested == 0)
        let all = data.outreach(campaignIndex: 0, from: Day.parse("2026-02-01")!, to: Day.parse("2026-03-31")!, zone: .utc)
        #expect(all.emailsSent == 3 && all.replies == 2 && all.prospectsContacted == 3)
        let firstTwo = data.outreach(campaignIndex: 0, from: Day.parse("2026-03-01")!, to: Day.parse("2026-03-03")!, zone: .utc)
        // 1–3 Mar: emails P1 ×2; replies P1, P2 → 2; contacted P1 only → 1.
        #expect(firstTwo.emailsSent == 2 && firstTwo.replies == 2 && firstTwo.prospectsContacted == 1)
    }

    @Test func callPrefixSumsAgreeWithARowScan() throws {
        // Two campaigns of workspace 1; rows on random days (several per day), some without a campaign,
        // some filed under workspace 2 naming a campaign of workspace 1 (never counted for it).
        var rng = Rng(state: 99)
        let c = ["c0000000-0000-4000-8000-000000000001", "c0000000-0000-4000-8000-000000000002"]
        var rows: [String] = []
        let first = Day.parse("2026-01-01")!
        for _ in 0..<300 {
            let day = first.adding(rng.below(90))
            let ws = rng.below(5) == 0 ? 2 : 1
            let campaign = rng.below(6) == 0 ? "null" : "\"\(c[rng.below(2)])\""
            let v = (0..<7).map { _ in rng.below(1000) - 100 }
            rows.append(#"{"workspace_id":\#(ws),"date":"\#(day)","campaign_id":\#(campaign),"total_calls":\#(v[0]),"completed_calls":\#(v[1]),"connected_calls":\#(v[2]),"meetings_booked":\#(v[3]),"qualified_leads":\#(v[4]),"conversations_had":\#(v[5]),"total_duration_seconds":\#(v[6])}"#)
        }
        let text = #"{"format":"stats-mcp-store","version":1,"workspaces":[{"id":1,"public_id":"ws_00000000000000000000000001","name":"W"},{"id":2,"public_id":"ws_00000000000000000000000002","name":"V"}],"#
            + #""campaigns":[{"id":"\#(c[0])","public_id":"cp_00000000000000000000000001","workspace_id":1,"type":"call","status":"active"},{"id":"\#(c[1])","public_id":"cp_00000000000000000000000002","workspace_id":1,"type":"email","status":"active"}],"#
            + #""call_stats_daily":[\#(rows.joined(separator: ","))]}"#
        let data = try load(text)
        for _ in 0..<300 {
            let a = first.adding(rng.below(100) - 5)
            let b = a.adding(rng.below(100))
            for k in 0..<2 {
                let indexed = data.callCounters(campaignIndex: k, from: a, to: b)
                let scanned = data.callCounters(workspaceID: 1, campaign: UUID128(c[k])!, from: a, to: b)
                #expect(indexed == scanned, "campaign \(k) \(a)...\(b)")
                if indexed != scanned { return }
            }
        }
        // An empty range (from > to) is zero.
        #expect(data.callCounters(campaignIndex: 0, from: first.adding(5), to: first) == CallCounters())
    }

    @Test func theWaveletMatrixCountsValuesBelowABound() {
        let values: [UInt32] = [0, 3, 1, 0, 5, 2, 2, 7, 0, 4]
        let m = WaveletMatrix(values, maxValue: 7)
        for k in 0...values.count {
            for x in 0...9 {
                #expect(m.countLess(than: x, prefix: k) == values.prefix(k).filter { Int($0) < x }.count)
            }
        }
    }
}
