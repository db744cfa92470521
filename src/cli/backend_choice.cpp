#include "backend_choice.hpp"

#include <fmt/format.h>

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
  // auto stays on the CPU until the CUDA backend has passed scripts/gpu-check.sh on a GPU.
  if (backend != "cuda") {
    if (device) refuse("--device", "applies only with --backend cuda");
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
                  const engine::DailyStatistics& statistics) {
    return kernels::make_cuda_backend(model, capacity, statistics, chosen);
  };
#endif
}

std::uint64_t device_free_memory([[maybe_unused]] int device) {
#if defined(MINERALSIM_HAVE_CUDA)
  return kernels::cuda_free_memory(device);
#else
  return 0;
#endif
}

}  // namespace mineralsim::cli
