#pragma once
// `mineralsim merge`: joins the files of an ensemble's shards (`run --shard I/M`, shard.hpp) into
// the results file of the unsplit run. The statistics' exact accumulators add up to those of the
// whole ensemble, the summaries follow in trajectory order and the sampled paths are simulated
// again, so the merged file's /daily, /trajectory and /paths are bitwise those of one run of all N
// trajectories (docs/output.md, "Shards"). A partial merge joins consecutive shards into a file
// that holds them all and is itself merged like a shard, so that thousands of shards can be merged
// in a tree of jobs.
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "mineralsim/engine/shard.hpp"
#include "mineralsim/io/compression.hpp"

namespace mineralsim::engine {

struct MergeConfig {
  std::vector<std::string> shards;  // the shards' results files, in any order
  std::string output;
  bool overwrite = false;
  bool partial = false;  // consecutive shards rather than all of them
  io::Compression compression = io::Compression::kFast;
  std::string command_line;      // for provenance
  std::FILE* progress = stderr;  // null: no progress output
};

struct MergeSummary {
  std::uint64_t trajectories = 0;  // in the merged file
  int files = 0;
  Shard covered;  // the shards the merged file holds; not sharded() for the whole ensemble
  int days = 0;
  double seconds = 0.0;
  std::vector<std::string> warnings;  // for the user: see describe_unknown_moments
};

// Checks every shard before writing anything: each complete, all of one run (the same build,
// scenario text and variant, seed, precision, ensemble size, days, sampled paths and shard count)
// and every shard given once (with `partial`, every shard between the first and the last given
// once). Throws UserError naming the file and the reason, io::IoError when a
// file cannot be read or written.
MergeSummary merge_shards(const MergeConfig& config);

}  // namespace mineralsim::engine
