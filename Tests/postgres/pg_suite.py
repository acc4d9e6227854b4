#!/usr/bin/env python3
"""PostgreSQL store suite (SPEC §12): the same answers from a JSON store and from PostgreSQL.

usage: pg_suite.py BINARY SOCKET_DIR PORT PG_BIN_DIR PG_DATA_DIR WORK_DIR

Needs a running throw-away cluster (see .ci/postgres.sh): trust authentication on a Unix socket in
SOCKET_DIR, superuser `postgres`, a database `stats`. Standard library only. Ends with `N passed, M failed`.
"""
import json
import os
import shutil
import subprocess
import sys
import threading
import time

BIN, SOCK, PORT, PGBIN, PGDATA, WORK = sys.argv[1:7]
HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "interop", "examples")
URL = f"postgresql:///stats?host={SOCK}&port={PORT}&user=postgres&password=not-the-real-secret"
PSQL = os.path.join(PGBIN, "psql")
passed = 0
failed = 0
comparisons = 0


def ok(cond, what, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}" + (f": {detail}" if detail else ""), flush=True)
    return cond


def sql(statement, user="postgres"):
    r = subprocess.run([PSQL, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", SOCK, "-p", PORT, "-U", user, "-d", "stats", "-c", statement],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"psql failed: {statement[:80]}: {r.stderr}")
    return r.stdout.strip()


def db(*args, schema="stats", check=True):
    env = dict(os.environ, STATS_PG_SCHEMA=schema)
    r = subprocess.run([BIN, "db", *args], capture_output=True, text=True, env=env)
    if check and r.returncode != 0:
        raise RuntimeError(f"db {args[0]} failed: {r.stderr}")
    return r


class Server:
    """One `stats-mcp serve` process over stdio."""

    def __init__(self, store, key, today, now, schema="stats", extra_args=(), env=None, stderr_path=None):
        e = dict(os.environ, STATS_STORE=store, STATS_API_KEY=key, STATS_TODAY=today, STATS_NOW=now, STATS_PG_SCHEMA=schema)
        e.update(env or {})
        self.stderr_file = open(stderr_path, "w") if stderr_path else None
        self.p = subprocess.Popen([BIN, "serve", *extra_args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self.stderr_file or subprocess.DEVNULL, env=e, text=True, bufsize=1)
        self.next_id = 1
        self.request("initialize", {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "pg-suite", "version": "1"}})
        self.p.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")

    def send(self, method, params):
        i = self.next_id
        self.next_id += 1
        self.p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}) + "\n")
        self.p.stdin.flush()
        return i

    def read(self):
        while True:
            line = self.p.stdout.readline()
            if not line:
                return None
            m = json.loads(line)
            if "id" in m:
                return m

    def request(self, method, params):
        self.send(method, params)
        return self.read()

    def call(self, tool, args=None):
        m = self.request("tools/call", {"name": tool, "arguments": args or {}})
        if m is None:
            return None
        r = m.get("result", {})
        return {"isError": r.get("isError", False), "structuredContent": r.get("structuredContent"), "error": m.get("error")}

    def tools(self):
        return self.request("tools/list", {})["result"]["tools"]

    def close(self):
        try:
            self.p.stdin.close()
        except Exception:
            pass
        try:
            self.p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.p.kill()
        if self.stderr_file:
            self.stderr_file.close()


def compare(a, b, what):
    global comparisons
    comparisons += 1
    same = a == b
    if not same:
        ok(False, what, f"json={json.dumps(a)[:300]} pg={json.dumps(b)[:300]}")
    else:
        ok(True, what)
    return same


def fresh_copy(src, name):
    dst = os.path.join(WORK, name)
    for suffix in ("", ".journal", ".lock"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copy(src, dst)
    return dst


def variants(tool, ids):
    """Argument sets for one tool: defaults, period presets, ids of campaigns and users."""
    props = tool["inputSchema"].get("properties", {})
    out = [{}]
    if "period" in props:
        enum = props["period"].get("enum") or ["last_7_days", "last_30_days", "this_month", "last_quarter", "this_year"]
        for p in enum:
            if p == "custom":
                continue
            out.append({"period": p})
            if "compare" in props:
                out.append({"period": p, "compare": "previous_year"})
    if "from" in props and "to" in props:
        out.append({"from": ids["from"], "to": ids["to"]})
    for name in ("id", "campaign_id", "campaignPublicId"):
        if name in props:
            for c in ids["campaigns"][:6]:
                out.append({name: c})
            if "period" in props:
                for c in ids["campaigns"][:3]:
                    out.append({name: c, "period": "last_90_days"})
    if "userPublicId" in props:
        for u in ids["users"][:4]:
            out.append({"userPublicId": u})
    if "owner" in props:
        for u in ids["users"][:2]:
            out.append({"owner": u})
    if "limit" in props:
        out.append({"limit": 2})
    if "range" in props:
        for r in ("4W", "12W", "all"):
            out.append({"range": r})
    if "workspace_id" in props:
        out.append({"workspace_id": "ALL"})
    if "dry_run" in props:
        out = [dict(v, dry_run=True) for v in out]
    required = tool["inputSchema"].get("required", [])
    return [v for v in out if all(r in v for r in required)] or [{}]


def session_ids(server, today):
    c = server.call("campaigns_list", {"limit": 100})["structuredContent"] or {}
    u = server.call("users_list", {})["structuredContent"] or {}
    day = today
    return {
        "campaigns": [x["public_id"] for x in c.get("campaigns", [])],
        "users": [x["public_id"] for x in u.get("users", [])],
        "from": day[:8] + "01", "to": day,
    }


def compare_all_tools(json_store, schema, key, today, now, label):
    js = Server(json_store, key, today, now)
    pg = Server(URL, key, today, now, schema=schema)
    ids = session_ids(js, today)
    n = 0
    for tool in js.tools():
        for args in variants(tool, ids):
            a = js.call(tool["name"], args)
            b = pg.call(tool["name"], args)
            compare(a, b, f"{label}: {tool['name']} {json.dumps(args)}")
            n += 1
    js.close()
    pg.close()
    return n


def main():
    os.makedirs(WORK, exist_ok=True)
    started = time.time()
    cases = json.load(open(os.path.join(EXAMPLES, "cases.json")))
    ex_store = os.path.join(EXAMPLES, "store.json")
    today, now = cases["today"], cases["now"]

    # --- db init / import / export -------------------------------------------------------------------
    for schema in ("ex", "rt", "demo", "conc", "kill"):
        db("init", URL, schema=schema)
    r = db("init", URL, schema="ex")
    ok("already at version 2" in r.stderr and r.stdout == "", "db init is idempotent (reported on stderr)", r.stderr)
    db("import", ex_store, URL, schema="ex")
    r = db("import", ex_store, URL, schema="ex", check=False)
    ok(r.returncode == 1 and "--replace" in r.stderr, "db import refuses a non-empty schema without --replace", r.stderr)
    db("import", ex_store, URL, "--replace", schema="ex")
    db("import", ex_store, URL, schema="rt")
    out = os.path.join(WORK, "roundtrip.json")
    db("export", URL, out, "--force", schema="rt")
    a, b = json.load(open(ex_store)), json.load(open(out))
    ok(a == b, "import then export gives the same records (unknown fields and top-level keys kept)",
       str([k for k in a if a.get(k) != b.get(k)]))
    r = subprocess.run([BIN, "check", out], capture_output=True, text=True)
    ok(r.returncode == 0, "check accepts the exported store", r.stdout[-200:])
    bad = os.path.join(WORK, "bad.json")
    open(bad, "w").write('{"format": "stats-mcp-store", "version": 1, "workspaces": [}')
    r = db("import", bad, URL, "--replace", schema="rt", check=False)
    ok(r.returncode == 1 and "line 1, column" in r.stderr, "a JSON error names line and column", r.stderr)
    ok(sql("SELECT count(*) FROM rt.campaigns") == str(len(a["campaigns"])), "a failed import changes nothing")

    # A store whose last writes live only in its journal: db import takes them too (SPEC §9: acknowledged).
    journaled = fresh_copy(ex_store, "journaled.json")
    key0 = cases["cases"][0]["api_key"]
    js = Server(journaled, key0, today, now)
    first = json.load(open(ex_store))["campaigns"][0]["public_id"]
    synced = js.call("campaigns_sync_stats", {"id": first})
    js.close()
    has_journal = os.path.exists(journaled + ".journal") and os.path.getsize(journaled + ".journal") > 0
    db("init", URL, schema="jr")
    db("import", journaled, URL, schema="jr")
    js = Server(journaled, key0, today, now)
    pg = Server(URL, key0, today, now, schema="jr")
    after_js, after_pg = js.call("campaigns_get", {"id": first}), pg.call("campaigns_get", {"id": first})
    js.close()
    pg.close()
    stamped = (after_pg.get("structuredContent") or {}).get("campaign", {}).get("last_synced_at")
    ok(has_journal and stamped is not None and after_js == after_pg,
       "db import includes the writes that live only in the journal", f"journal={has_journal} last_synced_at={stamped}")

    # --- worked examples: every case on both stores ---------------------------------------------------
    by_key = {}
    for c in cases["cases"]:
        by_key.setdefault(c["api_key"], []).append(c)
    ex_json = fresh_copy(ex_store, "ex.json")
    for key, group in by_key.items():
        js = Server(ex_json, key, today, now)
        pg = Server(URL, key, today, now, schema="ex")
        for c in group:
            compare(js.call(c["tool"], c["arguments"]), pg.call(c["tool"], c["arguments"]), f"example {c['tool']} ({c.get('why', '')})")
        js.close()
        pg.close()
    compare_all_tools(ex_json, "ex", cases["cases"][0]["api_key"], today, now, "examples")

    # --- read-only views recipe over other tables (before the writes below) ---------------------------
    views_recipe(ex_json, cases["cases"][0]["api_key"], today, now)

    # --- real writes: same answers, then the same reads --------------------------------------------------
    key = cases["cases"][0]["api_key"]
    js = Server(ex_json, key, today, now)
    pg = Server(URL, key, today, now, schema="ex")
    ids = session_ids(js, today)
    for cid in ids["campaigns"]:
        compare(js.call("campaigns_sync_stats", {"id": cid}), pg.call("campaigns_sync_stats", {"id": cid}), f"sync_stats {cid}")
    for week in ("2026-04-13", "2026-04-20", "2026-04-20"):
        a = js.call("campaigns_capture_weekly_snapshots", {"week_start": week})
        compare(a, pg.call("campaigns_capture_weekly_snapshots", {"week_start": week}), f"capture {week}")
    js.close()
    pg.close()
    compare_all_tools(ex_json, "ex", key, today, now, "examples after writes")

    # --- a direct SQL insert is seen by the next request -------------------------------------------------
    pg = Server(URL, key, today, now, schema="ex")
    before = pg.call("stats_get_workspace_overview", {"from": "2026-04-01", "to": "2026-04-26"})["structuredContent"]["totals"]["totalClicks"]
    ws = json.load(open(ex_store))["workspaces"][0]["id"]
    sql(f"INSERT INTO ex.clicks (workspace_id, kind, at) VALUES ({ws}, 'other', '2026-04-02T10:00:00Z')")
    after = pg.call("stats_get_workspace_overview", {"from": "2026-04-01", "to": "2026-04-26"})["structuredContent"]["totals"]["totalClicks"]
    ok(after == before + 1, "a row inserted with SQL is counted by the next request", f"{before} -> {after}")
    pg.close()
    store_images(ex_json, key, today, now, before)

    # --- demo store ------------------------------------------------------------------------------------
    demo = os.path.join(WORK, "demo.json")
    if os.path.exists(demo):
        os.remove(demo)
    r = subprocess.run([BIN, "demo", "--out", demo, "--scale", "small"], capture_output=True, text=True)
    keys = [line.split()[0] for line in r.stderr.splitlines() if line.startswith("  ")]
    db("import", demo, URL, schema="demo")
    ok(int(sql("SELECT count(*) FROM demo.view_image")) > 0, "db import leaves a store image")
    for i, k in enumerate(keys[:3]):
        if i == 1:
            # The second key's server reads every row (no image), the third starts from the image it wrote.
            sql("DELETE FROM demo.view_image")
        compare_all_tools(demo, "demo", k, "2026-11-20", "2026-11-20T18:00:00Z", f"demo ({k}{', from the rows' if i == 1 else ''})")
        if i == 1:
            wait_for_image("demo")

    concurrency(ex_store, key, today, now)
    killed_server(ex_store, key, today, now)
    timeouts(key, today, now)
    lost_connection(key, today, now)
    no_libpq(key, today, now)
    print(f"{comparisons} JSON-vs-PostgreSQL comparisons; suite took {time.time() - started:.0f} s", flush=True)


def wait_for_image(schema, version=None, timeout=60):
    deadline = time.time() + timeout
    want = version or f"(SELECT version FROM {schema}.store_version)"
    while time.time() < deadline:
        if sql(f"SELECT count(*) FROM {schema}.view_image WHERE version = {want}") != "0":
            return True
        time.sleep(0.1)
    return False


def first_answer(schema, key, today, now, what):
    """A fresh server's stderr and its first answer."""
    log = os.path.join(WORK, f"image-{schema}-{len(what)}.log")
    pg = Server(URL, key, today, now, schema=schema, stderr_path=log)
    answer = pg.call("stats_get_workspace_overview", {"from": "2026-04-01", "to": "2026-04-26"})
    pg.close()
    return open(log).read(), answer["structuredContent"]["totals"]["totalClicks"]


def store_images(ex_json, key, today, now, clicks_before_insert):
    """Store images (docs/POSTGRES.md): a server starts from the newest image plus the logged sync ops;
    a direct SQL write leaves a gap in the op log, so the next server reads the rows (and writes a new
    image); a damaged image is refused and the rows are read. Each answer equals the JSON store's."""
    version = sql("SELECT version FROM ex.store_version")
    images = sql("SELECT coalesce(max(version), 0) FROM ex.view_image")
    ok(images == version, "the server that reloaded after the direct SQL insert left an image of that version (written before it exited)",
       f"image {images}, store {version}")
    ws = json.load(open(ex_json))["workspaces"][0]["id"]
    sql(f"INSERT INTO ex.clicks (workspace_id, kind, at) VALUES ({ws}, 'vcard', '2026-04-03T10:00:00Z')")
    expected = clicks_before_insert + 2
    log, clicks = first_answer("ex", key, today, now, "gap")
    ok("from its rows" in log and clicks == expected, "after a direct SQL write a new server reads the rows", f"{clicks} vs {expected}: {log[-300:]}")
    ok(wait_for_image("ex"), "the server that read the rows writes an image of that version", sql("SELECT json_agg(DISTINCT version) FROM ex.view_image"))
    log, clicks = first_answer("ex", key, today, now, "fresh image")
    ok("from its image" in log and clicks == expected, "the next server starts from that image", f"{clicks}: {log[-300:]}")
    # Sync writes after the image: replayed from the op log on top of it.
    pg = Server(URL, key, today, now, schema="ex")
    ids = session_ids(pg, today)
    pg.call("campaigns_sync_stats", {"id": ids["campaigns"][0]})
    pg.close()
    js = Server(ex_json, key, today, now)
    js.call("campaigns_sync_stats", {"id": ids["campaigns"][0]})
    js.close()
    log_path = os.path.join(WORK, "image-replay.log")
    pg = Server(URL, key, today, now, schema="ex", stderr_path=log_path)
    js = Server(ex_json, key, today, now)
    for cid in ids["campaigns"][:3]:
        compare(js.call("campaigns_get", {"id": cid}), pg.call("campaigns_get", {"id": cid}), f"image + logged ops: campaigns_get {cid}")
    js.close()
    pg.close()
    log = open(log_path).read()
    ok("from its image" in log and "1 logged ops replayed" in log, "a server starts from the image and replays the logged sync", log[-300:])
    # A damaged image is refused; the rows are read and the answer is right.
    sql("UPDATE ex.view_image SET bytes = set_byte(bytes, 200, (get_byte(bytes, 200) + 1) % 256) WHERE part = 0")
    log, clicks = first_answer("ex", key, today, now, "damaged image")
    ok("not usable" in log and "from its rows" in log and clicks == expected, "a damaged image is refused and the rows are read", f"{clicks}: {log[-300:]}")
    wait_for_image("ex")


def views_recipe(ex_json, key, today, now):
    """A team's own tables (other names and columns) mapped with views, served --read-only by a
    read-only role."""
    sql("DROP SCHEMA IF EXISTS legacy CASCADE; DROP SCHEMA IF EXISTS teamview CASCADE; CREATE SCHEMA legacy")
    tables = json.loads(sql("SELECT json_agg(table_name) FROM information_schema.tables WHERE table_schema = 'ex' AND table_name NOT IN ('schema_version', 'store_version', 'store_meta', 'op_log', 'view_image')"))
    for t in tables:
        sql(f"CREATE TABLE legacy.crm_{t} AS SELECT * FROM ex.{t}; ALTER TABLE legacy.crm_{t} RENAME COLUMN ord TO row_no; ALTER TABLE legacy.crm_{t} RENAME COLUMN extra TO attributes")
    db("init", URL, schema="teamview")
    sql("INSERT INTO teamview.store_meta SELECT * FROM ex.store_meta")
    for t in tables:
        cols = json.loads(sql(f"SELECT json_agg(column_name ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'ex' AND table_name = '{t}' AND column_name NOT IN ('ord', 'extra')"))
        sql(f"DROP TABLE teamview.{t}; CREATE VIEW teamview.{t} AS SELECT row_no AS ord, {', '.join(cols)}, attributes AS extra FROM legacy.crm_{t}")
        sql(f"CREATE TRIGGER stats_bump_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON legacy.crm_{t} FOR EACH STATEMENT EXECUTE PROCEDURE teamview.bump_store_version()")
    sql("DROP ROLE IF EXISTS stats_reader; CREATE ROLE stats_reader LOGIN; GRANT USAGE ON SCHEMA teamview, legacy TO stats_reader; "
        "GRANT SELECT ON ALL TABLES IN SCHEMA teamview, legacy TO stats_reader")
    reader_url = URL.replace("user=postgres", "user=stats_reader")
    js = Server(ex_json, key, today, now, extra_args=("--read-only",))
    pg = Server(reader_url, key, today, now, schema="teamview", extra_args=("--read-only",))
    ids = session_ids(js, today)
    for tool in js.tools():
        for args in variants(tool, ids)[:4]:
            compare(js.call(tool["name"], args), pg.call(tool["name"], args), f"views: {tool['name']} {json.dumps(args)}")
    ws = json.load(open(os.path.join(EXAMPLES, "store.json")))["workspaces"][0]["id"]
    before = pg.call("stats_get_workspace_overview", {"from": "2026-04-01", "to": "2026-04-26"})["structuredContent"]["totals"]["totalClicks"]
    sql(f"INSERT INTO legacy.crm_clicks (row_no, workspace_id, kind, at, attributes) VALUES (999999, {ws}, 'vcard', '2026-04-03T09:00:00Z', '{{}}')")
    after = pg.call("stats_get_workspace_overview", {"from": "2026-04-01", "to": "2026-04-26"})["structuredContent"]["totals"]["totalClicks"]
    ok(after == before + 1, "views: a row added to the team's own table is seen by the next request", f"{before} -> {after}")
    names = [t["name"] for t in pg.tools()]
    ok(not any(n.startswith("campaigns_sync") or n.startswith("campaigns_capture") for n in names), "views: --read-only hides the sync tools")
    js.close()
    pg.close()


def concurrency(ex_store, key, today, now):
    """Three servers write at once (different weeks, and the same campaigns): nothing is lost."""
    db("import", ex_store, URL, "--replace", schema="conc")
    initial = int(sql("SELECT count(*) FROM conc.weekly_snapshots"))
    results = [[] for _ in range(3)]
    errors = []

    def worker(i):
        s = Server(URL, key, today, now, schema="conc")
        ids = session_ids(s, today)
        for n in range(8):
            r = s.call("campaigns_capture_weekly_snapshots", {"week_start": mondays[i * 8 + n]})
            if r is None or r["isError"]:
                errors.append(r)
            else:
                results[i].append(r["structuredContent"])
            r = s.call("campaigns_sync_stats", {"id": ids["campaigns"][n % len(ids["campaigns"])]})
            if r is None or r["isError"]:
                errors.append(r)
        s.close()

    import datetime
    first = datetime.date(2030, 1, 7)
    mondays = [(first + datetime.timedelta(weeks=k)).isoformat() for k in range(24)]
    watcher = Server(URL, key, today, now, schema="conc")
    watcher.call("campaigns_list", {})
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok(not errors, "concurrency: 3 writing servers, every call answered without error", str(errors[:2]))
    captured = sum(r["captured"] - r.get("replaced", 0) for rs in results for r in rs)
    final = int(sql("SELECT count(*) FROM conc.weekly_snapshots"))
    ok(final == initial + captured, "concurrency: no snapshot lost", f"{initial} + {captured} != {final}")
    per_week = sql("SELECT count(DISTINCT week_start) FROM conc.weekly_snapshots WHERE week_start >= '2030-01-01'")
    ok(per_week == "24", "concurrency: all 24 weeks written", per_week)
    # A server that watched the writes (replaying the op log) answers like a freshly loaded one.
    fresh = Server(URL, key, today, now, schema="conc")
    ids = session_ids(fresh, today)
    for cid in ids["campaigns"]:
        compare(fresh.call("campaigns_get", {"id": cid}), watcher.call("campaigns_get", {"id": cid}), f"concurrency: watcher campaigns_get {cid}")
    compare(fresh.call("analytics_get_dashboard", {"range": "all"}), watcher.call("analytics_get_dashboard", {"range": "all"}), "concurrency: watcher dashboard")
    watcher.close()
    fresh.close()


def killed_server(ex_store, key, today, now):
    """kill -9 while sync calls stream in: every answered write is there, no write is half there."""
    import datetime
    db("import", ex_store, URL, "--replace", schema="kill")
    first = datetime.date(2031, 1, 6)
    weeks = [(first + datetime.timedelta(weeks=k)).isoformat() for k in range(60)]
    s = Server(URL, key, today, now, schema="kill")
    for w in weeks:
        s.send("tools/call", {"name": "campaigns_capture_weekly_snapshots", "arguments": {"week_start": w}})
    answered = []
    for _ in range(12):
        m = s.read()
        if m and not m["result"].get("isError"):
            answered.append(m["result"]["structuredContent"])
    s.p.kill()
    s.p.wait()
    per = dict((r[0], int(r[1])) for r in (l.split("|") for l in sql(
        "SELECT week_start, count(*) FROM kill.weekly_snapshots WHERE week_start >= '2031-01-01' GROUP BY 1").splitlines() if l))
    expected = answered[0]["captured"] if answered else None
    ok(len(answered) == 12 and all(per.get(weeks[i]) == expected for i in range(12)), "killed server: every answered write is stored",
       f"{per} expected {expected}")
    ok(all(v == expected for v in per.values()), "killed server: no week is partly written", str(per))
    s = Server(URL, key, today, now, schema="kill")
    r = s.call("campaigns_list", {})
    ok(r and not r["isError"], "killed server: the next server serves normally")
    s.close()


def timeouts(key, today, now):
    """A reload blocked by another session's lock answers store_busy within the timeout."""
    s = Server(URL, key, today, now, schema="ex", env={"STATS_PG_TIMEOUT_MS": "800"})
    ok(not s.call("campaigns_list", {})["isError"], "timeout: first call served")
    locker = subprocess.Popen([PSQL, "-X", "-q", "-h", SOCK, "-p", PORT, "-U", "postgres", "-d", "stats"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    locker.stdin.write("BEGIN; LOCK TABLE ex.prospects IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(6); COMMIT;\n")
    locker.stdin.flush()
    time.sleep(0.5)
    sql("UPDATE ex.store_version SET version = version + 1")
    t0 = time.time()
    r = s.call("campaigns_list", {})
    took = time.time() - t0
    code = (r["structuredContent"] or {}).get("error", {}).get("code") if r and r["isError"] else None
    ok(code == "store_busy" and took < 3, "timeout: a blocked read answers store_busy in time", f"{code} after {took:.1f}s")
    locker.stdin.close()
    locker.wait()
    r = s.call("campaigns_list", {})
    ok(r and not r["isError"], "timeout: served again once the lock is gone")
    s.close()


def lost_connection(key, today, now):
    """PostgreSQL restarts: store_unavailable (host and database named, no password), then reconnect."""
    s = Server(URL, key, today, now, schema="ex")
    ok(not s.call("campaigns_list", {})["isError"], "lost connection: first call served")
    subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(PGBIN, "pg_ctl"), "-D", PGDATA, "-m", "fast", "-w", "stop"],
                   capture_output=True)
    r = s.call("campaigns_list", {})
    err = (r["structuredContent"] or {}).get("error", {}) if r and r["isError"] else {}
    ok(err.get("code") == "store_unavailable", "lost connection: store_unavailable while the server is down", str(r)[:300])
    msg = err.get("message", "")
    ok(SOCK in msg and "database stats" in msg and "not-the-real-secret" not in msg, "lost connection: host and database named, password never", msg)
    subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(PGBIN, "pg_ctl"), "-D", PGDATA, "-w", "-l", os.path.join(os.path.dirname(PGDATA), "restart.log"),
                    "-o", f"-k {SOCK} -c listen_addresses='' -p {PORT}", "start"], capture_output=True)
    r = s.call("campaigns_list", {})
    ok(r and not r["isError"], "lost connection: reconnects on the next request", str(r)[:300])
    r = s.call("campaigns_sync_stats", {"id": session_ids(s, today)["campaigns"][0], "dry_run": True})
    ok(r and not r["isError"], "lost connection: sync tools work after the reconnect")
    s.close()


def no_libpq(key, today, now):
    s = Server(URL, key, today, now, schema="ex", env={"STATS_LIBPQ": "/nonexistent/libpq.so.5"})
    r = s.call("campaigns_list", {})
    err = (r["structuredContent"] or {}).get("error", {}) if r and r["isError"] else {}
    ok(err.get("code") == "store_unavailable" and "apt install libpq5" in err.get("message", "") and "brew install libpq" in err.get("message", ""),
       "without libpq every call is store_unavailable saying how to install it", str(err))
    s.close()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # a crash of the driver is a failure, not a silent pass
        import traceback
        traceback.print_exc()
        failed += 1
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
