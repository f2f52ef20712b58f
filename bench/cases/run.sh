#!/usr/bin/env bash
# Case intake benchmark: cases filed and accepted per second on SQLite beside a raw SQLite insert loop with the
# same settings in the same run, printed as a ratio (targets: >= 0.3x raw, >= 2,000 cases/s). It prints figures
# and exits 0 whatever they are; non-zero only when the build fails or a command fails.
#
# Usage: bench/cases/run.sh [--cases N] [--windows W] [--dir DIR]
# Environment (optional; the options win): BENCH_CASES (default 5000), BENCH_CASES_WINDOWS (16), BENCH_CASES_DIR, JOBS.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build --preset release --target fishbowl_cases_bench -j "${JOBS:-$(nproc)}"
exec build/release/fishbowl_cases_bench "$@"
