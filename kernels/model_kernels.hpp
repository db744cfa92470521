#pragma once
// Launchers for the model kernels: plain host functions (no CUDA types), so host code that calls
// them compiles without nvcc. Device arrays are owned by the caller.
#include <cstdint>
#include <string>

#include "mineralsim/model/model_parameters.hpp"
#include "mineralsim/model/state.hpp"

namespace mineralsim::kernels {

// Number of usable CUDA devices (0 when there is no driver or device).
int cuda_device_count();

// Simulates `lanes` trajectories [first, first + lanes) for `days` days on device 0 and copies
// their final state back into host arrays laid out like engine::BatchState with stride `lanes`.
// The model parameters are copied to the device inside. Returns "" or an error message.
std::string simulate_on_device(const model::ModelParameters& host_model, std::uint64_t seed,
                               std::uint64_t first, int lanes, int days, double* host_reals,
                               std::int32_t* host_ints, double* host_draws);

}  // namespace mineralsim::kernels
