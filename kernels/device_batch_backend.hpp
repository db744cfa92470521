#pragma once
// A run's backend on a Thrust system (the CUDA device; the OpenMP system in the tests): batches go
// through the ThrustBatchRunner, whose statistics accumulators stay in the system's memory for the
// whole run.
//
// A started batch runs on a thread of its own, which simulates it and sends its results (the
// accumulators and the fields of its final state that the summaries read) towards the host. The
// runner starts batch k+1 before it finishes batch k, so the device simulates k+1 while k's
// results cross to the host and are gathered and written. Finishing a batch replays its few
// sampled paths on the CPU (the same bits), while the device runs the next one, then takes its
// results.
#include <atomic>
#include <cstdint>
#include <future>
#include <string>
#include <utility>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "thrust_batch_runner.hpp"

namespace mineralsim::kernels {

template <class Policy, template <class...> class Vector, class Real, class Link>
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
  DeviceBatchBackend(const DeviceBatchBackend&) = delete;
  DeviceBatchBackend& operator=(const DeviceBatchBackend&) = delete;
  // A batch still simulating (a run that failed or was interrupted) stops at its next day.
  ~DeviceBatchBackend() override {
    abandon_ = true;
    if (simulation_.valid()) simulation_.wait();
  }

  void start_batch(std::uint64_t seed, std::uint64_t first, int lanes) override {
    // One batch simulates at a time; the one before may still be sending its results.
    if (simulation_.valid()) simulation_.get();
    const int slot = static_cast<int>(started_.started() % 2);
    started_.push({seed, first, lanes});
    simulation_ = std::async(std::launch::async, [this, seed, first, lanes, slot] {
      runner_.run_batch(seed, first, lanes, &abandon_);
      if (!abandon_) runner_.send_results(slot);
    });
  }

  void finish_batch(engine::DailyStatistics& statistics, engine::PathRecorder& paths) override {
    const int slot = static_cast<int>(started_.finished() % 2);
    const engine::BatchRequest batch = started_.pop();
    engine::replay_sampled_paths(host_model_, engine::kPrecisionOf<Real>, batch.seed, days_,
                                 batch.first, batch.first + static_cast<std::uint64_t>(batch.lanes),
                                 paths);
    // Unless the next batch has started (which waited for this one's simulation), this batch is
    // the one simulating.
    if (started_.empty()) simulation_.get();
    runner_.receive_results(slot, statistics, final_state_);
  }

  // Of the last finished batch's final state, only what the summaries read (see
  // copy_whole_state_to).
  engine::BatchState& state() override { return final_state_; }
  // All of the last simulated batch's final state, for checks against the CPU backend.
  void copy_whole_state_to(engine::BatchState& host) const { runner_.copy_state_to(host); }
  std::string description() const override { return description_; }

 private:
  const model::ModelParameters& host_model_;
  ThrustBatchRunner<Policy, Vector, Real, Link> runner_;
  engine::BatchState final_state_;
  int days_;
  std::string description_;
  engine::StartedBatches started_;
  std::atomic<bool> abandon_{false};
  std::future<void> simulation_;  // last: its thread uses the members above
};

}  // namespace mineralsim::kernels
