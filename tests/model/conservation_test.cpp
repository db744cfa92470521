// MODEL.md section 4: for every commodity and every day, production + recycling = consumption +
// the change of all stocks (producers, importers, stockpiles, licence queues). Checked on every
// step of many random valid scenarios, and on the extremes of the valid parameter ranges.
#include <gtest/gtest.h>

#include <cmath>

#include "support/random_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::RealField;

struct CommodityBalance {
  double stocks = 0.0;
  double scale = 0.0;  // the largest stock or flow seen, for the rounding tolerance
};

// In double whatever the run's precision, so that the check adds no rounding of its own.
template <class Real>
double commodity_stocks(const model::ModelParameters& m, const model::LaneState<Real>& s, int c) {
  const model::Dimensions& d = m.dims;
  double total = 0.0;
  for (int sup = 0; sup < d.suppliers; ++sup)
    total += static_cast<double>(s(RealField::producer_inventory, sup * d.commodities + c));
  for (int k = 0; k < d.importers; ++k) {
    total += static_cast<double>(s(RealField::inventory, k * d.commodities + c));
  }
  for (int g = 0; g < d.holdings; ++g) {
    if (m.holding_commodity[g] == c) total += static_cast<double>(s(RealField::stock, g));
  }
  for (int x = 0; x < d.regimes; ++x) {
    if (m.regime_commodity[x] != c) continue;
    for (int k = 0; k < d.importers; ++k) {
      for (int stage = 0; stage < d.license_stages; ++stage) {
        total += static_cast<double>(
            s(RealField::license_queue, (x * d.importers + k) * d.license_stages + stage));
      }
    }
  }
  return total;
}

// A relative rounding tolerance per precision: a day's balance adds a few dozen rounded terms.
double balance_tolerance(double) { return 1e-9; }
double balance_tolerance(float) { return 1e-6; }

// Steps `lanes` trajectories of the scenario in precision Real and checks the balance of every
// commodity each day.
template <class Real = double>
void expect_conservation(const scenario::Scenario& s, int lanes, int days) {
  SteppedBatch<Real> batch(s, 99, 0, lanes);
  const model::ModelParameters& m = batch.model();
  for (int day = 0; day < days; ++day) {
    std::vector<double> before(static_cast<std::size_t>(lanes * m.dims.commodities));
    for (int lane = 0; lane < lanes; ++lane) {
      for (int c = 0; c < m.dims.commodities; ++c) {
        before[static_cast<std::size_t>(lane * m.dims.commodities + c)] =
            commodity_stocks(m, batch.lane(lane), c);
      }
    }
    batch.step();
    for (int lane = 0; lane < lanes; ++lane) {
      const model::LaneState<Real> st = batch.lane(lane);
      for (int c = 0; c < m.dims.commodities; ++c) {
        const double was = before[static_cast<std::size_t>(lane * m.dims.commodities + c)];
        const double now = commodity_stocks(m, st, c);
        const double production = static_cast<double>(st(RealField::flow_production, c));
        const double recycled = static_cast<double>(st(RealField::flow_recycled, c));
        const double consumed = static_cast<double>(st(RealField::flow_consumed, c));
        const double residual = (production + recycled) - consumed - (now - was);
        const double scale = std::fmax(
            1.0, std::fmax(std::fabs(was) + std::fabs(now), production + recycled + consumed));
        ASSERT_LE(std::fabs(residual), balance_tolerance(Real{}) * scale)
            << "commodity " << c << ", lane " << lane << ", day " << day << ": production "
            << production << " recycled " << recycled << " consumed " << consumed << " stocks "
            << was << " -> " << now;
      }
    }
  }
}

TEST(Conservation, HoldsOnEveryStepOfTheSmallScenario) {
  expect_conservation(small_scenario(), 16, 400);
}

TEST(Conservation, HoldsOnEveryStepOfRandomValidScenarios) {
  for (std::uint64_t seed = 0; seed < 60; ++seed) {
    SCOPED_TRACE("random scenario seed " + std::to_string(seed));
    const std::string text = RandomScenarioWriter(seed, false).write();
    expect_conservation(scenario::parse_scenario(text, "random.toml"), 4, 200);
  }
}

TEST(Conservation, HoldsInFloatOnEveryStepOfTheSmallAndRandomScenarios) {
  expect_conservation<float>(small_scenario(), 16, 400);
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    SCOPED_TRACE("random scenario seed " + std::to_string(seed));
    const std::string text = RandomScenarioWriter(seed, false).write();
    expect_conservation<float>(scenario::parse_scenario(text, "random.toml"), 4, 200);
  }
}

TEST(Conservation, HoldsInFloatAtTheExtremesOfValidParameters) {
  for (std::uint64_t seed = 1000; seed < 1040; ++seed) {
    SCOPED_TRACE("extreme scenario seed " + std::to_string(seed));
    const std::string text = RandomScenarioWriter(seed, true).write();
    expect_conservation<float>(scenario::parse_scenario(text, "extreme.toml"), 4, 200);
  }
}

TEST(Conservation, HoldsAtTheExtremesOfValidParameters) {
  for (std::uint64_t seed = 1000; seed < 1040; ++seed) {
    SCOPED_TRACE("extreme scenario seed " + std::to_string(seed));
    const std::string text = RandomScenarioWriter(seed, true).write();
    expect_conservation(scenario::parse_scenario(text, "extreme.toml"), 4, 200);
  }
}

}  // namespace
}  // namespace mineralsim::testing
