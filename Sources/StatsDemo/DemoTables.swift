// MARK: - Static vocabulary as StaticString (written with memcpy)

let prospectStatusNames: [[StaticString]] = [
    ["pending", "sent", "opened", "clicked", "replied", "interested", "bounced", "unsubscribed"],
    ["pending", "connection_sent", "connected", "message_sent", "replied", "interested", "withdrawn"],
    ["pending", "called", "connected", "meeting_booked", "not_interested", "failed"],
]

enum Act {
    static let emailSent: UInt8 = 0, inviteSent: UInt8 = 1, inviteAccepted: UInt8 = 2, message: UInt8 = 3,
               reply: UInt8 = 4, interested: UInt8 = 5, bounce: UInt8 = 6
    static let names: [StaticString] = [
        "email_sent\",\"at\":", "invite_sent\",\"at\":", "invite_accepted\",\"at\":",
        "linkedin_message_sent\",\"at\":", "reply\",\"at\":", "interested\",\"at\":", "bounce\",\"at\":",
    ]
}

/// Layout of the weekly-snapshot accumulator: per campaign, 27 week buckets of 8 slots
/// (slot 0 = enrolled prospects, slot s = prospects that reached status s).
enum Snap {
    static let buckets = DemoPlan.snapshotWeeks + 1
    static let slots = 8
    static let stride = buckets * slots

    @inline(__always)
    static func bucket(_ t: Int) -> Int {
        if t < DemoPlan.firstCapture { return 0 }
        return min(DemoPlan.snapshotWeeks, (t - DemoPlan.firstCapture) / 604_800 + 1)
    }
}

/// Fixed-width id strings, laid out contiguously for fast copying.
final class IDTable {
    let base: UnsafeMutablePointer<UInt8>

    init(_ strings: [String]) {
        base = .allocate(capacity: max(1, strings.count * 36))
        for (i, s) in strings.enumerated() {
            let bytes = Array(s.utf8)
            precondition(bytes.count == 36)
            (base + 36 * i).update(from: bytes, count: 36)
        }
    }

    deinit { base.deallocate() }

    @inline(__always)
    func write(_ i: Int, _ out: ByteOut) {
        out.byte(0x22)
        out.bytes(base + 36 * i, 36)
        out.byte(0x22)
    }

    @inline(__always)
    func write(orNull i: Int?, _ out: ByteOut) {
        if let i { write(i, out) } else { out.str("null") }
    }

    @inline(__always)
    subscript(i: Int) -> UnsafeMutablePointer<UInt8> { base + 36 * i }
}

/// Lookup tables shared by the streaming passes.
final class Tables {
    let plan: DemoPlan
    let campaignIDs: IDTable
    let userIDs: IDTable
    let aliasIDs: IDTable
    /// Per workspace: non-draft campaigns sorted by creation, and their creation instants.
    let wsCampaigns: [[Int]]
    let wsCampaignCreated: [[Int]]
    let wsUsers: [[Int]]
    let wsAliases: [[Int]]

    init(plan: DemoPlan) {
        self.plan = plan
        campaignIDs = IDTable(plan.campaigns.map(\.id))
        userIDs = IDTable(plan.users.map(\.id))
        aliasIDs = IDTable(plan.aliases.map(\.id))
        var wc = [[Int]](repeating: [], count: plan.workspaces.count)
        for c in plan.campaigns where c.status != 0 { wc[c.workspace].append(c.index) }
        for w in 0..<wc.count {
            wc[w].sort { a, b in
                let ca = plan.campaigns[a].createdAt, cb = plan.campaigns[b].createdAt
                return ca != cb ? ca < cb : a < b
            }
        }
        wsCampaigns = wc
        wsCampaignCreated = wc.map { $0.map { plan.campaigns[$0].createdAt } }
        var wu = [[Int]](repeating: [], count: plan.workspaces.count)
        for u in plan.users { for w in u.workspaces { wu[w].append(u.index) } }
        wsUsers = wu
        var wa = [[Int]](repeating: [], count: plan.workspaces.count)
        for a in plan.aliases { wa[a.workspace].append(a.index) }
        wsAliases = wa
    }
}
