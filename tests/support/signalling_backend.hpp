#pragma once
// A backend for the tests of interruptions: it forwards to `Inner` and raises SIGTERM once its
// `stop_after`-th batch is finished, as a job's time limit would; it can also count the batches
// started (into a counter that outlives it, since the run owns and ends the backend).
#include <csignal>
#include <cstdint>
#include <string>
#include <utility>

#include "mineralsim/engine/batch_backend.hpp"

namespace mineralsim::testing {

template <class Inner>
class SignallingBackend : public engine::BatchBackend {
 public:
  template <class... InnerArguments>
  SignallingBackend(int stop_after, int* started, InnerArguments&&... arguments)
      : inner_(std::forward<InnerArguments>(arguments)...),
        stop_after_(stop_after),
        started_(started) {}
  void start_batch(std::uint64_t seed, std::uint64_t first, int lanes) override {
    inner_.start_batch(seed, first, lanes);
    if (started_ != nullptr) ++*started_;
  }
  void finish_batch(engine::DailyStatistics& statistics, engine::PathRecorder& paths) override {
    inner_.finish_batch(statistics, paths);
    if (++finished_ == stop_after_) std::raise(SIGTERM);
  }
  engine::BatchState& state() override { return inner_.state(); }
  std::string description() const override { return inner_.description(); }

 private:
  Inner inner_;
  int stop_after_;
  int* started_;
  int finished_ = 0;
};

}  // namespace mineralsim::testing
