#pragma once
// Reads a results file back: progress and a readable summary for `mineralsim info`.
#include <cstdint>
#include <string>

#include "mineralsim/engine/shard.hpp"
#include "mineralsim/io/hdf5_call.hpp"

namespace mineralsim::io {

struct ResultsProgress {
  std::uint64_t trajectories_done = 0;
  std::uint64_t batches_done = 0;
  bool complete = false;
};

// Opens a results file read-only in SWMR mode (it may still be growing in another process).
// Throws IoError if the file cannot be opened or is not a mineralsim results file.
Hdf5Handle open_results(const std::string& path);
ResultsProgress progress_of(hid_t file);
// The shard a file holds (engine/shard.hpp); count 0 for the file of a whole ensemble.
engine::Shard shard_of(hid_t file);
ResultsProgress read_progress(const std::string& path);

// A short human-readable report: provenance, progress, sizes, and the key figures at the end of
// the horizon (price quantiles per commodity, shortage probabilities, regime occupancy).
std::string describe_results(const std::string& path);

}  // namespace mineralsim::io
