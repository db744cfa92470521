#!/usr/bin/env bash
# Peak memory of `mineralsim run` on the shipped baseline as the ensemble grows from 10^4 to 10^6
# trajectories: it must stay flat (statistics, paths and the batch are fixed in size; summaries
# stream to the file batch by batch). A short horizon keeps the 10^6 run to a few minutes.
# Usage: bench/memory_flat.sh [DAYS] [MINERALSIM binary]   (defaults 30, build/release/mineralsim)
set -euo pipefail
cd "$(dirname "$0")/.."
days="${1:-30}"
program="${2:-build/release/mineralsim}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
printf '%-10s %12s %12s %14s %s\n' "N" "peak MiB" "wall s" "file MiB" "command"
for n in 10000 100000 1000000; do
  command=("$program" run data/scenarios/baseline.toml -n "$n" --days "$days" --out "$dir/run.h5"
           --force --quiet)
  /usr/bin/time -f "%M %e" -o "$dir/time" "${command[@]}" > /dev/null
  read -r peak_kib wall < "$dir/time"
  file_bytes=$(stat -c %s "$dir/run.h5")
  awk -v n="$n" -v kib="$peak_kib" -v wall="$wall" -v bytes="$file_bytes" -v cmd="${command[*]}" \
    'BEGIN { printf "%-10s %12.1f %12.1f %14.1f %s\n", n, kib / 1024, wall, bytes / 1048576, cmd }'
done
