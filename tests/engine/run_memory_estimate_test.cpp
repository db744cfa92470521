// The host memory a run announces before it starts (engine::estimate_run_bytes): a device
// backend's two result slots are counted, and nothing else changes with the backend.
#include <gtest/gtest.h>

#include <memory>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

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
