#!/usr/bin/env bash
# Browser test of the chart app (SPEC §7.4): headless Debian chromium loads Tests/browser/host.html, which plays
# the host side of the MCP Apps bridge with real tool results from the built server on the demo store
# (Tests/browser/check_charts.py). Screenshots go to $BROWSER_OUT (default .build/browser-screenshots).
# Runs on a clean clone as root (CI=true, no stdin) after `swift build`; prints `N passed, M failed` last.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${BIN:-.build/debug/stats-mcp}
OUT=${BROWSER_OUT:-.build/browser-screenshots}
PYTHON=${PYTHON:-python3}

fail() { echo "browser test: $1"; echo "0 passed, 1 failed"; exit 1; }

[ -x "$BIN" ] || fail "$BIN is missing (run swift build first)"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
    echo "installing Debian chromium"
    export DEBIAN_FRONTEND=noninteractive
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; } \
        || fail "apt-get install chromium failed"
    CHROMIUM=$(command -v chromium) || fail "chromium not found after install"
fi
"$CHROMIUM" --version || true

VENV=.venv-browser
if [ ! -x "$VENV/bin/python" ]; then "$PYTHON" -m venv "$VENV" || fail "python venv failed"; fi
"$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q "websocket-client>=1.6,<2" \
    || fail "pip install websocket-client failed"

"$VENV/bin/python" Tests/browser/check_charts.py "$BIN" "$CHROMIUM" "$OUT" </dev/null
