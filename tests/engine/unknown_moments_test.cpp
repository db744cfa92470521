// A day whose mean or standard deviation the exact sums cannot hold is reported, with the
// variable's name and the first such day, so that a run can say so instead of leaving NaN to be
// found in the file.
#include "mineralsim/engine/unknown_moments.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using ::testing::HasSubstr;

// Steps the small scenario for `days` days; on `bad_day` lane 0's unmet demand of Korea's gallium
// (element 0) is set to `value` before the day's statistics are taken.
engine::DailyStatistics run_with(double value, int bad_day, int days) {
  const scenario::Scenario s = small_scenario();
  SteppedBatch batch(s, 3, 0, 20);
  engine::DailyStatistics statistics(batch.model(), days);
  for (int day = 0; day < days; ++day) {
    batch.step();
    if (day == bad_day) batch.lane(0)(model::RealField::unmet_today, 0) = value;
    statistics.accumulate_day(day, batch.batch(), batch.lanes());
  }
  return statistics;
}

int unmet_of_korea_gallium(const engine::DailyStatistics& statistics) {
  return statistics.variables().first[static_cast<int>(model::Observable::unmet)];
}

TEST(UnknownMoments, AValueBeyondTheExactSumsIsReportedWithItsVariableAndDay) {
  const engine::DailyStatistics statistics = run_with(1e40, 4, 10);
  const int v = unmet_of_korea_gallium(statistics);
  EXPECT_EQ(statistics.first_day_with_unknown_moments(v), 4);
  EXPECT_TRUE(std::isnan(statistics.mean(4, v)));
  EXPECT_EQ(statistics.max(4, v), 1e40);  // the extremes are kept
  const std::vector<std::string> lines = describe_unknown_moments(small_scenario(), statistics);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("unmet[Korea semiconductors, gallium] is unknown"));
  EXPECT_THAT(lines[0], HasSubstr("from day 4"));
}

TEST(UnknownMoments, AValueWhoseSquareIsBeyondThemLeavesTheStandardDeviationUnknown) {
  const engine::DailyStatistics statistics = run_with(1e20, 2, 5);
  const int v = unmet_of_korea_gallium(statistics);
  EXPECT_EQ(statistics.first_day_with_unknown_moments(v), 2);
  EXPECT_FALSE(std::isnan(statistics.mean(2, v)));
  EXPECT_TRUE(std::isnan(statistics.standard_deviation(2, v)));
}

TEST(UnknownMoments, NonFiniteValuesAreReportedAndOrdinaryRunsReportNothing) {
  const engine::DailyStatistics with_nan = run_with(std::numeric_limits<double>::quiet_NaN(), 1, 3);
  EXPECT_EQ(with_nan.first_day_with_unknown_moments(unmet_of_korea_gallium(with_nan)), 1);
  const engine::DailyStatistics ordinary = run_with(0.5, 1, 30);
  EXPECT_EQ(describe_unknown_moments(small_scenario(), ordinary), std::vector<std::string>{});
}

}  // namespace
}  // namespace mineralsim::testing
