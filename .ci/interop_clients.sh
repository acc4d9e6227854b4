#!/usr/bin/env bash
# Third-party MCP client suites (issue 11): each client family in its own venv (their dependency pins
# conflict), pinned in Tests/interop/clients/requirements-<family>.txt, installed from PyPI with pip.
#
# usage: bash .ci/interop_clients.sh [PATH/TO/stats-mcp]     (default .build/debug/stats-mcp; build first)
#        INTEROP_ONLY="fastmcp schema" bash .ci/interop_clients.sh   runs only those families
#
# Required families (a failed install is a failure): fastmcp, pydantic-ai, openai-agents, schema.
# Optional families (a failed install is a visible SKIP): mcp-use, langchain, llama-index, smolagents.
# Venvs live in .venv-interop/<family> and are reused while their requirements file and Python are
# unchanged. Prints every suite's PASS/FAIL lines, then `N passed, M failed`; exits 1 on any failure.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${1:-.build/debug/stats-mcp}
DIR=Tests/interop/clients
VENVS=${INTEROP_VENVS:-.venv-interop}
PYTHON=${PYTHON:-python3}
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/stats-clients.XXXXXX")
trap 'rm -rf "$LOGS"' EXIT
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

# family  required  python  suite
FAMILIES=(
    "fastmcp       1 py311 fastmcp_suite.py"
    "pydantic-ai   1 py311 pydantic_ai_suite.py"
    "openai-agents 1 py311 openai_agents_suite.py"
    "schema        1 py311 schema_suite.py"
    "mcp-use       0 py311 mcp_use_suite.py"
    "langchain     0 py311 langchain_suite.py"
    "llama-index   0 py311 llama_index_suite.py"
    "smolagents    0 py312 smolagents_suite.py"
)

passed=0
failed=0
problems=()
started=$SECONDS

if [ ! -x "$BIN" ]; then
    echo "server binary $BIN not found (run swift build first)"
    echo "0 passed, 1 failed"
    exit 1
fi

# A Python >= 3.12 for smolagents/mcpadapt (mcpadapt 0.1.20 requires it); empty when there is none.
find_py312() {
    local c
    for c in python3.13 python3.12 "$(pyenv root 2>/dev/null)"/versions/3.1[2-9]*/bin/python3 /usr/bin/python3.1[2-9]; do
        [ -n "$c" ] || continue
        if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

python_for() {
    case "$1" in
        py311) echo "$PYTHON" ;;
        py312) find_py312 || true ;;
    esac
}

wanted() { [ -z "${INTEROP_ONLY:-}" ] || [[ " $INTEROP_ONLY " == *" $1 "* ]]; }

# Creates or reuses $VENVS/$family; returns non-zero when the install failed (log in $LOGS/$family.pip).
install_family() {
    local family=$1 py=$2 req="$DIR/requirements-$1.txt" venv="$VENVS/$1" stamp
    stamp="$(sha256sum "$req" | cut -d' ' -f1) $("$py" -c 'import sys; print(sys.version)' | head -n 1)"
    if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.stamp" 2>/dev/null)" = "$stamp" ]; then
        echo "reused $venv" >"$LOGS/$family.pip"
        return 0
    fi
    rm -rf "$venv"
    {
        "$py" -m venv "$venv" &&
        { "$venv/bin/python" -m pip install -q -r "$req" ||
          { echo "pip install failed; retrying once in 10 s"; sleep 10; "$venv/bin/python" -m pip install -q -r "$req"; }; } &&
        echo "$stamp" >"$venv/.stamp"
    } >"$LOGS/$family.pip" 2>&1
}

# --- installs, three at a time (network and unpacking bound) -------------------------------------------
echo "=== installing client venvs under $VENVS"
mkdir -p "$VENVS"
declare -A PY INSTALL_OK
pids=()
names=()
for row in "${FAMILIES[@]}"; do
    read -r family required pyver suite <<<"$row"
    wanted "$family" || continue
    py=$(python_for "$pyver")
    PY[$family]=$py
    if [ -z "$py" ]; then
        continue
    fi
    install_family "$family" "$py" &
    pids+=($!)
    names+=("$family")
    if [ "${#pids[@]}" -ge 3 ]; then
        wait "${pids[0]}"; INSTALL_OK[${names[0]}]=$?
        pids=("${pids[@]:1}"); names=("${names[@]:1}")
    fi
done
for i in "${!pids[@]}"; do
    wait "${pids[$i]}"; INSTALL_OK[${names[$i]}]=$?
done
echo "installs done (t+$((SECONDS - started))s)"

# --- suites, one after another (each checks that its server processes are gone) ---------------------------
for row in "${FAMILIES[@]}"; do
    read -r family required pyver suite <<<"$row"
    wanted "$family" || continue
    printf '\n=== client suite: %s (t+%ds)\n' "$family" $((SECONDS - started))
    py=${PY[$family]}
    if [ -z "$py" ] || [ "${INSTALL_OK[$family]:-1}" -ne 0 ]; then
        why="no Python >= 3.12 found"
        [ -n "$py" ] && why="pip install failed: $(grep -E 'ERROR' "$LOGS/$family.pip" | head -n 2 | tr '\n' ' ')"
        cat "$LOGS/$family.pip" 2>/dev/null | tail -n 15
        if [ "$required" = 1 ]; then
            echo "FAIL $family: $why"
            failed=$((failed + 1)); problems+=("$family: $why")
        else
            echo "SKIP $family (optional): $why"
            problems+=("skipped $family: $why")
        fi
        continue
    fi
    t0=$SECONDS
    status=0
    timeout 900 "$VENVS/$family/bin/python" -u "$DIR/$suite" "$BIN" </dev/null 2>"$LOGS/$family.err" | tee "$LOGS/$family.log" || status=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/$family.log" | tail -n 1 || true)
    if [ -n "$line" ]; then
        passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
        failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
    else
        echo "(no count line; last stderr lines:)"; tail -n 20 "$LOGS/$family.err"
        failed=$((failed + 1))
    fi
    if [ "$status" -ne 0 ]; then
        problems+=("$family: exit $status")
        [ -n "$line" ] || true
        grep -E '^(Traceback|[A-Za-z]*Error)' "$LOGS/$family.err" | tail -n 5 || true
    fi
    echo "($family: $((SECONDS - t0)) s, $(grep -oE '^[0-9]+ passed, [0-9]+ failed$' "$LOGS/$family.log" | tail -n 1))"
done

printf '\n=== third-party client suites (%ds)\n' $((SECONDS - started))
for p in "${problems[@]+"${problems[@]}"}"; do echo "note: $p"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
