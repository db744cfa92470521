// Stockpiles: activation when the importer's cover falls below the trigger, the first release
// exactly `response_delay_days` later (Korea: 8 days), releases at the set rate to that importer.
#include <gtest/gtest.h>

#include "support/minimal_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::IntField;
using model::RealField;

std::string embargo_with_stockpile(int delay_days) {
  return minimal_scenario_toml(
      "initial = \"EMBARGO\"\n",
      "[[stockpile]]\nname = \"KOMIR\"\nimporter = \"Buyer\"\ncommodity = \"gallium\"\n"
      "initial = 5000.0\ncapacity = 5000.0\ntrigger_cover_days = 30.0\n"
      "trigger_price_ratio = 1000.0\nrelease_rate = 50.0\nstop_cover_days = 45.0\n"
      "response_delay_days = " +
          std::to_string(delay_days) + "\n");
}

void expect_first_release_after(int delay_days) {
  const scenario::Scenario s =
      scenario::parse_scenario(embargo_with_stockpile(delay_days), "stock.toml");
  SteppedBatch batch(s, 3, 0, 1);
  const model::LaneState st = batch.lane(0);
  int activation_day = -1;
  for (int day = 0; day < 200 && activation_day < 0; ++day) {
    batch.step();
    const double cover = st(RealField::inventory, 0) / st(RealField::demand_today, 0);
    if (st(IntField::stock_mode, 0) != model::kStockIdle) {
      activation_day = day;
      EXPECT_LT(cover, 30.0) << "activated on day " << day << " with cover above the trigger";
    } else {
      EXPECT_GE(cover, 30.0) << "not activated although cover fell below the trigger on day "
                             << day;
    }
  }
  ASSERT_GE(activation_day, 0) << "the stockpile never activated";
  for (int day = activation_day; day < activation_day + delay_days; ++day) {
    EXPECT_EQ(st(RealField::stock, 0), 5000.0) << "released early, on day " << day;
    batch.step();
  }
  // The step of day activation_day + delay_days released for the first time.
  EXPECT_EQ(st(RealField::stock, 0), 5000.0 - 50.0);
  EXPECT_EQ(st(IntField::stock_mode, 0), model::kStockReleasing);
}

TEST(Stockpile, KoreanEightDayResponseReleasesOnTheEighthDayAfterActivation) {
  expect_first_release_after(8);
}

TEST(Stockpile, LongerResponseDelayIsRespected) { expect_first_release_after(21); }

TEST(Stockpile, StockNeverGoesNegativeAndEmptyDayIsRecorded) {
  const scenario::Scenario s = scenario::parse_scenario(embargo_with_stockpile(8), "stock.toml");
  SteppedBatch batch(s, 3, 0, 1);
  for (int day = 0; day < 400; ++day) {
    batch.step();
    ASSERT_GE(batch.lane(0)(RealField::stock, 0), 0.0);
  }
  const int empty_day = batch.lane(0)(IntField::stock_empty_day, 0);
  EXPECT_GT(empty_day, 0);
  EXPECT_EQ(batch.lane(0)(RealField::stock, 0), 0.0);
}

}  // namespace
}  // namespace mineralsim::testing
