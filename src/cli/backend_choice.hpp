#pragma once
// Turns --backend and --device into the run's backend factory, refusing at once (UserError) what
// this build or machine cannot do.
#include <cstdint>
#include <optional>
#include <string>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::cli {

// An empty factory means the CPU backend. `auto` is the CUDA backend on device 0 when this build
// has CUDA and the machine a GPU, else the CPU's; a device backend still has to pass
// trusted_device_backend.
engine::BatchBackendFactory choose_backend(const std::string& backend, std::optional<int> device);

// `device` if it reproduces the CPU backend on a probe of the run (engine::probe_against_cpu over
// the run's first days). Otherwise, for --backend cuda a UserError before any work; for auto the
// CPU backend (an empty factory), with a warning on stderr.
engine::BatchBackendFactory trusted_device_backend(engine::BatchBackendFactory device,
                                                   const std::string& backend,
                                                   const model::ModelParameters& model,
                                                   engine::Precision precision, std::uint64_t seed,
                                                   int days);

// How messages name the run's backend: "cpu" for an empty factory, else the CUDA backend on
// `device` as its results files name it.
std::string backend_description(const engine::BatchBackendFactory& backend, int device);

// Free memory of CUDA device `device` in bytes (0 when unknown or without CUDA).
std::uint64_t device_free_memory(int device);

}  // namespace mineralsim::cli
