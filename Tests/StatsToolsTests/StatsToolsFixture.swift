import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

// A small hand-made store for the stats_* and sync tool tests. Every figure the tests expect is
// worked out by hand next to the test, from the records listed here. Helpers are prefixed `Stats`
// so they cannot clash with other fixture files of this test target.
//
// Workspaces
//   ws1 = 340 "Acme"        UTC
//   ws2 = 341 "Berlin GmbH" Europe/Berlin   (CET +01:00; CEST +02:00 from 2026-03-29T01:00Z to 2026-10-25T01:00Z)
//   ws3 = 342 "Kolkata Pvt" Asia/Kolkata    (+05:30, no DST)
//   ws4 = 343 "York Inc"    America/New_York (EST -05:00; EDT -04:00 from 2026-03-08T07:00Z)
//   ws5 = 344 "Howe Pty"    Australia/Lord_Howe (+11:00 until 2026-04-04T15:00Z, then +10:30)
//
// Users
//   u1 Ada Park  -> [340, 341]       u2 Ben Ode -> [340]      u3 Cy Berg -> [341]
//   u4 Dee Null  -> [] (unlinked)    u5 Eka Rao -> [342]      u6 Nia York -> [343, 344]
//
// Calendar notes: 2026-03-02, -03-09, -03-16, -03-23, -03-30, -04-06, -04-20, -04-27 are Mondays;
// 2026-04-30 is a Thursday; 2026-05-03 and 2026-10-25 are Sundays.
enum StatsFixture {
    // MARK: Identifiers

    static func ulid(_ n: Int) -> String {
        let digits = String(n)
        return "01hz" + String(repeating: "0", count: 22 - digits.count) + digits
    }
    static func ws(_ n: Int) -> String { "ws_" + ulid(n) }
    static func cp(_ n: Int) -> String { "cp_" + ulid(n) }
    static func usr(_ n: Int) -> String { "usr_" + ulid(n) }
    static func twelve(_ n: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: 12 - digits.count) + digits
    }
    /// Campaign UUID (version 4, variant 8).
    static func cid(_ n: Int) -> String { "c0000000-0000-4000-8000-" + twelve(n) }
    static func uid(_ n: Int) -> String { "a0000000-0000-4000-8000-" + twelve(n) }
    static func pid(_ n: Int) -> String { "d0000000-0000-4000-8000-" + twelve(n) }
    static func aid(_ n: Int) -> String { "e0000000-0000-4000-8000-" + twelve(n) }

    // MARK: Record builders (JSON text)

    static func click(_ ws: Int, _ kind: String, _ at: String, campaign: Int? = nil, user: Int? = nil) -> String {
        let c = campaign.map { "\"\(cid($0))\"" } ?? "null"
        let u = user.map { "\"\(uid($0))\"" } ?? "null"
        return "{\"workspace_id\": \(ws), \"kind\": \"\(kind)\", \"at\": \"\(at)\", \"campaign_id\": \(c), \"user_id\": \(u), \"alias_id\": null}"
    }

    static func clicks(_ n: Int, _ ws: Int, _ kind: String, _ at: String, campaign: Int? = nil, user: Int? = nil) -> [String] {
        Array(repeating: click(ws, kind, at, campaign: campaign, user: user), count: n)
    }

    static func activity(_ campaign: Int, _ prospect: Int, _ type: String, _ at: String) -> String {
        "{\"campaign_id\": \"\(cid(campaign))\", \"prospect_id\": \"\(pid(prospect))\", \"type\": \"\(type)\", \"at\": \"\(at)\"}"
    }

    static func prospect(_ n: Int, _ campaign: Int, _ status: String) -> String {
        "{\"id\": \"\(pid(n))\", \"campaign_id\": \"\(cid(campaign))\", \"status\": \"\(status)\"}"
    }

    /// A campaign record; `extra` is spliced in verbatim (e.g. `"stats": {...}`).
    static func campaign(
        _ n: Int, ws: Int, owner: Int?, type: String, name: String, status: String, assignees: [Int] = [], extra: String? = nil
    ) -> String {
        let ownerText = owner.map { "\"\(uid($0))\"" } ?? "null"
        let assigneeText = assignees.map { "\"\(uid($0))\"" }.joined(separator: ", ")
        var text = """
            {"id": "\(cid(n))", "public_id": "\(cp(n))", "workspace_id": \(ws), "user_id": \(ownerText), \
            "type": "\(type)", "name": "\(name)", "status": "\(status)", "assignee_ids": [\(assigneeText)]
            """
        if let extra { text += ", " + extra }
        return text + "}"
    }

    static func callRow(_ ws: Int, _ date: String, campaign: Int?, _ v: [Int]) -> String {
        let c = campaign.map { "\"\(cid($0))\"" } ?? "null"
        return """
            {"workspace_id": \(ws), "date": "\(date)", "campaign_id": \(c), "total_calls": \(v[0]), "completed_calls": \(v[1]), \
            "connected_calls": \(v[2]), "meetings_booked": \(v[3]), "qualified_leads": \(v[4]), "conversations_had": \(v[5]), \
            "total_duration_seconds": \(v[6])}
            """
    }

    static func document(
        workspaces: [String], users: [String], campaigns: [String], prospects: [String] = [], activities: [String] = [],
        snapshots: [String] = [], clicks: [String] = [], aliases: [String] = [], callStats: [String] = []
    ) -> String {
        func array(_ items: [String]) -> String { "[\n    " + items.joined(separator: ",\n    ") + "\n  ]" }
        return """
            {
              "format": "stats-mcp-store",
              "version": 1,
              "workspaces": \(array(workspaces)),
              "users": \(array(users)),
              "campaigns": \(array(campaigns)),
              "prospects": \(array(prospects)),
              "activities": \(array(activities)),
              "weekly_snapshots": \(array(snapshots)),
              "clicks": \(array(clicks)),
              "aliases": \(array(aliases)),
              "call_stats_daily": \(array(callStats)),
              "x_unknown_top_level": {"kept": true}
            }
            """
    }

    static let workspaceRecords: [String] = [
        "{\"id\": 340, \"public_id\": \"\(ws(1))\", \"name\": \"Acme\", \"timezone\": \"UTC\"}",
        "{\"id\": 341, \"public_id\": \"\(ws(2))\", \"name\": \"Berlin GmbH\", \"timezone\": \"Europe/Berlin\"}",
        "{\"id\": 342, \"public_id\": \"\(ws(3))\", \"name\": \"Kolkata Pvt\", \"timezone\": \"Asia/Kolkata\"}",
        "{\"id\": 343, \"public_id\": \"\(ws(4))\", \"name\": \"York Inc\", \"timezone\": \"America/New_York\"}",
        "{\"id\": 344, \"public_id\": \"\(ws(5))\", \"name\": \"Howe Pty\", \"timezone\": \"Australia/Lord_Howe\"}",
    ]

    static let userRecords: [String] = [
        "{\"id\": \"\(uid(1))\", \"public_id\": \"\(usr(1))\", \"name\": \"Ada Park\", \"email\": \"ada@acme.test\", \"workspace_ids\": [340, 341]}",
        "{\"id\": \"\(uid(2))\", \"public_id\": \"\(usr(2))\", \"name\": \"Ben Ode\", \"email\": \"ben@acme.test\", \"workspace_ids\": [340]}",
        "{\"id\": \"\(uid(3))\", \"public_id\": \"\(usr(3))\", \"name\": \"Cy Berg\", \"email\": \"cy@berlin.test\", \"workspace_ids\": [341]}",
        "{\"id\": \"\(uid(4))\", \"public_id\": \"\(usr(4))\", \"name\": \"Dee Null\", \"email\": \"dee@nowhere.test\", \"workspace_ids\": []}",
        "{\"id\": \"\(uid(5))\", \"public_id\": \"\(usr(5))\", \"name\": \"Eka Rao\", \"workspace_ids\": [342]}",
        "{\"id\": \"\(uid(6))\", \"public_id\": \"\(usr(6))\", \"name\": \"Nia York\", \"workspace_ids\": [343, 344]}",
    ]

    /// The full record of c01 as stored (used by the sync tests to build the expected output).
    static let c01Extra = """
        "daily_limit": 50, "stop_on_reply": true, "open_tracking": true, "signature": "Best,\\n%first_name%", \
        "skip_other_campaigns": null, "operating_hours": null, \
        "stats": {"total": 6, "sent": 1, "replied": 3, "bounced": 1}, \
        "created_at": "2026-03-01T09:00:00Z", "updated_at": "2026-03-02T09:00:00Z", "last_synced_at": null, \
        "sender_accounts": [], "x_custom": {"keep": [1, 2]}
        """

    // MARK: The main store

    static let mainJSON: String = {
        var campaigns: [String] = [
            // Workspace 340 (UTC). Ada owns c01, c03, c05 and is an assignee of c01 (her own) and c04.
            campaign(1, ws: 340, owner: 1, type: "email", name: "Alpha Email", status: "active", assignees: [1, 2], extra: c01Extra),
            campaign(2, ws: 340, owner: 2, type: "linkedin", name: "Bravo LinkedIn", status: "active",
                     extra: "\"stats\": {\"total\": 4, \"connection_sent\": 2}"),
            campaign(3, ws: 340, owner: 1, type: "call", name: "Charlie Calls", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(4, ws: 340, owner: 2, type: "email", name: "Delta Draft", status: "draft", assignees: [1],
                     extra: "\"stats\": {\"total\": 0}"),
            campaign(5, ws: 340, owner: 1, type: "email", name: "Echo Archive", status: "archived",
                     extra: "\"stats\": {\"total\": 3, \"sent\": 3}"),
            // c06: active email, no prospects and no `stats` field at all.
            campaign(6, ws: 340, owner: 2, type: "email", name: "Fill 06", status: "active"),
            campaign(7, ws: 340, owner: 2, type: "email", name: "Fill 07", status: "paused", extra: "\"stats\": {\"total\": 0}"),
            campaign(8, ws: 340, owner: 2, type: "email", name: "Fill 08", status: "completed", extra: "\"stats\": {\"total\": 0}"),
            campaign(9, ws: 340, owner: 2, type: "linkedin", name: "Fill 09", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(10, ws: 340, owner: 2, type: "call", name: "Fill 10", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(11, ws: 340, owner: 2, type: "email", name: "Fill 11", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(12, ws: 340, owner: 2, type: "email", name: "Fill 12", status: "active", extra: "\"stats\": {\"total\": 0}"),
            // Workspace 341 (Berlin)
            campaign(21, ws: 341, owner: 1, type: "email", name: "Berlin Email", status: "active", extra: "\"stats\": {\"total\": 3}"),
            campaign(22, ws: 341, owner: 3, type: "linkedin", name: "Berlin LinkedIn", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(23, ws: 341, owner: 3, type: "call", name: "Berlin Calls", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(24, ws: 341, owner: 3, type: "email", name: "Berlin Draft", status: "draft", extra: "\"stats\": {\"total\": 0}"),
            // Other workspaces
            campaign(31, ws: 342, owner: 5, type: "linkedin", name: "Kolkata LinkedIn", status: "active", extra: "\"stats\": {\"total\": 2}"),
            campaign(41, ws: 343, owner: 6, type: "email", name: "York Email", status: "active", extra: "\"stats\": {\"total\": 0}"),
            campaign(51, ws: 344, owner: 6, type: "email", name: "Howe Email", status: "active", extra: "\"stats\": {\"total\": 4}"),
        ]
        // A campaign of an unknown workspace: ignored.
        campaigns.append(campaign(98, ws: 999, owner: 1, type: "email", name: "Ghost", status: "active"))

        let prospects: [String] = [
            prospect(101, 1, "replied"), prospect(102, 1, "bounced"), prospect(103, 1, "replied"),
            prospect(104, 1, "replied"), prospect(105, 1, "sent"), prospect(106, 1, "pending"),
            prospect(201, 2, "replied"), prospect(202, 2, "connected"), prospect(203, 2, "connection_sent"), prospect(204, 2, "connected"),
            prospect(2101, 21, "sent"), prospect(2102, 21, "sent"), prospect(2103, 21, "replied"),
            prospect(3101, 31, "connected"), prospect(3102, 31, "connection_sent"),
            prospect(5101, 51, "sent"), prospect(5102, 51, "sent"), prospect(5103, 51, "sent"), prospect(5104, 51, "sent"),
            // A prospect of an unknown campaign: ignored.
            prospect(9901, 97, "sent"),
        ]

        let activities: [String] = [
            // c01 (UTC)
            activity(1, 101, "email_sent", "2026-03-20T10:00:00Z"),
            activity(1, 101, "reply", "2026-04-02T10:00:00Z"),
            activity(1, 101, "reply", "2026-04-03T10:00:00Z"),
            activity(1, 101, "interested", "2026-04-03T11:00:00Z"),
            activity(1, 102, "email_sent", "2026-04-01T00:00:00Z"),
            activity(1, 102, "bounce", "2026-04-01T00:05:00Z"),
            activity(1, 103, "email_sent", "2026-04-05T09:00:00Z"),
            activity(1, 103, "email_sent", "2026-04-12T09:00:00Z"),
            activity(1, 103, "reply", "2026-04-13T09:00:00Z"),
            activity(1, 104, "email_sent", "2026-03-31T23:59:59Z"),
            activity(1, 104, "reply", "2026-04-30T23:59:59Z"),
            activity(1, 105, "email_sent", "2026-05-01T00:00:00Z"),
            // Names c01 but a prospect of c02: ignored.
            activity(1, 201, "email_sent", "2026-04-10T00:00:00Z"),
            // c02 (UTC)
            activity(2, 201, "invite_sent", "2026-04-02T08:00:00Z"),
            activity(2, 201, "invite_accepted", "2026-04-04T08:00:00Z"),
            activity(2, 201, "linkedin_message_sent", "2026-04-05T08:00:00Z"),
            activity(2, 201, "reply", "2026-04-06T08:00:00Z"),
            activity(2, 202, "invite_sent", "2026-04-02T09:00:00Z"),
            activity(2, 202, "invite_accepted", "2026-04-08T09:00:00Z"),
            activity(2, 203, "invite_sent", "2026-04-03T09:00:00Z"),
            activity(2, 204, "invite_sent", "2026-03-15T09:00:00Z"),
            activity(2, 204, "invite_accepted", "2026-04-01T09:00:00Z"),
            // c21 (Berlin): local days in comments.
            activity(21, 2101, "email_sent", "2026-03-28T23:30:00Z"),  // 03-29 00:30 CET
            activity(21, 2102, "email_sent", "2026-03-28T22:59:59Z"),  // 03-28 23:59:59 CET
            activity(21, 2103, "email_sent", "2026-03-29T21:59:59Z"),  // 03-29 23:59:59 CEST
            activity(21, 2103, "reply", "2026-03-29T22:00:00Z"),  // 03-30 00:00 CEST
            // c31 (Kolkata +05:30)
            activity(31, 3101, "invite_sent", "2026-03-28T18:29:59Z"),  // 03-28 23:59:59
            activity(31, 3101, "invite_accepted", "2026-03-28T18:30:00Z"),  // 03-29 00:00
            activity(31, 3102, "invite_sent", "2026-03-29T18:29:59.500Z"),  // 03-29 23:59:59.5
            activity(31, 3102, "invite_sent", "2026-03-29T18:30:00Z"),  // 03-30 00:00
            // c51 (Lord Howe; 2026-04-05 runs from 04-04T13:00Z (+11) to 04-05T13:30Z (+10:30))
            activity(51, 5101, "email_sent", "2026-04-04T12:59:59Z"),  // 04-04
            activity(51, 5102, "email_sent", "2026-04-04T13:00:00Z"),  // 04-05
            activity(51, 5103, "email_sent", "2026-04-05T13:29:59Z"),  // 04-05
            activity(51, 5104, "email_sent", "2026-04-05T13:30:00Z"),  // 04-06
        ]

        var clicks: [String] = []
        // ---- Workspace 340 (UTC) ----
        // Period A previous (2026-01-01..01-10): campaign 3, vcard 3, other 0.
        clicks.append(click(340, "other", "2025-12-31T23:59:59Z"))  // outside
        clicks.append(click(340, "campaign", "2026-01-01T00:00:00Z"))
        clicks += Self.clicks(2, 340, "campaign", "2026-01-05T12:00:00Z")
        clicks += Self.clicks(3, 340, "vcard", "2026-01-10T23:59:59Z")
        // Period A (2026-01-11..01-20): campaign 4, vcard 5, other 2.
        clicks += Self.clicks(4, 340, "campaign", "2026-01-11T00:00:00Z")
        clicks += Self.clicks(5, 340, "vcard", "2026-01-15T12:00:00Z")
        clicks += Self.clicks(2, 340, "other", "2026-01-20T23:59:59Z")
        clicks.append(click(340, "vcard", "2026-01-21T00:00:00Z"))  // outside
        // Period C (2026-01-25): other 2, vcard 2, campaign 1.
        clicks += Self.clicks(2, 340, "other", "2026-01-25T01:00:00Z")
        clicks += Self.clicks(2, 340, "vcard", "2026-01-25T02:00:00Z")
        clicks.append(click(340, "campaign", "2026-01-25T03:00:00Z"))
        // Period D (2026-01-27): vcard 1.
        clicks.append(click(340, "vcard", "2026-01-27T09:00:00Z"))
        // Period B previous (2026-02-01..02-10): campaign 16, vcard 16, other 8.
        clicks += Self.clicks(16, 340, "campaign", "2026-02-03T10:00:00Z")
        clicks += Self.clicks(16, 340, "vcard", "2026-02-04T10:00:00Z")
        clicks += Self.clicks(8, 340, "other", "2026-02-10T23:00:00Z")
        // Period B (2026-02-11..02-20): campaign 17, vcard 15, other 9.
        clicks += Self.clicks(17, 340, "campaign", "2026-02-12T10:00:00Z")
        clicks += Self.clicks(15, 340, "vcard", "2026-02-13T10:00:00Z")
        clicks += Self.clicks(9, 340, "other", "2026-02-20T05:00:00Z")
        // Top-10 week (2026-03-02..03-08); its previous week (02-23..03-01) has one other click.
        clicks.append(click(340, "other", "2026-03-01T23:59:59Z"))
        for (n, count) in [(1, 5), (2, 4), (3, 4), (4, 3), (5, 3), (6, 2), (7, 2), (8, 2), (9, 1), (10, 1), (11, 1)] {
            clicks += Self.clicks(count, 340, "campaign", "2026-03-04T12:00:00Z", campaign: n)
        }
        clicks += Self.clicks(2, 340, "vcard", "2026-03-05T12:00:00Z", campaign: 12)  // c12: no campaign-kind click
        clicks.append(click(340, "campaign", "2026-03-05T13:00:00Z", campaign: 21))  // a Berlin campaign, clicked in ws 340
        clicks.append(click(340, "campaign", "2026-03-06T13:00:00Z"))  // unattributed
        clicks.append(click(340, "other", "2026-03-09T00:00:00Z"))  // outside
        // Ada's March click and the April clicks.
        clicks.append(click(340, "other", "2026-03-31T23:59:59Z", user: 1))
        clicks.append(click(340, "campaign", "2026-04-10T12:00:00Z", campaign: 1, user: 1))
        clicks.append(click(340, "vcard", "2026-04-15T12:00:00Z", campaign: 1, user: 1))
        clicks.append(click(340, "campaign", "2026-04-30T23:59:59Z", campaign: 1))
        clicks.append(click(340, "campaign", "2026-05-01T00:00:00Z", campaign: 1))  // outside April
        clicks.append(click(340, "other", "2026-04-20T12:00:00Z", user: 1))
        clicks.append(click(340, "other", "2026-04-21T12:00:00Z", user: 2))

        // ---- Workspace 341 (Berlin) ---- (local date in comments)
        clicks.append(click(341, "vcard", "2026-01-16T23:30:00Z"))  // b1  01-17
        clicks.append(click(341, "other", "2026-01-16T22:59:59Z"))  // b2  01-16
        clicks.append(click(341, "campaign", "2026-02-28T23:30:00Z", campaign: 21))  // b3  03-01
        clicks.append(click(341, "vcard", "2026-03-11T22:59:59Z"))  // b4  03-11
        clicks.append(click(341, "other", "2026-03-12T00:00:00Z"))  // b5  03-12
        clicks.append(click(341, "campaign", "2026-03-14T22:59:59Z", campaign: 22))  // b6  03-14
        clicks.append(click(341, "vcard", "2026-03-14T23:00:00Z"))  // b7  03-15
        clicks.append(click(341, "campaign", "2026-03-22T23:15:00Z", campaign: 21))  // b8  03-23
        clicks.append(click(341, "other", "2026-03-25T22:59:59Z"))  // b9  03-25
        clicks.append(click(341, "campaign", "2026-03-25T23:00:00Z", campaign: 21))  // b10 03-26
        clicks.append(click(341, "campaign", "2026-03-28T23:30:00Z", campaign: 22))  // b11 03-29
        clicks.append(click(341, "campaign", "2026-03-29T22:30:00Z", campaign: 21))  // b12 03-30 (CEST)
        clicks.append(click(341, "vcard", "2026-03-31T22:30:00Z"))  // b13 04-01
        clicks.append(click(341, "campaign", "2026-04-08T21:59:59Z", campaign: 22))  // b14 04-08
        clicks.append(click(341, "other", "2026-04-08T22:00:00Z"))  // b15 04-09
        clicks.append(click(341, "campaign", "2026-05-10T21:59:00Z", campaign: 21))  // b16 05-10
        clicks.append(click(341, "campaign", "2026-05-10T22:00:00Z", campaign: 21))  // b17 05-11
        clicks.append(click(341, "vcard", "2026-10-24T22:30:00Z"))  // b18 10-25 (CEST)
        clicks.append(click(341, "other", "2026-10-25T22:30:00Z"))  // b19 10-25 (CET)
        clicks.append(click(341, "campaign", "2026-10-25T23:00:00Z", campaign: 23))  // b20 10-26
        clicks.append(click(341, "other", "2026-10-24T21:59:59Z"))  // b21 10-24
        clicks.append(click(341, "other", "2026-06-12T10:00:00Z", user: 1))  // Ada in Berlin, 06-12

        // ---- Workspace 342 (Kolkata +05:30) ----
        clicks.append(click(342, "vcard", "2026-03-28T18:29:59Z"))  // k1 03-28
        clicks.append(click(342, "campaign", "2026-03-28T18:30:00Z", campaign: 31))  // k2 03-29
        clicks.append(click(342, "other", "2026-03-29T18:29:59Z"))  // k3 03-29
        clicks.append(click(342, "vcard", "2026-03-29T18:30:00Z"))  // k4 03-30
        // ---- Workspace 343 (New York) ----
        clicks.append(click(343, "other", "2026-03-08T04:59:59Z"))  // n1 03-07 23:59:59 EST
        clicks.append(click(343, "vcard", "2026-03-08T05:00:00Z"))  // n2 03-08 00:00 EST
        clicks.append(click(343, "campaign", "2026-03-09T03:59:59Z", campaign: 41))  // n3 03-08 23:59:59 EDT
        clicks.append(click(343, "other", "2026-03-09T04:00:00Z"))  // n4 03-09 00:00 EDT
        // ---- Workspace 344 (Lord Howe) ----
        clicks.append(click(344, "other", "2026-04-04T12:59:59Z"))  // h1 04-04 23:59:59 +11
        clicks.append(click(344, "vcard", "2026-04-04T13:00:00Z"))  // h2 04-05 00:00 +11
        clicks.append(click(344, "campaign", "2026-04-05T13:29:59Z", campaign: 51))  // h3 04-05 23:59:59 +10:30
        clicks.append(click(344, "other", "2026-04-05T13:30:00Z"))  // h4 04-06 00:00 +10:30
        // A click of an unknown workspace: ignored.
        clicks.append(click(999, "campaign", "2026-04-10T12:00:00Z", campaign: 1, user: 1))

        let snapshots: [String] = [
            "{\"campaign_id\": \"\(cid(1))\", \"week_start\": \"2026-04-27\", \"stats\": {\"total\": 5, \"sent\": 2}, \"captured_at\": \"2026-04-27T00:05:00Z\", \"note\": \"keep\"}",
            "{\"campaign_id\": \"\(cid(2))\", \"week_start\": \"2026-04-20\", \"stats\": {\"total\": 4}, \"captured_at\": \"2026-04-20T00:05:00Z\"}",
            "{\"campaign_id\": \"\(cid(21))\", \"week_start\": \"2026-04-27\", \"stats\": {\"total\": 3}, \"captured_at\": \"2026-04-27T00:05:00Z\"}",
        ]

        let aliases: [String] = [
            "{\"id\": \"\(aid(1))\", \"workspace_id\": 340, \"user_id\": \"\(uid(1))\", \"slug\": \"ada\"}",
            "{\"id\": \"\(aid(2))\", \"workspace_id\": 340, \"user_id\": \"\(uid(1))\", \"slug\": \"ada2\"}",
            "{\"id\": \"\(aid(3))\", \"workspace_id\": 341, \"user_id\": \"\(uid(1))\", \"slug\": \"ada-berlin\"}",
            "{\"id\": \"\(aid(4))\", \"workspace_id\": 340, \"user_id\": \"\(uid(3))\", \"slug\": \"cy\"}",
            "{\"id\": \"\(aid(5))\", \"workspace_id\": 999, \"user_id\": \"\(uid(1))\", \"slug\": \"ghost\"}",
            // Duplicate id: ignored (the first wins).
            "{\"id\": \"\(aid(2))\", \"workspace_id\": 340, \"user_id\": \"\(uid(1))\", \"slug\": \"dup\"}",
        ]

        let callStats: [String] = [
            callRow(340, "2026-04-01", campaign: 3, [10, 4, 3, 1, 1, 2, 251]),
            callRow(340, "2026-04-30", campaign: 3, [5, 2, 1, 0, 0, 1, 100]),
            callRow(340, "2026-05-01", campaign: 3, [100, 50, 40, 10, 10, 20, 5000]),  // outside April
            callRow(340, "2026-03-31", campaign: 3, [7, 3, 2, 1, 0, 1, 300]),  // previous period
            callRow(340, "2026-04-10", campaign: nil, [50, 40, 30, 5, 5, 10, 4000]),  // no campaign
            callRow(340, "2026-04-10", campaign: 1, [9, 9, 9, 9, 9, 9, 900]),  // another campaign
            callRow(341, "2026-04-10", campaign: 3, [1000, 900, 800, 70, 60, 50, 99999]),  // another workspace
        ]

        return document(
            workspaces: workspaceRecords, users: userRecords, campaigns: campaigns, prospects: prospects,
            activities: activities, snapshots: snapshots, clicks: clicks, aliases: aliases, callStats: callStats)
    }()

    static let main: StoreData = load(mainJSON)

    /// A one-campaign store (workspace 340, UTC; Ada) for the bounce guard: `bounced` prospects in
    /// `bounced`, `attempted - bounced` in `sent`, `pending` in `pending`.
    static func bounceStore(attempted: Int, bounced: Int, pending: Int = 3, type: String = "email", status: String = "active") -> StoreData {
        var prospects: [String] = []
        var n = 1
        for _ in 0..<bounced { prospects.append(prospect(n, 1, "bounced")); n += 1 }
        for _ in 0..<(attempted - bounced) { prospects.append(prospect(n, 1, "sent")); n += 1 }
        for _ in 0..<pending { prospects.append(prospect(n, 1, "pending")); n += 1 }
        let text = document(
            workspaces: [workspaceRecords[0]], users: [userRecords[0]],
            campaigns: [campaign(1, ws: 340, owner: 1, type: type, name: "Guarded", status: status, extra: "\"stats\": {\"total\": 0}")],
            prospects: prospects)
        return load(text)
    }

    static func load(_ text: String) -> StoreData {
        let bytes = Array(text.utf8)
        do {
            return try bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }.data
        } catch {
            preconditionFailure("fixture store does not load: \(error)")
        }
    }

    static func loadProblems(_ text: String) -> [StoreProblem] {
        let bytes = Array(text.utf8)
        return (try? bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }.problems) ?? []
    }
}

// MARK: - Running a tool the way StatsBackend does

/// Records log notifications sent through `ToolContext.log`.
final class StatsLogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(level: String, payload: JSONValue)] = []

    func record(_ level: String, _ payload: JSONValue) {
        lock.lock()
        entries.append((level, payload))
        lock.unlock()
    }

    var all: [(level: String, payload: JSONValue)] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }
}

/// A committer that applies the ops to an in-memory copy of the store (`data.apply(ops)`).
final class StatsTestCommitter: StoreCommitter, @unchecked Sendable {
    private let lock = NSLock()
    private var current: StoreData
    private(set) var commits: [[JournalOp]] = []
    private(set) var calls = 0

    init(_ data: StoreData) { current = data }

    var data: StoreData {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func commit<T>(_ body: (StoreData) throws(ToolError) -> (ops: [JournalOp], result: T)) throws(ToolError) -> T {
        lock.lock()
        defer { lock.unlock() }
        calls += 1
        let (ops, result) = try body(current)
        if !ops.isEmpty {
            current.apply(ops)
            commits.append(ops)
        }
        return result
    }
}

enum StatsHarness {
    static let defaultNow = "2026-04-30T12:34:56.789Z"

    /// Validates `arguments` (JSON object text) against the tool's specs, then runs it as the given
    /// user in the given workspace, like `StatsBackend.run`.
    static func call(
        _ tool: any Tool, _ arguments: String = "{}", store: StoreData = StatsFixture.main, workspace: Int64 = 340,
        user: Int = 1, now: String = defaultNow, today: String? = nil, committer: (any StoreCommitter)? = nil,
        log: StatsLogRecorder? = nil
    ) -> Result<JSONValue, ToolError> {
        guard case let .object(raw)? = try? JSON.parse(arguments) else { preconditionFailure("arguments are not a JSON object: \(arguments)") }
        guard let ws = store.workspace(id: workspace), let person = store.user(publicID: StatsFixture.usr(user)) else {
            preconditionFailure("no such workspace or user in the fixture")
        }
        let instant = Instant.parse(now)!
        let day = today.flatMap(Day.parse) ?? ws.zone.localDay(of: instant)
        let context = ToolContext(
            data: store, session: Session(workspace: ws, user: person), now: instant, today: day, committer: committer,
            log: { level, payload in log?.record(level, payload) })
        do {
            let args = try Arguments.validate(raw, against: tool.arguments)
            return .success(try tool.run(args, context))
        } catch {
            return .failure(error)
        }
    }
}

// MARK: - Assertions

enum StatsCheck {
    static func json(_ text: String) -> JSONValue {
        do { return try JSON.parse(text) } catch { preconditionFailure("expected JSON does not parse: \(error)\n\(text)") }
    }

    /// The call succeeded with exactly `expected` (JSON text; object member order ignored).
    static func ok(_ result: Result<JSONValue, ToolError>, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch result {
        case let .success(value):
            let want = json(expected)
            if value != want {
                Issue.record("output differs\n  got:  \(JSON.string(value))\n  want: \(JSON.string(want))", sourceLocation: sourceLocation)
            }
        case let .failure(error):
            Issue.record("unexpected tool error: \(error.text)", sourceLocation: sourceLocation)
        }
    }

    /// The call succeeded; returns the output (or nil after recording an issue).
    @discardableResult
    static func value(_ result: Result<JSONValue, ToolError>, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue? {
        switch result {
        case let .success(value): return value
        case let .failure(error):
            Issue.record("unexpected tool error: \(error.text)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The call failed with `code` and `field` (nil = no field); returns the error.
    @discardableResult
    static func error(
        _ result: Result<JSONValue, ToolError>, _ code: ToolError.Code, field: String?, sourceLocation: SourceLocation = #_sourceLocation
    ) -> ToolError? {
        switch result {
        case let .success(value):
            Issue.record("expected \(code.rawValue), got \(JSON.string(value))", sourceLocation: sourceLocation)
            return nil
        case let .failure(error):
            #expect(error.code == code, "code: \(error.text)", sourceLocation: sourceLocation)
            #expect(error.field == field, "field of: \(error.text)", sourceLocation: sourceLocation)
            return error
        }
    }

    /// Compares one member of a successful output with `expected` JSON text.
    static func member(
        _ result: Result<JSONValue, ToolError>, _ key: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let value = value(result, sourceLocation: sourceLocation) else { return }
        let want = json(expected)
        let got = value[key] ?? .null
        if got != want {
            Issue.record("\(key) differs\n  got:  \(JSON.string(got))\n  want: \(JSON.string(want))", sourceLocation: sourceLocation)
        }
    }
}

// MARK: - The fixture itself

@Suite("stats tools fixture")
struct StatsFixtureSanityTests {
    /// Only the deliberately broken records are reported (a typo elsewhere would silently drop a record
    /// and skew every hand-computed figure).
    @Test func onlyTheIntendedRecordsAreIgnored() {
        // Paths only: the wording belongs to the loader.
        let problems = StatsFixture.loadProblems(StatsFixture.mainJSON).map(\.path)
        #expect(problems == [
            "$.campaigns[19].workspace_id",  // campaign of workspace 999
            "$.prospects[19].campaign_id",  // prospect of an unknown campaign
            "$.activities[12].prospect_id",  // c01's activity naming c02's prospect
            "$.clicks[181].workspace_id",  // click of workspace 999
            "$.aliases[4]",  // alias of workspace 999
            "$.aliases[5].id",  // duplicate alias id
        ])
    }
}

extension StatsFixtureSanityTests {
    /// Every successful output of the five tools on this fixture conforms to the tool's outputSchema.
    @Test func outputsConformToTheOutputSchemas() throws {
        let cp = StatsFixture.cp
        let calls: [(any Tool, String, Int64)] = [
            (StatsGetWorkspaceOverview(), #"{"from": "2026-01-11", "to": "2026-01-20"}"#, 340),
            (StatsGetWorkspaceOverview(), #"{"from": "2026-03-02", "to": "2026-03-08", "breakdown": "week"}"#, 340),
            (StatsGetWorkspaceOverview(), #"{"from": "2026-03-15", "to": "2026-05-10", "breakdown": "month"}"#, 341),
            (StatsGetWorkspaceOverview(), #"{"from": "2026-10-24", "to": "2026-10-26", "breakdown": "day"}"#, 341),
            (StatsGetCampaignPerformance(), "{\"campaignPublicId\": \"\(cp(1))\", \"from\": \"2026-04-01\", \"to\": \"2026-04-30\"}", 340),
            (StatsGetCampaignPerformance(), "{\"campaignPublicId\": \"\(cp(3))\", \"from\": \"2026-04-01\"}", 340),
            (StatsGetUserMetrics(), "{\"userPublicId\": \"\(StatsFixture.usr(1))\", \"to\": \"2026-04-30\"}", 340),
            // Revision 2: presets, compare none (null previous/changePct/trend), UUIDs, workspace calls and outreach.
            (StatsGetWorkspaceOverview(), #"{"from": "2026-04-01", "to": "2026-04-30", "compare": "none", "breakdown": "week"}"#, 340),
            (StatsGetWorkspaceOverview(), #"{"period": "last_quarter", "compare": "previous_year"}"#, 341),
            (StatsGetCampaignPerformance(), "{\"campaignPublicId\": \"\(StatsFixture.cid(3))\", \"period\": \"this_month\", \"compare\": \"none\"}", 340),
            (StatsGetUserMetrics(), "{\"userPublicId\": \"\(StatsFixture.uid(1))\", \"period\": \"last_7_days\", \"compare\": \"none\"}", 340),
            (CampaignsSyncStats(), "{\"id\": \"\(cp(1))\", \"dry_run\": true}", 340),
            (CampaignsSyncStats(), "{\"id\": \"\(cp(2))\", \"dry_run\": true}", 340),
            (CampaignsSyncStats(), "{\"id\": \"\(cp(6))\", \"dry_run\": true}", 340),
            (CampaignsCaptureWeeklySnapshots(), #"{"dry_run": true}"#, 340),
        ]
        for (tool, arguments, workspace) in calls {
            let value = try #require(StatsCheck.value(StatsHarness.call(tool, arguments, workspace: workspace)))
            let problems = StatsSchemaCheck.violations(value, tool.outputSchema)
            #expect(problems.isEmpty, "\(tool.name) \(arguments): \(problems)")
        }
        // A paused campaign (paused_reason present) too.
        let store = StatsFixture.bounceStore(attempted: 100, bounced: 5)
        let paused = try #require(StatsCheck.value(StatsHarness.call(CampaignsSyncStats(), "{\"id\": \"\(cp(1))\", \"dry_run\": true}", store: store)))
        #expect(StatsSchemaCheck.violations(paused, CampaignsSyncStats().outputSchema).isEmpty)
        // The checker itself notices a wrong output.
        #expect(!StatsSchemaCheck.violations(["dry_run": "no"], CampaignsCaptureWeeklySnapshots().outputSchema).isEmpty)
    }
}

// MARK: - A small JSON Schema checker (the subset the tool output schemas use)

enum StatsSchemaCheck {
    /// Violations of `schema` by `value` (empty = conforms). Supports type, enum, required, minProperties, properties,
    /// additionalProperties, items, maxItems, minimum, oneOf and local `$ref`s (`#/$defs/…`).
    static func violations(_ value: JSONValue, _ schema: JSONValue, root: JSONValue? = nil, path: String = "$") -> [String] {
        let root = root ?? schema
        guard case let .object(s) = schema else { return schema == .bool(false) ? ["\(path): not allowed"] : [] }
        if let ref = s["$ref"]?.stringValue {
            guard ref.hasPrefix("#/") else { return ["\(path): external $ref \(ref)"] }
            var target: JSONValue? = root
            for part in ref.dropFirst(2).split(separator: "/") { target = target?[String(part)] }
            guard let target else { return ["\(path): unresolved $ref \(ref)"] }
            return violations(value, target, root: root, path: path)
        }
        var out: [String] = []
        if let type = s["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
            if !allowed.contains(where: { matches(value, $0) }) { out.append("\(path): \(value.typeName) is not \(allowed)") }
        }
        if let options = s["enum"]?.arrayValue, !options.contains(value) { out.append("\(path): \(JSON.string(value)) not in enum") }
        if let minimum = s["minimum"], let n = value.integerValue, let m = minimum.integerValue, n < m { out.append("\(path): below minimum") }
        if let branches = s["oneOf"]?.arrayValue {
            let passing = branches.filter { violations(value, $0, root: root, path: path).isEmpty }.count
            if passing != 1 { out.append("\(path): matches \(passing) oneOf branches") }
        }
        if case let .object(o) = value {
            for name in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where o[name] == nil {
                out.append("\(path): missing required \(name)")
            }
            if let min = s["minProperties"]?.integerValue, o.count < min { out.append("\(path): \(o.count) keys < minProperties \(min)") }
            let properties = s["properties"]?.objectValue ?? JSONObject()
            for member in o {
                if let p = properties[member.key] {
                    out += violations(member.value, p, root: root, path: path + "." + member.key)
                } else if let extra = s["additionalProperties"] {
                    out += violations(member.value, extra, root: root, path: path + "." + member.key)
                }
            }
        }
        if case let .array(items) = value {
            if let max = s["maxItems"]?.integerValue, items.count > Int(max) { out.append("\(path): more than \(max) items") }
            if let itemSchema = s["items"] {
                for (i, item) in items.enumerated() { out += violations(item, itemSchema, root: root, path: "\(path)[\(i)]") }
            }
        }
        return out
    }

    static func matches(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("integer", .int): return true
        case ("integer", .double): return value.integerValue != nil
        case ("number", .int), ("number", .double): return true
        default: return false
        }
    }
}
