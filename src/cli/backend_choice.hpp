#pragma once
// Turns --backend and --device into the run's backend factory, refusing at once (UserError) what
// this build or machine cannot do.
#include <optional>
#include <string>

#include "mineralsim/engine/batch_backend.hpp"

namespace mineralsim::cli {

// An empty factory means the CPU backend.
engine::BatchBackendFactory choose_backend(const std::string& backend, std::optional<int> device);

}  // namespace mineralsim::cli
