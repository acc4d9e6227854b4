#!/usr/bin/env bash
# Regenerates README.md's "Tool arguments" tables (between the tool-arguments markers) from the built
# binary: `stats-mcp tools --markdown`. Run after adding or changing a tool's arguments; `swift test`
# (ReadmeTests) fails while README.md differs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${STATS_MCP_BINARY:-.build/debug/stats-mcp}
[ -x "$BIN" ] || swift build --product stats-mcp >&2
TABLES=$("$BIN" tools --markdown; echo x)   # the x keeps the trailing newline through $(…)
TABLES=${TABLES%x}
python3 - "$TABLES" <<'PY'
import sys
begin, end = "<!-- tool-arguments:begin -->\n", "<!-- tool-arguments:end -->"
text = open("README.md", encoding="utf-8").read()
i, j = text.index(begin) + len(begin), text.index(end)
open("README.md", "w", encoding="utf-8").write(text[:i] + sys.argv[1] + text[j:])
PY
echo "README.md: tool argument tables regenerated"
