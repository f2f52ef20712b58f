#!/usr/bin/env bash
# HTTP benchmark: req/s and p99 latency of `GET /api/v1/regions` on the demo county, measured with wrk beside
# nginx serving the very same response bytes from a file in the same run, and printed as a ratio
# (target: fishbowl at least 0.5x nginx). It prints figures and exits 0 whatever they are; it exits non-zero only
# when a server fails to start or dies, or when the two servers do not return the same body.
#
# Usage: bench/http/run.sh
# Environment (all optional):
#   BENCH_DURATION     measured run per server and round, in wrk's syntax (default 10s)
#   BENCH_CONNECTIONS  open connections (default 64)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_ROUNDS       rounds of (fishbowl, nginx); the best figure of each server is kept (default 2)
#   FISHBOWL_BIN       server binary (default build/release/fishbowl)
set -euo pipefail
cd "$(dirname "$0")/../.."
export LC_ALL=C # awk and printf must use a decimal point whatever the user's locale

duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
rounds=${BENCH_ROUNDS:-2}
fishbowl=${FISHBOWL_BIN:-build/release/fishbowl}
path=/api/v1/regions

die() { echo "bench: $*" >&2; exit 1; }

# nginx lives in /usr/sbin, which is not on a normal user's PATH.
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$fishbowl" ] || die "$fishbowl not found; build it first (make build)"
[ -x "$nginx" ] || die "nginx not found (scripts/install-deps.sh test)"
command -v wrk >/dev/null || die "wrk not found (scripts/install-deps.sh test)"
command -v curl >/dev/null || die "curl not found (scripts/install-deps.sh test)"
(( connections >= threads )) || die "BENCH_CONNECTIONS must be at least BENCH_THREADS (wrk needs a connection per thread)"

tmp=$(mktemp -d /tmp/fishbowl-bench.XXXXXX)
fishbowl_pid=
nginx_pid=

# Stops whichever servers were started and removes the temp dir. TERM lets both shut down cleanly: the nginx
# master takes its workers with it, which a KILL would leave running.
# shellcheck disable=SC2317  # only ever called by the trap
cleanup() {
  local p
  for p in $fishbowl_pid $nginx_pid; do
    kill "$p" 2>/dev/null || true
  done
  for p in $fishbowl_pid $nginx_pid; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
# Turn Ctrl-C and TERM into an ordinary exit, so the EXIT trap runs once and the script does not carry on.
trap 'exit 130' INT
trap 'exit 143' TERM

# A random loopback port that nothing answers on yet (a refused connect means free). Random rather than fixed so
# that two runs, or a developer's `make run` on :8080, do not collide.
free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# Polls a URL until it answers 200, for up to 10 s; fails early (with the server's log) if the server exited.
wait_ready() {
  local name=$1 pid=$2 url=$3 log=$4
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; die "$name exited during start-up"; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = 200 ] && return
    sleep 0.1
  done
  cat "$log" >&2
  die "$name did not answer 200 on $url within 10 s"
}

# --- fishbowl on the demo county -------------------------------------------------------------------------------
"$fishbowl" --db "sqlite://$tmp/bench.db" demo >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "demo failed"; }
fishbowl_port=$(free_port)
"$fishbowl" --db "sqlite://$tmp/bench.db" serve --listen "127.0.0.1:$fishbowl_port" --no-access-log \
  >"$tmp/fishbowl.log" 2>&1 &
fishbowl_pid=$!
wait_ready fishbowl "$fishbowl_pid" "http://127.0.0.1:$fishbowl_port/healthz" "$tmp/fishbowl.log"

# The response nginx will serve: fetched once, so both servers send exactly the same body.
mkdir -p "$tmp/www${path%/*}"
fishbowl_type=$(curl -sf -o "$tmp/www$path" -w '%{content_type}' "http://127.0.0.1:$fishbowl_port$path") ||
  die "GET $path failed on fishbowl"

# --- nginx serving that file -----------------------------------------------------------------------------------
# A config of its own, so nothing from /etc/nginx applies and nothing is written outside $tmp (pid, logs and the
# temp dirs nginx creates at start-up), which also lets a normal user run it.
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
{
  # Run as root (CI), the master would hand the workers to "nobody", who cannot read the 0700 temp dir; as a normal
  # user the workers simply stay that user and the directive would only draw a warning.
  [ "$(id -u)" = 0 ] && echo "user root root;"
  cat <<EOF
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events {
  worker_connections 4096;
}
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $tmp/nginx/body;
EOF
  # Only the temp paths of the modules this nginx has: naming one it lacks would be a config error.
  for m in proxy fastcgi uwsgi scgi; do
    "$nginx" -V 2>&1 | grep -q -- "--without-http_${m}_module" || echo "  ${m}_temp_path $tmp/nginx/$m;"
  done
  # nginx as one would set it up for static files: sendfile and a cache of open files. keepalive_requests is raised
  # because its default (1000) makes wrk reconnect regularly, a cost fishbowl, which keeps connections, never pays.
  cat <<EOF
  sendfile on;
  tcp_nopush on;
  open_file_cache max=16;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  etag off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    # The file has no extension: serve it with fishbowl's Content-Type rather than one guessed from its name.
    location = $path {
      types {}
      default_type "$fishbowl_type";
    }
  }
}
EOF
} >"$tmp/nginx/nginx.conf"
"$nginx" -p "$tmp/nginx/" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" >"$tmp/nginx/stderr.log" 2>&1 &
nginx_pid=$!
wait_ready nginx "$nginx_pid" "http://127.0.0.1:$nginx_port$path" "$tmp/nginx/error.log"

# --- same response from both ------------------------------------------------------------------------------------
nginx_type=$(curl -sf -o "$tmp/nginx-body" -w '%{content_type}' "http://127.0.0.1:$nginx_port$path") ||
  die "GET $path failed on nginx"
cmp -s "$tmp/www$path" "$tmp/nginx-body" || die "fishbowl and nginx return different bodies for $path"
[ "$fishbowl_type" = "$nginx_type" ] ||
  die "Content-Type differs: fishbowl '$fishbowl_type', nginx '$nginx_type'"

# --- measure -------------------------------------------------------------------------------------------------------
# Reads wrk --latency output; prints "req/s p99-in-ms failed", failed being non-2xx responses plus socket errors.
# wrk writes latencies as e.g. 812.00us, 1.52ms, 2.01s, 1.00m.
parse_wrk() {
  awk '
    /^Requests\/sec:/ { rps = $2 }
    $1 == "99%" {
      n = $2; sub(/[a-z]+$/, "", n)
      u = $2; sub(/^[0-9.]+/, "", u)
      p99 = n * (u == "us" ? 0.001 : u == "ms" ? 1 : u == "s" ? 1000 : u == "m" ? 60000 : u == "h" ? 3600000 : -1)
    }
    /Non-2xx or 3xx responses:/ { failed += $NF }
    /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) failed += $i }
    END {
      if (rps == "" || p99 == "" || p99 < 0) exit 1
      printf "%s %.3f %d\n", rps, p99, failed
    }'
}

declare -A url pid log best_rps best_p99 failures
url[fishbowl]=http://127.0.0.1:$fishbowl_port$path pid[fishbowl]=$fishbowl_pid log[fishbowl]=$tmp/fishbowl.log
url[nginx]=http://127.0.0.1:$nginx_port$path pid[nginx]=$nginx_pid log[nginx]=$tmp/nginx/error.log
echo "GET $path ($(wc -c <"$tmp/www$path") bytes), wrk -t$threads -c$connections -d$duration, $rounds round(s)," \
  "2 s warm-up before each run"

# Alternating the servers round by round spreads the noise of a shared machine over both, and keeping each one's
# best req/s and best p99 (they may come from different rounds) keeps the least disturbed figures.
for round in $(seq "$rounds"); do
  for server in fishbowl nginx; do
    out=$tmp/wrk-$server-$round.txt
    # The warm-up fills caches and lets the server reach its steady number of connections before we measure.
    wrk -t"$threads" -c"$connections" -d2s "${url[$server]}" >/dev/null
    wrk -t"$threads" -c"$connections" -d"$duration" --latency "${url[$server]}" >"$out"
    kill -0 "${pid[$server]}" 2>/dev/null || { cat "${log[$server]}" >&2; die "$server died during the run"; }
    read -r rps p99 failed < <(parse_wrk <"$out") || { cat "$out" >&2; die "could not read wrk's output"; }
    printf '  round %d  %-8s  %10.0f req/s  p99 %8.2f ms%s\n' "$round" "$server" "$rps" "$p99" \
      "$( ((failed > 0)) && echo "  ($failed failed requests)")"
    failures[$server]=$(( ${failures[$server]:-0} + failed ))
    if [ -z "${best_rps[$server]:-}" ] || awk -v a="$rps" -v b="${best_rps[$server]}" 'BEGIN { exit !(a > b) }'; then
      best_rps[$server]=$rps
    fi
    if [ -z "${best_p99[$server]:-}" ] || awk -v a="$p99" -v b="${best_p99[$server]}" 'BEGIN { exit !(a < b) }'; then
      best_p99[$server]=$p99
    fi
  done
done

# --- report --------------------------------------------------------------------------------------------------------
echo
printf '%-10s %12s %10s\n' server req/s "p99 ms"
for server in fishbowl nginx; do
  printf '%-10s %12.0f %10.2f\n' "$server" "${best_rps[$server]}" "${best_p99[$server]}"
done
echo
awk -v fr="${best_rps[fishbowl]}" -v nr="${best_rps[nginx]}" -v fp="${best_p99[fishbowl]}" -v np="${best_p99[nginx]}" '
  BEGIN {
    # (Parenthesised: a bare ">" in a printf argument list is an output redirection in awk.)
    printf "ratio fishbowl/nginx req/s: %.2f (target >= 0.5)\n", (nr > 0 ? fr / nr : 0)
    if (np > 0) printf "ratio fishbowl/nginx p99:   %.2f (lower is better)\n", fp / np
    else        printf "ratio fishbowl/nginx p99:   n/a (nginx p99 is 0)\n"
  }'
for server in fishbowl nginx; do
  if (( ${failures[$server]} > 0 )); then
    echo "warning: $server had ${failures[$server]} failed requests (non-2xx or socket errors); its figures flatter it"
  fi
done
exit 0
