#pragma once
// `mineralsim verify`: simulates some of a results file's trajectories again, from the scenario
// text, variant, seed, precision and settings the file records, and compares their per-trajectory
// summaries (every column, the parameter draws included), and the sampled paths among the file's
// trajectories, with the file's, bit for bit. Every trajectory depends only on the seed and its
// index, so a sample checks in seconds that a file is what it says it is: written by a build that
// computes these bits, with these settings, and undamaged. The per-day statistics need every
// trajectory: to check them, run the file's command line again and compare the files
// (docs/output.md).
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "mineralsim/engine/shard.hpp"

namespace mineralsim::engine {

struct VerifyConfig {
  std::string path;
  std::uint64_t sample = 64;     // trajectories simulated again, spread evenly; 0: all of them
  std::FILE* progress = stderr;  // null: no progress output
};

// One value that the file and the simulation disagree on.
struct Mismatch {
  std::uint64_t trajectory = 0;
  std::string what;  // "unmet_total[Korea semiconductors, gallium]", "path day 30 price[gallium]"
  double in_file = 0.0;
  double simulated = 0.0;
};

struct VerifyReport {
  std::string scenario;  // name, and variant when one was run
  std::uint64_t trajectories_requested = 0;
  Shard shard;
  int days = 0;
  std::string seed;
  std::string precision;
  std::string file_build;  // git revision of the build that wrote the file
  bool same_build = false;
  std::uint64_t rows = 0;  // completed trajectories in the file
  bool complete = false;
  std::vector<std::uint64_t> checked;  // the trajectories simulated again, ascending
  int paths_checked = 0;               // sampled paths compared
  std::uint64_t differing_trajectories = 0;
  std::uint64_t differing_paths = 0;
  std::vector<Mismatch> first_mismatches;  // at most kListed, in trajectory order
  static constexpr int kListed = 10;

  bool reproduced() const { return differing_trajectories == 0 && differing_paths == 0; }
};

// Throws io::IoError when the file cannot be read, UserError when it is not a results file this
// build can simulate again (its scenario no longer loads, say).
VerifyReport verify_results(const VerifyConfig& config);

}  // namespace mineralsim::engine
