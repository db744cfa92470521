#!/usr/bin/env bash
# End-to-end throughput and peak memory of `mineralsim run` on the shipped baseline, for several
# ensemble sizes: trajectory-days and agent-days per second (agents = suppliers + importers +
# stockpile holdings), peak resident memory (/usr/bin/time) and file size. Memory must stay flat
# as N grows: the batch, statistics and sampled paths are fixed in size and the per-trajectory
# summaries stream to the file. Measures every backend present: the CPU's (all cores) always, the
# CUDA backend when the program has it and the machine a GPU; each in the precisions of
# PRECISIONS (default "double float").
# Usage: bench/throughput.sh [DAYS] [PROGRAM] [N...]
#   defaults: 30 days, build/release/mineralsim, N = 10000 100000 1000000
set -euo pipefail
cd "$(dirname "$0")/.."
days="${1:-30}"
program="${2:-build/release/mineralsim}"
shift $(( $# > 2 ? 2 : $# ))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
read -r -a precisions <<< "${PRECISIONS:-double float}"
scenario=data/scenarios/baseline.toml
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

# "sizes: 6 commodities, 8 suppliers, 8 importers, 5 regimes, 13 projects, 12 stockpile holdings, ..."
agents=$("$program" validate "$scenario" | awk '/^sizes:/ {
  for (i = 2; i <= NF; ++i) if ($(i + 1) ~ /^(suppliers?|importers?)/ || ($(i + 1) == "stockpile" && $(i + 2) ~ /^holding/)) n += $i
  print n }')
backends=(cpu)
if "$program" run "$scenario" -n 1 --days 1 --backend cuda --out "$dir/probe.h5" --force --quiet \
  > /dev/null 2>&1; then
  backends+=(cuda)
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); backends: ${backends[*]}"
echo "scenario: $scenario, $days days, $agents agents (suppliers + importers + stockpile holdings)"
printf '%-8s %-9s %-10s %16s %16s %10s %9s %10s  %s\n' backend precision N "traj-days/s" \
  "agent-days/s" "peak MiB" "wall s" "file MiB" command
for backend in "${backends[@]}"; do
  for precision in "${precisions[@]}"; do
    for n in "${sizes[@]}"; do
      command=("$program" run "$scenario" -n "$n" --days "$days" --backend "$backend"
               --precision "$precision" --out "$dir/run.h5" --force --quiet)
      /usr/bin/time -f "%M %e" -o "$dir/time" "${command[@]}" > "$dir/summary" 2> /dev/null
      read -r peak_kib wall < "$dir/time"
      # The program's own rate: "... in S s (R trajectory-days/s, ...)", simulation time only.
      rate=$(sed -E 's/.*\(([0-9.e+]+) trajectory-days\/s.*/\1/' "$dir/summary")
      awk -v backend="$backend" -v precision="$precision" -v n="$n" -v rate="$rate" \
          -v agents="$agents" -v kib="$peak_kib" -v wall="$wall" \
          -v bytes="$(stat -c %s "$dir/run.h5")" -v cmd="${command[*]}" \
        'BEGIN { printf "%-8s %-9s %-10s %16.3g %16.3g %10.1f %9.1f %10.1f  %s\n", backend,
                 precision, n, rate, rate * agents, kib / 1024, wall, bytes / 1048576, cmd }'
    done
  done
done
