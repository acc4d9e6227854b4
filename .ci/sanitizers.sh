#!/usr/bin/env bash
# Sanitizer step (issue 17): builds stats-mcp with -sanitize=address and, separately, -sanitize=thread
# (own scratch paths .build-asan / .build-tsan), then drives each sanitized binary through
#   1. the stdio end-to-end tests (Tests/EndToEndTests: StdioTests, RobustnessTests), built normally and
#      pointed at the sanitized binary with STATS_MCP_BINARY;
#   2. a bounded, seeded protocol fuzz (Tests/fuzz/protocol_fuzz.py).
# Every sanitizer report is written to a log file (ASAN_OPTIONS / TSAN_OPTIONS log_path); any report
# fails the step. Leak detection is off: the server ends with _exit and keeps process-lifetime caches,
# which are not memory errors.
# Runs on a clean clone (CI=true, no stdin). Prints `N passed, M failed` last; exits non-zero on failure.
# Time on the 2-core CI machine: about 3 minutes from empty scratch directories, 5 under load (docs/ROBUSTNESS.md).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH=/opt/swift/usr/bin:$PATH
fi
PYTHON=${PYTHON:-python3}
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/stats-sanitizers.XXXXXX")
trap 'rm -rf "$LOGS"' EXIT
FUZZ_SESSIONS=${FUZZ_SESSIONS:-4}
FUZZ_LINES=${FUZZ_LINES:-300}

passed=0
failed=0
started=$SECONDS
say() { printf '\n=== sanitizers: %s (t+%ds)\n' "$1" $((SECONDS - started)); }
add_counts() {
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1 || true)
    [ -n "$line" ] || return 1
    passed=$((passed + $(echo "$line" | cut -d' ' -f1)))
    failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
}

# The end-to-end test bundle (not sanitized: it only drives the binary).
say "swift build --build-tests (end-to-end driver)"
if ! swift build --build-tests >"$LOGS/tests-build.log" 2>&1; then
    tail -n 40 "$LOGS/tests-build.log"
    echo "0 passed, 1 failed"
    exit 1
fi

# TSan maps its shadow memory at fixed addresses; with a high mmap randomization it may refuse to start
# ("unexpected memory mapping"): run it without address-space randomization when setarch allows.
NORAND=()
if command -v setarch >/dev/null 2>&1 && setarch "$(uname -m)" -R true 2>/dev/null; then NORAND=(setarch "$(uname -m)" -R); fi

for sanitizer in address thread; do
    short=${sanitizer:0:1}san
    scratch=.build-$short
    reports="$LOGS/$short-reports"
    mkdir -p "$reports"
    say "swift build --sanitize=$sanitizer --scratch-path $scratch"
    t0=$SECONDS
    if ! swift build --scratch-path "$scratch" --sanitize="$sanitizer" --product stats-mcp >"$LOGS/$short-build.log" 2>&1; then
        tail -n 40 "$LOGS/$short-build.log"
        failed=$((failed + 1))
        echo "$sanitizer build failed"
        continue
    fi
    passed=$((passed + 1))
    echo "built in $((SECONDS - t0)) s"
    binary="$ROOT/$scratch/debug/stats-mcp"
    # A wrapper so every process the tests start runs the sanitized binary with the sanitizer options.
    wrapper="$LOGS/$short-bin/stats-mcp"
    mkdir -p "$(dirname "$wrapper")"
    cat >"$wrapper" <<WRAP
#!/usr/bin/env bash
export ASAN_OPTIONS="detect_leaks=0:log_path=$reports/asan:abort_on_error=0"
export TSAN_OPTIONS="log_path=$reports/tsan:halt_on_error=0:report_signal_unsafe=0"
exec ${NORAND[*]:-} "$binary" "\$@"
WRAP
    chmod +x "$wrapper"

    say "$sanitizer: stdio end-to-end tests"
    t0=$SECONDS
    status=0
    STATS_MCP_BINARY="$wrapper" swift test --skip-build --filter 'EndToEndTests\.(StdioTests|RobustnessTests)' \
        >"$LOGS/$short-e2e.log" 2>&1 </dev/null || status=$?
    total=$( (grep -oE 'Test run with [0-9]+ tests?' "$LOGS/$short-e2e.log" || true) | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}')
    bad=$( (grep -E '^✘ Test .* failed after' "$LOGS/$short-e2e.log" || true) | grep -vc '^✘ Test run with' || true)
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then bad=1; total=$((total + 1)); fi
    if [ "$total" -eq 0 ]; then bad=1; total=1; fi
    passed=$((passed + total - bad))
    failed=$((failed + bad))
    grep -E '^✘' "$LOGS/$short-e2e.log" | cut -c1-400 | head -n 20 || true
    echo "$sanitizer end-to-end: $((total - bad)) passed, $bad failed in $((SECONDS - t0)) s"

    say "$sanitizer: protocol fuzz ($FUZZ_SESSIONS sessions x $FUZZ_LINES lines)"
    t0=$SECONDS
    "$PYTHON" Tests/fuzz/protocol_fuzz.py "$wrapper" --sessions "$FUZZ_SESSIONS" --lines "$FUZZ_LINES" \
        >"$LOGS/$short-fuzz.log" 2>&1 </dev/null || true
    tail -n 3 "$LOGS/$short-fuzz.log"
    if ! add_counts "$LOGS/$short-fuzz.log"; then failed=$((failed + 1)); fi
    echo "fuzz took $((SECONDS - t0)) s"

    count=$(find "$reports" -type f | wc -l)
    if [ "$count" -eq 0 ]; then
        passed=$((passed + 1))
        echo "$sanitizer: 0 sanitizer reports"
    else
        failed=$((failed + 1))
        echo "$sanitizer: $count sanitizer report file(s):"
        for f in "$reports"/*; do echo "--- $f"; head -n 60 "$f"; done
    fi
done

printf '\n=== sanitizers done in %d s\n' $((SECONDS - started))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
