// Throughput of the naive CUDA kernels (kernels/model_kernels.cu: one thread per trajectory, state
// in global memory, one launch per day, no statistics) on the shipped baseline. A reference point
// for the CUDA backend, not the backend itself.
// Usage: gpu_naive_kernel [trajectories] [days]   (defaults 100000 1095)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "mineralsim/scenario/scenario_loader.hpp"
#include "model_kernels.hpp"

int main(int argc, char** argv) {
  using namespace mineralsim;
  const int lanes = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int days = argc > 2 ? std::atoi(argv[2]) : 1095;
  if (kernels::cuda_device_count() == 0) {
    std::fprintf(stderr, "gpu_naive_kernel: no CUDA device\n");
    return 1;
  }
  const scenario::Scenario s =
      scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/baseline.toml");
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  const model::StateLayout layout = model::StateLayout::for_dimensions(m.dims);
  std::vector<double> reals(static_cast<std::size_t>(layout.real_elements) * lanes);
  std::vector<std::int32_t> ints(static_cast<std::size_t>(layout.int_elements) * lanes);
  std::vector<double> draws(static_cast<std::size_t>(m.drawn_count) * lanes + 1);
  // Warm-up (context creation, module load) on a short run.
  std::string error =
      kernels::simulate_on_device(m, 1, 0, lanes, 1, reals.data(), ints.data(), draws.data());
  if (!error.empty()) {
    std::fprintf(stderr, "gpu_naive_kernel: %s\n", error.c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  error =
      kernels::simulate_on_device(m, 1, 0, lanes, days, reals.data(), ints.data(), draws.data());
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!error.empty()) {
    std::fprintf(stderr, "gpu_naive_kernel: %s\n", error.c_str());
    return 1;
  }
  std::printf(
      "naive kernels: %d trajectories x %d days in %.3f s: %.3g trajectory-days/s "
      "(state %d reals + %d ints per trajectory)\n",
      lanes, days, seconds, static_cast<double>(lanes) * days / seconds, layout.real_elements,
      layout.int_elements);
  return 0;
}
