#!/usr/bin/env bash
# Search benchmark: a generated corpus of Chinese publications indexed by Fishbowl's search on SQLite and by
# Xapian 1.4 with CJK n-grams in the same run; build time, size, p50/p99 of 2- and 4-character queries, and
# recall against a substring scan. It prints figures and exits 0 whatever they are.
#
# Usage: bench/search/run.sh [--docs N] [--queries N] [--recall-sample N] [--dir DIR]
# Environment (optional; the options win): BENCH_SEARCH_DOCS (default 200000), BENCH_SEARCH_DIR, JOBS.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build --preset release --target fishbowl_search_bench -j "${JOBS:-$(nproc)}"
exec build/release/fishbowl_search_bench "$@"
