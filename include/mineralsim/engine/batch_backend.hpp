#pragma once
// Where a run's batches are simulated: the CPU backend (OpenMP) or a device backend (kernels/).
// The ensemble runner sees only this interface, so the batches, statistics, paths and summaries
// of a run are handled the same way on either, and the results file is bitwise the same.
//
// A batch is started, then finished. A device backend simulates a started batch in the background,
// so the runner starts batch k+1 before it finishes batch k: the device then simulates k+1 while
// k's results cross to the host and are gathered and written. The CPU backend simulates a batch
// when it is finished, on all cores.
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/precision.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::engine {

// Trajectories [first, first + lanes) of the run with this seed.
struct BatchRequest {
  std::uint64_t seed = 0;
  std::uint64_t first = 0;
  int lanes = 0;
};

// The batches a backend has started and not finished, oldest first: at most two (the one being
// finished and the one after it). Misuse is a logic_error.
class StartedBatches {
 public:
  void push(const BatchRequest& request);
  BatchRequest pop();
  bool empty() const { return requests_.empty(); }
  // How many batches were ever started, and finished (popped): the next batch to start is number
  // started(), the next to finish number finished(), counting from 0.
  std::uint64_t started() const { return started_; }
  std::uint64_t finished() const { return started_ - requests_.size(); }

 private:
  std::deque<BatchRequest> requests_;
  std::uint64_t started_ = 0;
};

class BatchBackend {
 public:
  virtual ~BatchBackend() = default;
  // Starts simulating trajectories [first, first + lanes) over the run's days. At most two batches
  // may be started and not finished.
  virtual void start_batch(std::uint64_t seed, std::uint64_t first, int lanes) = 0;
  // Waits for the oldest started batch, adds it to `statistics` and to the sampled `paths`, and
  // leaves its state at the end of its last day in state(), until the next finish_batch.
  virtual void finish_batch(DailyStatistics& statistics, PathRecorder& paths) = 0;
  virtual BatchState& state() = 0;
  // For the results file's `backend` attribute: "cpu", or "cuda (device 0: NVIDIA H100 ...)".
  virtual std::string description() const = 0;

  // One batch, start to finish.
  void run_batch(std::uint64_t seed, std::uint64_t first, int lanes, DailyStatistics& statistics,
                 PathRecorder& paths) {
    start_batch(seed, first, lanes);
    finish_batch(statistics, paths);
  }
};

// Makes a run's backend: (model, batch capacity, the statistics so far, the run's precision). The
// statistics give the days and, for a resumed run, the values a device backend starts its
// accumulators from.
using BatchBackendFactory = std::function<std::unique_ptr<BatchBackend>(
    const model::ModelParameters& model, int capacity, const DailyStatistics& statistics,
    Precision precision)>;

}  // namespace mineralsim::engine
