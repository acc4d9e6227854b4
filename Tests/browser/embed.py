#!/usr/bin/env python3
"""Regenerates Sources/StatsServer/Apps/ChartsAppHTML.swift from charts.html (the one source of the app).

Run after editing charts.html: `python3 Tests/browser/embed.py`. `swift test` (ChartsAppHTMLTests) fails while
the two differ.
"""
from pathlib import Path

root = Path(__file__).resolve().parents[2]
apps = root / "Sources" / "StatsServer" / "Apps"
html = (apps / "charts.html").read_text(encoding="utf-8")
assert '"""#' not in html and "\\#(" not in html, "charts.html cannot be embedded in a #\"\"\" literal"
swift = (
    "// Generated from charts.html by Tests/browser/embed.py: edit charts.html, then run the script.\n"
    "extension ChartsApp {\n"
    "    /// The app document served at `ChartsApp.uri` (text/html;profile=mcp-app).\n"
    '    static let html = #"""\n' + html + '\n"""#\n'
    "}\n"
)
(apps / "ChartsAppHTML.swift").write_text(swift, encoding="utf-8")
print(f"ChartsAppHTML.swift: {len(html.encode())} bytes of HTML")
