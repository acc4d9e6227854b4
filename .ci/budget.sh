#!/usr/bin/env bash
# Answer budget (SPEC §4): every tool on a generated demo store, default and most expensive valid
# arguments, text block counted with o200k_base (PyPI bpe-openai, offline): default ≤ 8,000 tokens,
# any ≤ 25,000. Builds the release binary, generates the store (BUDGET_SCALE, default large: about a
# minute to write 1.5 GB, well inside CI's time), installs bpe-openai in a venv, prints the table and
# `N passed, M failed`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
PYTHON=${PYTHON:-python3}
SCALE=${BUDGET_SCALE:-large}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stats-budget.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

fail() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }

echo "== release build"
swift build -c release --product stats-mcp >"$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log"; fail "release build failed"; }
BIN=$(swift build -c release --show-bin-path)/stats-mcp

echo "== demo store ($SCALE)"
t0=$SECONDS
"$BIN" demo --out "$WORK/store.json" --scale "$SCALE" >/dev/null 2>"$WORK/demo.log" || { cat "$WORK/demo.log"; fail "demo generation failed"; }
echo "generated $(du -h "$WORK/store.json" | cut -f1) in $((SECONDS - t0)) s"

echo "== venv with bpe-openai"
if ! { [ -x .venv-budget/bin/python ] || "$PYTHON" -m venv .venv-budget; }; then fail "could not create a venv"; fi
pip_args=(install --disable-pip-version-check --no-input -q "bpe-openai>=0.1.4,<0.2")
.venv-budget/bin/python -m pip "${pip_args[@]}" || { sleep 10; .venv-budget/bin/python -m pip "${pip_args[@]}"; } || fail "pip install bpe-openai failed"

echo "== budget"
.venv-budget/bin/python .ci/budget.py "$BIN" "$WORK/store.json" </dev/null
