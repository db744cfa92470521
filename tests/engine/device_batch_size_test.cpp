// The batch size of a device run without --batch: limited by the device's free memory after the
// statistics, by the host's memory, and by the run's trajectories. And the host memory a device run
// announces before it starts (engine::estimate_run_bytes): its two result slots are counted.
#include "mineralsim/engine/device_batch_size.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

TEST(DeviceBatchSize, FillsTheDeviceButNotBeyondItsMemoryOrTheRun) {
  const scenario::CompiledScenario compiled(small_scenario());
  const model::ModelParameters& m = compiled.view();
  constexpr int kDays = 365;
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  // A lane's state and its two result slots (rounded up to whole bytes); the accumulators and
  // their two copies in the slots.
  const std::uint64_t state = engine::BatchState::bytes_for(m, 1 << 16) / (1 << 16) + 1;
  const std::uint64_t results =
      2 * (engine::summary_state_bytes_for(m, 1 << 16, engine::Precision::kDouble) / (1 << 16) + 1);
  const std::uint64_t per_lane = state + results;
  const std::uint64_t statistics = 3 * engine::DailyStatistics::bytes_for(m, kDays);
  EXPECT_GT(results, 0u);
  EXPECT_LT(results, state);

  // 8 GiB free, plenty of host memory: the device's 80% less the statistics, by the lane.
  const int device_bound = engine::device_batch_size(m, kDays, 100000000, 8 * kGiB, 1024 * kGiB);
  EXPECT_GT(device_bound, 100000);
  EXPECT_LE(static_cast<std::uint64_t>(device_bound) * per_lane + statistics, 8 * kGiB / 10 * 8);
  EXPECT_GT(static_cast<std::uint64_t>(device_bound + 1) * per_lane + statistics,
            8 * kGiB / 10 * 8);
  // Never more than the run's trajectories.
  EXPECT_EQ(engine::device_batch_size(m, kDays, 5000, 8 * kGiB, 1024 * kGiB), 5000);
  // A small host memory limits it: its copy of the batch takes at most a quarter.
  const int host_bound = engine::device_batch_size(m, kDays, 100000000, 8 * kGiB, 1 * kGiB);
  EXPECT_LT(host_bound, device_bound);
  EXPECT_LE(static_cast<std::uint64_t>(host_bound) * (2 * state + results), kGiB / 4);
  // A device too full for the statistics still gets one lane (the run then fails with a clear
  // out-of-memory message from the device).
  EXPECT_EQ(engine::device_batch_size(m, kDays, 1000, statistics / 3, 0), 1);
  // Unknown memory (0) does not limit.
  EXPECT_EQ(engine::device_batch_size(m, kDays, 7777, 0, 0), 7777);
}

TEST(DeviceBatchSize, AFloatRunFitsMoreLanesThanADoubleRun) {
  const scenario::CompiledScenario compiled(small_scenario());
  const model::ModelParameters& m = compiled.view();
  constexpr std::uint64_t kGiB = std::uint64_t{1} << 30;
  const int in_double = engine::device_batch_size(m, 365, 100000000, 8 * kGiB, 1024 * kGiB,
                                                  engine::Precision::kDouble);
  const int in_float = engine::device_batch_size(m, 365, 100000000, 8 * kGiB, 1024 * kGiB,
                                                 engine::Precision::kFloat);
  // The reals are most of a lane's bytes, and half as large in float.
  EXPECT_GT(in_float, in_double * 3 / 2);
  EXPECT_LT(in_float, in_double * 2);
}

TEST(RunMemoryEstimate, ADeviceRunAlsoHoldsItsTwoResultSlots) {
  const scenario::CompiledScenario compiled(small_scenario());
  const model::ModelParameters& m = compiled.view();
  constexpr int kDays = 365;
  engine::RunConfig config;
  config.trajectories = 100000;
  config.batch = 20000;
  config.precision = engine::Precision::kFloat;
  const std::size_t on_cpu = engine::estimate_run_bytes(compiled, config, kDays);
  config.make_backend = [](const model::ModelParameters&, int, const engine::DailyStatistics&,
                           engine::Precision) -> std::unique_ptr<engine::BatchBackend> {
    return nullptr;  // never called: the estimate only asks whether there is a device backend
  };
  const std::size_t on_device = engine::estimate_run_bytes(compiled, config, kDays);
  EXPECT_EQ(on_device - on_cpu,
            2 * (engine::DailyStatistics::bytes_for(m, kDays) +
                 engine::summary_state_bytes_for(m, 20000, engine::Precision::kFloat)));
}

}  // namespace
}  // namespace mineralsim::testing
