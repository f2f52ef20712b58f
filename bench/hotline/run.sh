#!/usr/bin/env bash
# Hotline benchmark: tickets filed per second beside raw SQLite inserts, and a month's figures over a million
# tickets beside the same aggregate as one raw SQL query, printed as ratios. It prints figures and exits 0
# whatever they are; non-zero only when the build fails or a command fails.
#
# Usage: bench/hotline/run.sh [--intake N] [--tickets N] [--runs N] [--dir DIR]
# Environment (optional; the options win): BENCH_INTAKE, BENCH_TICKETS, BENCH_HOTLINE_DIR, JOBS.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build --preset release --target fishbowl_hotline_bench -j "${JOBS:-$(nproc)}"
exec build/release/fishbowl_hotline_bench "$@"
