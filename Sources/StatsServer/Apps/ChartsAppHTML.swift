// Generated from charts.html by Tests/browser/embed.py: edit charts.html, then run the script.
extension ChartsApp {
    /// The app document served at `ChartsApp.uri` (text/html;profile=mcp-app).
    static let html = #"""
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>stats-mcp charts</title>
<style>
:root{--bg:var(--color-background-primary,#fff);--panel:var(--color-background-secondary,#f6f8fa);--fg:var(--color-text-primary,#1f2328);--muted:var(--color-text-secondary,#59636e);--grid:var(--color-border-tertiary,#e3e6ea);--up:#1a7f37;--down:#cf222e;--s1:#2f6fde;--s2:#9aa3ad;--s3:#e8833a;--s4:#2da44e;--s5:#8e5bd8;--font:var(--font-sans,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif)}
:root[data-theme=dark]{--bg:var(--color-background-primary,#16191e);--panel:var(--color-background-secondary,#1e232a);--fg:var(--color-text-primary,#e6edf3);--muted:var(--color-text-secondary,#9198a1);--grid:var(--color-border-tertiary,#30363d);--up:#3fb950;--down:#f85149;--s1:#5b9cff;--s2:#6e7781;--s3:#f0a050;--s4:#3fb950;--s5:#b392f0}
*{box-sizing:border-box}
html,body{margin:0;background:var(--bg);color:var(--fg);font:13px/1.4 var(--font)}
main{padding:12px 14px 14px;max-width:960px}
h1{font-size:15px;font-weight:600;margin:0}
.sub{color:var(--muted);font-size:12px;margin:2px 0 10px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(104px,1fr));gap:8px;margin:0 0 12px}
.kpi{background:var(--panel);border-radius:8px;padding:7px 9px;min-width:0}
.kpi span{display:block;color:var(--muted);font-size:11px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.kpi b{font-size:17px;font-weight:600;font-variant-numeric:tabular-nums}
.kpi i{font-style:normal;font-size:11px;margin-left:4px;color:var(--muted)}
.kpi i.up{color:var(--up)}.kpi i.down{color:var(--down)}
h2{font-size:12px;font-weight:600;color:var(--muted);margin:12px 0 4px;text-transform:uppercase;letter-spacing:.04em}
.legend{display:flex;flex-wrap:wrap;gap:4px 12px;font-size:11px;color:var(--muted);margin:0 0 2px}
.legend em{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.legend em.dash{height:0;border-top:2px dashed var(--s2);border-radius:0;vertical-align:3px}
svg{display:block;width:100%;height:auto;overflow:visible}
svg text{fill:var(--muted);font-size:11px;font-family:var(--font)}
svg text.v{fill:var(--fg);font-variant-numeric:tabular-nums}
svg text.l{fill:var(--fg)}
.grid{stroke:var(--grid);stroke-width:1}
.empty{padding:22px 12px;text-align:center;color:var(--muted);background:var(--panel);border-radius:8px}
.err{color:var(--down)}
</style>
</head>
<body>
<main id="app" data-state="waiting"><div class="empty">Waiting for a tool result…</div></main>
<script>
(function () {
  "use strict";
  var app = document.getElementById("app");
  var host = { theme: null, toolName: null, locale: "en-US" };
  var result = null, input = null, nextId = 1, pending = {}, lastWidth = 0, lastSize = "", ready = false;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // ---- bridge (MCP Apps, JSON-RPC over postMessage) ----
  function post(message) { window.parent.postMessage(message, "*"); }
  function request(method, params) {
    var id = nextId++;
    post({ jsonrpc: "2.0", id: id, method: method, params: params });
    return new Promise(function (resolve, reject) { pending[id] = { resolve: resolve, reject: reject }; });
  }
  function notify(method, params) { post({ jsonrpc: "2.0", method: method, params: params || {} }); }

  window.addEventListener("message", function (event) {
    var m = event.data;
    if (event.source !== window.parent || !m || m.jsonrpc !== "2.0") return;  // only the host speaks to the view
    if (m.method === undefined && m.id !== undefined) {
      var p = pending[m.id];
      if (p) { delete pending[m.id]; if (m.error) p.reject(m.error); else p.resolve(m.result); }
      return;
    }
    switch (m.method) {
      case "ui/notifications/tool-input": input = (m.params && m.params.arguments) || null; break;
      case "ui/notifications/tool-result": result = m.params || null; render(); break;
      case "ui/notifications/tool-cancelled": result = null; showEmpty("The tool call was cancelled."); break;
      case "ui/notifications/host-context-changed": applyContext(m.params); render(); break;
      case "ui/resource-teardown": if (m.id !== undefined) post({ jsonrpc: "2.0", id: m.id, result: {} }); break;
      case "ping": if (m.id !== undefined) post({ jsonrpc: "2.0", id: m.id, result: {} }); break;
    }
  });

  function applyContext(c) {
    if (!c) return;
    if (c.theme === "light" || c.theme === "dark") host.theme = c.theme;
    if (c.toolInfo && c.toolInfo.tool && c.toolInfo.tool.name) host.toolName = c.toolInfo.tool.name;
    if (typeof c.locale === "string") host.locale = c.locale;
    var vars = c.styles && c.styles.variables;
    if (vars) for (var k in vars) if (vars[k] && k.indexOf("--") === 0) document.documentElement.style.setProperty(k, vars[k]);
    var theme = host.theme || (window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
    document.documentElement.setAttribute("data-theme", theme);
    document.documentElement.style.colorScheme = theme;
  }

  // Sizes go to the host only once the handshake is done (nothing but ui/initialize before it).
  function reportSize() {
    if (!ready) return;
    // The content's own height (the document's would never shrink below the frame's current height).
    var w = Math.ceil(document.documentElement.scrollWidth), h = Math.ceil(app.getBoundingClientRect().bottom + window.scrollY);
    var key = w + "x" + h;
    if (key !== lastSize) { lastSize = key; notify("ui/notifications/size-changed", { width: w, height: h }); }
  }

  // ---- helpers ----
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function num(n) { return typeof n === "number" && isFinite(n) ? n : 0; }
  function fmt(n) {
    if (n === null || n === undefined) return "–";
    try { return Number(n).toLocaleString(host.locale); } catch (e) { return String(n); }
  }
  function compact(n) {
    var a = Math.abs(n);
    if (a >= 1e6) return (n / 1e6).toFixed(a >= 1e7 ? 0 : 1).replace(/\.0$/, "") + "M";
    if (a >= 1e4) return Math.round(n / 1e3) + "k";
    if (a >= 1e3) return (n / 1e3).toFixed(1).replace(/\.0$/, "") + "k";
    return String(Math.round(n * 10) / 10);
  }
  function fmt1(n) {
    try { return Number(n).toLocaleString(host.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }); } catch (e) { return Number(n).toFixed(1); }
  }
  function pct(n) { return n === null || n === undefined ? "–" : fmt1(n) + " %"; }
  function change(n) {
    if (n === null || n === undefined) return "";
    var cls = n > 0 ? "up" : n < 0 ? "down" : "";
    return '<i class="' + cls + '">' + (n > 0 ? "+" : n < 0 ? "−" : "±") + fmt1(Math.abs(n)) + " %</i>";
  }
  function dayLabel(s, withYear) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(s || "");
    if (!m) return String(s);
    var mon = MONTHS[parseInt(m[2], 10) - 1];
    if (!m[3]) return mon + " " + m[1];
    return parseInt(m[3], 10) + " " + mon + (withYear ? " " + m[1] : "");
  }
  function range(p) {
    if (!p || !p.from) return "";
    return dayLabel(p.from, true) + " – " + dayLabel(p.to, true);
  }
  function kpi(label, value, extra) { return '<div class="kpi"><span>' + esc(label) + "</span><b>" + value + "</b>" + (extra || "") + "</div>"; }
  function header(title, sub) { return "<h1>" + esc(title) + '</h1><div class="sub">' + esc(sub) + "</div>"; }
  function empty(text) { return '<div class="empty">' + esc(text) + "</div>"; }
  function width() { return Math.max(280, Math.min(app.clientWidth - 28, 932)); }
  function niceMax(v) {
    if (v <= 0) return 4;
    var p = Math.pow(10, Math.floor(Math.log10(v))), f = v / p;
    var step = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return step * p;
  }
  function granularity(labels) {
    if (!labels.length) return "day";
    if (labels[0].length === 7) return "month";
    if (labels.length > 1) {
      var a = Date.parse(labels[0] + "T00:00:00Z"), b = Date.parse(labels[1] + "T00:00:00Z");
      if (b - a === 7 * 864e5) return "week";
    }
    return "day";
  }

  // ---- charts (inline SVG) ----
  // Line chart: series = [{name, values, color, dashed}], labels = x labels (YYYY-MM-DD or YYYY-MM).
  function lineChart(id, labels, series, opts) {
    opts = opts || {};
    var W = width(), H = W < 480 ? 180 : 220, L = 38, R = 10, T = 10, B = 24;
    var n = labels.length, max = 0;
    series.forEach(function (s) { s.values.forEach(function (v) { max = Math.max(max, num(v)); }); });
    var top = niceMax(max), pw = W - L - R, ph = H - T - B;
    if (top % 4 && top <= 20) top = Math.ceil(top / 4) * 4;  // whole-number ticks for small counts
    function x(i) { return L + (n <= 1 ? pw / 2 : (i * pw) / (n - 1)); }
    function y(v) { return T + ph - (num(v) / top) * ph; }
    var out = '<svg id="' + id + '" data-kind="line" viewBox="0 0 ' + W + " " + H + '" role="img" aria-label="' + esc(opts.label || "chart") + '">';
    for (var t = 0; t <= 4; t++) {
      var v = (top * t) / 4, yy = y(v).toFixed(1);
      out += '<line class="grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + yy + '" y2="' + yy + '"/>';
      out += '<text class="tick" x="' + (L - 6) + '" y="' + yy + '" dy="0.32em" text-anchor="end">' + compact(v) + "</text>";
    }
    var g = granularity(labels), every = Math.max(1, Math.ceil(n / Math.max(2, Math.floor(pw / 64))));
    for (var i = 0; i < n; i += every) {
      var anchor = n === 1 ? "middle" : i === 0 ? "start" : i === n - 1 ? "end" : "middle";
      out += '<text class="xlabel" x="' + x(i).toFixed(1) + '" y="' + (H - 6) + '" text-anchor="' + anchor + '">' + esc(dayLabel(labels[i])) + "</text>";
    }
    series.slice().reverse().forEach(function (s) {
      if (!s.values.length) return;
      var d = s.values.map(function (v, i) { return (i ? "L" : "M") + x(i).toFixed(1) + " " + y(v).toFixed(1); }).join("");
      if (s.area && n > 1) out += '<path class="area" d="' + d + "L" + x(n - 1).toFixed(1) + " " + (T + ph) + "L" + x(0).toFixed(1) + " " + (T + ph) + 'Z" fill="' + s.color + '" fill-opacity="0.12"/>';
      out += '<path class="series" data-series="' + esc(s.name) + '" d="' + d + '" fill="none" stroke="' + s.color + '" stroke-width="' + (s.dashed ? 1.5 : 2) + '"' + (s.dashed ? ' stroke-dasharray="4 3"' : "") + ' stroke-linejoin="round" stroke-linecap="round"/>';
      if (!s.dashed && n <= 40) s.values.forEach(function (v, i) {
        out += '<circle class="point" cx="' + x(i).toFixed(1) + '" cy="' + y(v).toFixed(1) + '" r="' + (n <= 14 ? 3 : 2) + '" fill="' + s.color + '"><title>' + esc(dayLabel(labels[i], true) + ": " + fmt(v) + " " + s.name) + "</title></circle>";
      });
    });
    return out + "</svg>";
  }

  function legend(items) {
    return '<div class="legend">' + items.map(function (it) {
      return "<span>" + (it.dashed ? '<em class="dash"></em>' : '<em style="background:' + it.color + '"></em>') + esc(it.name) + "</span>";
    }).join("") + "</div>";
  }

  // Horizontal labelled bars: rows = [{label, value, text, inner}] (inner: a second, overlaid value).
  function hbars(id, rows, opts) {
    opts = opts || {};
    var W = width(), rowH = 30, H = rows.length * rowH + 4, max = 0;
    rows.forEach(function (r) { max = Math.max(max, num(r.value)); });
    var longest = 0;
    rows.forEach(function (r) { longest = Math.max(longest, String(r.text || fmt(r.value)).length); });
    var valueW = Math.max(28, Math.round(longest * 6.6) + 12), bw = W - valueW;
    var out = '<svg id="' + id + '" data-kind="bars" viewBox="0 0 ' + W + " " + H + '" role="img" aria-label="' + esc(opts.label || "bars") + '">';
    rows.forEach(function (r, i) {
      var y0 = i * rowH, w = max > 0 ? Math.max(num(r.value) > 0 ? 2 : 0, (num(r.value) / max) * bw) : 0;
      out += '<g class="bar">';
      out += '<text class="l" x="0" y="' + (y0 + 10) + '">' + esc(r.label) + "</text>";
      out += '<rect x="0" y="' + (y0 + 15) + '" width="' + bw.toFixed(1) + '" height="10" rx="3" fill="var(--grid)" opacity="0.6"/>';
      out += '<rect class="value" x="0" y="' + (y0 + 15) + '" width="' + w.toFixed(1) + '" height="10" rx="3" fill="' + (r.color || "var(--s1)") + '"><title>' + esc(r.label + ": " + (r.text || fmt(r.value))) + "</title></rect>";
      if (r.inner !== undefined && max > 0) {
        var wi = (num(r.inner) / max) * bw;
        out += '<rect class="inner" x="0" y="' + (y0 + 15) + '" width="' + wi.toFixed(1) + '" height="10" rx="3" fill="' + (opts.innerColor || "var(--s4)") + '"/>';
      }
      out += '<text class="v" x="' + W + '" y="' + (y0 + 24) + '" text-anchor="end">' + esc(r.text || fmt(r.value)) + "</text>";
      out += "</g>";
    });
    return out + "</svg>";
  }

  // ---- one renderer per tool ----
  function overview(d) {
    var tot = d.totals || {}, prev = d.previous || null, ch = d.changePct || {};
    var html = header("Clicks · " + ((d.workspace && d.workspace.name) || "workspace"),
      range(d.period) + (d.period && d.period.preset ? " (" + d.period.preset.replace(/_/g, " ") + ")" : "") + (prev && prev.period ? " vs " + range(prev.period) : ""));
    html += '<div class="kpis">' + kpi("Total clicks", fmt(tot.totalClicks), change(ch.totalClicks)) +
      kpi("Campaign links", fmt(tot.campaignClicks), change(ch.campaignClicks)) +
      kpi("vCards", fmt(tot.vcardClicks), change(ch.vcardClicks)) + kpi("Other", fmt(tot.otherClicks), change(ch.otherClicks));
    if (d.outreach) html += kpi("Prospects contacted", fmt(d.outreach.prospectsContacted), change(ch.prospectsContacted)) + kpi("Replies", fmt(d.outreach.replies), change(ch.replies));
    if (d.calls) html += kpi("Meetings booked", fmt(d.calls.meetingsBooked), change(ch.meetingsBooked));
    html += "</div>";
    var chart = d.breakdown && d.breakdown.chart;
    if (chart && chart.labels && chart.datasets && (chart.labels.current || []).length) {
      var labels = chart.labels.current, cur = chart.datasets.current || [], pv = chart.datasets.previous || [];
      var g = granularity(labels);
      var series = [{ name: "this period", values: cur, color: "var(--s1)", area: true }];
      if (pv.length) series.push({ name: "previous period", values: pv.slice(0, labels.length), color: "var(--s2)", dashed: true });
      var both = num(tot.totalClicks) + (prev ? num(prev.totals && prev.totals.totalClicks) : 0);
      html += "<h2>Total clicks per " + g + "</h2>" + (both === 0 ? empty("No clicks in either period.") :
        legend([{ name: range(d.period), color: "var(--s1)" }].concat(pv.length ? [{ name: "previous: " + range(prev && prev.period), dashed: true }] : [])) +
        lineChart("series", labels, series, { label: "Total clicks per " + g }));
      var camps = (chart.datasets.campaigns || []).map(function (c) {
        return { label: c.name || c.campaignPublicId, value: (c.data || []).reduce(function (a, b) { return a + num(b); }, 0) };
      }).filter(function (r) { return r.value > 0; }).slice(0, 5);
      if (camps.length) html += "<h2>Top campaigns by campaign-link clicks</h2>" + hbars("campaigns", camps, { label: "Top campaigns" });
    } else {
      var rows = [["Campaign links", "campaignClicks"], ["vCards", "vcardClicks"], ["Other", "otherClicks"]];
      if (num(tot.totalClicks) === 0 && !(prev && prev.totals && num(prev.totals.totalClicks))) html += empty("No clicks in this period.");
      else html += "<h2>Clicks by kind</h2>" + legend([{ name: "this period", color: "var(--s1)" }].concat(prev ? [{ name: "previous period", color: "var(--s2)" }] : [])) +
        hbars("kinds", [].concat.apply([], rows.map(function (r) {
          var out = [{ label: r[0], value: num(tot[r[1]]) }];
          if (prev && prev.totals) out.push({ label: r[0] + " (previous)", value: num(prev.totals[r[1]]), color: "var(--s2)" });
          return out;
        })), { label: "Clicks by kind" });
    }
    return html;
  }

  function performance(d) {
    var c = d.campaign || {}, o = d.outreach || {}, r = d.rates || {}, cl = d.clicks || {};
    var ch = (d.trend && d.trend.changePct) || {};
    var html = header(c.name || c.publicId || "Campaign", [c.type, c.status].filter(Boolean).join(" · ") + " · " + range(d.period) +
      (d.trend && d.trend.previousPeriod ? " vs " + range(d.trend.previousPeriod) : ""));
    var k = d.calls;
    if (k) html += '<div class="kpis">' + kpi("Total calls", fmt(k.totalCalls)) + kpi("Contact rate", pct(k.contactRatePct)) +
      kpi("Conversion", pct(k.conversionRatePct)) + kpi("Meetings", fmt(k.meetingsBooked)) + kpi("Clicks", fmt(cl.totalClicks), change(ch.totalClicks)) + "</div>";
    else html += '<div class="kpis">' + kpi("Reply rate", pct(r.replyRatePct)) + (c.type !== "linkedin" ? kpi("Bounce rate", pct(r.bounceRatePct)) : "") +
      (c.type !== "email" ? kpi("Acceptance rate", pct(r.acceptanceRatePct)) : "") + kpi("Replies", fmt(o.replies), change(ch.replies)) +
      kpi("Clicks", fmt(cl.totalClicks), change(ch.totalClicks)) + "</div>";
    var steps = [["Emails sent", "emailsSent"], ["Invites sent", "invitesSent"], ["Invites accepted", "invitesAccepted"], ["LinkedIn messages", "linkedinMessagesSent"],
      ["Prospects contacted", "prospectsContacted"], ["Replies", "replies"], ["Interested", "interested"], ["Bounces", "bounces"]];
    var rows = steps.filter(function (s) { return num(o[s[1]]) > 0 || (c.type === "email" && /emails|prospects|replies/i.test(s[1])) || (c.type === "linkedin" && /invites|prospects|replies/i.test(s[1])); })
      .map(function (s) { return { label: s[0], value: num(o[s[1]]), color: s[1] === "bounces" ? "var(--down)" : "var(--s1)" }; });
    var quiet = rows.every(function (x) { return x.value === 0; });
    if (!(k && quiet)) html += "<h2>Outreach funnel</h2>" + (quiet ? empty("No outreach activity in this period.") : hbars("funnel", rows, { label: "Outreach funnel" }));
    if (k) {
      html += "<h2>Calls</h2>" + hbars("calls", [{ label: "Total calls", value: num(k.totalCalls) }, { label: "Completed", value: num(k.completedCalls) },
        { label: "Connected", value: num(k.connectedCalls) }, { label: "Meetings booked", value: num(k.meetingsBooked), color: "var(--s4)" }], { label: "Calls" });
    }
    return html;
  }

  function dashboard(d) {
    var weekly = d.weekly || [], at = d.allTime || {};
    function pick(w, ch, key) { return num(w[ch] && w[ch][key]); }
    var html = header("Weekly outreach", (d.range === "all" ? "all weeks" : "last " + String(d.range || "").replace("w", " weeks")) +
      (weekly.length ? " · " + dayLabel(weekly[0].week_start, true) + " – " + dayLabel(weekly[weekly.length - 1].week_start, true) : "") +
      (d.campaigns_total !== undefined ? " · " + fmt(d.campaigns_total) + " campaigns" : ""));
    var e = at.email || {}, l = at.linkedin || {}, c = at.call || {};
    html += '<h2>All time</h2><div class="kpis">' + kpi("Emails sent", fmt(num(e.sent))) + kpi("LinkedIn invites", fmt(num(l.connection_sent))) +
      kpi("Replies", fmt(num(e.replied) + num(l.replied))) + kpi("Calls", fmt(num(c.called))) + "</div>";
    if (!weekly.length) return html + empty("No weekly snapshot deltas in this range.");
    var labels = weekly.map(function (w) { return w.week_start; });
    var defs = [["Emails sent", "email", "sent", "var(--s1)"], ["LinkedIn invites", "linkedin", "connection_sent", "var(--s3)"],
      ["LinkedIn messages", "linkedin", "message_sent", "var(--s5)"], ["Calls", "call", "called", "var(--s4)"]];
    var series = defs.map(function (s) { return { name: s[0], values: weekly.map(function (w) { return pick(w, s[1], s[2]); }), color: s[3] }; })
      .filter(function (s) { return s.values.some(function (v) { return v !== 0; }); });
    var replies = { name: "Replies", values: weekly.map(function (w) { return pick(w, "email", "replied") + pick(w, "linkedin", "replied"); }), color: "var(--s2)", dashed: true };
    if (replies.values.some(function (v) { return v !== 0; })) series.push(replies);
    html += "<h2>Per week</h2>" + legend(series);
    html += series.length ? lineChart("weekly", labels, series, { label: "Weekly deltas" }) : empty("Every weekly delta is zero.");
    return html;
  }

  function calls(d) {
    var rows = d.campaign_stats || [], t = d.totals;
    if (!t) {
      t = { total_calls: 0, connected_calls: 0, meetings_booked: 0 };
      rows.forEach(function (r) { t.total_calls += num(r.total_calls); t.connected_calls += num(r.connected_calls); t.meetings_booked += num(r.meetings_booked); });
    }
    var p = d.period || {};
    var html = header("Calls", (p.name ? p.name.replace(/_/g, " ") + " · " : "") + range(p) + " · " + fmt((d.pagination && d.pagination.total) || (d.active_batches || []).length) + " batches");
    html += '<div class="kpis">' + kpi("Total calls", fmt(t.total_calls)) + kpi("Connected", fmt(t.connected_calls)) + kpi("Meetings", fmt(t.meetings_booked)) +
      (t.contact_rate !== undefined ? kpi("Contact rate", pct(t.contact_rate)) + kpi("Conversion", pct(t.conversion_rate)) : "") + "</div>";
    html += "<h2>Calls per campaign</h2>";
    if (!rows.length) return html + empty("No calls in this period.");
    html += legend([{ name: "total calls", color: "var(--s1)" }, { name: "connected", color: "var(--s4)" }]);
    html += hbars("per-campaign", rows.slice(0, 12).map(function (r) {
      return { label: r.campaign_name || r.campaign_id, value: num(r.total_calls), inner: num(r.connected_calls), text: fmt(r.total_calls) + " · " + fmt(r.connected_calls) + " conn." };
    }), { label: "Calls per campaign" });
    if (d.campaign_stats_total > rows.length) html += '<div class="sub">' + fmt(rows.length) + " of " + fmt(d.campaign_stats_total) + " campaigns shown.</div>";
    return html;
  }

  function rank(d) {
    var metric = String(d.metric || "value"), isRate = /_rate$/.test(metric), rows = d.campaigns || [];
    var html = header("Campaigns by " + metric.replace(/_/g, " "), range(d.period) + (d.period && d.period.preset ? " (" + d.period.preset.replace(/_/g, " ") + ")" : "") +
      " · " + (d.order === "asc" ? "lowest first" : "highest first") + " · " + fmt(d.ranked) + " ranked" + (num(d.excluded) ? ", " + fmt(d.excluded) + " below " + fmt(d.min_sample) + " samples" : ""));
    if (!rows.length) return html + empty(num(d.excluded) ? "No campaign reached the minimum sample of " + fmt(d.min_sample) + "." : "No campaign to rank.");
    return html + hbars("ranking", rows.map(function (r) {
      return { label: r.rank + ". " + (r.name || r.public_id), value: num(r.value),
        text: isRate ? pct(r.value) + " (" + fmt(r.numerator) + "/" + fmt(r.denominator) + ")" : fmt(r.value) };
    }), { label: "Ranking" });
  }

  var RENDERERS = {
    stats_get_workspace_overview: overview, stats_get_campaign_performance: performance, analytics_get_dashboard: dashboard,
    analytics_get_call_dashboard: calls, analytics_rank_campaigns: rank
  };
  function detect(d) {
    if (host.toolName && RENDERERS[host.toolName]) return host.toolName;
    if (d.totals && d.workspace) return "stats_get_workspace_overview";
    if (d.campaign && d.outreach) return "stats_get_campaign_performance";
    if (d.weekly && d.allTime) return "analytics_get_dashboard";
    if (d.campaign_stats) return "analytics_get_call_dashboard";
    if (d.metric && d.campaigns) return "analytics_rank_campaigns";
    return null;
  }

  function showEmpty(text) { app.setAttribute("data-state", "empty"); app.innerHTML = empty(text); reportSize(); }

  function render() {
    lastWidth = app.clientWidth;
    if (!result) return;
    var d = result.structuredContent;
    if (!d && result.content && result.content[0] && result.content[0].type === "text") { try { d = JSON.parse(result.content[0].text); } catch (e) { d = null; } }
    if (result.isError || (d && d.error)) {
      var msg = (d && d.error && d.error.message) || (result.content && result.content[0] && result.content[0].text) || "The tool returned an error.";
      app.setAttribute("data-state", "error");
      app.innerHTML = '<div class="empty err">' + esc(msg) + "</div>";
      return reportSize();
    }
    var tool = d && detect(d);
    if (!tool) return showEmpty("Nothing to draw for this result.");
    app.setAttribute("data-state", "drawn");
    app.setAttribute("data-tool", tool);
    app.innerHTML = RENDERERS[tool](d);
    reportSize();
  }

  applyContext({});
  if (window.ResizeObserver) new ResizeObserver(function () {
    if (result && Math.abs(app.clientWidth - lastWidth) > 8) render(); else reportSize();
  }).observe(document.body);

  request("ui/initialize", {
    protocolVersion: "2026-01-26",
    appInfo: { name: "stats-mcp charts", version: "1.0.0" },
    appCapabilities: { availableDisplayModes: ["inline"] }
  }).then(function (r) {
    applyContext(r && r.hostContext);
    notify("ui/notifications/initialized", {});
    ready = true;
    render();
    reportSize();
  }, function () { notify("ui/notifications/initialized", {}); ready = true; reportSize(); });
})();
</script>
</body>
</html>

"""#
}
