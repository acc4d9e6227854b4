#!/usr/bin/env bash
# PostgreSQL store suite (SPEC §12): installs Debian's postgresql and libpq5 when missing, starts a
# throw-away cluster as the `postgres` user listening on a Unix socket only, and runs
# Tests/postgres/pg_suite.py against it: every tool compared between the JSON store and the same store
# imported into PostgreSQL (worked examples + a generated demo store), import/export round trip,
# the read-only views recipe, 3 concurrent writers, kill -9 mid-sync, statement timeout, lost
# connection, no libpq. Prints `N passed, M failed`; exits non-zero on failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH=/opt/swift/usr/bin:$PATH; fi
BIN=$(pwd)/.build/debug/stats-mcp
PYTHON=${PYTHON:-python3}

fail_all() { echo "postgres suite: $1"; echo "0 passed, 1 failed"; exit 1; }

[ -x "$BIN" ] || swift build >/dev/null 2>&1 || fail_all "swift build failed"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! ldconfig -p 2>/dev/null | grep -q 'libpq.so.5'; then
    echo "installing postgresql and libpq5 (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends postgresql libpq5; } >/dev/null 2>&1 \
        || fail_all "apt-get install postgresql libpq5 failed"
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$PGBIN" ] && [ -x "$PGBIN/initdb" ] || fail_all "no PostgreSQL server binaries under /usr/lib/postgresql"
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres || fail_all "no postgres user"

DIR=$(mktemp -d /tmp/stats-pg.XXXXXX)
chown postgres: "$DIR"
PORT=${STATS_PG_TEST_PORT:-54329}
as_pg() { runuser -u postgres -- "$@"; }
cleanup() {
    as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT
as_pg "$PGBIN/initdb" -D "$DIR/data" -A trust -U postgres >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log"; fail_all "initdb failed"; }
as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "-k $DIR -c listen_addresses='' -p $PORT" -w start >/dev/null \
    || { cat "$DIR/server.log"; fail_all "the throw-away cluster did not start"; }
"$PGBIN/psql" -X -q -h "$DIR" -p "$PORT" -U postgres -d postgres -c 'CREATE DATABASE stats' || fail_all "CREATE DATABASE failed"
echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on socket $DIR (port $PORT)"

"$PYTHON" Tests/postgres/pg_suite.py "$BIN" "$DIR" "$PORT" "$PGBIN" "$DIR/data" "$DIR/work" </dev/null
