// The licence queue is a discrete Erlang pipeline: a shipment passes m stages, leaving each with
// probability p = m / delay a day, so its delay is a sum of m geometric(p) days: mean m / p (the
// scenario's license_delay_days) and variance m (1 - p) / p^2. A unit pulse put into the queue
// comes out with exactly that distribution, scaled by the approval share. A shipment whose
// destination is barred on the day it leaves the queue is refused and goes back to the exporter.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "mineralsim/model/regime_level.hpp"
#include "mineralsim/model/steps/exports.hpp"
#include "support/minimal_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::IntField;
using model::RealField;

// Runs only the licence-queue part of step 4 for regime 0 of lane 0.
void advance_queue_of_first_regime(SteppedBatch<>& batch, int day) {
  model::advance_license_queues(batch.context(0, day), 0);
}

struct DelayMoments {
  double total = 0.0, mean = 0.0, variance = 0.0;
};

DelayMoments pulse_response(int stages, double delay, double approval) {
  const scenario::Scenario s = scenario::parse_scenario(
      minimal_scenario_toml("initial = \"LICENSED\"\nlicense_stages = " + std::to_string(stages) +
                            "\nlicense_delay_days = " + std::to_string(delay) +
                            "\napproval_share = " + std::to_string(approval) + "\n"),
      "queue.toml");
  SteppedBatch batch(s, 1, 0, 1);
  const model::LaneState st = batch.lane(0);
  const model::ModelParameters& m = batch.model();
  for (int q = 0; q < m.dims.license_stages; ++q) st(RealField::license_queue, q) = 0.0;
  st(RealField::license_queue, 0) = 1.0;  // the pulse, entering on day 0
  st(RealField::inventory, 0) = 0.0;      // so that arrivals are measured without rounding
  DelayMoments moments;
  double second = 0.0;
  for (int day = 1; day < 3000; ++day) {
    const double before = st(RealField::inventory, 0);
    advance_queue_of_first_regime(batch, day);
    const double arrived = st(RealField::inventory, 0) - before;
    moments.total += arrived;
    moments.mean += arrived * day;
    second += arrived * day * day;
  }
  moments.mean /= moments.total;
  moments.variance = second / moments.total - moments.mean * moments.mean;
  return moments;
}

TEST(LicenseQueue, DelayHasTheErlangPipelineMeanAndVariance) {
  for (int stages : {1, 3, 5}) {
    const double delay = 45.0;
    const double p = stages / delay;
    const DelayMoments m = pulse_response(stages, delay, 1.0);
    EXPECT_NEAR(m.total, 1.0, 1e-9) << stages << " stages";
    EXPECT_NEAR(m.mean, delay, 1e-6) << stages << " stages";
    EXPECT_NEAR(m.variance, stages * (1.0 - p) / (p * p), 1e-4) << stages << " stages";
  }
}

TEST(LicenseQueue, OnlyTheApprovedShareArrives) {
  const DelayMoments m = pulse_response(3, 30.0, 0.6);
  EXPECT_NEAR(m.total, 0.6, 1e-9);
  EXPECT_NEAR(m.mean, 30.0, 1e-6);
}

TEST(LicenseQueue, NoShipmentLeavesBeforeEveryStageIsPassed) {
  const scenario::Scenario s = scenario::parse_scenario(
      minimal_scenario_toml("initial = \"LICENSED\"\nlicense_stages = 4\nlicense_delay_days = 4\n"
                            "approval_share = 1.0\n"),
      "queue.toml");
  SteppedBatch batch(s, 1, 0, 1);
  // With delay equal to the stage count every stage passes everything each day: exactly 4 days.
  const model::LaneState st = batch.lane(0);
  const model::ModelParameters& m = batch.model();
  for (int q = 0; q < m.dims.license_stages; ++q) st(RealField::license_queue, q) = 0.0;
  st(RealField::license_queue, 0) = 1.0;
  for (int day = 1; day <= 4; ++day) {
    const double before = st(RealField::inventory, 0);
    advance_queue_of_first_regime(batch, day);
    EXPECT_EQ(st(RealField::inventory, 0) - before, day == 4 ? 1.0 : 0.0) << "day " << day;
  }
}

// A pulse of 1 t in a one-stage queue that passes half its content a day, with the destination
// barred by `bar` (called with the lane's state) on day 1 only. Returns what reached the importer
// and what went back to the exporter on days 1 and 2.
struct Decisions {
  double delivered_day1, returned_day1, delivered_day2, returned_day2;
};

template <class Bar, class Lift>
Decisions decisions_with_destination_barred_on_day_one(const std::string& regime_extra, Bar bar,
                                                       Lift lift) {
  const scenario::Scenario s = scenario::parse_scenario(
      minimal_scenario_toml("initial = \"LICENSED\"\nlicense_stages = 1\nlicense_delay_days = 2\n"
                            "approval_share = 0.8\n" +
                            regime_extra),
      "queue.toml");
  SteppedBatch batch(s, 1, 0, 1);
  const model::LaneState st = batch.lane(0);
  const int exporter = 0;  // supplier X, commodity 0
  for (int q = 0; q < batch.model().dims.license_stages; ++q) st(RealField::license_queue, q) = 0.0;
  st(RealField::license_queue, 0) = 1.0;
  st(RealField::inventory, 0) = 0.0;
  st(RealField::producer_inventory, exporter) = 0.0;
  Decisions d{};
  bar(st);
  advance_queue_of_first_regime(batch, 1);
  d.delivered_day1 = st(RealField::inventory, 0);
  d.returned_day1 = st(RealField::producer_inventory, exporter);
  lift(st);
  advance_queue_of_first_regime(batch, 2);
  d.delivered_day2 = st(RealField::inventory, 0) - d.delivered_day1;
  d.returned_day2 = st(RealField::producer_inventory, exporter) - d.returned_day1;
  return d;
}

TEST(LicenseQueue, AShipmentWhoseDestinationIsBarredOnTheDayOfItsDecisionGoesBackToTheExporter) {
  const auto set_level = [](int level) {
    return [level](const model::LaneState<double>& st) { st(IntField::regime_level, 0) = level; };
  };
  const auto set_ban = [](int banned) {
    return [banned](const model::LaneState<double>& st) {
      st(IntField::destination_banned, 0) = banned;
    };
  };
  const struct {
    const char* measure;
    std::string regime_extra;
    std::function<void(const model::LaneState<double>&)> bar, lift;
  } cases[] = {
      {"embargo", "", set_level(model::kEmbargo), set_level(model::kLicensed)},
      {"ban", "", set_ban(1), set_ban(0)},
      {"restricted, flagged destination", "restricted_destinations = [\"Buyer\"]\n",
       set_level(model::kRestricted), set_level(model::kLicensed)},
  };
  for (const auto& c : cases) {
    const Decisions d = decisions_with_destination_barred_on_day_one(c.regime_extra, c.bar, c.lift);
    // Day 1: half the pulse comes up for decision and is refused whole.
    EXPECT_EQ(d.delivered_day1, 0.0) << c.measure;
    EXPECT_EQ(d.returned_day1, 0.5) << c.measure;
    // Day 2, the measure lifted: half of the rest is decided as usual, 80% approved.
    EXPECT_EQ(d.delivered_day2, 0.25 * 0.8) << c.measure;
    EXPECT_NEAR(d.returned_day2, 0.25 * 0.2, 1e-15) << c.measure;
  }
  // A flagged destination is barred only under RESTRICTED: under LICENSED it is served.
  const Decisions licensed = decisions_with_destination_barred_on_day_one(
      "restricted_destinations = [\"Buyer\"]\n", set_level(model::kLicensed),
      set_level(model::kLicensed));
  EXPECT_EQ(licensed.delivered_day1, 0.5 * 0.8);
}

}  // namespace
}  // namespace mineralsim::testing
