/// A deterministic generator of demo stores in the SPEC §2 format.
///
/// The same (scale, seed) always gives byte-identical output. The document is streamed:
/// records are written into one reusable buffer that is handed to the sink every ~1 MiB,
/// so even the `large` store (≈ 1.5 GB) never sits in memory.
///
/// Contents, anchored on ``anchorDay`` (the last day with data; `--demo` uses it as today):
/// five workspaces (UTC, America/New_York, Europe/Berlin, Asia/Kolkata and an empty sandbox),
/// users linked to one or several workspaces, API keys (stored as SHA-256; one revoked),
/// campaigns of every type and status with `stats` equal to their prospects' status counts,
/// prospects, time-ordered activities per prospect, 26 weekly snapshots per campaign with
/// cumulative growing stats, clicks over ~18 months with a weekday pattern, aliases,
/// call batches of every status with their calls, and daily call stats.
public struct DemoGenerator: Sendable {
    public let scale: DemoScale
    public let seed: UInt64
    let plan: DemoPlan

    public init(scale: DemoScale = .small, seed: UInt64 = 1) {
        self.scale = scale
        self.seed = seed
        plan = DemoPlan(scale: scale, seed: seed)
    }

    /// The documented demo API keys (plain text); the first is the owner of the main demo
    /// workspace, the second an analyst of it, the third a user of another workspace only.
    /// The key strings are the same for every seed; the ids they bind to depend on the seed.
    public var keys: [DemoKey] { plan.documentedKeys }

    /// A key present in `api_keys` but revoked (for demonstrating `unauthorized`).
    public static let revokedKey: String = DemoPlan.revokedKey

    /// The date the demo data is anchored on (the last day with data).
    public static let anchorDay: String = "2026-11-20"

    /// The integer id of the main demo workspace (bound to the first key).
    public var mainWorkspaceID: Int { plan.workspaces[0].id }

    /// The big active email campaign of the main workspace (10 % of all prospects:
    /// 100,000 at `large`), the one the benchmark syncs.
    public var flagshipCampaign: DemoCampaignInfo { info(plan.campaigns[0]) }

    /// The active email campaign whose bounce rate (~6.5 %) trips the bounce guard on sync.
    public var bounceWatchCampaign: DemoCampaignInfo { info(plan.campaigns[1]) }

    /// Record counts of the generated store, by top-level array name.
    public var expectedCounts: [String: Int] {
        [
            "workspaces": plan.workspaces.count, "users": plan.users.count, "api_keys": plan.apiKeys.count,
            "campaigns": plan.campaigns.count, "prospects": plan.prospectTotal, "clicks": plan.clickTotal,
            "aliases": plan.aliases.count, "call_batches": plan.batches.count, "calls": plan.callTotal,
        ]
    }

    private func info(_ c: DemoPlan.Campaign) -> DemoCampaignInfo {
        DemoCampaignInfo(id: c.id, publicID: c.publicID, name: c.name, type: DemoPlan.campaignTypes[c.type],
                         status: DemoPlan.campaignStatuses[c.status],
                         workspaceID: plan.workspaces[c.workspace].id, prospectCount: c.prospectCount)
    }

    /// The whole document as bytes (for small scales).
    public func makeBytes() -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(max(1 << 16, plan.prospectTotal * 1_400))
        write { chunk in result.append(contentsOf: chunk) }
        return result
    }

    /// Streams the whole store JSON document (UTF-8, one record per line) to `sink` in
    /// chunks of about 1 MiB. `progress` receives a fraction in 0…1 after each chunk.
    public func write(progress: ((Double) -> Void)? = nil,
                      to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        let units = 2 * p.prospectTotal + p.clickTotal + p.callTotal + 30 * p.campaigns.count + 1_000
        let out = ByteOut(unitsTotal: units, progress: progress)
        let t = Tables(plan: p)

        out.str("{\"format\":\"stats-mcp-store\",\"version\":1,\n\"x_generator\":{\"tool\":\"stats-mcp demo\",\"scale\":")
        out.string(scale.name)
        out.str(",\"seed\":")
        out.string(String(seed))
        out.str(",\"anchor_day\":")
        out.string(DemoGenerator.anchorDay)
        out.str(",\"prospects\":")
        out.int(p.prospectTotal)
        out.str("},\n")

        try writeHeadArrays(out, t, sink)
        try writeProspects(out, t, sink)
        var snap = [Int32](repeating: 0, count: p.campaigns.count * Snap.stride)
        try writeActivities(out, t, &snap, sink)
        try writeSnapshots(out, t, snap, sink)
        try writeClicks(out, t, sink)
        try writeTail(out, t, sink)
        out.str("\n}\n")
        out.unitsDone = out.unitsTotal
        try out.flush(sink)
    }
}

// MARK: - Sections

extension DemoGenerator {
    @inline(__always)
    func separator(_ out: ByteOut, _ first: inout Bool) {
        if first {
            out.byte(0x0A)
            first = false
        } else {
            out.str(",\n")
        }
    }
}
