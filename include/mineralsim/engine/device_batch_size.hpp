#pragma once
// How many trajectories a device batch holds when --batch is not given. A GPU needs far more lanes
// than the CPU's default batch to fill its cores (an H100 runs 270,000 threads at once), so the
// batch is as large as memory allows: the state of every lane, with two result slots, in 80% of
// the device's free memory after the statistics accumulators (three times: the accumulators and
// their copies in the slots), and the host's copy of a batch's final state (for the summaries,
// with the summary rows and the pinned result slots) in a quarter of the host's available memory.
#include <cstdint>

#include "mineralsim/engine/precision.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::engine {

// At least 1 and at most `trajectories` (and at most 2^24). Memory figures of 0 are unknown and do
// not limit.
int device_batch_size(const model::ModelParameters& model, int days, std::uint64_t trajectories,
                      std::uint64_t device_free_bytes, std::uint64_t host_available_bytes,
                      Precision precision = Precision::kDouble);

}  // namespace mineralsim::engine
