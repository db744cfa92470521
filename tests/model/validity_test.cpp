// MODEL.md section 4, validity: no NaN or Inf anywhere in the state, and prices always positive,
// for random valid scenarios including the extremes of every parameter's range, in both precisions
// a run can compute in.
#include <gtest/gtest.h>

#include <cmath>

#include "support/random_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::RealField;

template <class Real>
void expect_valid_state(const scenario::Scenario& s, int days) {
  SteppedBatch<Real> batch(s, 5, 0, 4);
  const model::ModelParameters& m = batch.model();
  for (int day = 0; day < days; ++day) {
    batch.step();
    for (int lane = 0; lane < batch.lanes(); ++lane) {
      const model::LaneState<Real> st = batch.lane(lane);
      for (int f = 0; f < model::kRealFieldCount; ++f) {
        const int n = model::state_extent(m.dims, model::kRealFieldExtent[f]);
        for (int i = 0; i < n; ++i) {
          const double v = static_cast<double>(st(static_cast<RealField>(f), i));
          ASSERT_TRUE(std::isfinite(v)) << model::kRealFieldNames[f] << "[" << i << "] = " << v
                                        << " on day " << day << ", lane " << lane;
        }
      }
      for (int c = 0; c < m.dims.commodities; ++c) ASSERT_GT(st(RealField::price, c), Real(0));
      for (int x = 0; x < m.dims.regimes; ++x) {
        ASSERT_GT(st(RealField::home_price, x), Real(0));
        const int level = st(model::IntField::regime_level, x);
        ASSERT_GE(level, 0);
        ASSERT_LE(level, 3);
      }
      for (int g = 0; g < m.dims.holdings; ++g) ASSERT_GE(st(RealField::stock, g), Real(0));
    }
  }
}

template <class Real>
class Validity : public ::testing::Test {};
using Precisions = ::testing::Types<double, float>;
TYPED_TEST_SUITE(Validity, Precisions);

// Ten years: long enough for unbounded compounding of investment to overflow either precision.
TYPED_TEST(Validity, NoNanInfAndPositivePricesAtExtremeValidParameters) {
  for (std::uint64_t seed = 2000; seed < 2080; ++seed) {
    SCOPED_TRACE("extreme scenario seed " + std::to_string(seed));
    expect_valid_state<TypeParam>(
        scenario::parse_scenario(RandomScenarioWriter(seed, true).write(), "x.toml"), 3650);
  }
}

TYPED_TEST(Validity, NoNanInfInTheSmallScenarioOverThreeYears) {
  expect_valid_state<TypeParam>(small_scenario(), 1095);
}

}  // namespace
}  // namespace mineralsim::testing
