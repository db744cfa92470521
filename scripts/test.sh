#!/usr/bin/env bash
# Builds the release preset and runs the test suite via ctest.
set -euo pipefail

cd "$(dirname "$0")/.."

bash scripts/build.sh release

status=0
ctest --preset release --output-on-failure -j2 || status=$?
exit "$status"
