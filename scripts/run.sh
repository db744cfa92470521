#!/usr/bin/env bash
# Usage: scripts/run.sh [extra mineralsim run args...]
# Builds (release) and runs the baseline scenario; N from $MINERALSIM_N (default 20000).
set -euo pipefail

cd "$(dirname "$0")/.."

bash scripts/build.sh release

mkdir -p results
build/release/mineralsim run data/scenarios/baseline.toml \
  -n "${MINERALSIM_N:-20000}" --out results/baseline.h5 --force "$@"
build/release/mineralsim info results/baseline.h5
.venv/bin/python scripts/report.py results/baseline.h5 -o results/baseline_report

echo "Results: $(pwd)/results/baseline.h5"
echo "Report:  $(pwd)/results/baseline_report/index.html"
