#!/usr/bin/env bash
# Browser tests of the front end: a real `fishbowl serve` on a fresh demo county serves web/dist, and
# web/e2e/run.mjs drives Debian's Chromium against it. Screenshots go to the build folder given as $2.
# Usage: scripts/web-e2e.sh <fishbowl binary> <screenshot folder>
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
shots=$2
[ -f web/dist/index.html ] || { echo "web/dist is missing: run 'make web' first" >&2; exit 1; }
[ -d web/node_modules ] || { echo "web/node_modules is missing: run 'make web' first" >&2; exit 1; }

tmp=$(mktemp -d /tmp/fishbowl-e2e.XXXXXX)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" --db "sqlite://$tmp/e2e.db" demo >/dev/null
port=$(( 20000 + RANDOM % 20000 ))
"$bin" --db "sqlite://$tmp/e2e.db" serve --listen "127.0.0.1:$port" --web-root web/dist \
  --ledger-key "$tmp/ledger.key" --no-access-log >"$tmp/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
mkdir -p "$shots"
FISHBOWL_URL="http://127.0.0.1:$port" FISHBOWL_SCREENSHOTS="$shots" node web/e2e/run.mjs
