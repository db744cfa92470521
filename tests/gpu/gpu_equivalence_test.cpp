// The single-source model on an NVIDIA GPU gives bitwise the same trajectories as on the CPU.
// Skips with a reason when the build has no CUDA or the machine no GPU; set
// MINERALSIM_REQUIRE_GPU=1 to make a missing GPU a failure (GPU CI).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "mineralsim/engine/cpu_backend.hpp"
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

class NoObserver : public engine::BatchObserver {
 public:
  void on_day(int, const engine::BatchState&, std::uint64_t, int) override {}
};

TEST(GpuEquivalence, DeviceTrajectoriesAreBitwiseEqualToTheCpu) {
#if !defined(MINERALSIM_HAVE_CUDA)
  if (gpu_required()) FAIL() << "MINERALSIM_REQUIRE_GPU=1 but this build has no CUDA";
  GTEST_SKIP() << "built without CUDA";
#else
  if (kernels::cuda_device_count() == 0) {
    if (gpu_required()) FAIL() << "MINERALSIM_REQUIRE_GPU=1 but no CUDA device is usable";
    GTEST_SKIP() << "no CUDA device on this machine";
  }
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  constexpr int kLanes = 1000, kDays = 730;
  NoObserver none;
  engine::CpuBackend cpu(m, kLanes);
  cpu.run_batch(31, 5000, kLanes, kDays, none);
  engine::BatchState gpu(m, kLanes);
  const std::string error =
      kernels::simulate_on_device(m, 31, 5000, kLanes, kDays, gpu.reals(), gpu.ints(), gpu.draw_values());
  ASSERT_EQ(error, "");
  const model::StateLayout& layout = gpu.layout();
  const std::size_t reals = static_cast<std::size_t>(layout.real_elements) * kLanes;
  std::size_t differing = 0;
  for (std::size_t i = 0; i < reals; ++i) {
    if (std::memcmp(&cpu.state().reals()[i], &gpu.reals()[i], sizeof(double)) != 0) ++differing;
  }
  EXPECT_EQ(differing, 0u) << "of " << reals << " real state values";
  const std::size_t ints = static_cast<std::size_t>(layout.int_elements) * kLanes;
  EXPECT_EQ(std::memcmp(cpu.state().ints(), gpu.ints(), ints * sizeof(std::int32_t)), 0);
#endif
}

}  // namespace
}  // namespace mineralsim::testing
