#!/usr/bin/env bash
# The GPU check, on a machine with an NVIDIA GPU: builds, runs the whole test suite with
# MINERALSIM_REQUIRE_GPU=1 (so a GPU test that cannot run fails instead of skipping), runs
# compute-sanitizer memcheck and racecheck on small ensembles with --backend cuda, profiles one
# day's model-step kernel with Nsight Compute where the machine allows it, and measures the GPU and
# the CPU backends on the baseline side by side, in double and float (whole runs and
# bench/throughput.sh).
# Writes one report (Markdown), to be recorded with its date and GPU in bench/RESULTS.md.
#
# Usage: scripts/gpu-check.sh [REPORT]          (default build/gpu-check/report.md)
# Environment:
#   MINERALSIM_BUILD_DIR  use this existing build (its mineralsim, tests/ and bench/) instead of
#                         building the release preset with scripts/build.sh
#   GPU_CHECK_N           trajectories of the GPU throughput run (default 100000)
#   GPU_CHECK_CPU_N       trajectories of the CPU run it is compared with (default 20000)
# Exit status: 0 when every step passed, 1 otherwise (the report says which failed).
set -uo pipefail
cd "$(dirname "$0")/.."

report="${1:-build/gpu-check/report.md}"
mkdir -p "$(dirname "$report")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gpu_n="${GPU_CHECK_N:-100000}"
cpu_n="${GPU_CHECK_CPU_N:-20000}"
failures=0

say() { printf '%s\n' "$*" >> "$report"; }

# Runs one step: its command and the last lines of its output go into the report.
step() {
  local name="$1"
  shift
  echo "gpu-check: $name"
  local start end status
  start="$(date +%s)"
  "$@" > "$work/step.log" 2>&1
  status=$?
  end="$(date +%s)"
  say ""
  say "### $name: $([ "$status" = 0 ] && echo passed || echo "FAILED (exit $status)") in $((end - start)) s"
  say ""
  say '```'
  say "\$ $*"
  tail -n "${tail_lines:-25}" "$work/step.log" >> "$report"
  say '```'
  [ "$status" = 0 ] || failures=$((failures + 1))
  return "$status"
}

# Like step, for a tool the machine may not have or allow (GPU performance counters): its failure
# is in the report but does not fail the check.
optional_step() {
  local before="$failures"
  step "$@" || true
  failures="$before"
}

: > "$report"
say "# GPU check"
say ""
say "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
say "- revision: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
if command -v nvidia-smi > /dev/null; then
  say "- GPU: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | head -n 1)"
else
  say "- GPU: nvidia-smi not found"
fi
say "- CPU: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

build="${MINERALSIM_BUILD_DIR:-build/release}"
if [ -z "${MINERALSIM_BUILD_DIR:-}" ]; then
  step "build (release preset)" bash scripts/build.sh release || {
    echo "gpu-check: the build failed; see $report"
    exit 1
  }
fi
cli="$build/mineralsim"

step "test suite with MINERALSIM_REQUIRE_GPU=1" \
  env MINERALSIM_REQUIRE_GPU=1 "$build/tests/mineralsim_tests"

sanitizer="$(command -v compute-sanitizer || echo /usr/local/cuda/bin/compute-sanitizer)"
small=tests/data/scenarios/small.toml
step "compute-sanitizer memcheck, 2,000 trajectories x 60 days" \
  "$sanitizer" --tool memcheck --error-exitcode 1 \
  "$cli" run "$small" -n 2000 --days 60 --batch 1000 --backend cuda --out "$work/memcheck.h5" \
  --force --quiet
step "compute-sanitizer racecheck, 500 trajectories x 20 days" \
  "$sanitizer" --tool racecheck --error-exitcode 1 \
  "$cli" run "$small" -n 500 --days 20 --batch 500 --backend cuda --out "$work/racecheck.h5" \
  --force --quiet

baseline=data/scenarios/baseline.toml
for precision in double float; do
  step "GPU device run in $precision, statistics on the device (bench/gpu_device_run)" \
    "$build/bench/gpu_device_run" "$gpu_n" 1095 "$precision"
done
# What binds the model step on this GPU (issue: CUDA backend, "the limit"): one day's StepLane
# kernel under Nsight Compute, when the machine has it and lets it read the counters.
ncu_bin="$(command -v ncu || echo /usr/local/cuda/bin/ncu)"
if [ -x "$ncu_bin" ]; then
  for precision in double float; do
    tail_lines=120 optional_step "Nsight Compute: one day's model step in $precision, 100,000 lanes" \
      "$ncu_bin" --kernel-name-base demangled --kernel-name regex:StepLane --launch-skip 5 \
      --launch-count 1 --section SpeedOfLight --section Occupancy --section LaunchStats \
      --section MemoryWorkloadAnalysis "$build/bench/gpu_device_run" 100000 10 "$precision"
  done
else
  say ""
  say "(Nsight Compute, ncu, not found: no kernel profile.)"
fi
# The program's own rate, from the last step's output.
rate() { grep -oE '\(([0-9.e+]+) trajectory-days/s' "$work/step.log" | grep -oE '[0-9.e+]+' | head -n 1; }
step "whole run, CUDA backend, $gpu_n trajectories" \
  "$cli" run "$baseline" -n "$gpu_n" --backend cuda --paths 0 --out "$work/cuda.h5" --force --quiet
cuda_rate="$(rate)"
step "whole run, CUDA backend in float, $gpu_n trajectories" \
  "$cli" run "$baseline" -n "$gpu_n" --backend cuda --precision float --paths 0 \
  --out "$work/cuda_float.h5" --force --quiet
cuda_float_rate="$(rate)"
step "whole run, CPU backend, all cores, $cpu_n trajectories" \
  "$cli" run "$baseline" -n "$cpu_n" --backend cpu --threads 0 --paths 0 --out "$work/cpu.h5" \
  --force --quiet
cpu_rate="$(rate)"
if [ -n "$cuda_rate" ] && [ -n "$cpu_rate" ]; then
  say ""
  say "Whole runs of the baseline in this check: CUDA $cuda_rate, CPU (all $(nproc) cores) $cpu_rate trajectory-days/s; ratio $(awk "BEGIN {printf \"%.1f\", $cuda_rate / $cpu_rate}") (target: at least 50; 1e9 trajectory-days/s on an H100). CUDA in float: ${cuda_float_rate:-failed} trajectory-days/s."
fi

step "end-to-end throughput and peak host memory, every backend, N = 10^4..10^6 x 30 days (bench/throughput.sh)" \
  bash bench/throughput.sh 30 "$cli"

say ""
if [ "$failures" = 0 ]; then
  say "All steps passed."
else
  say "$failures step(s) FAILED."
fi
echo "gpu-check: report in $report ($failures failed)"
[ "$failures" = 0 ]
