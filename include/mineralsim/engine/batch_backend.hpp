#pragma once
// Where a run's batches are simulated: the CPU backend (OpenMP) or a device backend (kernels/).
// The ensemble runner sees only this interface, so the batches, statistics, paths and summaries
// of a run are handled the same way on either, and the results file is bitwise the same.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/precision.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::engine {

class BatchBackend {
 public:
  virtual ~BatchBackend() = default;
  // Simulates trajectories [first, first + lanes) over the run's days, adds them to `statistics`
  // and to the sampled `paths`, and leaves their state at the end of the last day in state().
  virtual void run_batch(std::uint64_t seed, std::uint64_t first, int lanes,
                         DailyStatistics& statistics, PathRecorder& paths) = 0;
  virtual BatchState& state() = 0;
  // For the results file's `backend` attribute: "cpu", or "cuda (device 0: NVIDIA H100 ...)".
  virtual std::string description() const = 0;
};

// Makes a run's backend: (model, batch capacity, the statistics so far, the run's precision). The
// statistics give the days and, for a resumed run, the values a device backend starts its
// accumulators from.
using BatchBackendFactory = std::function<std::unique_ptr<BatchBackend>(
    const model::ModelParameters& model, int capacity, const DailyStatistics& statistics,
    Precision precision)>;

}  // namespace mineralsim::engine
