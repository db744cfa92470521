#pragma once
// Runs an ensemble: batches of trajectories in global index order on a backend (the CPU's unless
// the configuration names another), statistics
// and sampled paths accumulated as days pass; each batch's summaries, statistics and checkpoint
// are written on a background thread while the next batch runs.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/engine/shard.hpp"
#include "mineralsim/io/compression.hpp"
#include "mineralsim/io/provenance.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::engine {

struct RunConfig {
  std::uint64_t trajectories = 10000;        // N
  Shard shard;                               // run only this shard's part of the N (shard.hpp)
  int days = 0;                              // 0: the scenario's horizon_days
  std::uint64_t seed = 0;                    // used as given (the CLI fills the scenario's default)
  int threads = 0;                           // 0: all OpenMP threads
  int batch = 4096;                          // lanes per batch; results do not depend on it
  Precision precision = Precision::kDouble;  // what the model computes in
  int paths = 16;                            // sampled trajectories with full paths
  int path_every = 1;                        // record sampled paths every k-th day
  std::string output;                        // results file
  bool overwrite = false;
  bool resume = false;  // continue the interrupted run in `output`
  // Seconds between checkpoints of the statistics (0: after every batch); see io/checkpoint.hpp.
  double checkpoint_seconds = 300.0;
  io::Compression compression = io::Compression::kFast;
  BatchBackendFactory make_backend;  // empty: the CPU backend
  std::string command_line;          // for provenance
  std::FILE* progress = stderr;      // null: no progress output
};

struct RunSummary {
  std::uint64_t trajectories = 0;  // simulated by this run
  int days = 0;
  int batches = 0;                 // committed in the file, including those of a resumed run
  std::uint64_t resumed_from = 0;  // trajectories the file held when a resumed run started
  double seconds = 0.0;
  std::size_t estimated_bytes = 0;
  std::vector<std::string> warnings;  // for the user: see describe_unknown_moments
  double trajectory_days_per_second() const {
    return seconds > 0.0 ? static_cast<double>(trajectories) * days / seconds : 0.0;
  }
};

// The trajectories this run simulates: all N, or its shard's part.
inline TrajectoryRange run_range(const RunConfig& config) {
  return shard_range(config.trajectories, config.shard);
}

// Lanes a run's batches hold: --batch, but no more than the run's trajectories.
inline int batch_capacity(const RunConfig& config) {
  return static_cast<int>(
      std::min<std::uint64_t>(static_cast<std::uint64_t>(config.batch), run_range(config).size()));
}

// Host memory the run will hold at its peak (batch state, statistics, paths, summary buffer, and a
// device backend's result slots).
std::size_t estimate_run_bytes(const scenario::CompiledScenario& compiled, const RunConfig& config,
                               int days);

// Throws UserError for invalid settings (before any work), io::IoError for file failures and
// Interrupted when SIGINT or SIGTERM stopped the run after committing the batch in flight.
RunSummary run_ensemble(const scenario::Scenario& scenario, const RunConfig& config);

}  // namespace mineralsim::engine
