#pragma once
// Turns --backend and --device into the run's backend factory, refusing at once (UserError) what
// this build or machine cannot do.
#include <cstdint>
#include <optional>
#include <string>

#include "mineralsim/engine/batch_backend.hpp"

namespace mineralsim::cli {

// An empty factory means the CPU backend.
engine::BatchBackendFactory choose_backend(const std::string& backend, std::optional<int> device);

// Free memory of CUDA device `device` in bytes (0 when unknown or without CUDA).
std::uint64_t device_free_memory(int device);

}  // namespace mineralsim::cli
