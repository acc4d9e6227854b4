#!/usr/bin/env python3
"""Browser test of the chart app (SPEC §7.4) in headless Chromium.

1. Starts the built server on the demo store over stdio, declares the MCP Apps extension in `initialize`,
   checks that the five chart tools carry `_meta.ui.resourceUri` and the resource is listed, reads the app
   document with `resources/read`, and calls each tool for a REAL CallToolResult.
2. Loads Tests/browser/host.html (which plays the host side of the bridge) in Chromium through the DevTools
   protocol, runs the app in an iframe for every tool result, in the light and the dark theme, at 400 px and
   760 px, and checks what was drawn: SVG elements, labels taken from the result, no horizontal overflow,
   a size-changed notification, the theme, and no script error or CSP violation on the console.
3. Writes a PNG screenshot of every case into the output folder.

Usage: check_charts.py BINARY CHROMIUM OUT_DIR. Prints one line per check and `N passed, M failed` last.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websocket  # websocket-client

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-20"
UI = "io.modelcontextprotocol/ui"
APP_URI = "ui://stats-mcp/charts.html"
CHART_TOOLS = ["stats_get_workspace_overview", "stats_get_campaign_performance", "analytics_get_dashboard",
               "analytics_get_call_dashboard", "analytics_rank_campaigns"]

passed = 0
failed = 0


def check(name: str, ok: bool, why: str = "") -> bool:
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {why}")
    return ok


# ---- the server, over stdio ------------------------------------------------------------------------------

class Server:
    def __init__(self, binary: str):
        self.p = subprocess.Popen([binary, "--demo", "--today", TODAY], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
        self.next = 1

    def request(self, method: str, params: dict | None = None) -> dict:
        msg = {"jsonrpc": "2.0", "id": self.next, "method": method}
        if params is not None:
            msg["params"] = params
        self.next += 1
        self.p.stdin.write(json.dumps(msg) + "\n")
        self.p.stdin.flush()
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise RuntimeError(f"server closed its output during {method}")
            reply = json.loads(line)
            if reply.get("id") == msg["id"]:
                return reply

    def close(self) -> None:
        self.p.stdin.close()
        self.p.wait(timeout=10)


def gather(binary: str) -> tuple[str, list[dict]]:
    """The app document and one case per chart (tool, arguments, CallToolResult, what the drawing must show)."""
    s = Server(binary)
    init = s.request("initialize", {"protocolVersion": "2025-11-25", "clientInfo": {"name": "browser-test", "version": "1"},
                                    "capabilities": {"extensions": {UI: {"mimeTypes": ["text/html;profile=mcp-app"]}}}})
    check("initialize declares the ui extension back", UI in init["result"]["capabilities"].get("extensions", {}), json.dumps(init)[:300])
    tools = {t["name"]: t for t in s.request("tools/list")["result"]["tools"]}
    for name in CHART_TOOLS:
        if name in tools:
            check(f"tools/list links {name} to the app", tools[name].get("_meta", {}).get("ui", {}).get("resourceUri") == APP_URI,
                  json.dumps(tools[name].get("_meta")))
    others = [n for n, t in tools.items() if n not in CHART_TOOLS and "_meta" in t]
    check("no other tool is linked", not others, str(others))
    listed = [r["uri"] for r in s.request("resources/list")["result"]["resources"]]
    check("resources/list lists the app", APP_URI in listed, str(listed[-3:]))
    read = s.request("resources/read", {"uri": APP_URI})["result"]["contents"][0]
    check("resources/read mimeType", read["mimeType"] == "text/html;profile=mcp-app", read["mimeType"])
    html = read["text"]
    print(f"     app document: {len(html.encode())} bytes")

    def call(name: str, args: dict) -> dict:
        r = s.request("tools/call", {"name": name, "arguments": args})
        if "error" in r:
            return {"missing": True, "error": r["error"]}
        return r["result"]

    cases = []
    cp = call("campaigns_list", {"type": "email", "status": "active", "limit": 1})["structuredContent"]["campaigns"][0]
    calls_cp = call("campaigns_list", {"type": "call", "status": "active", "limit": 1})["structuredContent"]["campaigns"]

    def add(label, tool, args, expect):
        result = call(tool, args)
        if result.get("missing"):
            print(f"skip {label}: {tool} is not served by this build ({result['error'].get('message')})")
            return
        cases.append({"label": label, "tool": tool, "args": args, "result": result, "expect": expect})

    add("overview", "stats_get_workspace_overview", {"from": "2026-10-22", "to": TODAY, "breakdown": "day"},
        lambda sc: {"series": 2, "texts": ["22 Oct", "Total clicks", sc["workspace"]["name"]],
                    "bars": min(5, sum(1 for c in sc["breakdown"]["chart"]["datasets"]["campaigns"] if sum(c["data"]) > 0))})
    add("overview-weeks", "stats_get_workspace_overview", {"from": "2026-08-23", "to": TODAY, "breakdown": "week"},
        lambda sc: {"series": 2, "texts": ["per week"]})
    add("performance", "stats_get_campaign_performance", {"campaignPublicId": cp["public_id"]},
        lambda sc: {"bars_min": 3, "texts": ["Emails sent", "Replies", sc["campaign"]["name"], "Reply rate"]})
    if calls_cp:
        add("performance-call", "stats_get_campaign_performance", {"campaignPublicId": calls_cp[0]["public_id"], "from": "2026-08-23", "to": TODAY},
            lambda sc: {"texts": ["Calls", "Meetings booked"]})
    add("dashboard", "analytics_get_dashboard", {"range": "26w"},
        lambda sc: {"series_min": 1, "texts": ["Per week", "Emails sent"]})
    add("calls", "analytics_get_call_dashboard", {"period": "90d"},
        lambda sc: {"bars": min(12, len(sc["campaign_stats"])), "texts": [r["campaign_name"] for r in sc["campaign_stats"][:3] if r["campaign_name"]]})
    add("rank", "analytics_rank_campaigns", {"metric": "replies", "period": "last_30_days", "limit": 8},
        lambda sc: {"bars": len(sc["campaigns"]), "texts": [f"1. {sc['campaigns'][0]['name'] or sc['campaigns'][0]['public_id']}"] if sc["campaigns"] else []})
    add("empty", "stats_get_workspace_overview", {"from": "2001-01-01", "to": "2001-01-31", "breakdown": "day"},
        lambda sc: {"state": "drawn", "texts": ["No clicks in either period."]})
    add("error", "stats_get_campaign_performance", {"campaignPublicId": "cp_7zzzzzzzzzzzzzzzzzzzzzzzzz"},
        lambda sc: {"state": "error"})
    s.close()
    return html, cases


# ---- Chromium over the DevTools protocol -----------------------------------------------------------------

class Browser:
    def __init__(self, chromium: str):
        self.profile = tempfile.mkdtemp(prefix="charts-chromium-")
        self.proc = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                      "--hide-scrollbars", "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
                                      "--window-size=1000,900", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = Path(self.profile) / "DevToolsActivePort"
        for _ in range(300):
            if port_file.exists() and port_file.read_text().count("\n") >= 1:
                break
            time.sleep(0.1)
        port = port_file.read_text().split("\n")[0].strip()
        import urllib.request
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True)
        self.next = 1
        self.events: list[dict] = []
        for method in ("Runtime.enable", "Log.enable", "Page.enable"):
            self.send(method)

    def send(self, method: str, params: dict | None = None) -> dict:
        i = self.next
        self.next += 1
        self.ws.send(json.dumps({"id": i, "method": method, "params": params or {}}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == i:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def eval(self, expression: str):
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate failed: {r['exceptionDetails'].get('text')} {expression[:80]}")
        return r["result"].get("value")

    def problems(self) -> list[str]:
        """Script errors, console errors and CSP violations seen since the last call."""
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: " + (d.get("exception", {}).get("description") or d.get("text", "")))
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                out.append("console." + p["type"] + ": " + " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", [])))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                out.append("log: " + p["entry"].get("text", ""))
        self.events.clear()
        return out

    def wait(self, expression: str, timeout: float = 10.0) -> bool:
        end = time.time() + timeout
        while time.time() < end:
            if self.eval(expression):
                return True
            time.sleep(0.05)
        return False

    def screenshot(self, path: Path) -> None:
        rect = self.eval("(() => { const r = document.getElementById('view').getBoundingClientRect();"
                         " return {x: r.x, y: r.y, width: r.width, height: r.height}; })()")
        pad = 8
        clip = {"x": max(0, rect["x"] - pad), "y": max(0, rect["y"] - pad), "width": rect["width"] + 2 * pad,
                "height": rect["height"] + 2 * pad, "scale": 2}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


INSPECT = """(() => {
  const doc = document.getElementById('view').contentDocument, main = doc.getElementById('app');
  const svgs = [...doc.querySelectorAll('svg')];
  const clipped = [...doc.querySelectorAll('svg text')].filter(t => {
    const box = t.getBBox(), vb = t.ownerSVGElement.viewBox.baseVal;
    return box.x < -1 || box.x + box.width > vb.width + 1;
  }).map(t => t.textContent);
  return {
    state: main.getAttribute('data-state'), tool: main.getAttribute('data-tool'),
    theme: doc.documentElement.getAttribute('data-theme'),
    background: getComputedStyle(doc.body).backgroundColor,
    svgs: svgs.length, series: doc.querySelectorAll('svg path.series').length,
    bars: doc.querySelectorAll('svg g.bar').length, points: doc.querySelectorAll('svg circle.point').length,
    text: main.textContent + ' ' + [...doc.querySelectorAll('svg text')].map(t => t.textContent).join(' | '),
    overflow: doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
    clipped, sizes: window.hostState.sizes.length, received: window.hostState.received,
    height: document.getElementById('view').getBoundingClientRect().height
  };
})()"""


def luminance(css: str) -> float:
    nums = [float(x) for x in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
    return (0.2126 * nums[0] + 0.7152 * nums[1] + 0.0722 * nums[2]) / 255


def run_case(b: Browser, html: str, case: dict, theme: str, width: int, out: Path) -> None:
    name = f"{case['label']}-{theme}-{width}"
    sc = case["result"].get("structuredContent") or {}
    expect = case["expect"](sc) if not case["result"].get("isError") else case["expect"]({})
    cfg = {"html": html, "result": case["result"], "arguments": case["args"], "theme": theme, "width": width,
           # The dark runs leave out toolInfo: the app then recognises the result by its shape.
           "toolName": case["tool"] if theme == "light" else None}
    b.problems()
    b.eval(f"runHost({json.dumps(cfg)})")
    want_state = expect.get("state", "drawn")
    drawn = b.wait("(() => { const f = document.getElementById('view'); const d = f && f.contentDocument;"
                   " const m = d && d.getElementById('app'); return !!(m && m.getAttribute('data-state') !== 'waiting'"
                   " && window.hostState.sizes.length > 0); })()")
    time.sleep(0.15)
    info = b.eval(INSPECT)
    problems = b.problems()
    why = []
    if not drawn:
        why.append("never drew")
    if info["state"] != want_state:
        why.append(f"state {info['state']} (want {want_state})")
    if want_state == "drawn" and "texts" in expect and "No clicks" not in " ".join(expect["texts"]):
        if info["tool"] != case["tool"]:
            why.append(f"recognised as {info['tool']}")
        if info["svgs"] < 1:
            why.append("no svg")
    if "series" in expect and info["series"] != expect["series"]:
        why.append(f"{info['series']} series (want {expect['series']})")
    if "series_min" in expect and info["series"] < expect["series_min"]:
        why.append(f"{info['series']} series")
    if "bars" in expect and info["bars"] < expect["bars"]:
        why.append(f"{info['bars']} bars (want {expect['bars']})")
    if "bars_min" in expect and info["bars"] < expect["bars_min"]:
        why.append(f"{info['bars']} bars")
    for t in expect.get("texts", []):
        if t not in info["text"]:
            why.append(f"missing text {t!r}")
    if info["overflow"] > 0:
        why.append(f"overflows horizontally by {info['overflow']} px")
    if info["clipped"]:
        why.append(f"clipped labels {info['clipped'][:3]}")
    if info["sizes"] < 1 or info["height"] < 60:
        why.append(f"no size-changed (sizes {info['sizes']}, height {info['height']})")
    if info["theme"] != theme:
        why.append(f"theme {info['theme']}")
    lum = luminance(info["background"])
    if (theme == "dark") != (lum < 0.4):
        why.append(f"background {info['background']} for {theme}")
    if info["received"][:2] != ["ui/initialize", "ui/notifications/initialized"]:
        why.append(f"bridge order {info['received'][:3]}")
    if problems:
        why.append("console: " + "; ".join(problems)[:400])
    shot = out / f"{name}.png"
    b.screenshot(shot)
    check(f"{name} ({case['tool']})", not why, ", ".join(why))


def main() -> int:
    binary, chromium, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    out.mkdir(parents=True, exist_ok=True)
    html, cases = gather(binary)
    b = Browser(chromium)
    try:
        b.send("Page.navigate", {"url": (HERE / "host.html").as_uri()})
        b.wait("typeof window.runHost === 'function'")
        for case in cases:
            for theme in ("light", "dark"):
                for width in (400, 760):
                    try:
                        run_case(b, html, case, theme, width, out)
                    except Exception as e:  # one broken case must not hide the others
                        check(f"{case['label']}-{theme}-{width}", False, repr(e))
        # A theme change from the host re-themes the drawn chart.
        run_case(b, html, cases[0], "light", 760, out)
        b.problems()
        b.eval("changeTheme('dark')")
        ok = b.wait("document.getElementById('view').contentDocument.documentElement.getAttribute('data-theme') === 'dark'")
        bg = b.eval("getComputedStyle(document.getElementById('view').contentDocument.body).backgroundColor")
        check("host-context-changed switches to dark", ok and luminance(bg) < 0.4 and not b.problems(), bg)
    finally:
        b.close()
    print(f"     screenshots: {out}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
