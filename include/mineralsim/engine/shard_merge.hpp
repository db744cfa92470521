#pragma once
// `mineralsim merge`: joins the files of an ensemble's shards (`run --shard I/M`, shard.hpp) into
// the results file of the unsplit run. The statistics' exact accumulators add up to those of the
// whole ensemble, the summaries follow in trajectory order and the sampled paths are simulated
// again, so the merged file's /daily, /trajectory and /paths are bitwise those of one run of all N
// trajectories (docs/output.md, "Shards").
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "mineralsim/io/compression.hpp"

namespace mineralsim::engine {

struct MergeConfig {
  std::vector<std::string> shards;  // the shards' results files, in any order
  std::string output;
  bool overwrite = false;
  io::Compression compression = io::Compression::kFast;
  std::string command_line;      // for provenance
  std::FILE* progress = stderr;  // null: no progress output
};

struct MergeSummary {
  std::uint64_t trajectories = 0;
  int shards = 0;
  int days = 0;
  double seconds = 0.0;
  std::vector<std::string> warnings;  // for the user: see describe_unknown_moments
};

// Checks every shard before writing anything: each complete, all of one run (the same build,
// scenario text and variant, seed, precision, ensemble size, days, sampled paths and shard count)
// and every shard given once. Throws UserError naming the file and the reason, io::IoError when a
// file cannot be read or written.
MergeSummary merge_shards(const MergeConfig& config);

}  // namespace mineralsim::engine
