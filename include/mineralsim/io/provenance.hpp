#pragma once
// Where a result came from: stored in every results file and benchmark record.
#include <cstdint>
#include <string>

#include "mineralsim/engine/shard.hpp"

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
  engine::Shard shard;  // a shard's file holds its part of the `trajectories` (engine/shard.hpp)
  std::string created_utc;  // filled by make_provenance
};

// Fills the time stamp; version, git revision and library versions come from library_versions().
Provenance make_provenance(Provenance p);
std::string library_versions();
std::string current_utc_time();

}  // namespace mineralsim::io
