#!/usr/bin/env bash
# Runs the Google Benchmark microbenchmarks (median of 3 repetitions) and keeps their JSON in
# bench/results/. Usage: bench/run_microbenchmarks.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/release}"
mkdir -p bench/results
for name in model_step_bench component_bench; do
  "$build/bench/$name" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
    --benchmark_out="bench/results/$name.json" --benchmark_out_format=json
done
