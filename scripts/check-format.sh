#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format) would make of it.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find src tests tools bench -name '*.cpp' -o -name '*.h')
bad=$(echo "$files" | xargs -r clang-format --dry-run 2>&1 | grep -c 'warning:' || true)
if [ "$bad" != "0" ]; then
  echo "$files" | xargs -r clang-format --dry-run 2>&1 | grep 'warning:' | head -20
  echo "clang-format: $bad line(s) to reformat; run 'make format'"
  exit 1
fi
echo "clang-format: clean"
