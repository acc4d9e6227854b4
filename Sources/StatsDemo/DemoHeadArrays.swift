// MARK: - Head arrays

extension DemoGenerator {
    /// workspaces, users, api_keys, campaigns (small arrays).
    func writeHeadArrays(_ out: ByteOut, _ t: Tables,
                                 _ sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let p = plan
        var first = true
        out.str("\"workspaces\":[")
        for w in p.workspaces {
            separator(out, &first)
            out.str("{\"id\":"); out.int(w.id)
            out.str(",\"public_id\":"); out.string(w.publicID)
            out.str(",\"name\":"); out.string(w.name)
            out.str(",\"timezone\":"); out.string(w.timezone)
            out.byte(0x7D)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"users\":[")
        first = true
        for u in p.users {
            separator(out, &first)
            out.str("{\"id\":"); t.userIDs.write(u.index, out)
            out.str(",\"public_id\":"); out.string(u.publicID)
            out.str(",\"name\":"); out.string(u.name)
            out.str(",\"email\":"); out.string(u.email)
            out.str(",\"workspace_ids\":[")
            for (i, w) in u.workspaces.enumerated() {
                if i > 0 { out.byte(0x2C) }
                out.int(p.workspaces[w].id)
            }
            out.str("]}")
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"api_keys\":[")
        first = true
        for k in p.apiKeys {
            separator(out, &first)
            out.str("{\"key_sha256\":"); out.string(DemoPlan.keyHash(k.plain))
            out.str(",\"user_id\":"); t.userIDs.write(k.user, out)
            out.str(",\"workspace_id\":"); out.int(p.workspaces[k.workspace].id)
            out.str(",\"label\":"); out.string(k.label)
            out.str(k.revoked ? ",\"revoked\":true}" : ",\"revoked\":false}")
            try out.maybeFlush(sink)
        }
        out.str("\n],\n\"campaigns\":[")
        first = true
        for c in p.campaigns {
            separator(out, &first)
            writeCampaign(out, t, c)
            try out.maybeFlush(sink)
        }
        out.str("\n],\n")
    }

    private func writeCampaign(_ out: ByteOut, _ t: Tables, _ c: DemoPlan.Campaign) {
        let p = plan
        out.str("{\"id\":"); t.campaignIDs.write(c.index, out)
        out.str(",\"public_id\":"); out.string(c.publicID)
        out.str(",\"workspace_id\":"); out.int(p.workspaces[c.workspace].id)
        out.str(",\"user_id\":"); t.userIDs.write(c.owner, out)
        out.str(",\"type\":"); out.string(DemoPlan.campaignTypes[c.type])
        out.str(",\"name\":"); out.string(c.name)
        out.str(",\"status\":"); out.string(DemoPlan.campaignStatuses[c.status])
        if c.role == .bouncePaused { out.str(",\"paused_reason\":\"bounce_rate\"") }
        out.str(",\"daily_limit\":"); out.int(c.dailyLimit)
        out.str(c.stopOnReply ? ",\"stop_on_reply\":true" : ",\"stop_on_reply\":false")
        out.str(c.openTracking ? ",\"open_tracking\":true" : ",\"open_tracking\":false")
        out.str(",\"signature\":"); out.string(orNull: c.signature)
        out.str(",\"skip_other_campaigns\":")
        switch c.skipOtherCampaigns {
        case .none: out.str("null")
        case .some(true): out.str("true")
        case .some(false): out.str("false")
        }
        out.str(",\"operating_hours\":")
        switch c.operatingHours {
        case 0: out.str("null")
        case 1: out.str("{\"start\":\"09:00\",\"end\":\"17:00\",\"days\":[1,2,3,4,5]}")
        case 2: out.str("{\"start\":\"08:30\",\"end\":\"18:00\",\"days\":[1,2,3,4,5]}")
        default: out.str("{\"start\":\"10:00\",\"end\":\"16:00\",\"days\":[1,2,3,4]}")
        }
        out.str(",\"stats\":{")
        for (i, kv) in p.stats(c).enumerated() {
            if i > 0 { out.byte(0x2C) }
            out.string(kv.0); out.byte(0x3A); out.int(kv.1)
        }
        out.str("},\"created_at\":"); out.timestamp(c.createdAt)
        out.str(",\"updated_at\":"); out.timestamp(c.updatedAt)
        out.str(",\"last_synced_at\":"); out.timestamp(orNull: c.lastSyncedAt)
        out.str(",\"sender_accounts\":[")
        for (i, s) in c.senderAccounts.enumerated() {
            if i > 0 { out.byte(0x2C) }
            out.string(s)
        }
        out.str("],\"assignee_ids\":[")
        for (i, u) in c.assignees.enumerated() {
            if i > 0 { out.byte(0x2C) }
            t.userIDs.write(u, out)
        }
        out.str("]}")
    }
}
