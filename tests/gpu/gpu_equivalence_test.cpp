// The single-source model on an NVIDIA GPU gives bitwise the same trajectories as on the CPU.
// Skips with a reason when the build has no CUDA or the machine no GPU; set
// MINERALSIM_REQUIRE_GPU=1 to make a missing GPU a failure (GPU CI).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

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
  // The device returns its arrays with stride kLanes.
  const model::StateLayout layout = model::StateLayout::for_dimensions(m.dims);
  std::vector<double> reals(static_cast<std::size_t>(layout.real_elements) * kLanes);
  std::vector<std::int32_t> ints(static_cast<std::size_t>(layout.int_elements) * kLanes);
  std::vector<double> draws(static_cast<std::size_t>(m.drawn_count) * kLanes + 1);
  const std::string error = kernels::simulate_on_device(m, 31, 5000, kLanes, kDays, reals.data(),
                                                        ints.data(), draws.data());
  ASSERT_EQ(error, "");
  const int stride = cpu.state().stride();
  std::size_t differing_reals = 0, differing_ints = 0;
  for (int i = 0; i < layout.real_elements; ++i) {
    for (int lane = 0; lane < kLanes; ++lane) {
      const double on_cpu = cpu.state().reals()[i * stride + lane];
      const double on_gpu =
          reals[static_cast<std::size_t>(i) * kLanes + static_cast<std::size_t>(lane)];
      if (std::memcmp(&on_cpu, &on_gpu, sizeof(double)) != 0) ++differing_reals;
    }
  }
  for (int i = 0; i < layout.int_elements; ++i) {
    for (int lane = 0; lane < kLanes; ++lane) {
      if (cpu.state().ints()[i * stride + lane] !=
          ints[static_cast<std::size_t>(i) * kLanes + static_cast<std::size_t>(lane)]) {
        ++differing_ints;
      }
    }
  }
  EXPECT_EQ(differing_reals, 0u) << "of " << layout.real_elements * kLanes << " real state values";
  EXPECT_EQ(differing_ints, 0u) << "of " << layout.int_elements * kLanes << " integer state values";
#endif
}

}  // namespace
}  // namespace mineralsim::testing
