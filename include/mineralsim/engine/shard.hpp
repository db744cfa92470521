#pragma once
// One ensemble split over several jobs (a Slurm array, the ranks of an MPI job): shard i of m runs
// a contiguous part of the N trajectories, keyed by their global indices, so that its
// trajectories are the very ones an unsplit run simulates. `mineralsim merge` joins the shards'
// files into the file of the unsplit run, or with --partial consecutive shards into one file that
// holds them all and merges like a shard (docs/output.md, "Shards").
#include <cstdint>
#include <string>

namespace mineralsim::engine {

// Shards index to index + span - 1 of count: one shard's file has span 1, a partial merge's more.
struct Shard {
  int index = 0;
  int count = 0;  // 0: the whole ensemble (no --shard)
  int span = 1;
  bool sharded() const { return count > 0; }
  int end() const { return index + span; }  // the shard after the last one held
  bool operator==(const Shard&) const = default;
};

// Global trajectory indices [first, end).
struct TrajectoryRange {
  std::uint64_t first = 0;
  std::uint64_t end = 0;
  std::uint64_t size() const { return end - first; }
};

// The shard's part of N trajectories: the first N % m shards hold one trajectory more than the
// others. The parts of consecutive shards together for a span, the whole ensemble for an
// unsharded run.
TrajectoryRange shard_range(std::uint64_t trajectories, Shard shard);

// "shard 2/8", "shards 2-4/8", or "the whole ensemble" for an unsharded run: for messages.
std::string describe_shard(Shard shard);

// "I/M" with 0 <= I < M; throws UserError naming --shard and the reason.
Shard parse_shard(const std::string& text);

}  // namespace mineralsim::engine
