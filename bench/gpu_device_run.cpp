// Throughput of a run on the GPU through the device runner (kernels/thrust_batch_runner.hpp with
// the CUDA system: one thread per trajectory, state in global memory, one model-step launch and
// one statistics reduction per day) on the shipped baseline, the statistics' copies to and from the
// device included. The CUDA backend's batch loop before streams, pinned buffers and fused days.
// Usage: gpu_device_run [trajectories] [days] [double|float]   (defaults 100000 1095 double)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "model_kernels.hpp"

int main(int argc, char** argv) {
  using namespace mineralsim;
  const int lanes = argc > 1 ? std::atoi(argv[1]) : 100000;
  const int days = argc > 2 ? std::atoi(argv[2]) : 1095;
  const engine::Precision precision =
      engine::parse_precision(argc > 3 ? argv[3] : "double");  // throws on another name
  if (kernels::cuda_device_count() == 0) {
    std::fprintf(stderr, "gpu_device_run: no CUDA device\n");
    return 1;
  }
  const scenario::Scenario s =
      scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/baseline.toml");
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  engine::BatchState final_state(m, lanes, precision);
  // Warm-up (context creation, module load) on a short run.
  engine::DailyStatistics warm_up(m, 1);
  std::string error = kernels::run_on_device(m, 1, 0, lanes, warm_up, final_state);
  if (!error.empty()) {
    std::fprintf(stderr, "gpu_device_run: %s\n", error.c_str());
    return 1;
  }
  engine::DailyStatistics statistics(m, days);
  const auto start = std::chrono::steady_clock::now();
  error = kernels::run_on_device(m, 1, 0, lanes, statistics, final_state);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!error.empty()) {
    std::fprintf(stderr, "gpu_device_run: %s\n", error.c_str());
    return 1;
  }
  std::printf(
      "device run with statistics in %s: %d trajectories x %d days in %.3f s: %.3g "
      "trajectory-days/s (state %d reals + %d ints per trajectory, %d recorded variables)\n",
      engine::precision_name(precision), lanes, days, seconds,
      static_cast<double>(lanes) * days / seconds, final_state.layout().real_elements,
      final_state.layout().int_elements, statistics.variables().size());
  return 0;
}
