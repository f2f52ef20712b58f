#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 cluster on loopback, with FISHBOWL_TEST_PG naming its test
# database; the cluster is stopped and removed afterwards, also when the command fails or is interrupted.
# Usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed (scripts/install-deps.sh test)" >&2; exit 1; }

dir=$(mktemp -d /tmp/fishbowl-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"

cleanup() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

as_pg "$bin/initdb" -D "$dir/data" -A trust -U fishbowl -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
psql -h 127.0.0.1 -p "$port" -U fishbowl -d postgres -qc "CREATE DATABASE fishbowl_test" >/dev/null

export FISHBOWL_TEST_PG="postgresql://fishbowl@127.0.0.1:$port/fishbowl_test"
echo "PostgreSQL 15 test cluster on 127.0.0.1:$port"
set +e
"$@"
status=$?
set -e
exit $status
