#pragma once
// Where a result came from: stored in every results file and benchmark record.
#include <cstdint>
#include <string>

namespace mineralsim::io {

struct Provenance {
  std::string command_line;
  std::string backend = "cpu";
  std::string precision = "double";
  std::uint64_t seed = 0;
  std::uint64_t trajectories = 0;
  int days = 0;
  int batch_size = 0;
  int threads = 0;
  // A shard's file (engine/shard.hpp): shard `shard_index` of `shard_count` (0: not a shard),
  // holding trajectories [first_trajectory, first_trajectory + shard_trajectories).
  int shard_index = 0;
  int shard_count = 0;
  std::uint64_t first_trajectory = 0;
  std::uint64_t shard_trajectories = 0;
  std::string created_utc;  // filled by make_provenance
};

// Fills the time stamp; version, git revision and library versions come from library_versions().
Provenance make_provenance(Provenance p);
std::string library_versions();
std::string current_utc_time();

}  // namespace mineralsim::io
