#!/usr/bin/env bash
# Ledger benchmark: appends/s into SQLite in batches, inclusion-proof latency and the time a monitor takes to
# verify a log of 1,000,000 entries, each beside OpenSSL's raw SHA-256 throughput measured in the same run
# (targets: >= 100,000 appends/s, a proof < 100 µs, 1,000,000 entries verified < 15 s). It prints figures and
# exits 0 whatever they are; it exits non-zero only when the build fails or something is broken (a command
# fails, a proof does not verify, a root differs from the independently computed one).
#
# Usage: bench/ledger/run.sh [options of fishbowl_ledger_bench, see --help]
# Environment (all optional; the options of the same name win):
#   BENCH_LEDGER_EVENTS   events appended to SQLite (default 100000)
#   BENCH_LEDGER_BATCH    events per command, i.e. per transaction (default 1000)
#   BENCH_LEDGER_ENTRIES  entries of the log the monitor verifies (default 1000000)
#   BENCH_LEDGER_PROOFS   random leaves proved per tree (default 1000)
#   BENCH_LEDGER_ROUNDS   rounds of each in-memory measurement, the best kept (default 3)
#   BENCH_LEDGER_DIR      where the temporary database goes (default: the system temp dir)
#   JOBS                  parallel compile jobs (default: nproc)
set -euo pipefail
cd "$(dirname "$0")/../.."

# The release tree may not exist yet on a fresh checkout; configuring it is what `make build` does too.
[ -f build/release/CMakeCache.txt ] || cmake --preset release >/dev/null
cmake --build --preset release --target fishbowl_ledger_bench -j "${JOBS:-$(nproc)}"
exec build/release/fishbowl_ledger_bench "$@"
