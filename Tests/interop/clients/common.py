"""Shared harness of the third-party client suites (stdlib only, imported by every client venv).

Each suite drives the built server (`.build/debug/stats-mcp`) through one client library and reports
`PASS name` / `FAIL name: why` lines and a last line `N passed, M failed` (exit 1 on any failure).

The tools are never hard-coded: every suite iterates `tools/list` and builds arguments from each tool's
inputSchema (`valid_args`), with a few hand-written minimal argument sets for the tools whose required
arguments cannot be guessed from the schema alone. So the suites keep working when tools are added.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Awaitable, Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
EXAMPLES = HERE.parent / "examples"

STORE_KEY = "sk_test_42_000_88ktjhkdzg76ykkytbe8"   # Ada Park, workspace 340 (Acme, UTC)
STORE_TODAY = "2026-04-26"
STORE_NOW = "2026-04-26T10:25:00Z"
UNKNOWN_CP = "cp_01h000000000000000000000aa"          # well-formed, in nobody's store
SYNC_TOOLS = {"campaigns_sync_stats", "campaigns_capture_weekly_snapshots"}

# No network in CI: keep the client libraries' telemetry and tracing off (set before they are imported).
for _k, _v in {"MCP_USE_ANONYMIZED_TELEMETRY": "false", "OPENAI_AGENTS_DISABLE_TRACING": "1",
               "DO_NOT_TRACK": "1", "ANONYMIZED_TELEMETRY": "False", "SMOLAGENTS_TELEMETRY": "false",
               "HF_HUB_OFFLINE": "1", "LANGCHAIN_TRACING_V2": "false", "FASTMCP_CHECK_FOR_UPDATES": "off"}.items():
    os.environ.setdefault(_k, _v)


# ---------------------------------------------------------------------------------------------
# Reporting


class Runner:
    def __init__(self, suite: str) -> None:
        self.suite = suite
        self.passed = 0
        self.failed: list[str] = []
        self.notes: list[str] = []
        self.verbose = "--verbose" in sys.argv

    def ok(self, name: str) -> None:
        self.passed += 1
        print(f"PASS {self.suite}: {name}", flush=True)

    def fail(self, name: str, why: Any) -> None:
        why = " ".join(str(why).split())
        if len(why) > 700 and not self.verbose:
            why = why[:700] + " …"
        self.failed.append(name)
        print(f"FAIL {self.suite}: {name}: {why}", flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"NOTE {self.suite}: {text}", flush=True)

    async def check(self, name: str, fn: Callable[..., Awaitable[Any]], *args: Any) -> Any:
        try:
            value = await fn(*args)
        except AssertionError as e:
            self.fail(name, str(e) or "assertion failed")
            return None
        except BaseException as e:  # noqa: BLE001 - any crash of a check is a failure of that check
            if isinstance(e, (KeyboardInterrupt, SystemExit)):
                raise
            self.fail(name, describe(e))
            if self.verbose:
                traceback.print_exc()
            return None
        self.ok(name)
        return value

    def finish(self) -> None:
        print(f"{self.passed} passed, {len(self.failed)} failed", flush=True)
        sys.exit(1 if self.failed else 0)


def describe(e: BaseException) -> str:
    """Flatten exception groups (anyio task groups wrap client errors) into one line."""
    if isinstance(e, BaseExceptionGroup):
        return "; ".join(describe(x) for x in e.exceptions)
    return f"{type(e).__name__}: {e}"


def expect(cond: Any, why: str) -> None:
    if not cond:
        raise AssertionError(why)


def short(v: Any, n: int = 300) -> str:
    s = json.dumps(v, ensure_ascii=False, default=str)
    return s if len(s) <= n else s[:n] + "…"


# ---------------------------------------------------------------------------------------------
# The server under test


@dataclass
class Target:
    binary: str
    store_path: str
    env: dict[str, str]
    today: dt.date
    ws_id: int
    ws_public: str
    user_public: str
    user_id: str
    campaigns: list[dict]
    workdir: str
    extra: dict = field(default_factory=dict)

    @property
    def command(self) -> str:
        return self.binary

    @property
    def args(self) -> list[str]:
        return []

    def campaign(self, ctype: str | None = None) -> dict:
        for c in self.campaigns:
            if c.get("status") != "draft" and (ctype is None or c.get("type") == ctype):
                return c
        return self.campaigns[0]


def make_target(binary: str | None = None) -> Target:
    """A private copy of examples/store.json, served with Ada Park's key and a pinned clock."""
    binary = binary or next((a for a in sys.argv[1:] if not a.startswith("--")), None) \
        or str(REPO / ".build" / "debug" / "stats-mcp")
    binary = str(Path(binary).resolve())
    if not os.access(binary, os.X_OK):
        sys.exit(f"server binary not found or not executable: {binary} (run `swift build` first)")
    workdir = tempfile.mkdtemp(prefix="stats-interop-")
    path = Path(workdir) / "store.json"
    shutil.copyfile(EXAMPLES / "store.json", path)
    store = json.loads(path.read_text(encoding="utf-8"))
    digest = hashlib.sha256(STORE_KEY.encode()).hexdigest()
    key = next(k for k in store["api_keys"] if k.get("key_sha256") == digest)
    ws = next(w for w in store["workspaces"] if w["id"] == key["workspace_id"])
    user = next(u for u in store["users"] if u["id"] == key["user_id"])
    campaigns = [c for c in store.get("campaigns", []) if c.get("workspace_id") == ws["id"]]
    # Clients differ in what they pass to the child: give every one the full set explicitly.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER")}
    env.update({"STATS_STORE": str(path), "STATS_API_KEY": STORE_KEY,
                "STATS_TODAY": STORE_TODAY, "STATS_NOW": STORE_NOW})
    return Target(binary=binary, store_path=str(path), env=env, today=dt.date.fromisoformat(STORE_TODAY),
                  ws_id=ws["id"], ws_public=ws["public_id"], user_public=user["public_id"],
                  user_id=user["id"], campaigns=campaigns, workdir=workdir)


def list_tools_raw(t: "Target") -> list[dict]:
    """tools/list read over a bare stdio exchange (for clients whose own API hides the inputSchema)."""
    lines = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "schema-suite", "version": "1"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/list"},
    ]
    proc = subprocess.run([t.binary], input="".join(json.dumps(x) + "\n" for x in lines), env=t.env,
                          capture_output=True, text=True, timeout=60)
    for line in proc.stdout.splitlines():
        msg = json.loads(line)
        if msg.get("id") == 2:
            return msg["result"]["tools"]
    raise RuntimeError(f"no tools/list answer (exit {proc.returncode}): {proc.stderr[-500:]}")


def cleanup(t: Target) -> None:
    shutil.rmtree(t.workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Arguments from inputSchemas

# Minimal valid arguments for tools whose required arguments need real ids or a coherent date pair.
# A key the served schema does not declare is dropped (and generated instead if required), so a
# renamed or new argument falls back to schema-driven generation.
def hand_args(t: Target) -> dict[str, dict]:
    today = t.today
    cp = t.campaign("email")["public_id"]
    return {
        "stats_get_workspace_overview": {"from": (today - dt.timedelta(days=29)).isoformat(), "to": today.isoformat()},
        "stats_get_campaign_performance": {"campaignPublicId": cp},
        "stats_get_user_metrics": {"userPublicId": t.user_public},
        "campaigns_sync_stats": {"id": cp, "dry_run": True},
        "campaigns_get": {"id": cp},
        "campaigns_capture_weekly_snapshots": {"dry_run": True},
    }


def gen_value(name: str, ps: dict, t: Target) -> Any:
    """A valid value for one property, from its schema and name."""
    today = t.today
    if "default" in ps and ps["default"] not in (None, ""):
        return ps["default"]
    if "enum" in ps:
        return ps["enum"][0]
    typ = ps.get("type")
    pattern = ps.get("pattern", "")
    if typ == "array":
        item = gen_value(name, ps.get("items", {}), t)
        return [item]
    if typ == "integer" or typ == "number":
        return ps.get("minimum", 1)
    if typ == "boolean":
        return False
    if typ == "string":
        if "cp_" in pattern:
            ctype = "call" if "call" in name else "email"
            return t.campaign(ctype)["public_id"]
        if "usr_" in pattern:
            return t.user_public
        if "ws_" in pattern:
            return t.ws_public
        if ps.get("format") == "date" or "[0-9]{4}-" in pattern:
            low = name.lower()
            if "week" in low:
                return (today - dt.timedelta(days=today.weekday())).isoformat()
            if low in ("from",) or "start" in low or "from" in low:
                return (today - dt.timedelta(days=29)).isoformat()
            return today.isoformat()
        return "a"
    return "a"


def valid_args(tool: dict, t: Target) -> dict:
    schema = tool.get("inputSchema") or {}
    props: dict = schema.get("properties") or {}
    required = list(schema.get("required") or [])
    args = {k: v for k, v in hand_args(t).get(tool["name"], {}).items() if k in props}
    for name in required:
        if name not in args and name in props:
            args[name] = gen_value(name, props[name], t)
    return args


def omitted_variants(tool: dict, args: dict) -> list[tuple[str, dict]]:
    """The valid arguments plus every other declared property as null, and as "" (SPEC §4)."""
    props = (tool.get("inputSchema") or {}).get("properties") or {}
    rest = [p for p in props if p not in args]
    if not rest:
        return []
    return [("optional as null", {**args, **{p: None for p in rest}}),
            ("optional as \"\"", {**args, **{p: "" for p in rest}})]


def extra_valid_calls(tools: dict[str, dict], t: Target) -> list[tuple[str, str, dict]]:
    """Valid forms that clients used to break (issue 11): "ALL" for workspace_id, an array of campaign ids."""
    rows = []
    props = lambda name: (tools.get(name, {}).get("inputSchema") or {}).get("properties") or {}  # noqa: E731
    if "workspace_id" in props("analytics_get_campaign_analytics"):
        rows.append(("workspace_id ALL", "analytics_get_campaign_analytics", {"workspace_id": "ALL"}))
    if "campaign_ids" in props("analytics_get_dashboard"):
        owned = [c for c in t.campaigns if c.get("user_id") == t.user_id] or t.campaigns
        ids = [owned[0]["public_id"], owned[-1]["id"]]  # a cp_ id and a UUID
        rows.append(("campaign_ids array", "analytics_get_dashboard", {"campaign_ids": ids}))
    return rows


def invalid_calls(tools: dict[str, dict], t: Target) -> list[tuple[str, str, dict, str]]:
    """Calls that satisfy the inputSchema but that the server rejects: (label, tool, args, error code)."""
    rows = []
    if "campaigns_get" in tools:
        rows.append(("unknown campaign", "campaigns_get", {"id": UNKNOWN_CP}, "not_found"))
    if "stats_get_workspace_overview" in tools:
        rows.append(("from after to", "stats_get_workspace_overview",
                     {"from": t.today.isoformat(), "to": (t.today - dt.timedelta(days=5)).isoformat()},
                     "invalid_argument"))
    return rows


# ---------------------------------------------------------------------------------------------
# Results, normalised across clients


@dataclass
class Outcome:
    is_error: bool | None        # None when the client does not expose the flag
    structured: Any              # structuredContent, when the client exposes it
    text: str | None             # the first text block


def check_success(o: Outcome) -> Any:
    if o.is_error:
        raise AssertionError(f"tool error: {o.text or short(o.structured)}")
    if o.structured is not None:
        expect(isinstance(o.structured, dict) and "error" not in o.structured,
               f"structuredContent is not a success: {short(o.structured)}")
    if o.text is not None:
        try:
            parsed = json.loads(o.text)
        except ValueError:
            raise AssertionError(f"text block is not JSON (a tool error?): {o.text[:300]}")
        expect(isinstance(parsed, dict), f"text block is not a JSON object: {o.text[:200]}")
        if o.structured is not None:
            expect(parsed == o.structured, "text block does not parse to structuredContent")
    expect(o.structured is not None or o.text is not None, "result has neither structuredContent nor text")
    return o.structured if o.structured is not None else json.loads(o.text or "{}")


def check_tool_error(o: Outcome, code: str) -> None:
    expect(o.is_error is not False, f"expected a tool error ({code}), got a success: {(o.text or '')[:200]}")
    if isinstance(o.structured, dict) and isinstance(o.structured.get("error"), dict):
        got = o.structured["error"].get("code")
        expect(got == code, f"error.code {got!r}, expected {code!r}")
    else:
        # Clients that hand over only the text block: the server's text names the problem in words.
        expect(o.text and not o.text.lstrip().startswith("{"), f"expected an error text, got {short(o.text)}")


# ---------------------------------------------------------------------------------------------
# The standard scenario, for clients with a plain list/call/resources API


class Adapter:
    """What a client must provide for `standard_scenario`. Methods raise on client-side failure."""
    resources_supported = True

    async def list_tools(self) -> list[dict]:  # [{name, inputSchema}]
        raise NotImplementedError

    async def call(self, name: str, args: dict) -> Outcome:
        raise NotImplementedError

    async def list_resources(self) -> list[str]:
        raise NotImplementedError

    async def read_resource(self, uri: str) -> str:
        raise NotImplementedError

    def variants(self, tool: dict, args: dict) -> list[tuple[str, dict]]:
        """The omitted-value variants this client's model could send (all of them, by default)."""
        return omitted_variants(tool, args)


async def standard_scenario(r: Runner, label: str, adapter: Adapter, t: Target,
                            variants: bool = True) -> dict[str, dict]:
    """list, every tool valid (+ optional-as-null/"" variants), invalid calls, resources."""
    async def do_list():
        tools = await adapter.list_tools()
        expect(len(tools) >= 11, f"only {len(tools)} tools listed")
        names = [x["name"] for x in tools]
        expect(len(set(names)) == len(names), "duplicate tool names")
        return {x["name"]: x for x in tools}

    tools = await r.check(f"{label}: tools/list", do_list) or {}
    for name, tool in tools.items():
        args = valid_args(tool, t)

        async def one(name=name, args=args):
            return check_success(await adapter.call(name, args))

        await r.check(f"{label}: call {name} {short(args, 120)}", one)
        if variants:
            for vlabel, vargs in adapter.variants(tool, args):
                async def var(name=name, vargs=vargs):
                    return check_success(await adapter.call(name, vargs))
                await r.check(f"{label}: call {name} with {vlabel}", var)

    for xlabel, name, args in extra_valid_calls(tools, t):
        async def extra(name=name, args=args):
            return check_success(await adapter.call(name, args))
        await r.check(f"{label}: call {name} ({xlabel}) {short(args, 120)}", extra)

    for ilabel, name, args, code in invalid_calls(tools, t):
        async def bad(name=name, args=args, code=code):
            check_tool_error(await adapter.call(name, args), code)
        await r.check(f"{label}: invalid call surfaces as tool error ({name}: {ilabel})", bad)

    if adapter.resources_supported:
        async def res():
            uris = await adapter.list_resources()
            expect(any(u.startswith("stats://schemas/tools/") for u in uris), f"no tool schema resources: {uris[:5]}")
            expect("stats://docs/metrics" in uris, "stats://docs/metrics not listed")
            for uri in uris:
                if uri.startswith("ui://"):
                    continue
                text = await adapter.read_resource(uri)
                expect(isinstance(text, str) and text, f"{uri}: empty")
                if uri.endswith(".json"):
                    json.loads(text)
            return len(uris)
        n = await r.check(f"{label}: resources/list + read every resource", res)
        if n:
            print(f"  ({n} resources)")
    return tools


async def timed_close(r: Runner, label: str, close: Callable[[], Awaitable[Any]], limit: float = 8.0) -> None:
    async def do():
        start = time.monotonic()
        async with asyncio.timeout(limit + 2):  # same task: anyio cancel scopes must exit where entered
            await close()
        took = time.monotonic() - start
        expect(took < limit, f"shutdown took {took:.1f} s")
    await r.check(f"{label}: clean shutdown", do)


def server_pids(binary: str) -> list[int]:
    """Running processes of this binary (to check that a client's shutdown ended its child)."""
    pids = []
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if os.readlink(p / "exe") == binary:
                pids.append(int(p.name))
        except OSError:
            continue
    return pids


async def no_child_left(r: Runner, label: str, t: Target, before: set[int]) -> None:
    async def do():
        for _ in range(40):
            left = set(server_pids(t.binary)) - before
            if not left:
                return
            await asyncio.sleep(0.1)
        raise AssertionError(f"server process(es) still running after shutdown: {sorted(left)}")
    await r.check(f"{label}: server process exited", do)
