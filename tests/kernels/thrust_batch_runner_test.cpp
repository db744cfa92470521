// The CUDA backend's device loop (kernels/thrust_batch_runner.hpp), run here on Thrust's OpenMP
// system: its final states and statistics are bitwise those of the CPU backend, and a runner
// started from earlier statistics (a resumed run) continues them exactly.
#include <gtest/gtest.h>

#include "mineralsim/engine/daily_statistics.hpp"
#include "support/backend_equivalence.hpp"
#include "support/statistics_comparison.hpp"
#include "support/test_support.hpp"

#if defined(MINERALSIM_HAVE_THRUST)
#include "support/thrust_on_openmp.hpp"
#endif

namespace mineralsim::testing {
namespace {

#if defined(MINERALSIM_HAVE_THRUST)

constexpr int kCapacity = 500, kDays = 120;
constexpr std::uint64_t kSeed = 23;

TEST(ThrustBatchRunner, OnOpenMpItIsBitwiseTheCpuBackend) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  OmpRunner runner(thrust::omp::par, m, kCapacity, engine::DailyStatistics(m, kDays));
  expect_bitwise_equal_to_cpu_backend(
      m, kSeed, kCapacity, kDays,
      [&runner](std::uint64_t first, int lanes, engine::BatchState& final_state) {
        runner.run_batch(kSeed, first, lanes);
        runner.copy_state_to(final_state);
      },
      [&runner](engine::DailyStatistics& into) { runner.copy_statistics_to(into); });
}

TEST(ThrustBatchRunner, StartedFromEarlierStatisticsItContinuesThem) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  engine::DailyStatistics first_batch(m, kDays), both_batches(m, kDays);
  engine::CpuBackend cpu(m, kCapacity);
  StatisticsObserver first_observer(first_batch), both_observer(both_batches);
  cpu.run_batch(kSeed, 0, kCapacity, kDays, first_observer);
  cpu.run_batch(kSeed, 0, kCapacity, kDays, both_observer);
  cpu.run_batch(kSeed, kCapacity, 99, kDays, both_observer);

  OmpRunner resumed(thrust::omp::par, m, kCapacity, first_batch);
  resumed.run_batch(kSeed, kCapacity, 99);
  engine::DailyStatistics from_resumed(m, kDays);
  resumed.copy_statistics_to(from_resumed);
  ASSERT_EQ(from_resumed.trajectories(), static_cast<std::uint64_t>(kCapacity + 99));
  for (const char* name : kAccumulatorNames) {
    EXPECT_EQ(differing_elements(both_batches, from_resumed, name), 0u) << name;
  }
}

#else

TEST(ThrustBatchRunner, OnOpenMpItIsBitwiseTheCpuBackend) {
  GTEST_SKIP() << "no Thrust (CCCL) headers were found when the build was configured";
}

#endif

}  // namespace
}  // namespace mineralsim::testing
