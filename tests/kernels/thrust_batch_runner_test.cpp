// The CUDA backend's device loop (kernels/thrust_batch_runner.hpp), run here on Thrust's OpenMP
// system: its final states and statistics are bitwise those of the CPU backend, and a runner
// started from earlier statistics (a resumed run) continues them exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "mineralsim/engine/backend_probe.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
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

// The runner's statistics so far, through a result slot as a run receives them.
template <class Real>
void receive_statistics(OmpRunner<Real>& runner, const model::ModelParameters& m,
                        engine::DailyStatistics& into) {
  engine::BatchState unused(m, kCapacity, engine::kPrecisionOf<Real>);
  runner.send_results(0);
  runner.receive_results(0, into, unused);
}

template <class Real>
class ThrustBatchRunnerInPrecision : public ::testing::Test {};
using Precisions = ::testing::Types<double, float>;
TYPED_TEST_SUITE(ThrustBatchRunnerInPrecision, Precisions);

TYPED_TEST(ThrustBatchRunnerInPrecision, OnOpenMpItIsBitwiseTheCpuBackend) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  OmpRunner<TypeParam> runner(thrust::omp::par, m, kCapacity, engine::DailyStatistics(m, kDays));
  expect_bitwise_equal_to_cpu_backend(
      m, engine::kPrecisionOf<TypeParam>, kSeed, kCapacity, kDays,
      [&runner](std::uint64_t first, int lanes, engine::BatchState& final_state) {
        runner.run_batch(kSeed, first, lanes);
        runner.copy_state_to(final_state);
      },
      [&](engine::DailyStatistics& into) { receive_statistics(runner, m, into); });
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

  OmpRunner<double> resumed(thrust::omp::par, m, kCapacity, first_batch);
  resumed.run_batch(kSeed, kCapacity, 99);
  engine::DailyStatistics from_resumed(m, kDays);
  receive_statistics(resumed, m, from_resumed);
  ASSERT_EQ(from_resumed.trajectories(), static_cast<std::uint64_t>(kCapacity + 99));
  for (const char* name : kAccumulatorNames) {
    EXPECT_EQ(differing_elements(both_batches, from_resumed, name), 0u) << name;
  }
}

TEST(ThrustBatchRunner, ItsResultsBringBackExactlyWhatTheSummariesRead) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  engine::DailyStatistics unused(m, kDays);
  engine::CpuBackend cpu(m, kCapacity);
  StatisticsObserver observer(unused);
  cpu.run_batch(kSeed, 0, kCapacity, kDays, observer);
  OmpRunner<double> runner(thrust::omp::par, m, kCapacity, engine::DailyStatistics(m, kDays));
  runner.run_batch(kSeed, 0, kCapacity);

  // Every value the copy does not bring stays a sentinel, so a field the summaries read but the
  // copy missed shows up as a differing summary.
  engine::BatchState copied(m, kCapacity);
  const std::size_t stride = static_cast<std::size_t>(copied.stride());
  std::fill_n(copied.reals<double>(), copied.layout().real_elements * stride, std::nan(""));
  std::fill_n(copied.ints(), copied.layout().int_elements * stride, -12345);
  runner.send_results(1);
  engine::DailyStatistics statistics(m, kDays);
  runner.receive_results(1, statistics, copied);

  engine::SummaryBatch expected, from_copy;
  engine::gather_summaries(m, cpu.state(), kCapacity, 0, expected);
  engine::gather_summaries(m, copied, kCapacity, 0, from_copy);
  EXPECT_EQ(engine::first_differing_summary(expected, from_copy), "");
  // Not vacuous: the trajectories' peaks differ; and the copy is partial: the prices stayed behind.
  const auto& peaks = expected.reals[static_cast<std::size_t>(engine::SummaryId::peak_price)];
  const auto& peak_days = expected.ints[static_cast<std::size_t>(engine::SummaryId::peak_day)];
  EXPECT_LT(*std::min_element(peaks.begin(), peaks.end()),
            *std::max_element(peaks.begin(), peaks.end()));
  EXPECT_LT(*std::min_element(peak_days.begin(), peak_days.end()),
            *std::max_element(peak_days.begin(), peak_days.end()));
  EXPECT_TRUE(std::isnan(copied.lane(0)(model::RealField::price, 0)));
}

#else

TEST(ThrustBatchRunner, OnOpenMpItIsBitwiseTheCpuBackend) {
  GTEST_SKIP() << "no Thrust (CCCL) headers were found when the build was configured";
}

#endif

}  // namespace
}  // namespace mineralsim::testing
