#!/usr/bin/env python3
"""Bounded, seeded protocol fuzz of a stats-mcp binary over stdio (issue 17).

usage: protocol_fuzz.py BINARY [--seed N] [--lines N] [--sessions N]

Each session starts the server on a scratch demo store and sends a mix of valid requests, tool calls
with random arguments, mutated JSON, random bytes, invalid UTF-8, deep nesting, batches, huge ids and
oversize lines, with a `ping` of a unique id after every few lines. Oracles:
  - the process stays alive until stdin EOF, then exits 0 within a bound;
  - every stdout line is one JSON object (nothing else reaches stdout);
  - every ping is answered exactly once, in order relative to the other pings;
  - nothing on stderr looks like a crash or a sanitizer report.
Prints `N passed, M failed` (one check per session) and exits non-zero on failure.
"""
import json, os, random, select, shutil, subprocess, sys, tempfile, time

TOOLS = ["workspace_get", "stats_get_workspace_overview", "stats_get_campaign_performance", "stats_get_user_metrics",
         "analytics_get_dashboard", "analytics_get_campaign_analytics", "analytics_get_call_dashboard",
         "analytics_rank_campaigns", "campaigns_sync_stats", "campaigns_get", "campaigns_list", "users_list",
         "campaigns_capture_weekly_snapshots", "no_such_tool"]
ARG_NAMES = ["from", "to", "period", "compare", "id", "campaignPublicId", "userPublicId", "campaign_ids", "range",
             "workspace_id", "limit", "cursor", "query", "status", "type", "owner", "week_start", "dry_run", "sort",
             "order", "offset", "campaign_id", "start_date", "end_date", "bogus"]
CRASH_MARKERS = ["Fatal error", "AddressSanitizer", "ThreadSanitizer", "LeakSanitizer", "Segmentation", "Illegal instruction",
                 "Stack dump", "SUMMARY: "]


def rnd_value(r, depth=0):
    k = r.randrange(12 if depth < 3 else 8)
    if k == 0: return None
    if k == 1: return r.choice([True, False])
    if k == 2: return r.randrange(-5, 200)
    if k == 3: return r.choice([1.5, -0.0, 1e300, 5.0, 2 ** 63, -(2 ** 63) - 1])
    if k == 4: return r.choice(["", " ", "2026-02-30", "2026-11-20", "last_month", "ALL", "0340", "cp_01kpzscyevvhhnnznsx052d0jr",
                                "usr_01k9s2bfhb16rt5r6xxajsst8r", "ws_01jaq6pwa7we9qkrvxhkdpx92x", "12W", "e\u0301" * r.randrange(1, 50),
                                "\u0000", "\ud7ff", "a,b,,c", "dc635afe-b9e8-40a2-a621-5f89c200cfba"])
    if k == 5: return "x" * r.choice([0, 1, 100, 5000])
    if k == 6: return str(r.random())
    if k == 7: return r.choice(["email", "linkedin", "call", "active", "draft", "week", "month", "asc", "desc"])
    if k < 10: return [rnd_value(r, depth + 1) for _ in range(r.randrange(4))]
    return {r.choice(ARG_NAMES): rnd_value(r, depth + 1) for _ in range(r.randrange(4))}


def rnd_line(r, n):
    k = r.randrange(20)
    rid = r.choice([n, str(n), None, 1.5, 2 ** 70, -1, True]) if r.random() < 0.2 else n
    if k < 7:
        args = {r.choice(ARG_NAMES): rnd_value(r) for _ in range(r.randrange(5))}
        msg = {"jsonrpc": "2.0", "id": rid, "method": "tools/call", "params": {"name": r.choice(TOOLS), "arguments": args}}
        if r.random() < 0.1: msg["params"]["_meta"] = {"io.modelcontextprotocol/protocolVersion": r.choice(["2026-07-28", "1999-01-01"])}
        return json.dumps(msg).encode()
    if k < 9:
        m = r.choice(["tools/list", "resources/list", "resources/read", "prompts/list", "prompts/get", "completion/complete",
                      "logging/setLevel", "server/discover", "initialize", "resources/templates/list", "nope", "notifications/cancelled"])
        msg = {"jsonrpc": "2.0", "method": m, "params": rnd_value(r) if r.random() < 0.5 else {"uri": "stats://schemas/store.json"}}
        if r.random() < 0.8: msg["id"] = rid
        return json.dumps(msg).encode()
    if k < 12:  # a valid message with bytes mutated
        b = bytearray(json.dumps({"jsonrpc": "2.0", "id": n, "method": "tools/call",
                                  "params": {"name": "campaigns_list", "arguments": {"limit": 3}}}).encode())
        for _ in range(r.randrange(1, 5)):
            i = r.randrange(len(b))
            op = r.randrange(3)
            if op == 0: b[i] = r.randrange(256)
            elif op == 1: del b[i]
            else: b.insert(i, r.choice(b'{}[]",:\\0123456789ntf\x00\xff\xc3'))
        return bytes(b).replace(b"\n", b" ")
    if k == 12: return bytes(r.randrange(256) for _ in range(r.randrange(1, 200))).replace(b"\n", b" ")
    if k == 13: return b"[" * r.choice([10, 511, 513, 5000]) + b"]" * r.randrange(3)
    if k == 14: return json.dumps([{"jsonrpc": "2.0", "id": n * 1000 + i, "method": "ping"} for i in range(r.randrange(0, 30))]).encode()
    if k == 15: return b'{"jsonrpc":"2.0","id":' + str(r.choice([2 ** 64, 10 ** 30, -2 ** 63])).encode() + b',"method":"ping"}'
    if k == 16: return b'{"jsonrpc":"2.0","result":{},"id":' + str(n).encode() + b'}'
    if k == 17: return b"\xef\xbb\xbf" + json.dumps({"jsonrpc": "2.0", "id": n, "method": "ping"}).encode() + b"\r"
    if k == 18: return b'{"jsonrpc":"2.0","id":' + str(n).encode() + b',"method":"tools/call","params":{"name":"users_list","arguments":{"query":"' + ("\u00e9" * r.randrange(1, 3000)).encode() + b'"}}}'
    return b" \t "


def session(binary, store, seed, lines, max_bytes):
    r = random.Random(seed)
    env = {k: v for k, v in os.environ.items() if not k.startswith("STATS_")}
    env.update(STATS_STORE=store, STATS_API_KEY="stats-demo-owner", STATS_TODAY="2026-11-20", STATS_NOW="2026-11-20T10:00:00Z")
    p = subprocess.Popen([binary, "--max-message-bytes", str(max_bytes)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, env=env)
    out, err = bytearray(), bytearray()
    os.set_blocking(p.stdout.fileno(), False)
    os.set_blocking(p.stderr.fileno(), False)

    def drain(timeout=0.0):
        rs, _, _ = select.select([p.stdout, p.stderr], [], [], timeout)
        for f in rs:
            try:
                chunk = os.read(f.fileno(), 1 << 20)
            except BlockingIOError:
                continue
            (out if f is p.stdout else err).extend(chunk)

    payload = bytearray()
    payload += json.dumps({"jsonrpc": "2.0", "id": "init", "method": "initialize",
                           "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "fuzz", "version": "1"}}}).encode() + b"\n"
    pings = []
    for n in range(1, lines + 1):
        line = rnd_line(r, n)
        if r.random() < 0.01: line = b'{"x":"' + b"y" * (max_bytes + 10) + b'"}'
        payload += line + b"\n"
        if n % 5 == 0:
            pid = f"ping-{seed}-{n}"
            pings.append(pid)
            payload += json.dumps({"jsonrpc": "2.0", "id": pid, "method": "ping"}).encode() + b"\n"
    os.set_blocking(p.stdin.fileno(), False)
    view = memoryview(bytes(payload))
    deadline = time.time() + 300
    while view and time.time() < deadline:
        _, ws, _ = select.select([], [p.stdin], [], 0.05)
        if ws:
            try:
                n = os.write(p.stdin.fileno(), view[:1 << 16])
                view = view[n:]
            except BlockingIOError:
                pass
            except BrokenPipeError:
                break
        drain()
    p.stdin.close()
    while p.poll() is None and time.time() < deadline:
        drain(0.05)
    drain()
    while True:  # the rest after exit
        before = len(out) + len(err)
        drain(0.05)
        if len(out) + len(err) == before: break
    problems = []
    if p.poll() is None:
        p.kill(); p.wait()
        problems.append("did not exit within the bound after stdin EOF")
    elif p.returncode != 0:
        problems.append(f"exit status {p.returncode}")
    seen = []
    for raw in bytes(out).split(b"\n")[:-1] if out.endswith(b"\n") else bytes(out).split(b"\n"):
        try:
            msg = json.loads(raw)
        except Exception:
            problems.append(f"stdout line is not JSON: {raw[:120]!r}")
            continue
        items = msg if isinstance(msg, list) else [msg]
        for m in items:
            if not isinstance(m, dict):
                problems.append(f"stdout message is not an object: {raw[:120]!r}")
            elif isinstance(m.get("id"), str) and m["id"].startswith("ping-"):
                seen.append(m["id"])
    if seen != pings:
        problems.append(f"pings: {len(pings)} sent, {len(seen)} answered" + ("" if len(seen) == len(set(seen)) else ", some twice")
                        + ("" if seen == sorted(seen, key=pings.index) else ", out of order") if set(seen) <= set(pings) else "unknown ping ids")
    text = err.decode("utf-8", "replace")
    for marker in CRASH_MARKERS:
        if marker in text:
            i = text.index(marker)
            problems.append(f"stderr has {marker!r}: {text[max(0, i - 200):i + 600]}")
            break
    return problems, len(payload)


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    binary = os.path.abspath(args[0])
    opts = {"--seed": 17, "--lines": 400, "--sessions": 6}
    i = 1
    while i < len(args):
        opts[args[i]] = int(args[i + 1]); i += 2
    work = tempfile.mkdtemp(prefix="stats-fuzz.")
    passed = failed = 0
    try:
        demo = os.path.join(work, "demo.json")
        subprocess.run([binary, "demo", "--out", demo, "--scale", "50"], check=True, stderr=subprocess.DEVNULL)
        started = time.time()
        for s in range(opts["--sessions"]):
            store = os.path.join(work, f"s{s}.json")
            shutil.copy(demo, store)
            seed = opts["--seed"] * 1000 + s
            problems, size = session(binary, store, seed, opts["--lines"], 64 << 10)
            if problems:
                failed += 1
                print(f"FAIL session seed {seed}: " + "; ".join(problems)[:3000])
            else:
                passed += 1
                print(f"ok   session seed {seed}: {opts['--lines']} lines, {size} bytes")
        print(f"protocol fuzz: {opts['--sessions']} sessions in {time.time() - started:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(0 if failed == 0 else 1)


if __name__ == "__main__":
    main()
