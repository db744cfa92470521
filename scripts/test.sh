#!/usr/bin/env bash
# Builds and runs every test: the release build, then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer (preset "asan"), then the fuzzers for a bounded
# time. Set MINERALSIM_SKIP_ASAN=1 or MINERALSIM_SKIP_FUZZ=1 to leave one out while iterating.
set -euo pipefail

cd "$(dirname "$0")/.."

bash scripts/build.sh release
status=0
ctest --preset release --output-on-failure -j2 || status=$?

if [ "${MINERALSIM_SKIP_ASAN:-0}" != "1" ]; then
  bash scripts/build.sh asan
  ctest --preset asan --output-on-failure -j2 || status=$?
fi

if [ "${MINERALSIM_SKIP_FUZZ:-0}" != "1" ] && [ -x scripts/fuzz.sh ]; then
  bash scripts/fuzz.sh "${MINERALSIM_FUZZ_SECONDS:-60}" || status=$?
fi
exit "$status"
