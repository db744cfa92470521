// Price floors: paid only from floor_from_day to floor_until_day, raising the supplier's output
// and the government's cost, never the market price.
#include <gtest/gtest.h>

#include "support/minimal_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::RealField;

TEST(PriceFloor, IsPaidOnlyBetweenItsFirstAndLastDay) {
  // Other's cost is 50 USD/kg and the price about 100: a floor of 400 lifts its utilisation to 1
  // and costs the government (400 - price) per kg produced.
  std::string text = minimal_scenario_toml();
  const std::string other = "supplier = \"Other\"\ncommodity = \"gallium\"\ncapacity = 20.0\n";
  text.replace(text.find(other), other.size(),
               other + "floor_price = 400.0\nfloor_from_day = 20\nfloor_until_day = 39\n");
  SteppedBatch batch(scenario::parse_scenario(text, "floor.toml"), 2, 0, 1);
  const model::LaneState s = batch.lane(0);
  for (int day = 0; day < 60; ++day) {
    const double price = s(RealField::price, 0);
    const double cost_before = s(RealField::floor_cost_musd);
    batch.step();
    const double paid = s(RealField::floor_cost_musd) - cost_before;
    if (day >= 20 && day <= 39) {
      // Full utilisation: 20 t/day at (400 - price) USD/kg.
      EXPECT_NEAR(paid, 20.0 * 1000.0 * (400.0 - price) / 1e6, 1e-9) << "day " << day;
    } else {
      EXPECT_EQ(paid, 0.0) << "day " << day;
    }
  }
}

TEST(PriceFloor, AFloorGivenAloneIsPaidEveryDay) {
  std::string text = minimal_scenario_toml();
  const std::string other = "supplier = \"Other\"\ncommodity = \"gallium\"\ncapacity = 20.0\n";
  text.replace(text.find(other), other.size(), other + "floor_price = 400.0\n");
  SteppedBatch batch(scenario::parse_scenario(text, "floor.toml"), 2, 0, 1);
  const model::LaneState s = batch.lane(0);
  for (int day = 0; day < 60; ++day) {
    const double cost_before = s(RealField::floor_cost_musd);
    batch.step();
    EXPECT_GT(s(RealField::floor_cost_musd), cost_before) << "day " << day;
  }
}

}  // namespace
}  // namespace mineralsim::testing
