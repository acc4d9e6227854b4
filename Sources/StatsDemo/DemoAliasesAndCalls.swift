// MARK: - Aliases, call batches, calls and daily call stats

extension DemoGenerator {
    /// aliases, call_batches, calls, call_stats_daily.
    func writeTail(_ out: ByteOut, _ t: Tables,
                           _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"aliases\":[")
        for a in p.aliases {
            separator(out, &first)
            out.str("{\"id\":"); t.aliasIDs.write(a.index, out)
            out.str(",\"workspace_id\":"); out.int(p.workspaces[a.workspace].id)
            out.str(",\"user_id\":"); t.userIDs.write(a.user, out)
            out.str(",\"slug\":"); out.string(a.slug)
            out.byte(0x7D)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"call_batches\":[")
        first = true
        for b in p.batches {
            separator(out, &first)
            out.str("{\"id\":"); out.string(b.id)
            out.str(",\"workspace_id\":"); out.int(p.workspaces[b.workspace].id)
            out.str(",\"campaign_id\":"); t.campaignIDs.write(b.campaign, out)
            out.str(",\"status\":"); out.string(DemoPlan.batchStatuses[b.status])
            out.str(",\"created_at\":"); out.timestamp(b.createdAt)
            out.str(",\"completed_at\":"); out.timestamp(orNull: b.completedAt)
            out.byte(0x7D)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"calls\":[")
        first = true
        let callNames: [StaticString] = ["pending", "in_progress", "completed", "failed"]
        for b in p.batches {
            var rng = DemoRNG(seed: seed, stream: 0x4341_4C4C_0000_0000 | UInt64(b.index))   // "CALL"
            var seq: [UInt8] = []
            for (s, k) in b.callCounts.enumerated() { seq.append(contentsOf: repeatElement(UInt8(s), count: k)) }
            if seq.count > 1 {
                for i in stride(from: seq.count - 1, to: 0, by: -1) { seq.swapAt(i, rng.below(i + 1)) }
            }
            let batchID = Array(b.id.utf8)
            for (k, s) in seq.enumerated() {
                let u = p.ids.uuid(.call, b.callStart + k)
                separator(out, &first)
                out.str("{\"id\":")
                out.uuid(u.hi, u.lo)
                out.str(",\"batch_id\":")
                out.quoted(batchID)
                out.str(",\"status\":\"")
                out.str(callNames[Int(s)])
                out.str("\"}")
                out.unitsDone += 1
                try out.maybeFlush(sink)
            }
        }
        out.str("\n],\n\"call_stats_daily\":[")
        first = true
        let anchor = DemoPlan.anchorDay
        var hasCalls = [Bool](repeating: false, count: p.workspaces.count)
        for c in p.campaigns where c.type == 2 && c.status != 0 {
            hasCalls[c.workspace] = true
            var rng = DemoRNG(seed: seed, stream: 0x4353_5444_0000_0000 | UInt64(c.index))   // "CSTD"
            let offset = p.workspaces[c.workspace].offset
            let firstDay = max((c.runStart + offset) / 86_400, anchor - 400)
            let lastDay = min((c.runEnd + offset) / 86_400, anchor)
            let runDays = max(1, lastDay - firstDay + 1)
            let rate = max(2, c.prospectCount * 3 / runDays)
            if firstDay > lastDay { continue }
            for d in firstDay...lastDay where Civil.isoWeekday(d) <= 5 {
                writeCallStatsRow(out, &first, &rng, workspace: c.workspace, day: d, campaign: c.index,
                                  rate: rate, t)
                try out.maybeFlush(sink)
            }
        }
        for w in 0..<p.workspaces.count where hasCalls[w] {
            var rng = DemoRNG(seed: seed, stream: 0x4353_544E_0000_0000 | UInt64(w))   // "CSTN"
            for d in (anchor - 120)...anchor where Civil.isoWeekday(d) <= 5 {
                if rng.chance(0.35) {
                    writeCallStatsRow(out, &first, &rng, workspace: w, day: d, campaign: nil, rate: 3, t)
                    try out.maybeFlush(sink)
                }
            }
        }
        out.str("\n]")
    }

    private func writeCallStatsRow(_ out: ByteOut, _ first: inout Bool, _ rng: inout DemoRNG,
                                   workspace: Int, day: Int, campaign: Int?, rate: Int, _ t: Tables) {
        let total = max(1, rate * (50 + rng.below(100)) / 100)
        let completed = total * (60 + rng.below(30)) / 100
        let connected = completed * (30 + rng.below(30)) / 100
        let conversations = connected * (40 + rng.below(40)) / 100
        let qualified = conversations * (20 + rng.below(30)) / 100
        let meetings = qualified * (20 + rng.below(50)) / 100
        let duration = completed * (45 + rng.below(200))
        separator(out, &first)
        out.str("{\"workspace_id\":"); out.int(plan.workspaces[workspace].id)
        out.str(",\"date\":\""); out.date(day)
        out.str("\",\"campaign_id\":"); t.campaignIDs.write(orNull: campaign, out)
        out.str(",\"total_calls\":"); out.int(total)
        out.str(",\"completed_calls\":"); out.int(completed)
        out.str(",\"connected_calls\":"); out.int(connected)
        out.str(",\"meetings_booked\":"); out.int(meetings)
        out.str(",\"qualified_leads\":"); out.int(qualified)
        out.str(",\"conversations_had\":"); out.int(conversations)
        out.str(",\"total_duration_seconds\":"); out.int(duration)
        out.byte(0x7D)
        out.unitsDone += 1
    }
}
