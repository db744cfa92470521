#pragma once
// Progress of a long run: a live bar with trajectories per second and ETA on a terminal, plain
// lines (about every 10% or 30 s) otherwise, so that logs of batch jobs stay readable.
#include <chrono>
#include <cstdint>
#include <cstdio>

namespace mineralsim::engine {

class ProgressReporter {
 public:
  // `out` null: silent.
  ProgressReporter(std::FILE* out, std::uint64_t total, int days);
  void update(std::uint64_t done);
  void finish();
  double elapsed_seconds() const;

 private:
  std::FILE* out_;
  bool terminal_;
  std::uint64_t total_;
  int days_;
  std::chrono::steady_clock::time_point start_;
  double last_line_seconds_ = 0.0;
  int last_decile_ = 0;
};

}  // namespace mineralsim::engine
