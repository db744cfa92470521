#pragma once
// What makes results the same run: the build whose bits they carry, the scenario, and the settings
// that decide which trajectories are simulated and how. `--resume` compares a file with the run
// about to continue it, and `merge` compares shards with one another; both refuse to mix results
// whose identities differ, and both name the first difference.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/io/hdf5_call.hpp"
#include "mineralsim/io/provenance.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::io {

struct RunIdentity {
  std::string version;
  std::string git_revision;
  std::string scenario_text;
  std::string variant;
  std::string seed;  // as the file stores it: text, so that every uint64 is exact
  std::string precision;
  std::int64_t trajectories = 0;  // -n: the whole run's, also in a shard's file
  std::int64_t days = 0;
  int shard_count = 0;  // 0 for a run not split in shards
  std::vector<std::int64_t> path_trajectories;
  std::vector<std::int64_t> path_days;
};

// One way two identities differ: what differs, and its value in each, in words.
struct IdentityDifference {
  std::string what;
  std::string found;
  std::string expected;
};

RunIdentity identity_of_file(hid_t file);
// The identity of a run of this build with these settings.
RunIdentity identity_of_run(const scenario::Scenario& scenario, const Provenance& provenance,
                            const engine::PathRecorder& paths);

// A recorder of the run's sampled paths (the same trajectories and days), empty: for simulating
// them again.
engine::PathRecorder sampled_paths_of(const RunIdentity& run, const model::ModelParameters& model);

// The first way `found` differs from `expected`, or nothing when they are the same run.
std::optional<IdentityDifference> first_difference(const RunIdentity& found,
                                                   const RunIdentity& expected);

}  // namespace mineralsim::io
