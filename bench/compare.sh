#!/usr/bin/env bash
# Peers benchmark (issue "Benchmarks and peers"): mineralsim's CPU backend, the NumPy peer and the
# Mesa peer (bench/peers/) on the peers' scenario over its full horizon, one after the other on
# this machine, then each one's throughput in trajectory-days per second and the ratios
# mineralsim / NumPy (target: at least 20) and mineralsim / Mesa (target: at least 1,000).
#
# Usage: bench/compare.sh [N_MINERALSIM] [N_NUMPY] [N_MESA]   (defaults 20000 20000 50)
# Environment: MINERALSIM_CLI (default build/release/mineralsim, else build/release-cpu/...),
# PYTHON (default .venv/bin/python).
#
# Each throughput is the program's own figure: simulation plus per-day ensemble statistics and
# writing the results, not process start-up or (for the peers) reading the scenario with
# `mineralsim validate`. The wall time of each whole command is printed too.
set -euo pipefail
cd "$(dirname "$0")/.."

n_mineralsim="${1:-20000}"
n_numpy="${2:-20000}"
n_mesa="${3:-50}"
scenario=bench/peers/peer_scenario.toml
python="${PYTHON:-.venv/bin/python}"
cli="${MINERALSIM_CLI:-build/release/mineralsim}"
[ -x "$cli" ] || cli=build/release-cpu/mineralsim
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cores="$(nproc)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "machine: ${cores} cores (nproc), ${cpu}"
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "threads: mineralsim ${cores} (OpenMP, --threads 0 = all cores); NumPy peer 1 (element-wise"
echo "  array operations run on one thread; it calls no BLAS routine, so BLAS threads do not help);"
echo "  Mesa peer 1 (plain Python)"

# Runs a command, prints it and its wall time, and leaves its output in $work/$1.log.
timed() {
  local name="$1"
  shift
  echo
  echo "$name: $*"
  local start end
  start="$(date +%s.%N)"
  "$@" > "$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
  end="$(date +%s.%N)"
  cat "$work/$name.log"
  echo "  wall time of the whole command: $(awk "BEGIN {printf \"%.1f\", $end - $start}") s"
}

timed mineralsim "$cli" run "$scenario" -n "$n_mineralsim" --backend cpu --threads 0 --out "$work/mineralsim.h5" \
  --force --quiet
timed numpy "$python" bench/peers/numpy_peer.py "$scenario" -n "$n_numpy" --out "$work/numpy.npz" \
  --cli "$cli"
timed mesa "$python" bench/peers/mesa_peer.py "$scenario" -n "$n_mesa" --out "$work/mesa.npz" \
  --cli "$cli"

"$python" - "$work" <<'EOF'
"""Reads the three throughputs and prints them with the ratios against the targets."""
import re
import sys
from pathlib import Path

import numpy as np

work = Path(sys.argv[1])
log = (work / "mineralsim.log").read_text()
mineralsim = float(re.search(r"\(([0-9.e+-]+) trajectory-days/s", log).group(1))
numpy_rate = float(np.load(work / "numpy.npz")["trajectory_days_per_second"])
mesa_rate = float(np.load(work / "mesa.npz")["trajectory_days_per_second"])
print()
print("| program | trajectory-days/s |")
print("| --- | --- |")
for name, rate in (("mineralsim (CPU)", mineralsim), ("NumPy peer", numpy_rate),
                   ("Mesa peer", mesa_rate)):
    print(f"| {name} | {rate:.3g} |")
print()
for name, rate, target in (("NumPy", numpy_rate, 20.0), ("Mesa", mesa_rate, 1000.0)):
    ratio = mineralsim / rate
    verdict = "met" if ratio >= target else "NOT met"
    print(f"mineralsim / {name}: {ratio:.3g} (target at least {target:g}: {verdict})")
EOF
