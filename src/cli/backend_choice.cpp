#include "backend_choice.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <exception>

#include "mineralsim/engine/backend_probe.hpp"
#include "mineralsim/errors.hpp"

#if defined(MINERALSIM_HAVE_CUDA)
#include "model_kernels.hpp"
#endif

namespace mineralsim::cli {

namespace {

[[noreturn]] void refuse(const std::string& option, const std::string& reason) {
  throw UserError("", 0, 0, option, reason);
}

}  // namespace

engine::BatchBackendFactory choose_backend(const std::string& backend, std::optional<int> device) {
  if (backend != "cuda") {
    if (device) refuse("--device", "applies only with --backend cuda");
#if defined(MINERALSIM_HAVE_CUDA)
    if (backend == "auto" && kernels::cuda_device_count() > 0) return choose_backend("cuda", 0);
#endif
    return {};
  }
#if !defined(MINERALSIM_HAVE_CUDA)
  refuse("--backend",
         "cuda: this build has no CUDA backend (CMake found no CUDA compiler when it "
         "was configured); use --backend cpu");
#else
  const int count = kernels::cuda_device_count();
  if (count == 0) {
    refuse("--backend",
           "cuda: no usable CUDA device here (no NVIDIA driver or GPU); use "
           "--backend cpu");
  }
  const int chosen = device.value_or(0);
  if (chosen >= count) {
    refuse("--device", fmt::format("{}: this machine has {} CUDA device{}, numbered from 0", chosen,
                                   count, count == 1 ? "" : "s"));
  }
  return [chosen](const model::ModelParameters& model, int capacity,
                  const engine::DailyStatistics& statistics, engine::Precision precision) {
    return kernels::make_cuda_backend(model, capacity, statistics, chosen, precision);
  };
#endif
}

engine::BatchBackendFactory trusted_device_backend(engine::BatchBackendFactory device,
                                                   const std::string& backend,
                                                   const model::ModelParameters& model,
                                                   engine::Precision precision, std::uint64_t seed,
                                                   int days) {
  const int probe_days = std::min(days, engine::kProbeDays);
  std::string difference;
  try {
    difference =
        engine::probe_against_cpu(model, device, precision, seed, probe_days, engine::kProbeLanes);
  } catch (const std::exception& e) {
    difference = std::string("it failed: ") + e.what();
  }
  if (difference.empty()) return device;
  const std::string reason = fmt::format(
      "cuda: the device did not reproduce the CPU backend on a probe of this run ({} trajectories "
      "x {} days): {}",
      engine::kProbeLanes, probe_days, difference);
  if (backend == "cuda") {
    refuse("--backend",
           reason + "; its results would not be the CPU backend's bits. Use --backend cpu");
  }
  fmt::print(stderr, "mineralsim: --backend auto: {}; running on the CPU\n", reason);
  return {};
}

std::string backend_description([[maybe_unused]] const engine::BatchBackendFactory& backend,
                                [[maybe_unused]] int device) {
#if defined(MINERALSIM_HAVE_CUDA)
  if (backend) return kernels::cuda_backend_description(device);
#endif
  return "cpu";  // without CUDA in the build, choose_backend gives every run to the CPU
}

std::uint64_t device_free_memory([[maybe_unused]] int device) {
#if defined(MINERALSIM_HAVE_CUDA)
  return kernels::cuda_free_memory(device);
#else
  return 0;
#endif
}

}  // namespace mineralsim::cli
