#!/usr/bin/env bash
# Builds and runs every test: the release build, then the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer (preset "asan"), then the fuzzers over a fixed set
# of inputs (MINERALSIM_FUZZ_RUNS each, default 30000, from a fixed seed, so that the same commit
# passes or fails the same way on every machine; explore anew with scripts/fuzz.sh SECONDS). Ends with one line "N passed, M failed" over
# all of them. Set MINERALSIM_SKIP_ASAN=1 or MINERALSIM_SKIP_FUZZ=1 to leave one out while
# iterating.
set -euo pipefail

cd "$(dirname "$0")/.."

passed=0
failed=0
skipped=0

# Runs ctest for a preset and adds its counts from ctest's summary line.
run_ctest() {
  local log
  log=$(mktemp)
  local status=0
  ctest --preset "$1" --output-on-failure -j2 2>&1 | tee "$log" || status=$?
  local summary
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1)
  local not_run
  not_run=$(grep -cE '^[[:space:]]+[0-9]+ - .*\(Skipped\)$' "$log" || true)
  rm -f "$log"
  if [ -z "$summary" ]; then
    failed=$((failed + 1))  # ctest did not get as far as a summary
    return
  fi
  local total bad
  bad=$(echo "$summary" | sed -E 's/.* ([0-9]+) tests failed out of ([0-9]+)/\1/')
  total=$(echo "$summary" | sed -E 's/.* tests failed out of ([0-9]+)/\1/')
  failed=$((failed + bad))
  skipped=$((skipped + not_run))
  passed=$((passed + total - bad - not_run))
  if [ "$status" != 0 ] && [ "$bad" = 0 ]; then failed=$((failed + 1)); fi
}

bash scripts/build.sh release
run_ctest release

# The Python tests (report script) against the release build.
if [ -d tests/python ]; then
  pylog=$(mktemp)
  pystatus=0
  .venv/bin/python -m pytest -q tests/python 2>&1 | tee "$pylog" || pystatus=$?
  pysummary=$( (grep -E '[0-9]+ (passed|failed)' "$pylog" || true) | tail -n 1)
  rm -f "$pylog"
  py_passed=$(echo "$pysummary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+' || echo 0)
  py_failed=$( (echo "$pysummary" | grep -oE '[0-9]+ (failed|errors?)' || true) | awk '{s += $1} END {print s + 0}')
  passed=$((passed + ${py_passed:-0}))
  failed=$((failed + ${py_failed:-0}))
  if [ "$pystatus" != 0 ] && [ "${py_failed:-0}" = 0 ]; then failed=$((failed + 1)); fi
fi

if [ "${MINERALSIM_SKIP_ASAN:-0}" != "1" ]; then
  bash scripts/build.sh asan
  run_ctest asan
fi

if [ "${MINERALSIM_SKIP_FUZZ:-0}" != "1" ]; then
  if bash scripts/fuzz.sh --runs "${MINERALSIM_FUZZ_RUNS:-30000}"; then
    passed=$((passed + 2))
  else
    failed=$((failed + 2))
  fi
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" = 0 ]
