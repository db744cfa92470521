#pragma once
// The OpenMP backend: trajectories of a batch are spread over threads; each day every lane takes
// one model step, then the observer sees the whole batch at the end of that day.
#include <cstdint>
#include <string>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::engine {

class BatchObserver {
 public:
  virtual ~BatchObserver() = default;
  virtual void on_day(int day, const BatchState& batch, std::uint64_t first, int lanes) = 0;
};

class CpuBackend {
 public:
  CpuBackend(const model::ModelParameters& model, int batch_capacity,
             Precision precision = Precision::kDouble);

  // Simulates trajectories [first, first + lanes) over `days` days; the state is left at the end
  // of the last day for summaries.
  void run_batch(std::uint64_t seed, std::uint64_t first, int lanes, int days,
                 BatchObserver& observer);

  BatchState& state() { return batch_; }

 private:
  template <class Real>
  void run_batch_in(std::uint64_t seed, std::uint64_t first, int lanes, int days,
                    BatchObserver& observer);

  const model::ModelParameters& model_;
  BatchState batch_;
};

// The CPU backend of a run: a started batch is simulated, on all cores, when it is finished;
// statistics and paths are taken from the batch day by day.
class CpuBatchBackend : public BatchBackend {
 public:
  CpuBatchBackend(const model::ModelParameters& model, int capacity, int days,
                  Precision precision = Precision::kDouble)
      : backend_(model, capacity, precision), days_(days) {}
  void start_batch(std::uint64_t seed, std::uint64_t first, int lanes) override;
  void finish_batch(DailyStatistics& statistics, PathRecorder& paths) override;
  BatchState& state() override { return backend_.state(); }
  std::string description() const override;

 private:
  CpuBackend backend_;
  int days_;
  StartedBatches started_;
};

// The sampled trajectories among [first, end), run again on the CPU for their paths, several at
// once on the OpenMP threads: a trajectory depends only on (seed, index), and re-running a few is
// cheaper than recording them elsewhere.
void replay_sampled_paths(const model::ModelParameters& model, Precision precision,
                          std::uint64_t seed, int days, std::uint64_t first, std::uint64_t end,
                          PathRecorder& paths);

}  // namespace mineralsim::engine
