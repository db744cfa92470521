#!/usr/bin/env bash
# End-to-end throughput and peak memory of `mineralsim run` on the shipped baseline.
# Usage: bench/baseline_throughput.sh [N] [DAYS] [extra run options...]   (defaults 100000 1095)
# Prints the program's own summary line and the peak resident memory from /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-100000}"
days="${2:-1095}"
shift $(( $# > 2 ? 2 : $# ))
out="$(mktemp -d)/bench.h5"
log="$(mktemp)"
echo "command: build/release/mineralsim run data/scenarios/baseline.toml -n $n --days $days --out $out --quiet $*"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
/usr/bin/time -v build/release/mineralsim run data/scenarios/baseline.toml -n "$n" --days "$days" \
  --out "$out" --quiet "$@" 2> "$log"
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$log"
rm -f "$out" "$log"
