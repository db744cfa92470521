// Origin tariffs: the Armington share, the shift of sourcing away from the tariffed exporter, the
// revenue, the reference-price levy and the days a tariff is in force.
#include <gtest/gtest.h>

#include "mineralsim/errors.hpp"
#include "mineralsim/model/steps/origin_tariffs.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "support/minimal_scenario.hpp"
#include "support/random_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::RealField;

// The minimal market (exporter X ships about 80 t/day of 110, Other 20) with a tariff on X's
// shipments to Buyer.
scenario::Scenario with_tariff(const std::string& tariff_keys) {
  return scenario::parse_scenario(
      minimal_scenario_toml(
          "", "[[tariff]]\nexporter = \"X\"\nimporter = \"Buyer\"\ncommodity = \"gallium\"\n" +
                  tariff_keys),
      "tariff.toml");
}

scenario::Scenario without_tariff() {
  return scenario::parse_scenario(minimal_scenario_toml(), "plain.toml");
}

TEST(OriginTariff, ArmingtonShareFallsWithTheRateAndIsTheMarketShareWithoutOne) {
  EXPECT_DOUBLE_EQ(model::tariffed_share(0.7, 0.0, 4.2), 0.7);
  EXPECT_DOUBLE_EQ(model::tariffed_share(0.7, 0.5, 0.0), 0.7);
  // w = 2^-1 = 0.5: 0.5 * 0.5 / (0.5 * 0.5 + 0.5) = 1/3.
  EXPECT_NEAR(model::tariffed_share(0.5, 1.0, 1.0), 1.0 / 3.0, 1e-15);
  double previous = 0.7;
  for (double rate : {0.1, 0.25, 0.5, 1.0, 3.0}) {
    const double share = model::tariffed_share(0.7, rate, 4.2);
    EXPECT_LT(share, previous) << "rate " << rate;
    EXPECT_GT(share, 0.0) << "rate " << rate;
    previous = share;
  }
  // The only origin keeps the whole order, whatever the tariff.
  EXPECT_EQ(model::tariffed_share(1.0, 5.0, 50.0), 1.0);
  // A prohibitive tariff drives the share to zero without NaN.
  EXPECT_EQ(model::tariffed_share(0.5, 1e12, 50.0), 0.0);
}

TEST(OriginTariff, ShiftsPurchasesToOtherOriginsAndCollectsRevenue) {
  SteppedBatch plain(without_tariff(), 5, 0, 1);
  SteppedBatch tariffed(with_tariff("rate = 0.5\n"), 5, 0, 1);
  const model::LaneState p = plain.lane(0);
  const model::LaneState t = tariffed.lane(0);
  double plain_from_x = 0.0;
  double tariffed_from_x = 0.0;
  for (int day = 0; day < 120; ++day) {
    const double price = t(RealField::price, 0);
    const double delivered_before = t(RealField::exporter_deliveries, 0);
    const double revenue_before = t(RealField::tariff_revenue_musd);
    plain.step();
    tariffed.step();
    const double shipped = t(RealField::exporter_deliveries, 0) - delivered_before;
    // Revenue: 50% of the price on every tonne shipped from X (the regime is OPEN, so every
    // shipment is delivered the same day), in USD million.
    EXPECT_NEAR(t(RealField::tariff_revenue_musd) - revenue_before,
                shipped * 1000.0 * price * 0.5 / 1e6, 1e-9 * (1.0 + revenue_before))
        << "day " << day;
  }
  plain_from_x = p(RealField::exporter_deliveries, 0) / p(RealField::imports_total, 0);
  tariffed_from_x = t(RealField::exporter_deliveries, 0) / t(RealField::imports_total, 0);
  EXPECT_LT(tariffed_from_x, plain_from_x - 0.01)
      << "the tariff did not move purchases away from X";
  EXPECT_GT(t(RealField::tariff_revenue_musd), 0.0);
  EXPECT_EQ(p(RealField::tariff_revenue_musd), 0.0);
}

TEST(OriginTariff, ReferencePriceLevyLiftsTheLandedPriceToTheReference) {
  // The world price stays near 100 USD/kg: a reference of 250 makes the levy about 150%, far
  // above the fixed rate of 10%.
  SteppedBatch batch(with_tariff("rate = 0.1\nreference_price = 250.0\n"), 5, 0, 1);
  const model::LaneState s = batch.lane(0);
  for (int day = 0; day < 60; ++day) {
    const double price = s(RealField::price, 0);
    ASSERT_LT(price, 250.0 / 1.1) << "the test needs the levy above the fixed rate";
    const double delivered_before = s(RealField::exporter_deliveries, 0);
    const double revenue_before = s(RealField::tariff_revenue_musd);
    batch.step();
    const double shipped = s(RealField::exporter_deliveries, 0) - delivered_before;
    EXPECT_NEAR(s(RealField::tariff_revenue_musd) - revenue_before,
                shipped * 1000.0 * (250.0 - price) / 1e6, 1e-9 * (1.0 + revenue_before))
        << "day " << day;
  }
}

TEST(OriginTariff, ActsOnlyBetweenItsStartAndEndDays) {
  SteppedBatch plain(without_tariff(), 9, 0, 1);
  SteppedBatch tariffed(with_tariff("rate = 1.0\nstart_day = 30\nend_day = 59\n"), 9, 0, 1);
  const model::LaneState p = plain.lane(0);
  const model::LaneState t = tariffed.lane(0);
  for (int day = 0; day < 90; ++day) {
    const double revenue_before = t(RealField::tariff_revenue_musd);
    plain.step();
    tariffed.step();
    if (day < 30) {
      // Before the tariff the two runs are the same trajectory, bit for bit.
      ASSERT_EQ(t(RealField::price, 0), p(RealField::price, 0)) << "day " << day;
      ASSERT_EQ(t(RealField::inventory, 0), p(RealField::inventory, 0)) << "day " << day;
    }
    const bool in_force = day >= 30 && day <= 59;
    if (in_force) {
      EXPECT_GT(t(RealField::tariff_revenue_musd), revenue_before) << "day " << day;
    } else {
      EXPECT_EQ(t(RealField::tariff_revenue_musd), revenue_before) << "day " << day;
    }
  }
}

// For every route (regime, importer) and day: active_tariff, which looks only at the route's own
// tariffs, gives the first tariff in force found by scanning all of them. Returns how many
// route-days had one.
int expect_routes_find_their_tariffs(const scenario::Scenario& s, int days) {
  const SteppedBatch batch(s, 1, 0, 1);
  int found = 0;
  for (int day = 0; day < days; ++day) {
    const model::DayContext ctx = batch.context(0, day);
    for (int x = 0; x < s.dims.regimes; ++x) {
      for (int k = 0; k < s.dims.importers; ++k) {
        int expected = -1;
        for (int t = s.dims.tariffs - 1; t >= 0; --t) {
          const auto i = static_cast<std::size_t>(t);
          if (s.tariff_regime[i] == x && s.tariff_importer[i] == k &&
              s.tariff_start_day[i] <= day && day <= s.tariff_end_day[i]) {
            expected = t;
          }
        }
        EXPECT_EQ(model::active_tariff(ctx, x, k), expected)
            << s.name << ": regime " << x << ", importer " << k << ", day " << day;
        found += expected >= 0 ? 1 : 0;
      }
    }
  }
  return found;
}

TEST(OriginTariff, EachRouteFindsTheTariffInForceOnItAmongAllOthers) {
  // The shipped trade-zone scenario: 24 tariffs on 24 routes of 5 regimes and 7 importers.
  const scenario::Scenario zone = scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) +
                                                          "/data/scenarios/allied_trade_zone.toml");
  ASSERT_EQ(zone.dims.tariffs, 24);
  EXPECT_GT(expect_routes_find_their_tariffs(zone, zone.horizon_days), 10000);
  // Random scenarios: up to two successive tariffs on a route, routes of several regimes.
  int found = 0;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    found += expect_routes_find_their_tariffs(
        scenario::parse_scenario(RandomScenarioWriter(seed, false).write(), "random.toml"), 220);
  }
  EXPECT_GT(found, 1000);  // not vacuous
}

TEST(OriginTariff, ScenarioErrorsNameTheKeyAndTheReason) {
  auto error_of = [](const std::string& tariff) -> std::string {
    try {
      scenario::parse_scenario(minimal_scenario_toml("", tariff), "bad.toml");
    } catch (const UserError& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string route = "[[tariff]]\nimporter = \"Buyer\"\ncommodity = \"gallium\"\n";
  EXPECT_NE(error_of(route + "exporter = \"Other\"\n").find("no regime for Other on gallium"),
            std::string::npos);
  EXPECT_NE(error_of(route + "exporter = \"X\"\nstart_day = 50\nend_day = 10\n")
                .find("tariff[X, Buyer, gallium].end_day: ends on day 10, before it starts"),
            std::string::npos)
      << error_of(route + "exporter = \"X\"\nstart_day = 50\nend_day = 10\n");
  const std::string overlapping =
      route + "exporter = \"X\"\nend_day = 100\n\n" + route + "exporter = \"X\"\nstart_day = 100\n";
  EXPECT_NE(error_of(overlapping).find("overlaps tariff[0] on the same route"), std::string::npos)
      << error_of(overlapping);
  EXPECT_NE(error_of(route + "exporter = \"X\"\nstart_day = 5\nstart_date = 2025-02-01\n")
                .find("give 'start_day' or 'start_date', not both"),
            std::string::npos);
  EXPECT_NE(error_of(route + "exporter = \"X\"\nrate = 11.0\n").find("rate"), std::string::npos);
  EXPECT_NE(error_of(route + "exporter = \"X\"\nsubstitutions = 2.0\n")
                .find("unknown key 'substitutions' (did you mean 'substitution'?)"),
            std::string::npos)
      << error_of(route + "exporter = \"X\"\nsubstitutions = 2.0\n");
}

}  // namespace
}  // namespace mineralsim::testing
