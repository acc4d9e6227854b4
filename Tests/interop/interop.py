#!/usr/bin/env python3
"""Interoperability suite: drive a stats-mcp binary with the official MCP Python SDK client.

usage: python3 Tests/interop/interop.py PATH/TO/stats-mcp [--mode legacy|auto|2026-07-28]... [--verbose]

Needs the packages in requirements.txt (`mcp==2.3.0`, `jsonschema`). For each connection mode of
`mcp.client.client.Client` (`legacy` = initialize handshake, `auto` = server/discover probe with
fallback, `2026-07-28` = stateless requests) it starts the server over stdio:

- `store`: a private copy of examples/store.json with STATS_STORE, STATS_API_KEY (Ada Park in
  workspace 340), STATS_TODAY=2026-04-26 and STATS_NOW=2026-04-26T10:25:00Z;
- `demo`: `stats-mcp --demo` with no STATS_* variables at all;
- `unauth`: the example store with a revoked key (the server must still list its tools);

and checks the handshake, `tools/list` (13 tools with title, schemas and annotations, identical to
schemas/tools/), every tool with valid arguments (structuredContent validates against the tool's
outputSchema under Draft 2020-12 and Draft-07 with format checking, and content[0].text parses to the
same JSON), every tool with invalid arguments (isError, error.code `invalid_argument`, error.field),
pagination cursors, sync tools (bounce-guard pause with its warning log notification — the client opts in
with logging/setLevel in the handshake era and with `_meta` logLevel in the stateless era — durable on
disk), resources/list + resources/read of every resource, and protocol errors (unknown tool, unknown
resource URI). A `cli` group checks the command line. Every check prints `PASS name` or
`FAIL name: why`; the last line is `N passed, M failed`; the exit status is 1 when any check failed.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore")  # the SDK flags deprecated (handshake-era) features we use on purpose

try:
    import anyio
    from jsonschema import Draft7Validator, Draft202012Validator
    from jsonschema.exceptions import best_match
    from mcp.client.client import Client
    from mcp.client.stdio import StdioServerParameters
    from mcp.shared.exceptions import MCPError
    from mcp.types import PromptReference
except ImportError as exc:  # pragma: no cover - setup problem, not a test failure
    sys.exit(f"interop.py needs `pip install -r {Path(__file__).with_name('requirements.txt')}`: {exc}")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
EXAMPLES = HERE / "examples"

MODES = ["legacy", "auto", "2026-07-28"]
EXPECTED_VERSION = {"legacy": "2025-11-25", "auto": "2026-07-28", "2026-07-28": "2026-07-28"}

TOOLS = [  # SPEC §5, in order
    "workspace_get",
    "stats_get_workspace_overview",
    "stats_get_campaign_performance",
    "stats_get_user_metrics",
    "analytics_get_dashboard",
    "analytics_get_campaign_analytics",
    "analytics_get_call_dashboard",
    "analytics_rank_campaigns",
    "campaigns_sync_stats",
    "campaigns_get",
    "campaigns_list",
    "users_list",
    "campaigns_capture_weekly_snapshots",
]
SYNC_TOOLS = {"campaigns_sync_stats", "campaigns_capture_weekly_snapshots"}
READ_ANNOTATIONS = {"readOnlyHint": True, "idempotentHint": True, "openWorldHint": False}
SYNC_ANNOTATIONS = {"readOnlyHint": False, "destructiveHint": False, "idempotentHint": True, "openWorldHint": False}

STORE_KEY = "sk_test_42_000_88ktjhkdzg76ykkytbe8"   # Ada Park, workspace 340 (Acme, UTC)
REVOKED_KEY = "sk_test_42_031_kd8krw4e83fbfsh25aq9"
STORE_TODAY = "2026-04-26"
STORE_NOW = "2026-04-26T10:25:00Z"
DEMO_TODAY = "2026-11-20"                             # the demo anchor day; `--demo` pins today to it
UNKNOWN_CP = "cp_01h000000000000000000000aa"          # well-formed, in nobody's store
CALL_TIMEOUT = 30.0
SESSION_TIMEOUT = 150.0


# ---------------------------------------------------------------------------------------------
# Runner


class Runner:
    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        self.passed = 0
        self.failed: list[str] = []

    def ok(self, name: str) -> None:
        self.passed += 1
        print(f"PASS {name}", flush=True)

    def fail(self, name: str, why: str) -> None:
        why = " ".join(str(why).split())
        if len(why) > 600 and not self.verbose:
            why = why[:600] + " …"
        self.failed.append(name)
        print(f"FAIL {name}: {why}", flush=True)

    async def check(self, name: str, fn, *args) -> Any:
        """Run one check; an AssertionError or any exception is a failure. Returns fn's value or None."""
        try:
            value = await fn(*args)
        except AssertionError as e:
            self.fail(name, str(e) or "assertion failed")
            return None
        except MCPError as e:
            self.fail(name, f"protocol error {e.error.code}: {e.error.message}")
            return None
        except Exception as e:  # noqa: BLE001 - any crash of a check is a failure of that check
            self.fail(name, f"{type(e).__name__}: {e}")
            if self.verbose:
                traceback.print_exc()
            return None
        self.ok(name)
        return value


def expect(cond: bool, why: str) -> None:
    if not cond:
        raise AssertionError(why)


def short(v: Any, n: int = 300) -> str:
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= n else s[:n] + "…"


# ---------------------------------------------------------------------------------------------
# Targets: what the server is started with, and ids found in its store (read from the file, so the
# checks of one tool never depend on another tool working)


@dataclass
class Target:
    name: str
    args: list[str]
    env: dict[str, str] | None
    today: dt.date
    ws_id: int
    ws_public: str
    user_public: str
    user_id: str
    campaigns: list[dict]               # campaigns of the session workspace
    bounce_campaign: str | None         # an active email campaign whose sync trips the bounce guard
    store_path: str | None = None       # the private store copy (None for --demo)
    now: str | None = None
    notes: dict = field(default_factory=dict)

    def campaign(self, ctype: str | None = None, owned: bool | None = None, non_draft: bool = False) -> dict | None:
        for c in self.campaigns:
            if ctype and c.get("type") != ctype:
                continue
            if owned is not None and (c.get("user_id") == self.user_id) != owned:
                continue
            if non_draft and c.get("status") == "draft":
                continue
            return c
        return None


def session_of(store: dict, key: str) -> tuple[dict, dict, list[dict]]:
    digest = hashlib.sha256(key.encode()).hexdigest()
    k = next(k for k in store.get("api_keys", []) if k.get("key_sha256") == digest)
    ws = next(w for w in store["workspaces"] if w["id"] == k["workspace_id"])
    user = next(u for u in store["users"] if u["id"] == k["user_id"])
    campaigns = [c for c in store.get("campaigns", []) if c.get("workspace_id") == ws["id"]]
    return ws, user, campaigns


def store_target(binary: str, workdir: Path, key: str = STORE_KEY, name: str = "store") -> Target:
    path = workdir / "store.json"
    shutil.copyfile(EXAMPLES / "store.json", path)
    store = json.loads(path.read_text(encoding="utf-8"))
    ws, user, campaigns = session_of(store, key if key != REVOKED_KEY else STORE_KEY)
    special = json.loads((EXAMPLES / "keys.json").read_text(encoding="utf-8")).get("special", {})
    env = {"STATS_STORE": str(path), "STATS_API_KEY": key, "STATS_TODAY": STORE_TODAY, "STATS_NOW": STORE_NOW}
    return Target(name=name, args=[binary], env=env, today=dt.date.fromisoformat(STORE_TODAY),
                  ws_id=ws["id"], ws_public=ws["public_id"], user_public=user["public_id"], user_id=user["id"],
                  campaigns=campaigns, bounce_campaign=(special.get("bounce_trip_exact") or [None])[0],
                  store_path=str(path), now=STORE_NOW)


def demo_target(binary: str, workdir: Path, extra_args: list[str] | None = None, name: str = "demo") -> Target:
    # The same deterministic store `--demo` serves from memory (small scale, seed 1), written to a file
    # only to look up ids; the server under test runs with `--demo` and no STATS_* variables.
    path = workdir / "demo-store.json"
    subprocess.run([binary, "demo", "--out", str(path), "--scale", "small", "--seed", "1"],
                   check=True, capture_output=True, timeout=60)
    store = json.loads(path.read_text(encoding="utf-8"))
    ws, user, campaigns = session_of(store, "stats-demo-owner")
    bounce = next((c["public_id"] for c in campaigns
                   if c.get("type") == "email" and c.get("status") == "active" and "Bounce" in c.get("name", "")), None)
    return Target(name=name, args=[binary, "--demo", *(extra_args or [])], env=None,
                  today=dt.date.fromisoformat(DEMO_TODAY), ws_id=ws["id"], ws_public=ws["public_id"],
                  user_public=user["public_id"], user_id=user["id"], campaigns=campaigns, bounce_campaign=bounce)


# ---------------------------------------------------------------------------------------------
# Checks on results


def schema_problems(schema: dict, instance: Any) -> list[str]:
    problems = []
    for cls in (Draft202012Validator, Draft7Validator):
        try:
            cls.check_schema(schema)
        except Exception as e:  # noqa: BLE001
            problems.append(f"{cls.__name__}: the schema itself is invalid: {getattr(e, 'message', e)}")
            continue
        validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
        err = best_match(validator.iter_errors(instance))
        if err is not None:
            problems.append(f"{cls.__name__}: {err.message} at {err.json_path}")
    return problems


def refs_outside(node: Any) -> list[str]:
    found = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and not v.startswith("#"):
                found.append(v)
            found += refs_outside(v)
    elif isinstance(node, list):
        for v in node:
            found += refs_outside(v)
    return found


def text_of(result) -> str:
    expect(bool(result.content), "result has no content blocks")
    block = result.content[0]
    expect(getattr(block, "type", None) == "text", f"content[0].type is {getattr(block, 'type', None)!r}, not 'text'")
    return block.text


def check_success(result, tool: str, output_schemas: dict[str, dict]) -> dict:
    sc = result.structured_content
    expect(not result.is_error, f"isError: {short(sc)}")
    expect(sc is not None, "no structuredContent")
    text = text_of(result)
    try:
        parsed = json.loads(text)
    except ValueError as e:
        raise AssertionError(f"content[0].text is not JSON ({e}): {text[:120]}")
    expect(parsed == sc, "content[0].text does not parse to structuredContent")
    problems = schema_problems(output_schemas[tool], sc)
    expect(not problems, "; ".join(problems))
    return sc


def check_tool_error(result, code: str, field_name: str | None, must_have_field: bool = True) -> dict:
    sc = result.structured_content
    expect(result.is_error is True, f"expected isError with {code}, got a success: {short(sc)}")
    expect(isinstance(sc, dict) and isinstance(sc.get("error"), dict), f"structuredContent.error missing: {short(sc)}")
    err = sc["error"]
    expect(err.get("code") == code, f"error.code {err.get('code')!r}, expected {code!r} ({err.get('message')})")
    expect(isinstance(err.get("message"), str) and err["message"], "error.message missing or empty")
    if must_have_field:
        expect("field" in err, f"error.field missing (message: {err.get('message')})")
    if field_name is not None:
        expect(err.get("field") == field_name, f"error.field {err.get('field')!r}, expected {field_name!r}")
    text = text_of(result)
    expect(err["message"] in text, "the text block does not hold the error message verbatim")
    return err


# ---------------------------------------------------------------------------------------------
# Argument tables


def day(d: dt.date) -> str:
    return d.isoformat()


def monday_of(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def valid_calls(t: Target) -> list[tuple[str, str, dict]]:
    today = t.today
    frm = day(today - dt.timedelta(days=59))
    year = day(today - dt.timedelta(days=364))
    to = day(today)
    calls: list[tuple[str, str, dict]] = [
        ("none", "stats_get_workspace_overview", {"from": frm, "to": to}),
        ("day", "stats_get_workspace_overview", {"from": frm, "to": to, "breakdown": "day"}),
        ("week", "stats_get_workspace_overview", {"from": frm, "to": to, "breakdown": "week"}),
        ("month", "stats_get_workspace_overview", {"from": year, "to": to, "breakdown": "month"}),
        ("workspacePublicId", "stats_get_workspace_overview", {"from": frm, "to": to, "workspacePublicId": t.ws_public}),
        ("empty period", "stats_get_workspace_overview", {"from": "2000-01-01", "to": "2000-01-31", "breakdown": "week"}),
        ("period", "stats_get_user_metrics", {"userPublicId": t.user_public, "from": year, "to": to}),
        ("default period", "stats_get_user_metrics", {"userPublicId": t.user_public}),
        ("all", "analytics_get_dashboard", {}),
        ("12w", "analytics_get_dashboard", {"range": "12w"}),
        ("52w", "analytics_get_dashboard", {"range": "52w"}),
        ("invalid range falls back", "analytics_get_dashboard", {"range": "7w"}),
        ("session workspace", "analytics_get_campaign_analytics", {}),
        ("ALL", "analytics_get_campaign_analytics", {"workspace_id": "all"}),
        ("integer id", "analytics_get_campaign_analytics", {"workspace_id": t.ws_id}),
        ("ws_ id", "analytics_get_campaign_analytics", {"workspace_id": t.ws_public}),
        ("defaults", "analytics_get_call_dashboard", {}),
        ("today", "analytics_get_call_dashboard", {"period": "today"}),
        ("7d", "analytics_get_call_dashboard", {"period": "7d"}),
        ("90d completed", "analytics_get_call_dashboard", {"period": "90d", "status": "completed"}),
        ("custom page", "analytics_get_call_dashboard",
         {"period": "custom", "start_date": year, "end_date": to, "limit": 2, "offset": 1}),
        ("offset past end", "analytics_get_call_dashboard", {"offset": 100000}),
        ("limit clamped", "analytics_get_call_dashboard", {"limit": 500}),
        ("first page", "campaigns_list", {}),
        ("filters", "campaigns_list", {"type": "email", "status": "active", "query": "a"}),
        ("owner", "campaigns_list", {"owner": t.user_public, "limit": 100}),
        ("all", "users_list", {}),
        ("query", "users_list", {"query": "A"}),
        ("dry run, default week", "campaigns_capture_weekly_snapshots", {"dry_run": True}),
        ("dry run, given Monday", "campaigns_capture_weekly_snapshots",
         {"week_start": day(monday_of(today) - dt.timedelta(days=7)), "dry_run": True}),
    ]
    for ctype in ("email", "linkedin", "call"):
        c = t.campaign(ctype, non_draft=True) or t.campaign(ctype)
        if c is None:
            continue
        calls += [
            (f"{ctype} period", "stats_get_campaign_performance",
             {"campaignPublicId": c["public_id"], "from": year, "to": to}),
            (f"{ctype} default period", "stats_get_campaign_performance", {"campaignPublicId": c["public_id"]}),
            (f"{ctype} by UUID", "campaigns_get", {"id": c["id"]}),
            (f"{ctype} by cp_ id", "campaigns_get", {"id": c["public_id"]}),
            (f"{ctype} dry run", "campaigns_sync_stats", {"id": c["public_id"], "dry_run": True}),
        ]
    email = t.campaign("email")
    if email:
        calls.append(("lone from is ignored", "stats_get_campaign_performance",
                      {"campaignPublicId": email["public_id"], "from": frm}))
        calls.append(("dry run by UUID", "campaigns_sync_stats", {"id": email["id"].upper(), "dry_run": True}))
    owned = [c for c in t.campaigns if c.get("user_id") == t.user_id]
    if len(owned) >= 2:
        calls.append(("campaign_ids array", "analytics_get_dashboard",
                      {"campaign_ids": [owned[0]["id"], owned[1]["public_id"]], "range": "26w"}))
        calls.append(("campaign_ids string", "analytics_get_dashboard",
                      {"campaign_ids": f" {owned[0]['public_id']} ,, {owned[1]['id']} "}))
    call = t.campaign("call")
    if call:
        calls.append(("campaign filter", "analytics_get_call_dashboard", {"campaign_id": call["public_id"], "period": "90d"}))
    return calls


def invalid_calls(t: Target) -> list[tuple[str, str, dict, str]]:
    """(label, tool, arguments, expected error.field) — every one must be invalid_argument."""
    today = day(t.today)
    some = t.campaign("email") or t.campaigns[0]
    wednesday = day(monday_of(t.today) + dt.timedelta(days=2))
    rows = [(f"unknown argument", tool, {"bogus_argument": 1}, "bogus_argument") for tool in TOOLS]
    rows += [
        ("not a calendar date", "stats_get_workspace_overview", {"from": "2026-02-30", "to": "2026-03-31"}, "from"),
        ("date with time", "stats_get_workspace_overview", {"from": "2026-03-01", "to": "2026-03-31T00:00"}, "to"),
        ("missing to", "stats_get_workspace_overview", {"from": "2026-03-01"}, "to"),
        ("bad breakdown", "stats_get_workspace_overview", {"from": "2026-03-01", "to": "2026-03-31", "breakdown": "hour"}, "breakdown"),
        ("blank breakdown", "stats_get_workspace_overview", {"from": "2026-03-01", "to": "2026-03-31", "breakdown": " "}, "breakdown"),
        ("bad workspacePublicId", "stats_get_workspace_overview", {"from": "2026-03-01", "to": "2026-03-31", "workspacePublicId": "340"}, "workspacePublicId"),
        ("missing campaignPublicId", "stats_get_campaign_performance", {}, "campaignPublicId"),
        ("usr_ id for campaign", "stats_get_campaign_performance", {"campaignPublicId": "usr_01j5gsy5vg24epgyws65f63wh4"}, "campaignPublicId"),
        ("uppercase ULID", "stats_get_campaign_performance", {"campaignPublicId": some["public_id"].upper()}, "campaignPublicId"),
        ("malformed lone from", "stats_get_campaign_performance", {"campaignPublicId": some["public_id"], "from": "2026-4-1"}, "from"),
        ("bad usr_ id", "stats_get_user_metrics", {"userPublicId": "usr_123"}, "userPublicId"),
        ("number for usr_ id", "stats_get_user_metrics", {"userPublicId": 7}, "userPublicId"),
        ("bad to", "stats_get_user_metrics", {"userPublicId": t.user_public, "from": "2026-03-01", "to": "2026-13-01"}, "to"),
        ("non-string range", "analytics_get_dashboard", {"range": 12}, "range"),
        ("malformed campaign id", "analytics_get_dashboard", {"campaign_ids": "not-an-id"}, "campaign_ids"),
        ("number in campaign_ids", "analytics_get_dashboard", {"campaign_ids": [1]}, "campaign_ids"),
        ("signed digits workspace_id", "analytics_get_campaign_analytics", {"workspace_id": "+340"}, "workspace_id"),
        ("boolean workspace_id", "analytics_get_campaign_analytics", {"workspace_id": True}, "workspace_id"),
        ("custom without dates", "analytics_get_call_dashboard", {"period": "custom"}, "start_date"),
        ("dates without custom", "analytics_get_call_dashboard", {"start_date": today}, "start_date"),
        ("unknown period", "analytics_get_call_dashboard", {"period": "weekly"}, "period"),
        ("unknown status", "analytics_get_call_dashboard", {"status": "running"}, "status"),
        ("limit 0", "analytics_get_call_dashboard", {"limit": 0}, "limit"),
        ("negative offset", "analytics_get_call_dashboard", {"offset": -1}, "offset"),
        ("fractional limit", "analytics_get_call_dashboard", {"limit": 2.5}, "limit"),
        ("missing id", "campaigns_sync_stats", {}, "id"),
        ("malformed id", "campaigns_sync_stats", {"id": "cp_bad"}, "id"),
        ("string dry_run", "campaigns_sync_stats", {"id": some["public_id"], "dry_run": "yes"}, "dry_run"),
        ("missing id", "campaigns_get", {}, "id"),
        ("digits id", "campaigns_get", {"id": "12345"}, "id"),
        ("limit 101", "campaigns_list", {"limit": 101}, "limit"),
        ("limit 0", "campaigns_list", {"limit": 0}, "limit"),
        ("garbage cursor", "campaigns_list", {"cursor": "garbage"}, "cursor"),
        ("garbage cursor", "campaigns_list", {"cursor": "garbage"}, "cursor"),
        ("unknown status", "campaigns_list", {"status": "running"}, "status"),
        ("unknown type", "campaigns_list", {"type": "sms"}, "type"),
        ("UUID owner", "campaigns_list", {"owner": t.user_id}, "owner"),
        ("limit 0", "users_list", {"limit": 0}, "limit"),
        ("limit 101", "users_list", {"limit": 101}, "limit"),
        ("garbage cursor", "users_list", {"cursor": "garbage"}, "cursor"),
        ("number query", "users_list", {"query": 5}, "query"),
        ("not a Monday", "campaigns_capture_weekly_snapshots", {"week_start": wednesday, "dry_run": True}, "week_start"),
        ("string dry_run", "campaigns_capture_weekly_snapshots", {"dry_run": "no"}, "dry_run"),
    ]
    return rows


# ---------------------------------------------------------------------------------------------
# One session


async def run_session(r: Runner, mode: str, t: Target, kind: str) -> None:
    """kind: 'full' (every check), 'unauth' (revoked key), 'readonly' (--read-only)."""
    prefix = f"{mode}/{t.name}"
    logs: list[Any] = []

    async def on_log(params) -> None:
        logs.append(params)

    params = StdioServerParameters(command=t.args[0], args=t.args[1:], env=t.env)
    # log_level stamps `_meta["io.modelcontextprotocol/logLevel"]` on stateless-era requests (no effect on a
    # handshake-era connection, where legacy_extras sends logging/setLevel); cache=None: every call hits the wire.
    client = Client(params, mode=mode, read_timeout_seconds=CALL_TIMEOUT, logging_callback=on_log,
                    log_level="warning", cache=None)
    started = time.monotonic()
    try:
        with anyio.fail_after(SESSION_TIMEOUT):
            async with client as c:
                await connected_checks(r, prefix, mode, c)
                tools = await r.check(f"{prefix}/tools/list", check_tools_list, c, kind)
                if kind == "unauth":
                    await r.check(f"{prefix}/unauthorized tool call", check_unauthorized, c)
                    return
                if kind == "readonly":
                    await r.check(f"{prefix}/hidden sync tool is unknown", check_unknown_tool, c, "campaigns_sync_stats")
                    return
                schemas = output_schemas_from(tools) if tools else repo_output_schemas()
                for label, tool, args in valid_calls(t):
                    await r.check(f"{prefix}/call/{tool}/{label}", call_valid, c, tool, args, schemas)
                for label, tool, args, fld in invalid_calls(t):
                    await r.check(f"{prefix}/invalid/{tool}/{label}", call_invalid, c, tool, args, fld)
                await r.check(f"{prefix}/call/campaigns_get/unknown id is not_found", call_not_found, c)
                await r.check(f"{prefix}/pagination/campaigns_list", paginate, c, "campaigns_list", "campaigns", schemas, {"limit": 2})
                await r.check(f"{prefix}/pagination/users_list", paginate, c, "users_list", "users", schemas, {"limit": 1})
                await r.check(f"{prefix}/pagination/foreign cursor", foreign_cursor, c)
                if mode == "legacy":  # also opts in to log notifications (threshold warning) for the sync below
                    await r.check(f"{prefix}/protocol/ping and logging/setLevel", legacy_extras, c)
                if t.bounce_campaign:
                    await r.check(f"{prefix}/sync/bounce guard pauses and logs", bounce_sync, c, t, schemas, logs)
                await r.check(f"{prefix}/sync/capture snapshots", capture_snapshots, c, t, schemas)
                await r.check(f"{prefix}/protocol/unknown tool", check_unknown_tool, c, "no_such_tool")
                await r.check(f"{prefix}/resources", check_resources, c, tools)
                await r.check(f"{prefix}/resources/unknown uri", check_unknown_resource, c)
                await r.check(f"{prefix}/prompts: list, get, complete a campaign", check_prompts, c, t)
    except Exception as e:  # noqa: BLE001 - a session that cannot start or ends badly is one failure
        if isinstance(e, TimeoutError):
            why = f"session did not finish within {SESSION_TIMEOUT:.0f} s"
        elif isinstance(e, BaseExceptionGroup):  # anyio task-group errors
            why = "; ".join(f"{type(x).__name__}: {x}" for x in e.exceptions)
        else:
            why = f"{type(e).__name__}: {e}"
        r.fail(f"{prefix}/session", why)
        if r.verbose:
            traceback.print_exc()
        return
    r.ok(f"{prefix}/session closed cleanly ({time.monotonic() - started:.1f} s)")
    if kind == "full" and t.store_path:
        await r.check(f"{prefix}/durability/store after exit", check_store_after_exit, t)


async def connected_checks(r: Runner, prefix: str, mode: str, c: Client) -> None:
    async def version() -> None:
        expect(c.protocol_version == EXPECTED_VERSION[mode],
               f"negotiated {c.protocol_version!r}, expected {EXPECTED_VERSION[mode]!r}")
        if mode == "2026-07-28":
            # A pinned version makes the SDK synthesize discovery instead of asking: ask explicitly.
            raw = await c.session.send_discover("2026-07-28")
            expect(raw.get("resultType") == "complete", f"server/discover resultType {raw.get('resultType')!r}")
            versions = raw.get("supportedVersions") or []
            expect(versions[:1] == ["2026-07-28"] and "2025-11-25" in versions,
                   f"supportedVersions {versions}")
            caps, info = raw.get("capabilities") or {}, (raw.get("_meta") or {}).get("io.modelcontextprotocol/serverInfo") or {}
            expect(all(k in caps for k in ("tools", "resources", "logging")), f"capabilities {caps}")
            expect(info.get("name") == "stats-mcp", f"_meta serverInfo {info}")
            expect(bool(str(raw.get("instructions") or "").strip()), "instructions missing")
            return
        caps = c.server_capabilities
        expect(caps.tools is not None, "capabilities.tools missing")
        expect(caps.resources is not None, "capabilities.resources missing")
        expect(caps.logging is not None, "capabilities.logging missing")
        expect(c.server_info is not None and c.server_info.name == "stats-mcp",
               f"serverInfo.name is {getattr(c.server_info, 'name', None)!r}")
        expect(bool(c.instructions and c.instructions.strip()), "instructions missing")
    await r.check(f"{prefix}/connect ({EXPECTED_VERSION[mode]})", version)


async def check_tools_list(c: Client, kind: str) -> list:
    res = await c.list_tools()
    tools = res.tools
    names = [tool.name for tool in tools]
    wanted = [n for n in TOOLS if not (kind == "readonly" and n in SYNC_TOOLS)]
    expect(names == wanted, f"tools are {names}, expected {wanted}")
    expect(res.next_cursor is None, "tools/list paginates (expected one page)")
    problems = []
    for tool in tools:
        n = tool.name
        if not re.fullmatch(r"[a-z0-9_]{1,48}", n):
            problems.append(f"{n}: name pattern")
        if not (isinstance(tool.title, str) and tool.title.strip()):
            problems.append(f"{n}: no title")
        if not (isinstance(tool.description, str) and len(tool.description) > 40):
            problems.append(f"{n}: no real description")
        ins, outs = tool.input_schema, tool.output_schema
        if not isinstance(ins, dict) or ins.get("type") != "object" or ins.get("additionalProperties") is not False:
            problems.append(f"{n}: inputSchema must be an object schema with additionalProperties false")
        if not isinstance(outs, dict) or outs.get("type") != "object":
            problems.append(f"{n}: outputSchema must be an object schema")
        for label, schema in (("input", ins), ("output", outs)):
            if not isinstance(schema, dict):
                continue
            for cls in (Draft202012Validator, Draft7Validator):
                try:
                    cls.check_schema(schema)
                except Exception as e:  # noqa: BLE001
                    problems.append(f"{n}: {label}Schema invalid for {cls.__name__}: {getattr(e, 'message', e)}")
            if refs_outside(schema):
                problems.append(f"{n}: {label}Schema has $ref outside the document: {refs_outside(schema)}")
            path = REPO / "schemas" / "tools" / f"{n}.{label}.json"
            if not path.exists():
                problems.append(f"{n}: {path.relative_to(REPO)} is missing")
            elif json.loads(path.read_text(encoding="utf-8")) != schema:
                problems.append(f"{n}: served {label}Schema differs from {path.relative_to(REPO)}")
        ann = tool.annotations.model_dump(by_alias=True, exclude_none=True) if tool.annotations else {}
        want = SYNC_ANNOTATIONS if n in SYNC_TOOLS else READ_ANNOTATIONS
        got = {k: ann.get(k) for k in want}
        if got != want:
            problems.append(f"{n}: annotations {ann}, expected {want}")
    expect(not problems, "; ".join(problems))
    again = await c.list_tools()
    expect([tool.model_dump() for tool in again.tools] == [tool.model_dump() for tool in tools],
           "a second tools/list differs from the first")
    return tools


def output_schemas_from(tools) -> dict[str, dict]:
    return {tool.name: tool.output_schema for tool in tools}


def repo_output_schemas() -> dict[str, dict]:
    out = {}
    for n in TOOLS:
        p = REPO / "schemas" / "tools" / f"{n}.output.json"
        if p.exists():
            out[n] = json.loads(p.read_text(encoding="utf-8"))
    return out


async def call_valid(c: Client, tool: str, args: dict, schemas: dict) -> dict:
    expect(tool in schemas, f"{tool} has no outputSchema to validate against")
    return check_success(await c.call_tool(tool, args), tool, schemas)


async def call_invalid(c: Client, tool: str, args: dict, fld: str) -> None:
    check_tool_error(await c.call_tool(tool, args), "invalid_argument", fld)


async def call_not_found(c: Client) -> None:
    check_tool_error(await c.call_tool("campaigns_get", {"id": UNKNOWN_CP}), "not_found", None, must_have_field=False)


async def check_unauthorized(c: Client) -> None:
    err = check_tool_error(await c.call_tool("campaigns_list", {}), "unauthorized", None, must_have_field=False)
    expect("STATS_API_KEY" in err["message"] + " " + str(err.get("hint", "")),
           f"the unauthorized error does not say how to set STATS_API_KEY: {short(err)}")


async def check_unknown_tool(c: Client, name: str) -> None:
    try:
        res = await c.call_tool(name, {})
    except MCPError as e:
        expect(e.error.code == -32602, f"error code {e.error.code}, expected -32602")
        return
    raise AssertionError(f"expected a -32602 protocol error, got a result (isError={res.is_error})")


async def paginate(c: Client, tool: str, key: str, schemas: dict, first: dict) -> None:
    seen: list[str] = []
    args = dict(first)
    total = None
    for _ in range(200):
        sc = check_success(await c.call_tool(tool, args), tool, schemas)
        items = sc[key]
        expect(len(items) <= first["limit"], f"page of {len(items)} items with limit {first['limit']}")
        total = sc["total"] if total is None else total
        expect(sc["total"] == total, "total changed between pages")
        seen += [item["public_id"] for item in items]
        cursor = sc.get("next_cursor")
        if cursor is None:
            break
        expect(isinstance(cursor, str) and cursor, f"next_cursor {cursor!r}")
        args = {**first, "cursor": cursor}
    expect(len(seen) == len(set(seen)), "an item appears on two pages")
    expect(len(seen) == total, f"pages held {len(seen)} items, total says {total}")
    full = await c.call_tool(tool, {"limit": 100})
    expect(not full.is_error and [i["public_id"] for i in full.structured_content[key]] == seen,
           "paging gives a different order than one page of 100")


async def foreign_cursor(c: Client) -> None:
    res = await c.call_tool("campaigns_list", {"limit": 1})
    expect(not res.is_error, f"campaigns_list failed: {short(res.structured_content)}")
    cursor = res.structured_content.get("next_cursor")
    expect(cursor is not None, "campaigns_list with limit 1 gave no next_cursor (need 2+ campaigns)")
    check_tool_error(await c.call_tool("users_list", {"cursor": cursor}), "invalid_argument", "cursor")
    check_tool_error(await c.call_tool("campaigns_list", {"cursor": cursor, "type": "call"}), "invalid_argument", "cursor")
    res2 = await c.call_tool("campaigns_list", {"cursor": cursor, "limit": 3})
    expect(not res2.is_error, "a cursor must not be bound to limit")


async def bounce_sync(c: Client, t: Target, schemas: dict, logs: list) -> None:
    cp = t.bounce_campaign
    before = len(logs)
    dry = check_success(await c.call_tool("campaigns_sync_stats", {"id": cp, "dry_run": True}), "campaigns_sync_stats", schemas)
    expect(dry.get("dry_run") is True, "dry_run not echoed")
    expect((dry.get("bounce_guard") or {}).get("paused") is True, f"dry run: guard did not trip: {short(dry.get('bounce_guard'))}")
    await asyncio.sleep(0.2)
    expect(len(logs) == before, "a dry run sent a log notification")
    real = check_success(await c.call_tool("campaigns_sync_stats", {"id": cp}), "campaigns_sync_stats", schemas)
    expect(real.get("dry_run") is False, "dry_run false not echoed")
    camp = real["campaign"]
    expect(camp.get("status") == "paused" and camp.get("paused_reason") == "bounce_rate",
           f"campaign not paused by the guard: status={camp.get('status')} paused_reason={camp.get('paused_reason')}")
    if t.now:
        expect(camp.get("last_synced_at") == t.now.replace("+00:00", "Z"), f"last_synced_at {camp.get('last_synced_at')}")
    for _ in range(20):
        if len(logs) > before:
            break
        await asyncio.sleep(0.05)
    new = logs[before:]
    expect(len(new) == 1, f"expected one warning log notification for the pause, got {len(new)}")
    expect(new[0].level == "warning", f"log level {new[0].level}")
    expect(cp in json.dumps(new[0].data, ensure_ascii=False), f"log notification does not name {cp}: {short(new[0].data)}")
    got = check_success(await c.call_tool("campaigns_get", {"id": cp}), "campaigns_get", schemas)
    expect(got["campaign"] == camp, "campaigns_get after the sync differs from the sync's campaign record")


async def capture_snapshots(c: Client, t: Target, schemas: dict) -> None:
    week = day(monday_of(t.today))
    first = check_success(await c.call_tool("campaigns_capture_weekly_snapshots", {"week_start": week}),
                          "campaigns_capture_weekly_snapshots", schemas)
    expect(first["week_start"] == week and first["dry_run"] is False, f"echo: {short(first)}")
    expect(first["captured"] >= 1, "nothing captured")
    second = check_success(await c.call_tool("campaigns_capture_weekly_snapshots", {}),
                           "campaigns_capture_weekly_snapshots", schemas)
    expect(second["week_start"] == week, f"default week_start {second['week_start']}, expected {week}")
    expect(second["captured"] == first["captured"] and second["replaced"] == second["captured"],
           f"second capture of the same week: {short(second)} after {short(first)}")


async def check_resources(c: Client, tools) -> None:
    listing = await c.list_resources()
    uris = [str(res.uri) for res in listing.resources]
    names = [n for n in TOOLS if tools is None or n in {t.name for t in tools}]
    wanted = {f"stats://schemas/tools/{n}.{io}.json" for n in names for io in ("input", "output")}
    wanted |= {"stats://schemas/store.json", "stats://docs/metrics"}
    expect(set(uris) == wanted, f"missing {sorted(wanted - set(uris))}, unexpected {sorted(set(uris) - wanted)}")
    expect(len(uris) == len(set(uris)), "a resource is listed twice")
    served = {t.name: t for t in tools or []}
    problems = []
    for res in listing.resources:
        uri = str(res.uri)
        if not res.name:
            problems.append(f"{uri}: no name")
        read = await c.read_resource(uri)
        if len(read.contents) != 1:
            problems.append(f"{uri}: {len(read.contents)} contents")
            continue
        body = read.contents[0]
        text = getattr(body, "text", None)
        if str(body.uri) != uri:
            problems.append(f"{uri}: contents[0].uri is {body.uri}")
        if not body.mime_type:
            problems.append(f"{uri}: no mimeType")
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{uri}: empty text")
            continue
        if uri == "stats://docs/metrics":
            if "markdown" not in (body.mime_type or ""):
                problems.append(f"{uri}: mimeType {body.mime_type}")
            if not text.lstrip().startswith("#") or len(text) < 200:
                problems.append(f"{uri}: does not look like a Markdown glossary")
            continue
        if "json" not in (body.mime_type or ""):
            problems.append(f"{uri}: mimeType {body.mime_type}")
        try:
            doc = json.loads(text)
        except ValueError as e:
            problems.append(f"{uri}: text is not JSON: {e}")
            continue
        m = re.fullmatch(r"stats://schemas/tools/(\w+)\.(input|output)\.json", uri)
        if m and m.group(1) in served:
            tool = served[m.group(1)]
            want = tool.input_schema if m.group(2) == "input" else tool.output_schema
            if doc != want:
                problems.append(f"{uri}: differs from the schema in tools/list")
        if uri == "stats://schemas/store.json":
            repo = json.loads((REPO / "schemas" / "store.schema.json").read_text(encoding="utf-8"))
            if doc != repo:
                problems.append(f"{uri}: differs from schemas/store.schema.json")
    expect(not problems, "; ".join(problems))
    templates = await c.list_resource_templates()
    expect(templates.resource_templates == [], f"resource templates: {templates.resource_templates}")


async def check_prompts(c: Client, t: Target) -> None:
    """SPEC §7.4: prompts/list, prompts/get (with a name fragment) and completion/complete of `campaign`."""
    names = [p.name for p in (await c.list_prompts()).prompts]
    expect(names == ["weekly_review", "campaign_health", "compare_periods"], f"prompts are {names}")
    weekly = await c.get_prompt("weekly_review")
    text = weekly.messages[0].content.text
    expect(weekly.messages[0].role == "user" and "stats_get_workspace_overview" in text and "last_week" in text,
           f"weekly_review message {text[:200]!r}")
    named = sorted((x for x in t.campaigns if x.get("name")), key=lambda x: x["name"])
    target = named[0]
    fragment = target["name"][: max(4, len(target["name"]) // 2)].lower()
    completed = (await c.complete(PromptReference(type="ref/prompt", name="campaign_health"),
                                  {"name": "campaign", "value": fragment})).completion
    expect(0 < len(completed.values) <= 10, f"{len(completed.values)} completions for {fragment!r}")
    expect(all(fragment in v.lower() for v in completed.values), f"completions {completed.values} for {fragment!r}")
    expect(target["name"] in completed.values or (completed.has_more and completed.total > 10),
           f"{target['name']!r} not among {completed.values}")
    health = await c.get_prompt("campaign_health", {"campaign": completed.values[0]})
    body = health.messages[0].content.text
    expect("stats_get_campaign_performance" in body and ("campaigns_list" in body or "cp_" in body),
           f"campaign_health message {body[:200]!r}")
    try:
        await c.get_prompt("campaign_health", {})
    except MCPError as e:
        expect(e.error.code == -32602, f"missing argument gave {e.error.code}")
    else:
        raise AssertionError("campaign_health without `campaign` did not fail")


async def check_unknown_resource(c: Client) -> None:
    uri = "stats://schemas/tools/nope.input.json"
    try:
        await c.read_resource(uri)
    except MCPError as e:
        expect(e.error.code == -32602, f"code {e.error.code}, expected -32602")
        data = e.error.data if isinstance(e.error.data, dict) else {}
        expect(data.get("uri") == uri, f"error.data is {e.error.data!r}, expected {{'uri': {uri!r}}}")
        return
    raise AssertionError("reading an unknown URI succeeded")


async def legacy_extras(c: Client) -> None:
    await c.send_ping()
    await c.set_logging_level("info")
    await c.set_logging_level("warning")


async def check_store_after_exit(t: Target) -> None:
    store = Path(t.store_path)
    allowed = {store.name, store.name + ".lock", store.name + ".journal"}
    stray = sorted(p.name for p in store.parent.iterdir() if p.name not in allowed)
    expect(not stray, f"files left beside the store: {stray}")
    env = dict(os.environ, **(t.env or {}))
    out = subprocess.run([t.args[0], "call", "campaigns_get", json.dumps({"id": t.bounce_campaign})],
                         env=env, capture_output=True, timeout=60)
    expect(out.returncode == 0, f"`call campaigns_get` exit {out.returncode}: {out.stderr.decode()[:300]}")
    camp = json.loads(out.stdout)["campaign"]
    expect(camp.get("status") == "paused" and camp.get("paused_reason") == "bounce_rate",
           "the pause did not survive the server's exit")
    chk = subprocess.run([t.args[0], "check", str(store)], capture_output=True, timeout=60)
    expect(chk.returncode == 0, f"`check` exits {chk.returncode} after the session: {chk.stdout.decode()[-300:]}")


# ---------------------------------------------------------------------------------------------
# Command line


async def cli_checks(r: Runner, binary: str, workdir: Path) -> None:
    def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("STATS_")}
        return subprocess.run([binary, *args], capture_output=True, timeout=60, env={**clean, **(env or {})},
                              stdin=subprocess.DEVNULL)

    async def help_version() -> None:
        h = run("--help")
        expect(h.returncode == 0 and b"usage" in h.stdout.lower(), f"--help: exit {h.returncode}")
        v = run("--version")
        expect(v.returncode == 0 and v.stdout.strip(), f"--version: exit {v.returncode}")

    async def tools_cmd() -> None:
        out = run("tools")
        expect(out.returncode == 0, f"exit {out.returncode}")
        names = [line.split()[0] for line in out.stdout.decode().splitlines() if line.strip()]
        expect(names == TOOLS, f"`tools` lists {names}")
        ro = run("--read-only", "tools")
        names = [line.split()[0] for line in ro.stdout.decode().splitlines() if line.strip()]
        expect(names == [n for n in TOOLS if n not in SYNC_TOOLS], f"`--read-only tools` lists {names}")

    async def call_cmd() -> None:
        ok = run("--demo", "call", "campaigns_list", '{"limit": 2}')
        expect(ok.returncode == 0, f"`--demo call campaigns_list` exit {ok.returncode}: {ok.stderr.decode()[:200]}")
        expect(len(json.loads(ok.stdout)["campaigns"]) == 2, "expected 2 campaigns")
        bad = run("--demo", "call", "stats_get_workspace_overview", "{}")
        expect(bad.returncode == 1 and bad.stderr.strip(), f"a tool error exits {bad.returncode}, expected 1")
        usage = run("--demo", "call", "campaigns_list", "{not json")
        expect(usage.returncode == 2, f"malformed JSON-ARGUMENTS exits {usage.returncode}, expected 2")

    async def demo_today() -> None:
        out = run("--demo", "call", "analytics_get_call_dashboard", '{"period": "today"}')
        expect(out.returncode == 0, f"exit {out.returncode}")
        expect(json.loads(out.stdout)["period"]["to"] == DEMO_TODAY, "--demo does not pin today to the anchor day")
        out = run("--demo", "call", "analytics_get_call_dashboard", '{"period": "today"}', env={"STATS_TODAY": "2026-11-02"})
        expect(json.loads(out.stdout)["period"]["to"] == "2026-11-02", "STATS_TODAY does not override the demo day")

    async def schemas_cmd() -> None:
        out_dir = workdir / "schemas-out"
        res = run("schemas", "--out", str(out_dir))
        expect(res.returncode == 0, f"exit {res.returncode}")
        for p in sorted((REPO / "schemas").rglob("*.json")):
            q = out_dir / p.relative_to(REPO / "schemas")
            expect(q.exists(), f"`schemas` did not write {q.relative_to(out_dir)}")
            expect(json.loads(q.read_text()) == json.loads(p.read_text()), f"{p.relative_to(REPO)} is out of date")

    async def check_cmd() -> None:
        path = workdir / "check-store.json"
        shutil.copyfile(EXAMPLES / "store.json", path)
        ok = run("check", str(path))
        expect(ok.returncode == 0, f"check of the example store exits {ok.returncode}")
        path.write_text('{"format": "stats-mcp-store", "version": 1, "workspaces": [')
        bad = run("check", str(path))
        expect(bad.returncode == 1, f"check of a truncated store exits {bad.returncode}, expected 1")

    await r.check("cli/--help and --version", help_version)
    await r.check("cli/tools", tools_cmd)
    await r.check("cli/call exit codes", call_cmd)
    await r.check("cli/--demo pins today", demo_today)
    await r.check("cli/schemas --out matches schemas/", schemas_cmd)
    await r.check("cli/check", check_cmd)


# ---------------------------------------------------------------------------------------------


async def main() -> int:
    argv = sys.argv[1:]
    verbose = "--verbose" in argv
    modes: list[str] = []
    positional = []
    i = 0
    while i < len(argv):
        if argv[i] == "--mode" and i + 1 < len(argv):
            modes.append(argv[i + 1])
            i += 2
            continue
        if not argv[i].startswith("--"):
            positional.append(argv[i])
        i += 1
    if len(positional) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    binary = str(Path(positional[0]).resolve())
    if not os.access(binary, os.X_OK):
        print(f"interop.py: {binary} is not an executable", file=sys.stderr)
        return 2
    r = Runner(verbose)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="stats-interop-") as tmp:
        tmpdir = Path(tmp)
        await cli_checks(r, binary, tmpdir)
        for mode in modes or MODES:
            for kind in ("full-store", "full-demo", "unauth", "readonly"):
                wd = tmpdir / f"{mode}-{kind}"
                wd.mkdir()
                if kind == "full-store":
                    await run_session(r, mode, store_target(binary, wd), "full")
                elif kind == "full-demo":
                    await run_session(r, mode, demo_target(binary, wd), "full")
                elif kind == "unauth":
                    await run_session(r, mode, store_target(binary, wd, REVOKED_KEY, "unauth"), "unauth")
                else:
                    await run_session(r, mode, demo_target(binary, wd, ["--read-only"], "demo-read-only"), "readonly")
    print(f"interop suite took {time.monotonic() - started:.1f} s", file=sys.stderr)
    print(f"{r.passed} passed, {len(r.failed)} failed")
    return 1 if r.failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
