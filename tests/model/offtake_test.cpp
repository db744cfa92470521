// Offtake agreements (clearing, pass 1): each takes its share of its supplier's stock as the stock
// stood before the day's offtakes, so that shares that add up to at most 1 (the loader's check)
// reserve exactly those parts of it, whatever their order in the file.
#include <gtest/gtest.h>

#include "mineralsim/model/steps/clearing.hpp"
#include "support/minimal_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::RealField;

struct Taken {
  double buyer, second, left;
};

// Supplier "Other" (index 1) holds 100 t of gallium and has offtakes with two importers, both of
// which order far more than that; returns what each got and what is left.
Taken offtakes_from_100_tonnes(double buyer_share, double second_share) {
  const std::string more = R"(
[[importer]]
name = "Second"

[[demand]]
importer = "Second"
commodity = "gallium"
quantity = 10.0

[[offtake]]
supplier = "Other"
importer = "Buyer"
commodity = "gallium"
share = )" + std::to_string(buyer_share) +
                           R"(

[[offtake]]
supplier = "Other"
importer = "Second"
commodity = "gallium"
share = )" + std::to_string(second_share) +
                           "\n";
  const scenario::Scenario s =
      scenario::parse_scenario(minimal_scenario_toml("", more), "offtakes.toml");
  SteppedBatch batch(s, 1, 0, 1);
  const model::LaneState st = batch.lane(0);
  const int other = 1, buyer = 0, second = 1;
  st(RealField::producer_inventory, other) = 100.0;
  for (const int k : {buyer, second}) {
    st(RealField::open_order, k) = 1000.0;
    st(RealField::inventory, k) = 0.0;
  }
  model::fill_offtakes(batch.context(0, 1), 0);
  return {st(RealField::inventory, buyer), st(RealField::inventory, second),
          st(RealField::producer_inventory, other)};
}

TEST(Offtakes, EachTakesItsShareOfTheStockAsItStoodBeforeTheDaysOfftakes) {
  const Taken t = offtakes_from_100_tonnes(0.5, 0.25);
  EXPECT_EQ(t.buyer, 50.0);
  EXPECT_EQ(t.second, 25.0);  // a quarter of the 100 t, not of the 50 t the first one left
  EXPECT_EQ(t.left, 25.0);
}

TEST(Offtakes, SharesThatAddUpToOneTakeTheWholeStockAndNoMore) {
  const Taken t = offtakes_from_100_tonnes(0.7, 0.3);
  EXPECT_NEAR(t.buyer, 70.0, 1e-12);
  EXPECT_NEAR(t.second, 30.0, 1e-12);
  EXPECT_GE(t.left, 0.0);
  EXPECT_EQ(t.buyer + t.second + t.left, 100.0);
}

}  // namespace
}  // namespace mineralsim::testing
