#pragma once
// A run's backend on a Thrust system (the CUDA device; the OpenMP system in the tests): batches go
// through the ThrustBatchRunner, whose statistics accumulators stay in the system's memory for the
// whole run. After each batch the accumulators and the fields of the batch's final state that the
// summaries read come back to the host; the few sampled paths are taken by replaying their
// trajectories on the CPU, which gives the same bits, while the device runs the batch.
#include <cstdint>
#include <future>
#include <string>
#include <utility>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "thrust_batch_runner.hpp"

namespace mineralsim::kernels {

template <class Policy, template <class...> class Vector, class Real>
class DeviceBatchBackend : public engine::BatchBackend {
 public:
  // `host_model` for the CPU replays; `model` the same, readable under `policy`.
  DeviceBatchBackend(Policy policy, const model::ModelParameters& host_model,
                     const model::ModelParameters& model, int capacity,
                     const engine::DailyStatistics& statistics, std::string description)
      : host_model_(host_model),
        runner_(policy, model, capacity, statistics),
        final_state_(host_model, capacity, engine::kPrecisionOf<Real>),
        days_(statistics.days()),
        description_(std::move(description)) {}

  void run_batch(std::uint64_t seed, std::uint64_t first, int lanes,
                 engine::DailyStatistics& statistics, engine::PathRecorder& paths) override {
    // The CPU replays the batch's sampled paths while the device simulates the batch.
    std::future<void> replay = std::async(std::launch::async, [&] {
      engine::replay_sampled_paths(host_model_, engine::kPrecisionOf<Real>, seed, days_, first,
                                   first + static_cast<std::uint64_t>(lanes), paths);
    });
    runner_.run_batch(seed, first, lanes);
    runner_.copy_statistics_to(statistics);
    runner_.copy_summary_state_to(final_state_);
    replay.get();
  }
  // Of the last batch's final state, only what the summaries read (see copy_whole_state_to).
  engine::BatchState& state() override { return final_state_; }
  // All of the last batch's final state, for checks against the CPU backend.
  void copy_whole_state_to(engine::BatchState& host) const { runner_.copy_state_to(host); }
  std::string description() const override { return description_; }

 private:
  const model::ModelParameters& host_model_;
  ThrustBatchRunner<Policy, Vector, Real> runner_;
  engine::BatchState final_state_;
  int days_;
  std::string description_;
};

}  // namespace mineralsim::kernels
