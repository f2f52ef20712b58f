#!/usr/bin/env bash
# Browser tests of the front end: real `fishbowl serve`s on fresh demo counties serve web/dist, and
# web/e2e/run.mjs drives Debian's Chromium against them. Screenshots go to the build folder given as $2.
# E2E_SHARDS=n splits the suite into n parts run side by side, each against its own server and database: most
# of a browser test's time is spent waiting on pages. The default is one part: on two cores with the sanitizer
# build, two parts at once made 10-second waits time out now and then.
# Usage: scripts/web-e2e.sh <fishbowl binary> <screenshot folder>
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
shots=$2
shards=${E2E_SHARDS:-1}
[ -f web/dist/index.html ] || { echo "web/dist is missing: run 'make web' first" >&2; exit 1; }
[ -d web/node_modules ] || { echo "web/node_modules is missing: run 'make web' first" >&2; exit 1; }

tmp=$(mktemp -d /tmp/fishbowl-e2e.XXXXXX)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$shots"
runs=()
for shard in $(seq "$shards"); do
  dir="$tmp/$shard"
  mkdir -p "$dir"
  "$bin" --db "sqlite://$dir/e2e.db" demo >/dev/null
  port=$(( 20000 + RANDOM % 20000 ))
  # The suite signs in far more often than the default ten times a minute allow from one address.
  "$bin" --db "sqlite://$dir/e2e.db" serve --listen "127.0.0.1:$port" --web-root web/dist \
    --ledger-key "$dir/ledger.key" --no-access-log --login-rate 600 >"$dir/server.log" 2>&1 &
  servers+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
  done
  E2E_SHARD="$shard/$shards" FISHBOWL_URL="http://127.0.0.1:$port" FISHBOWL_SCREENSHOTS="$shots" \
    node web/e2e/run.mjs >"$dir/out.log" 2>&1 &
  runs+=($!)
done

status=0
for shard in $(seq "$shards"); do
  wait "${runs[$((shard - 1))]}" || status=1
  echo "--- part $shard of $shards"
  cat "$tmp/$shard/out.log"
done
exit $status
