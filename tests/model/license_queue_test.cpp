// The licence queue is a discrete Erlang pipeline: a shipment passes m stages, leaving each with
// probability p = m / delay a day, so its delay is a sum of m geometric(p) days: mean m / p (the
// scenario's license_delay_days) and variance m (1 - p) / p^2. A unit pulse put into the queue
// comes out with exactly that distribution, scaled by the approval share.
#include <gtest/gtest.h>

#include <cmath>

#include "mineralsim/model/steps/exports.hpp"
#include "support/minimal_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

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

}  // namespace
}  // namespace mineralsim::testing
