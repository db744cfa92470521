#pragma once
// Entry points to the CUDA device: plain host functions (no CUDA types), so host code that calls
// them compiles without nvcc.
#include <cstdint>
#include <memory>
#include <string>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::kernels {

// Number of usable CUDA devices (0 when there is no driver or device).
int cuda_device_count();
std::string cuda_device_name(int device);
// "cuda (device K: NAME)": how results files and messages name the CUDA backend on device K.
std::string cuda_backend_description(int device);
// Free memory of the device in bytes (0 when it cannot be read).
std::uint64_t cuda_free_memory(int device);

// The CUDA backend of a run on device `device` in `precision` (see engine::BatchBackendFactory).
// Throws std::runtime_error naming the CUDA call that failed.
std::unique_ptr<engine::BatchBackend> make_cuda_backend(const model::ModelParameters& host_model,
                                                        int capacity,
                                                        const engine::DailyStatistics& statistics,
                                                        int device, engine::Precision precision);

// Simulates trajectories [first, first + lanes) for statistics.days() days on the current CUDA
// device, in the precision of `final_state`: adds each day's statistics, reduced on the device, to
// `statistics`, and leaves the state at the end of the last day in `final_state` (lanes <= its
// capacity). Returns "" or an error.
std::string run_on_device(const model::ModelParameters& host_model, std::uint64_t seed,
                          std::uint64_t first, int lanes, engine::DailyStatistics& statistics,
                          engine::BatchState& final_state);

}  // namespace mineralsim::kernels
