// Runs in single precision (--precision float): the same model computing in float. Both precisions
// draw the same random numbers, so the float run's ensemble statistics track the double run's far
// inside Monte Carlo error, while its numbers do differ (it really computes in float).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/float_range.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "support/scenario_text.hpp"
#include "support/statistics_comparison.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

constexpr int kLanes = 2000, kDays = 365;
constexpr std::uint64_t kSeed = 11;

engine::DailyStatistics run_in(const model::ModelParameters& m, engine::Precision precision) {
  engine::DailyStatistics statistics(m, kDays);
  engine::CpuBackend backend(m, kLanes, precision);
  StatisticsObserver observer(statistics);
  backend.run_batch(kSeed, 0, kLanes, kDays, observer);
  return statistics;
}

TEST(Precision, FloatMeansAgreeWithDoubleFarInsideMonteCarloError) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  const engine::DailyStatistics in_double = run_in(m, engine::Precision::kDouble);
  const engine::DailyStatistics in_float = run_in(m, engine::Precision::kFloat);
  double worst = 0.0;  // the largest |mean difference| in standard errors of the mean
  int differing = 0;
  for (int day = 0; day < kDays; ++day) {
    for (int v = 0; v < in_double.variables().size(); ++v) {
      const double difference = std::fabs(in_float.mean(day, v) - in_double.mean(day, v));
      const double standard_error = in_double.standard_deviation(day, v) / std::sqrt(kLanes);
      differing += difference > 0.0 ? 1 : 0;
      if (standard_error > 0.0) {
        worst = std::max(worst, difference / standard_error);
      } else {  // a constant: only rounding apart
        EXPECT_LE(difference, 1e-6 * std::fabs(in_double.mean(day, v)))
            << "day " << day << ", variable " << v;
      }
    }
  }
  EXPECT_LT(worst, 0.02);  // measured: 0.001
  EXPECT_GT(differing, 0);
}

TEST(Precision, AFloatBatchHoldsItsRealsInHalfTheBytes) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  const auto layout = model::StateLayout::for_dimensions(m.dims);
  const std::size_t reals = static_cast<std::size_t>(layout.real_elements) *
                            static_cast<std::size_t>(engine::BatchState::stride_for(kLanes));
  EXPECT_EQ(engine::BatchState::bytes_for(m, kLanes, engine::Precision::kDouble) -
                engine::BatchState::bytes_for(m, kLanes, engine::Precision::kFloat),
            reals * sizeof(float));
}

TEST(Precision, ReadingABatchInTheOtherPrecisionThrows) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const engine::BatchState in_float(compiled.view(), 4, engine::Precision::kFloat);
  EXPECT_THROW(in_float.reals<double>(), std::logic_error);
  EXPECT_NE(in_float.reals<float>(), nullptr);
}

// The small scenario with Korea's gallium demand growing 200% a year (the largest valid growth).
scenario::Scenario fast_growing_demand() {
  std::string text = small_text();
  const std::string korea = "importer = \"Korea semiconductors\"\ncommodity = \"gallium\"\n";
  const auto at = text.find(korea);
  EXPECT_NE(at, std::string::npos);
  text.insert(at + korea.size(), "growth = 2.0\n");
  return scenario::parse_scenario(text, "growth.toml");
}

TEST(FloatRange, DemandThatWouldLeaveFloatsRangeIsRefusedForFloatOnly) {
  const scenario::Scenario s = fast_growing_demand();
  // 0.35 t/day tripling every year: past 1e30 t/day after about 63 years.
  EXPECT_NO_THROW(engine::check_float_range(s, engine::Precision::kFloat, 50 * 365));
  EXPECT_NO_THROW(engine::check_float_range(s, engine::Precision::kDouble, 100000));
  try {
    engine::check_float_range(s, engine::Precision::kFloat, 70 * 365);
    ADD_FAILURE() << "a float run of 70 years was accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.file(), "growth.toml");
    EXPECT_EQ(e.key(), "--precision");
    EXPECT_NE(e.reason().find("Korea semiconductors for gallium"), std::string::npos) << e.what();
    EXPECT_NE(e.reason().find("run in double"), std::string::npos) << e.what();
  }
}

TEST(FloatRange, TheShippedScenariosFitFloatOverTheirHorizons) {
  for (const char* name : {"baseline", "allied_trade_zone", "ga_ge_korea_chips", "recycling_2030",
                           "history_ree_2010"}) {
    const scenario::Scenario s = scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) +
                                                         "/data/scenarios/" + name + ".toml");
    EXPECT_NO_THROW(engine::check_float_range(s, engine::Precision::kFloat, s.horizon_days))
        << name;
  }
}

}  // namespace
}  // namespace mineralsim::testing
