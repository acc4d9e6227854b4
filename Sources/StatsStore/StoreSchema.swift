import StatsCore

/// JSON Schema of the base file (SPEC §2), served as `stats://schemas/store.json` and written to
/// `schemas/store.schema.json`. Records may carry extra fields: they are preserved on every rewrite.
public enum StoreSchema {
    public static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "stats://schemas/store.json",
  "title": "stats-mcp store",
  "description": "The base file of a stats-mcp store. Every top-level array is optional (missing = empty). Unknown top-level keys and unknown record fields are preserved when the server rewrites the file. Committed writes may also live in the journal `<file>.journal` beside it (JSON Lines: {\"seq\":N,\"ops\":[{\"op\":\"set_campaign_fields\",\"campaign_id\":…,\"fields\":{…}} | {\"op\":\"put_snapshot\",\"snapshot\":{…}}]}), re-applied on top of this file on load; writers hold an exclusive flock on `<file>.lock`.",
  "type": "object",
  "required": ["format", "version"],
  "properties": {
    "format": {"const": "stats-mcp-store"},
    "version": {"const": 1},
    "workspaces": {"type": "array", "items": {"$ref": "#/$defs/workspace"}},
    "users": {"type": "array", "items": {"$ref": "#/$defs/user"}},
    "api_keys": {"type": "array", "items": {"$ref": "#/$defs/apiKey"}},
    "campaigns": {"type": "array", "items": {"$ref": "#/$defs/campaign"}},
    "prospects": {"type": "array", "items": {"$ref": "#/$defs/prospect"}},
    "activities": {"type": "array", "items": {"$ref": "#/$defs/activity"}},
    "weekly_snapshots": {"type": "array", "items": {"$ref": "#/$defs/weeklySnapshot"}},
    "clicks": {"type": "array", "items": {"$ref": "#/$defs/click"}},
    "aliases": {"type": "array", "items": {"$ref": "#/$defs/alias"}},
    "call_batches": {"type": "array", "items": {"$ref": "#/$defs/callBatch"}},
    "calls": {"type": "array", "items": {"$ref": "#/$defs/call"}},
    "call_stats_daily": {"type": "array", "items": {"$ref": "#/$defs/callStatsDaily"}}
  },
  "$defs": {
    "uuid": {"type": "string", "pattern": "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$"},
    "nullableUuid": {"anyOf": [{"$ref": "#/$defs/uuid"}, {"type": "null"}]},
    "timestamp": {"type": "string", "description": "RFC 3339 date-time (Z or an offset, fractional seconds allowed)"},
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "counters": {"type": "object", "additionalProperties": {"type": "integer"}, "description": "Cumulative counters; non-integer values are skipped when summed."},
    "workspace": {"type": "object", "required": ["id", "public_id", "name"], "properties": {
      "id": {"type": "integer"}, "public_id": {"type": "string", "pattern": "^ws_[0-7][0-9a-hjkmnp-tv-z]{25}$"},
      "name": {"type": "string"}, "timezone": {"type": "string", "description": "IANA zone; absent or unknown = UTC"}}},
    "user": {"type": "object", "required": ["id", "public_id"], "properties": {
      "id": {"$ref": "#/$defs/uuid"}, "public_id": {"type": "string", "pattern": "^usr_[0-7][0-9a-hjkmnp-tv-z]{25}$"},
      "name": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
      "workspace_ids": {"type": "array", "items": {"type": "integer"}}}},
    "apiKey": {"type": "object", "required": ["key_sha256", "user_id", "workspace_id"], "properties": {
      "key_sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$", "description": "lowercase hex SHA-256 of the key's UTF-8 bytes"},
      "user_id": {"$ref": "#/$defs/uuid"}, "workspace_id": {"type": "integer"}, "label": {"type": "string"}, "revoked": {"type": "boolean"}}},
    "campaign": {"type": "object", "required": ["id", "public_id", "workspace_id", "type", "status"], "properties": {
      "id": {"$ref": "#/$defs/uuid"}, "public_id": {"type": "string", "pattern": "^cp_[0-7][0-9a-hjkmnp-tv-z]{25}$"},
      "workspace_id": {"type": "integer"}, "user_id": {"$ref": "#/$defs/nullableUuid"},
      "type": {"enum": \#(Vocabulary.jsonList(Vocabulary.campaignTypes))}, "name": {"type": ["string", "null"]},
      "status": {"enum": \#(Vocabulary.jsonList(Vocabulary.campaignStatuses))}, "paused_reason": {"type": "string"},
      "stats": {"$ref": "#/$defs/counters"}, "created_at": {"$ref": "#/$defs/timestamp"},
      "updated_at": {"type": ["string", "null"]}, "last_synced_at": {"type": ["string", "null"]},
      "assignee_ids": {"type": "array", "items": {"$ref": "#/$defs/uuid"}}}},
    "prospect": {"type": "object", "required": ["id", "campaign_id", "status"], "properties": {
      "id": {"$ref": "#/$defs/uuid"}, "campaign_id": {"$ref": "#/$defs/uuid"}, "status": {"type": "string"}}},
    "activity": {"type": "object", "required": ["campaign_id", "prospect_id", "type", "at"], "properties": {
      "campaign_id": {"$ref": "#/$defs/uuid"}, "prospect_id": {"$ref": "#/$defs/uuid"},
      "type": {"enum": ["email_sent", "invite_sent", "invite_accepted", "linkedin_message_sent", "reply", "interested", "bounce"]},
      "at": {"$ref": "#/$defs/timestamp"}}},
    "weeklySnapshot": {"type": "object", "required": ["campaign_id", "week_start", "stats"], "properties": {
      "campaign_id": {"$ref": "#/$defs/uuid"}, "week_start": {"$ref": "#/$defs/date", "description": "a Monday"},
      "stats": {"$ref": "#/$defs/counters"}, "captured_at": {"$ref": "#/$defs/timestamp"}}},
    "click": {"type": "object", "required": ["workspace_id", "kind", "at"], "properties": {
      "workspace_id": {"type": "integer"}, "kind": {"enum": ["campaign", "vcard", "other"]}, "at": {"$ref": "#/$defs/timestamp"},
      "campaign_id": {"$ref": "#/$defs/nullableUuid"}, "user_id": {"$ref": "#/$defs/nullableUuid"}, "alias_id": {"$ref": "#/$defs/nullableUuid"}}},
    "alias": {"type": "object", "required": ["id", "workspace_id", "user_id"], "properties": {
      "id": {"$ref": "#/$defs/uuid"}, "workspace_id": {"type": "integer"}, "user_id": {"$ref": "#/$defs/uuid"}, "slug": {"type": "string"}}},
    "callBatch": {"type": "object", "required": ["id", "workspace_id", "status", "created_at"], "properties": {
      "id": {"$ref": "#/$defs/uuid"}, "workspace_id": {"type": "integer"}, "campaign_id": {"$ref": "#/$defs/nullableUuid"},
      "status": {"enum": ["pending", "processing", "completed", "failed"]}, "created_at": {"$ref": "#/$defs/timestamp"},
      "completed_at": {"type": ["string", "null"]}}},
    "call": {"type": "object", "required": ["id", "batch_id", "status"], "properties": {
      "id": {"$ref": "#/$defs/uuid"}, "batch_id": {"$ref": "#/$defs/uuid"},
      "status": {"enum": ["pending", "in_progress", "completed", "failed"]}}},
    "callStatsDaily": {"type": "object", "required": ["workspace_id", "date"], "properties": {
      "workspace_id": {"type": "integer"}, "date": {"$ref": "#/$defs/date"}, "campaign_id": {"$ref": "#/$defs/nullableUuid"},
      "total_calls": {"type": "integer"}, "completed_calls": {"type": "integer"}, "connected_calls": {"type": "integer"},
      "meetings_booked": {"type": "integer"}, "qualified_leads": {"type": "integer"}, "conversations_had": {"type": "integer"},
      "total_duration_seconds": {"type": "integer"}}}
  }
}
"""#
}
