// Invariants on several hundred random valid scenarios (sizes, parameters, regimes, events,
// projects, stockpiles, offtakes): no NaN/Inf, positive prices, regimes in range, stockpiles within
// [0, capacity], non-negative stocks and queues, and determinism (a trajectory is the same alone
// and inside a batch). Conservation is checked on the same generator in conservation_test.cpp.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "support/random_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::IntField;
using model::RealField;

void expect_invariants(const scenario::Scenario& s) {
  constexpr int kLanes = 3;
  SteppedBatch batch(s, 21, 40, kLanes);
  SteppedBatch alone(s, 21, 41, 1);  // the middle lane of `batch`, run by itself
  const model::ModelParameters& m = batch.model();
  const model::Dimensions& d = m.dims;
  const int days = s.horizon_days < 150 ? s.horizon_days : 150;
  for (int day = 0; day < days; ++day) {
    batch.step();
    alone.step();
    for (int lane = 0; lane < kLanes; ++lane) {
      const model::LaneState st = batch.lane(lane);
      const model::ParamReader param = batch.params(lane);
      for (int c = 0; c < d.commodities; ++c) {
        ASSERT_TRUE(std::isfinite(st(RealField::price, c)) && st(RealField::price, c) > 0.0);
      }
      for (int x = 0; x < d.regimes; ++x) {
        ASSERT_GE(st(IntField::regime_level, x), model::kOpen);
        ASSERT_LE(st(IntField::regime_level, x), model::kEmbargo);
        ASSERT_TRUE(std::isfinite(st(RealField::home_price, x)) &&
                    st(RealField::home_price, x) > 0.0);
      }
      for (int g = 0; g < d.holdings; ++g) {
        ASSERT_GE(st(RealField::stock, g), 0.0);
        ASSERT_LE(st(RealField::stock, g), param(model::Param::stock_capacity, g) * (1.0 + 1e-12));
      }
      for (int sc = 0; sc < d.suppliers * d.commodities; ++sc) {
        ASSERT_GE(st(RealField::producer_inventory, sc),
                  -1e-9 * (1.0 + st(RealField::capacity, sc)));
      }
      for (int kc = 0; kc < d.importers * d.commodities; ++kc) {
        ASSERT_GE(st(RealField::inventory, kc), 0.0);
        ASSERT_GE(st(RealField::unmet_today, kc), 0.0);
        ASSERT_TRUE(std::isfinite(st(RealField::inventory, kc)));
      }
      for (int q = 0; q < d.regimes * d.importers * d.license_stages; ++q) {
        ASSERT_GE(st(RealField::license_queue, q), 0.0);
      }
    }
  }
  const model::StateLayout& layout = batch.batch().layout();
  for (int i = 0; i < layout.real_elements; ++i) {
    const double in_batch = batch.batch().reals()[i * batch.batch().stride() + 1];
    const double by_itself = alone.batch().reals()[i * alone.batch().stride()];
    ASSERT_EQ(std::memcmp(&in_batch, &by_itself, sizeof(double)), 0) << "real element " << i;
  }
}

TEST(RandomScenarioInvariants, HoldForThreeHundredTypicalScenarios) {
  for (std::uint64_t seed = 5000; seed < 5300; ++seed) {
    SCOPED_TRACE("random scenario seed " + std::to_string(seed));
    expect_invariants(
        scenario::parse_scenario(RandomScenarioWriter(seed, false).write(), "r.toml"));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

TEST(RandomScenarioInvariants, HoldForTwoHundredExtremeScenarios) {
  for (std::uint64_t seed = 7000; seed < 7200; ++seed) {
    SCOPED_TRACE("extreme scenario seed " + std::to_string(seed));
    expect_invariants(scenario::parse_scenario(RandomScenarioWriter(seed, true).write(), "x.toml"));
    if (::testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace mineralsim::testing
