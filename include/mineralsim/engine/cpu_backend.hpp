#pragma once
// The OpenMP backend: trajectories of a batch are spread over threads; each day every lane takes
// one model step, then the observer sees the whole batch at the end of that day.
#include <cstdint>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::engine {

class BatchObserver {
 public:
  virtual ~BatchObserver() = default;
  virtual void on_day(int day, const BatchState& batch, std::uint64_t first, int lanes) = 0;
};

class CpuBackend {
 public:
  CpuBackend(const model::ModelParameters& model, int batch_capacity);

  // Simulates trajectories [first, first + lanes) over `days` days; the state is left at the end
  // of the last day for summaries.
  void run_batch(std::uint64_t seed, std::uint64_t first, int lanes, int days,
                 BatchObserver& observer);

  BatchState& state() { return batch_; }

 private:
  const model::ModelParameters& model_;
  BatchState batch_;
};

}  // namespace mineralsim::engine
