#!/usr/bin/env python3
"""Answer budget test (SPEC §4 "Answer budget").

Starts the release `stats-mcp` once over stdio on a generated demo store, calls every tool with its
default arguments and with its most expensive valid arguments, and counts the tokens of each answer's
text block with the o200k_base encoding (PyPI `bpe-openai`, offline). Budget: default ≤ 8,000 tokens,
any call ≤ 25,000 tokens. Prints a table and a final `N passed, M failed` line; exits 1 on a failure.

usage: budget.py BINARY STORE [--key KEY]
"""
import datetime
import json
import os
import re
import subprocess
import sys
import time

DEFAULT_BUDGET = 8_000
ANY_BUDGET = 25_000
# SPEC §5: the thirteen tools in tools/list order (a tool this binary does not serve is skipped with a note).
TOOLS = [
    "workspace_get", "stats_get_workspace_overview", "stats_get_campaign_performance", "stats_get_user_metrics",
    "analytics_get_dashboard", "analytics_get_campaign_analytics", "analytics_get_call_dashboard",
    "analytics_rank_campaigns", "campaigns_sync_stats", "campaigns_get", "campaigns_list", "users_list",
    "campaigns_capture_weekly_snapshots",
]


def counter():
    """A function text -> o200k_base token count."""
    import bpe_openai
    encoding = bpe_openai.get_encoding("o200k_base")
    try:
        from bpe_openai import _bindings
        backend = _bindings.tokenizer_for_encoding("o200k_base")
    except Exception:  # pragma: no cover - older/newer layouts
        backend = None

    def count(text):
        if backend is not None:
            return backend.count(text)  # no chunk limit
        return len(encoding.encode_ordinary(text))

    # Both paths must agree on an ordinary text.
    sample = '{"campaigns":[{"id":"c0000000-0000-4000-8000-000000000001","name":"Zoë"}],"total":1}'
    assert count(sample) == len(encoding.encode_ordinary(sample))
    return count


class Server:
    def __init__(self, binary, store, key, today):
        env = dict(os.environ, STATS_STORE=store, STATS_API_KEY=key, STATS_TODAY=today, STATS_LOG_LEVEL="error")
        self.proc = subprocess.Popen([binary, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env)
        self.next_id = 0

    def request(self, method, params=None):
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()
        while True:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"server closed the connection during {method}")
            reply = json.loads(line)
            if reply.get("id") == self.next_id:
                return reply

    def notify(self, method):
        self.proc.stdin.write((json.dumps({"jsonrpc": "2.0", "method": method}) + "\n").encode())
        self.proc.stdin.flush()

    def close(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__)
        return 2
    binary, store = args[0], args[1]
    key = args[args.index("--key") + 1] if "--key" in args else "stats-demo-owner"
    # The demo store names its anchor day (its "today") near the top of the file.
    with open(store, "rb") as f:
        head = f.read(4096).decode("utf-8", "replace")
    match = re.search(r'"anchor_day"\s*:\s*"(\d{4}-\d{2}-\d{2})"', head)
    today = match.group(1) if match else datetime.date.today().isoformat()
    day = datetime.date.fromisoformat(today)
    ago = lambda n: (day - datetime.timedelta(days=n)).isoformat()

    count = counter()
    server = Server(binary, store, key, today)
    server.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                                  "clientInfo": {"name": "budget", "version": "1"}})
    server.notify("notifications/initialized")
    served = {t["name"] for t in server.request("tools/list", {})["result"]["tools"]}

    started = time.time()

    def call(name, arguments):
        reply = server.request("tools/call", {"name": name, "arguments": arguments})
        if "error" in reply:
            raise RuntimeError(f"{name}: protocol error {reply['error']}")
        return reply["result"]

    # Ids for the tools that need one: the campaign with the most prospects, the owner (first user).
    first = call("analytics_get_campaign_analytics", {"sort": "amount_of_prospects", "limit": 1}) \
        if "analytics_get_campaign_analytics" in served else None
    print(f"store loaded and first answer in {time.time() - started:.1f} s (today {today})")
    campaign = None
    if first and not first.get("isError"):
        rows = first["structuredContent"]["campaigns"]
        campaign = rows[0]["public_id"] if rows else None
    if campaign is None:
        rows = call("campaigns_list", {"limit": 1})["structuredContent"]["campaigns"]
        campaign = rows[0]["public_id"]
    users = call("users_list", {"limit": 1})["structuredContent"]["users"]
    user = users[0]["public_id"]

    long_from, day_from = ago(1095), ago(365)
    cases = {  # tool: (default arguments, [(label, most expensive valid arguments), …])
        "workspace_get": ({}, []),
        "stats_get_workspace_overview": (
            {"from": ago(29), "to": today},
            [("1096 days by week", {"from": long_from, "to": today, "breakdown": "week"}),
             ("366 days by day", {"from": day_from, "to": today, "breakdown": "day"}),
             ("1096 days by month", {"from": long_from, "to": today, "breakdown": "month"})]),
        "stats_get_campaign_performance": (
            {"campaignPublicId": campaign},
            [("1096 days", {"campaignPublicId": campaign, "from": long_from, "to": today})]),
        "stats_get_user_metrics": (
            {"userPublicId": user},
            [("1096 days", {"userPublicId": user, "from": long_from, "to": today})]),
        "analytics_get_dashboard": ({}, [("range all", {"range": "all"})]),
        "analytics_get_campaign_analytics": (
            {}, [("ALL, limit 100", {"workspace_id": "ALL", "limit": 100}),
                 ("ALL, sorted, limit 100", {"workspace_id": "ALL", "limit": 100, "sort": "average_reply_time_seconds"})]),
        "analytics_get_call_dashboard": (
            {}, [("custom 1096 days, limit 100", {"period": "custom", "start_date": long_from, "end_date": today, "limit": 100})]),
        "analytics_rank_campaigns": (
            {"metric": "replies"},
            [("1096 days, limit 50", {"metric": "replies", "from": long_from, "to": today, "limit": 50}),
             ("rate, limit 50", {"metric": "reply_rate", "from": long_from, "to": today, "limit": 50, "min_sample": 1})]),
        # Sync tools with dry_run: the answer is exactly a real run's (SPEC §11) and the store stays as generated.
        "campaigns_sync_stats": ({"id": campaign, "dry_run": True}, []),
        "campaigns_get": ({"id": campaign}, []),
        "campaigns_list": ({}, [("limit 100", {"limit": 100})]),
        "users_list": ({}, [("limit 100", {"limit": 100})]),
        "campaigns_capture_weekly_snapshots": ({"dry_run": True}, []),
    }

    passed = failed = 0
    rows = []
    for name in TOOLS:
        if name not in served:
            print(f"note: {name} is not listed by this binary; skipped")
            rows.append((name, "—", "skipped (not served)", None, None, None))
            continue
        default, worst = cases[name]
        for kind, label, arguments, budget in [("default", "", default, DEFAULT_BUDGET)] + \
                [("worst", l, a, ANY_BUDGET) for l, a in worst]:
            t0 = time.time()
            result = call(name, arguments)
            ms = (time.time() - t0) * 1000
            text = "".join(block.get("text", "") for block in result.get("content", []) if block.get("type") == "text")
            tokens = count(text)
            ok = not result.get("isError") and tokens <= budget
            if result.get("isError"):
                label = (label + " " if label else "") + "ERROR: " + " ".join(text[:120].split())
            passed += ok
            failed += not ok
            rows.append((name, kind, label or json.dumps(arguments)[:40], len(text.encode()), tokens, ok, budget, ms))

    print()
    print(f"| tool | call | arguments | bytes | tokens | budget | ok |")
    print(f"|---|---|---|---:|---:|---:|---|")
    for row in rows:
        if row[3] is None:
            print(f"| {row[0]} | — | {row[2]} | | | | skipped |")
            continue
        name, kind, label, size, tokens, ok, budget, ms = row
        print(f"| {name} | {kind} | {label} | {size:,} | {tokens:,} | {budget:,} | {'yes' if ok else 'NO'} |")
    server.close()
    print()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
