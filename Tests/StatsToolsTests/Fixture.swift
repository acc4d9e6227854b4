import Foundation
import StatsCore
import StatsJSON
import StatsStore
import Testing

@testable import StatsTools

/// Shared helpers of the StatsTools tests: a small hand-made store (every figure the tests expect is
/// worked out by hand beside each test), sessions on it, and a tool runner that goes through the same
/// argument validation as the server.
enum Fixture {
    // Workspaces: A = 340 (UTC, the usual session), B = 341 (Europe/Berlin; Ada is linked to it too),
    // C = 342 (Ada is not linked).
    static let wsA: Int64 = 340
    static let wsB: Int64 = 341
    static let wsC: Int64 = 342
    static let wsAPublic = "ws_00000000000000000000000340"
    static let wsBPublic = "ws_00000000000000000000000341"
    static let wsCPublic = "ws_00000000000000000000000342"

    // Users.
    static let ada = "a0000000-0000-4000-8000-000000000001"  // usr …01, "Ada Park", linked to A and B (the caller)
    static let bob = "a0000000-0000-4000-8000-000000000002"  // usr …02, "Bob Smith", A
    static let adaPublic = "usr_00000000000000000000000001"
    static let bobPublic = "usr_00000000000000000000000002"
    static let carlPublic = "usr_00000000000000000000000003"  // "Carl Berg", B only
    static let ada2Public = "usr_00000000000000000000000004"  // "ada park", A
    static let nonamePublic = "usr_00000000000000000000000005"  // no name, A
    static let zoeNFCPublic = "usr_00000000000000000000000006"  // "Zoë" (NFC), A
    static let zoeNFDPublic = "usr_00000000000000000000000007"  // "Zoë" (NFD: e + U+0308), A
    static let danPublic = "usr_00000000000000000000000008"  // "Dan Other", C only

    // Campaigns of A.
    static let e1 = "c0000000-0000-4000-8000-000000000001"  // cp …101 "Alpha Email", email, active, Ada
    static let l1 = "c0000000-0000-4000-8000-000000000002"  // cp …102 "Beta LinkedIn", linkedin, active, Ada
    static let c1 = "c0000000-0000-4000-8000-000000000003"  // cp …103 "Gamma Calls", call, paused, Ada
    static let e2 = "c0000000-0000-4000-8000-000000000004"  // cp …104 "Delta Other", email, active, Bob
    static let e3 = "c0000000-0000-4000-8000-000000000005"  // cp …105 "Baseline Only", email, draft, Ada
    static let x1 = "c0000000-0000-4000-8000-000000000006"  // cp …106 no name, email, completed, unknown owner
    static let t1 = "b0000000-0000-4000-8000-000000000007"  // cp …107 "Alpha Email", linkedin, archived, Ada
    static let e1Public = "cp_00000000000000000000000101"
    static let l1Public = "cp_00000000000000000000000102"
    static let c1Public = "cp_00000000000000000000000103"
    static let e2Public = "cp_00000000000000000000000104"
    static let e3Public = "cp_00000000000000000000000105"
    static let x1Public = "cp_00000000000000000000000106"
    static let t1Public = "cp_00000000000000000000000107"
    // Campaigns of B and C.
    static let b1 = "d0000000-0000-4000-8000-000000000001"  // cp …201 "Beta Secret", email, B, owned by Ada
    static let b2 = "d0000000-0000-4000-8000-000000000002"  // cp …202 "Carl Campaign", linkedin, B, Carl
    static let g1 = "e0000000-0000-4000-8000-000000000001"  // cp …301 "Gamma Only", email, C, Dan
    static let b1Public = "cp_00000000000000000000000201"
    static let b2Public = "cp_00000000000000000000000202"
    static let g1Public = "cp_00000000000000000000000301"
    /// A campaign id of call_stats_daily rows that no campaign has.
    static let unknownCampaign = "99999999-0000-4000-8000-000000000001"
    /// Well-formed ids that exist nowhere.
    static let nowhereUUID = "12345678-1234-4234-8234-123456789abc"
    static let nowherePublic = "cp_07777777777777777777777777"
    static let nowhereUserPublic = "usr_07777777777777777777777777"

    // Call batches of A: ba…01 processing C1 2026-04-20T10:00Z (8 calls: 1 completed, 5 pending,
    // 1 in_progress, 1 of unknown status); ba…02 completed C1 2026-04-20T12:00+02:00 (the same
    // instant; 2 completed, 1 failed); ba…03 pending C1 2026-04-21 (no calls); ba…04 failed E1
    // 2026-01-01 (2 failed, 1 pending). B: bb…01.
    static let ba1 = "ba000000-0000-4000-8000-000000000001"
    static let ba2 = "ba000000-0000-4000-8000-000000000002"
    static let ba3 = "ba000000-0000-4000-8000-000000000003"
    static let ba4 = "ba000000-0000-4000-8000-000000000004"

    static let today = Day.parse("2026-04-26")!  // a Sunday; monday(today) = 2026-04-20
    static let now = Instant.parse("2026-04-26T10:25:00Z")!

    static let storeText = #"""
{"format": "stats-mcp-store", "version": 1,
 "workspaces": [
  {"id": 340, "public_id": "ws_00000000000000000000000340", "name": "Acme", "timezone": "UTC"},
  {"id": 341, "public_id": "ws_00000000000000000000000341", "name": "Beta GmbH", "timezone": "Europe/Berlin"},
  {"id": 342, "public_id": "ws_00000000000000000000000342", "name": "Gamma Ltd", "timezone": "UTC"}
 ],
 "users": [
  {"id": "a0000000-0000-4000-8000-000000000001", "public_id": "usr_00000000000000000000000001", "name": "Ada Park", "workspace_ids": [340, 341]},
  {"id": "a0000000-0000-4000-8000-000000000002", "public_id": "usr_00000000000000000000000002", "name": "Bob Smith", "workspace_ids": [340]},
  {"id": "a0000000-0000-4000-8000-000000000003", "public_id": "usr_00000000000000000000000003", "name": "Carl Berg", "workspace_ids": [341]},
  {"id": "a0000000-0000-4000-8000-000000000004", "public_id": "usr_00000000000000000000000004", "name": "ada park", "workspace_ids": [340]},
  {"id": "a0000000-0000-4000-8000-000000000005", "public_id": "usr_00000000000000000000000005", "workspace_ids": [340]},
  {"id": "a0000000-0000-4000-8000-000000000006", "public_id": "usr_00000000000000000000000006", "name": "Zo\u00eb", "workspace_ids": [340]},
  {"id": "a0000000-0000-4000-8000-000000000007", "public_id": "usr_00000000000000000000000007", "name": "Zoe\u0308", "workspace_ids": [340]},
  {"id": "a0000000-0000-4000-8000-000000000008", "public_id": "usr_00000000000000000000000008", "name": "Dan Other", "workspace_ids": [342]}
 ],
 "campaigns": [
  {"id": "c0000000-0000-4000-8000-000000000001", "public_id": "cp_00000000000000000000000101", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "email", "name": "Alpha Email", "status": "active", "created_at": "2026-03-01T10:00:00Z", "stats": {"total": 100, "sent": 50, "replied": 5, "bounced": 2, "note": "x", "opened": 2.5}, "x_custom": {"keep": [1, 2]}},
  {"id": "c0000000-0000-4000-8000-000000000002", "public_id": "cp_00000000000000000000000102", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "linkedin", "name": "Beta LinkedIn", "status": "active", "created_at": "2026-03-05T09:00:00Z", "stats": {"total": 10, "connection_sent": 8, "connected": 3}},
  {"id": "c0000000-0000-4000-8000-000000000003", "public_id": "cp_00000000000000000000000103", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "call", "name": "Gamma Calls", "status": "paused", "created_at": "2026-03-05T09:00:00Z", "stats": {"total": 5, "meeting_booked": 1}},
  {"id": "c0000000-0000-4000-8000-000000000004", "public_id": "cp_00000000000000000000000104", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000002", "type": "email", "name": "Delta Other", "status": "active", "created_at": "2026-03-05T10:00:00+02:00", "stats": {"total": 7, "sent": 7}},
  {"id": "c0000000-0000-4000-8000-000000000005", "public_id": "cp_00000000000000000000000105", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "email", "name": "Baseline Only", "status": "draft", "created_at": "2026-02-01T00:00:00Z", "stats": {"total": 3, "sent": 1}},
  {"id": "c0000000-0000-4000-8000-000000000006", "public_id": "cp_00000000000000000000000106", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000255", "type": "email", "status": "completed", "stats": {}},
  {"id": "b0000000-0000-4000-8000-000000000007", "public_id": "cp_00000000000000000000000107", "workspace_id": 340, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "linkedin", "name": "Alpha Email", "status": "archived", "created_at": "2026-01-15T00:00:00Z"},
  {"id": "d0000000-0000-4000-8000-000000000001", "public_id": "cp_00000000000000000000000201", "workspace_id": 341, "user_id": "a0000000-0000-4000-8000-000000000001", "type": "email", "name": "Beta Secret", "status": "active", "created_at": "2026-03-01T00:00:00Z", "stats": {"total": 1, "sent": 1}},
  {"id": "d0000000-0000-4000-8000-000000000002", "public_id": "cp_00000000000000000000000202", "workspace_id": 341, "user_id": "a0000000-0000-4000-8000-000000000003", "type": "linkedin", "name": "Carl Campaign", "status": "active", "created_at": "2026-03-02T00:00:00Z", "stats": {"total": 0}},
  {"id": "e0000000-0000-4000-8000-000000000001", "public_id": "cp_00000000000000000000000301", "workspace_id": 342, "user_id": "a0000000-0000-4000-8000-000000000008", "type": "email", "name": "Gamma Only", "status": "active", "created_at": "2026-03-03T00:00:00Z", "stats": {"total": 0}}
 ],
 "prospects": [
  {"id": "f1000000-0000-4000-8000-000000000001", "campaign_id": "c0000000-0000-4000-8000-000000000001", "status": "replied"},
  {"id": "f1000000-0000-4000-8000-000000000002", "campaign_id": "c0000000-0000-4000-8000-000000000001", "status": "replied"},
  {"id": "f1000000-0000-4000-8000-000000000003", "campaign_id": "c0000000-0000-4000-8000-000000000001", "status": "bounced"},
  {"id": "f1000000-0000-4000-8000-000000000004", "campaign_id": "c0000000-0000-4000-8000-000000000001", "status": "pending"},
  {"id": "f2000000-0000-4000-8000-000000000001", "campaign_id": "c0000000-0000-4000-8000-000000000002", "status": "replied"},
  {"id": "f2000000-0000-4000-8000-000000000002", "campaign_id": "c0000000-0000-4000-8000-000000000002", "status": "interested"},
  {"id": "f2000000-0000-4000-8000-000000000003", "campaign_id": "c0000000-0000-4000-8000-000000000002", "status": "message_sent"},
  {"id": "f3000000-0000-4000-8000-000000000001", "campaign_id": "c0000000-0000-4000-8000-000000000004", "status": "replied"},
  {"id": "f4000000-0000-4000-8000-000000000001", "campaign_id": "d0000000-0000-4000-8000-000000000001", "status": "replied"}
 ],
 "activities": [
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000001", "type": "email_sent", "at": "2026-03-02T10:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000001", "type": "email_sent", "at": "2026-03-02T10:01:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000001", "type": "reply", "at": "2026-03-02T10:01:30Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000001", "type": "interested", "at": "2026-03-02T11:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000002", "type": "email_sent", "at": "2026-03-03T10:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000002", "type": "reply", "at": "2026-03-03T09:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000003", "type": "email_sent", "at": "2026-03-04T10:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "prospect_id": "f1000000-0000-4000-8000-000000000003", "type": "bounce", "at": "2026-03-04T10:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000001", "type": "invite_sent", "at": "2026-03-10T08:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000001", "type": "reply", "at": "2026-03-10T08:00:02.5Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000001", "type": "invite_accepted", "at": "2026-03-11T08:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000001", "type": "reply", "at": "2026-03-12T08:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000002", "type": "invite_sent", "at": "2026-03-10T09:00:00.250Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000002", "type": "reply", "at": "2026-03-10T09:00:00.750Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000002", "type": "interested", "at": "2026-03-11T09:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "prospect_id": "f2000000-0000-4000-8000-000000000003", "type": "linkedin_message_sent", "at": "2026-03-10T10:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000004", "prospect_id": "f3000000-0000-4000-8000-000000000001", "type": "email_sent", "at": "2026-03-01T00:00:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000004", "prospect_id": "f3000000-0000-4000-8000-000000000001", "type": "reply", "at": "2026-03-02T12:00:00Z"},
  {"campaign_id": "d0000000-0000-4000-8000-000000000001", "prospect_id": "f4000000-0000-4000-8000-000000000001", "type": "email_sent", "at": "2026-03-01T00:00:00Z"},
  {"campaign_id": "d0000000-0000-4000-8000-000000000001", "prospect_id": "f4000000-0000-4000-8000-000000000001", "type": "reply", "at": "2026-03-01T01:30:00Z"}
 ],
 "weekly_snapshots": [
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "week_start": "2026-03-16", "stats": {"total": 100, "sent": 20, "replied": 2, "opened": "7"}, "captured_at": "2026-03-16T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "week_start": "2026-03-02", "stats": {"total": 100, "sent": 10, "replied": 0}, "captured_at": "2026-03-02T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "week_start": "2026-03-09", "stats": {"total": 100, "sent": 25, "replied": 2, "bounced": 1}, "captured_at": "2026-03-09T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000001", "week_start": "2026-03-23", "stats": {"total": 100, "sent": 20, "replied": 2}, "captured_at": "2026-03-23T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "week_start": "2026-03-09", "stats": {"total": 5, "connection_sent": 5}, "captured_at": "2026-03-09T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000002", "week_start": "2026-03-16", "stats": {"total": 10, "connection_sent": 8, "connected": 3}, "captured_at": "2026-03-16T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000005", "week_start": "2026-03-16", "stats": {"sent": 1}, "captured_at": "2026-03-16T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2025-04-14", "stats": {"meeting_booked": 0}, "captured_at": "2025-04-14T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2025-04-21", "stats": {"meeting_booked": 1}, "captured_at": "2025-04-21T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2025-04-28", "stats": {"meeting_booked": 2}, "captured_at": "2025-04-28T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2025-10-20", "stats": {"meeting_booked": 3}, "captured_at": "2025-10-20T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2025-10-27", "stats": {"meeting_booked": 4}, "captured_at": "2025-10-27T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2026-01-26", "stats": {"meeting_booked": 5}, "captured_at": "2026-01-26T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000003", "week_start": "2026-02-02", "stats": {"meeting_booked": 6}, "captured_at": "2026-02-02T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000004", "week_start": "2026-03-02", "stats": {"sent": 1}, "captured_at": "2026-03-02T00:05:00Z"},
  {"campaign_id": "c0000000-0000-4000-8000-000000000004", "week_start": "2026-03-09", "stats": {"sent": 7}, "captured_at": "2026-03-09T00:05:00Z"},
  {"campaign_id": "d0000000-0000-4000-8000-000000000001", "week_start": "2026-03-02", "stats": {"sent": 0}, "captured_at": "2026-03-02T00:05:00Z"},
  {"campaign_id": "d0000000-0000-4000-8000-000000000001", "week_start": "2026-03-09", "stats": {"sent": 1}, "captured_at": "2026-03-09T00:05:00Z"}
 ],
 "call_batches": [
  {"id": "ba000000-0000-4000-8000-000000000004", "workspace_id": 340, "campaign_id": "c0000000-0000-4000-8000-000000000001", "status": "failed", "created_at": "2026-01-01T00:00:00Z", "completed_at": "2026-01-02T00:00:00Z"},
  {"id": "ba000000-0000-4000-8000-000000000002", "workspace_id": 340, "campaign_id": "c0000000-0000-4000-8000-000000000003", "status": "completed", "created_at": "2026-04-20T12:00:00+02:00", "completed_at": "2026-04-20T13:00:00+02:00"},
  {"id": "ba000000-0000-4000-8000-000000000001", "workspace_id": 340, "campaign_id": "c0000000-0000-4000-8000-000000000003", "status": "processing", "created_at": "2026-04-20T10:00:00Z", "completed_at": null},
  {"id": "ba000000-0000-4000-8000-000000000003", "workspace_id": 340, "campaign_id": "c0000000-0000-4000-8000-000000000003", "status": "pending", "created_at": "2026-04-21T00:00:00Z", "completed_at": null},
  {"id": "bb000000-0000-4000-8000-000000000001", "workspace_id": 341, "campaign_id": "d0000000-0000-4000-8000-000000000001", "status": "processing", "created_at": "2026-04-22T00:00:00Z", "completed_at": null}
 ],
 "calls": [
  {"id": "ca000000-0000-4000-8000-000000000001", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "completed"},
  {"id": "ca000000-0000-4000-8000-000000000002", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "pending"},
  {"id": "ca000000-0000-4000-8000-000000000003", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "pending"},
  {"id": "ca000000-0000-4000-8000-000000000004", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "pending"},
  {"id": "ca000000-0000-4000-8000-000000000005", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "pending"},
  {"id": "ca000000-0000-4000-8000-000000000006", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "pending"},
  {"id": "ca000000-0000-4000-8000-000000000007", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "in_progress"},
  {"id": "ca000000-0000-4000-8000-000000000008", "batch_id": "ba000000-0000-4000-8000-000000000001", "status": "weird"},
  {"id": "ca000000-0000-4000-8000-000000000009", "batch_id": "ba000000-0000-4000-8000-000000000002", "status": "completed"},
  {"id": "ca000000-0000-4000-8000-000000000010", "batch_id": "ba000000-0000-4000-8000-000000000002", "status": "completed"},
  {"id": "ca000000-0000-4000-8000-000000000011", "batch_id": "ba000000-0000-4000-8000-000000000002", "status": "failed"},
  {"id": "ca000000-0000-4000-8000-000000000012", "batch_id": "ba000000-0000-4000-8000-000000000004", "status": "failed"},
  {"id": "ca000000-0000-4000-8000-000000000013", "batch_id": "ba000000-0000-4000-8000-000000000004", "status": "failed"},
  {"id": "ca000000-0000-4000-8000-000000000014", "batch_id": "ba000000-0000-4000-8000-000000000004", "status": "pending"},
  {"id": "ca000000-0000-4000-8000-000000000015", "batch_id": "bb000000-0000-4000-8000-000000000001", "status": "completed"}
 ],
 "call_stats_daily": [
  {"workspace_id": 340, "date": "2026-04-26", "campaign_id": "c0000000-0000-4000-8000-000000000003", "total_calls": 10, "completed_calls": 4, "connected_calls": 3, "meetings_booked": 1, "qualified_leads": 1, "conversations_had": 2, "total_duration_seconds": 250},
  {"workspace_id": 340, "date": "2026-04-20", "campaign_id": "c0000000-0000-4000-8000-000000000003", "total_calls": 10, "completed_calls": 4, "connected_calls": 2, "meetings_booked": 0, "qualified_leads": 1, "conversations_had": 2, "total_duration_seconds": 250},
  {"workspace_id": 340, "date": "2026-04-19", "campaign_id": "c0000000-0000-4000-8000-000000000003", "total_calls": 5, "completed_calls": 5, "connected_calls": 5, "meetings_booked": 5, "qualified_leads": 5, "conversations_had": 5, "total_duration_seconds": 5},
  {"workspace_id": 340, "date": "2026-04-25", "campaign_id": "99999999-0000-4000-8000-000000000001", "total_calls": 20, "completed_calls": 3, "connected_calls": 1, "meetings_booked": 1, "qualified_leads": 0, "conversations_had": 0, "total_duration_seconds": 100},
  {"workspace_id": 340, "date": "2026-04-25", "campaign_id": null, "total_calls": 99, "completed_calls": 9, "connected_calls": 9, "meetings_booked": 9, "qualified_leads": 9, "conversations_had": 9, "total_duration_seconds": 9},
  {"workspace_id": 340, "date": "2026-04-25", "campaign_id": "d0000000-0000-4000-8000-000000000001", "total_calls": 20, "completed_calls": 0, "connected_calls": 0, "meetings_booked": 0, "qualified_leads": 0, "conversations_had": 0, "total_duration_seconds": 0},
  {"workspace_id": 340, "date": "2026-04-23", "campaign_id": "c0000000-0000-4000-8000-000000000001", "total_calls": 20, "completed_calls": 2, "connected_calls": 1, "meetings_booked": 0, "qualified_leads": 0, "conversations_had": 1, "total_duration_seconds": 61},
  {"workspace_id": 340, "date": "2026-04-24", "campaign_id": "c0000000-0000-4000-8000-000000000002", "total_calls": 0, "completed_calls": 0, "connected_calls": 0, "meetings_booked": 0, "qualified_leads": 0, "conversations_had": 0, "total_duration_seconds": 0},
  {"workspace_id": 340, "date": "2026-03-27", "campaign_id": "c0000000-0000-4000-8000-000000000003", "total_calls": 1000, "completed_calls": 3, "connected_calls": 1, "meetings_booked": 1, "qualified_leads": 0, "conversations_had": 0, "total_duration_seconds": 10},
  {"workspace_id": 340, "date": "2026-03-28", "campaign_id": "c0000000-0000-4000-8000-000000000004", "total_calls": 1, "completed_calls": 1, "connected_calls": 1, "meetings_booked": 1, "qualified_leads": 0, "conversations_had": 0, "total_duration_seconds": 3},
  {"workspace_id": 341, "date": "2026-04-25", "campaign_id": "d0000000-0000-4000-8000-000000000001", "total_calls": 1000, "completed_calls": 1, "connected_calls": 1, "meetings_booked": 1, "qualified_leads": 1, "conversations_had": 1, "total_duration_seconds": 1}
 ]
}
"""#

    /// The store, loaded once.
    static let data: StoreData = load(storeText)

    static func load(_ text: String) -> StoreData {
        let bytes = Array(text.utf8)
        do {
            return try bytes.withUnsafeBufferPointer { try StoreLoader.load($0) }.data
        } catch {
            fatalError("fixture store does not load: \(error)")
        }
    }

    /// A session of `user` (UUID) in `workspace` on `data`.
    static func context(workspace: Int64 = wsA, user: String = ada, data: StoreData = Fixture.data, today: Day = Fixture.today) -> ToolContext {
        let ws = data.workspace(id: workspace)!
        let u = data.user(id: UUID128(user)!)!
        return ToolContext(data: data, session: Session(workspace: ws, user: u), now: now, today: today)
    }

    /// Validates `arguments` (a JSON object text) against the tool's specs and runs it.
    static func run(_ tool: some Tool, _ arguments: String = "{}", _ context: ToolContext = Fixture.context()) -> Result<JSONValue, ToolError> {
        guard case let .object(raw) = try! JSON.parse(arguments) else { fatalError("arguments must be an object") }
        do throws(ToolError) {
            let args = try Arguments.validate(raw, against: tool.arguments)
            return .success(try tool.run(args, context))
        } catch {
            return .failure(error)
        }
    }

    /// The result of a call that must succeed (records a test issue otherwise).
    static func ok(_ tool: some Tool, _ arguments: String = "{}", _ context: ToolContext = Fixture.context(),
                   sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
        switch run(tool, arguments, context) {
        case let .success(value): return value
        case let .failure(error):
            Issue.record("\(tool.name) \(arguments) failed: \(error.code.rawValue) \(error.message)", sourceLocation: sourceLocation)
            return .null
        }
    }

    /// The error of a call that must fail (records a test issue otherwise).
    static func error(_ tool: some Tool, _ arguments: String = "{}", _ context: ToolContext = Fixture.context(),
                      sourceLocation: SourceLocation = #_sourceLocation) -> ToolError? {
        switch run(tool, arguments, context) {
        case let .success(value):
            Issue.record("\(tool.name) \(arguments) succeeded: \(JSON.string(value))", sourceLocation: sourceLocation)
            return nil
        case let .failure(error): return error
        }
    }

    /// Parses expected JSON.
    static func json(_ text: String) -> JSONValue { try! JSON.parse(text) }

    /// An error with every occurrence of `id` replaced by a placeholder (tenant-isolation comparisons).
    static func redacted(_ error: ToolError?, _ id: String) -> ToolError? {
        guard var e = error else { return nil }
        e.message = e.message.replacingOccurrences(of: id, with: "<ID>")
        e.hint = e.hint?.replacingOccurrences(of: id, with: "<ID>")
        e.field = e.field?.replacingOccurrences(of: id, with: "<ID>")
        return e
    }
}
