// The single-source model and its statistics on an NVIDIA GPU (kernels/, the device runner with
// the CUDA system): every final state value, parameter draw and statistics accumulator is bitwise
// equal to the CPU backend's. Skips with a reason when the build has no CUDA or the machine no
// GPU; set MINERALSIM_REQUIRE_GPU=1 to make a missing GPU a failure (GPU CI).
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "support/backend_equivalence.hpp"
#include "support/precision_cases.hpp"
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

class GpuEquivalence : public ::testing::TestWithParam<engine::Precision> {};

TEST_P(GpuEquivalence, DeviceRunIsBitwiseTheCpuBackend) {
  const std::string reason = no_gpu_reason();
  if (!reason.empty()) {
    if (gpu_required()) FAIL() << "MINERALSIM_REQUIRE_GPU=1 but " << reason;
    GTEST_SKIP() << reason;
  }
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

INSTANTIATE_TEST_SUITE_P(BothPrecisions, GpuEquivalence, kBothPrecisions, precision_case_name);

}  // namespace
}  // namespace mineralsim::testing
