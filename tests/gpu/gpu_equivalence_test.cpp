// The single-source model and its statistics on an NVIDIA GPU (kernels/, the device runner with
// the CUDA system): every final state value, parameter draw and statistics accumulator is bitwise
// equal to the CPU backend's, and a whole run of several batches writes the CPU backend's file.
// Skips with a reason when the build has no CUDA or the machine no GPU; set
// MINERALSIM_REQUIRE_GPU=1 to make a missing GPU a failure (GPU CI).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "support/backend_equivalence.hpp"
#include "support/precision_cases.hpp"
#include "support/results_content.hpp"
#include "support/test_support.hpp"

#if defined(MINERALSIM_HAVE_CUDA)
#include "model_kernels.hpp"
#endif

namespace mineralsim::testing {
namespace {

bool gpu_required() {
  const char* v = std::getenv("MINERALSIM_REQUIRE_GPU");
  return v != nullptr && std::string(v) == "1";
}

// Why the GPU test cannot run here ("" when it can).
std::string no_gpu_reason() {
#if !defined(MINERALSIM_HAVE_CUDA)
  return "built without CUDA";
#else
  return kernels::cuda_device_count() == 0 ? "no CUDA device on this machine" : "";
#endif
}

class GpuEquivalence : public ::testing::TestWithParam<engine::Precision> {
 protected:
  void SetUp() override {
    const std::string reason = no_gpu_reason();
    if (reason.empty()) return;
    if (gpu_required()) FAIL() << "MINERALSIM_REQUIRE_GPU=1 but " << reason;
    GTEST_SKIP() << reason;
  }
};

TEST_P(GpuEquivalence, DeviceRunIsBitwiseTheCpuBackend) {
#if defined(MINERALSIM_HAVE_CUDA)
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  constexpr int kCapacity = 3000, kDays = 730;
  constexpr std::uint64_t kSeed = 31;
  engine::DailyStatistics on_gpu(m, kDays);
  expect_bitwise_equal_to_cpu_backend(
      m, GetParam(), kSeed, kCapacity, kDays,
      [&](std::uint64_t first, int lanes, engine::BatchState& final_state) {
        ASSERT_EQ(kernels::run_on_device(m, kSeed, first, lanes, on_gpu, final_state), "");
      },
      [&on_gpu](engine::DailyStatistics& into) { into = on_gpu; });
#endif
}

// A whole run of several batches through the CUDA backend, as `--backend cuda` makes it: the
// pipeline (batch k+1 on the device while batch k's results come back through a result slot)
// writes the CPU backend's file: statistics, summaries and sampled paths.
TEST_P(GpuEquivalence, AWholeRunOfSeveralBatchesWritesTheCpuBackendsFile) {
#if defined(MINERALSIM_HAVE_CUDA)
  TemporaryFile cpu_file("cpu.h5"), gpu_file("gpu.h5");
  engine::RunConfig config = comparable_run(cpu_file.path());
  config.trajectories = 5000;
  config.batch = 1200;  // five batches: both result slots, each used again
  config.precision = GetParam();
  engine::run_ensemble(small_scenario(), config);
  config.output = gpu_file.path();
  config.make_backend = [](const model::ModelParameters& model, int capacity,
                           const engine::DailyStatistics& statistics, engine::Precision precision) {
    return kernels::make_cuda_backend(model, capacity, statistics, 0, precision);
  };
  engine::run_ensemble(small_scenario(), config);
  EXPECT_EQ(
      differing_datasets(simulated_content(gpu_file.path()), simulated_content(cpu_file.path())),
      std::vector<std::size_t>{});
#endif
}

INSTANTIATE_TEST_SUITE_P(BothPrecisions, GpuEquivalence, kBothPrecisions, precision_case_name);

}  // namespace
}  // namespace mineralsim::testing
