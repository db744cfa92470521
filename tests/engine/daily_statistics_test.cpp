// Per-day statistics: mean, standard deviation and extremes agree with a direct computation;
// histogram quantiles are within one bin (1/32 relative) of the exact sorted-sample quantile.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "mineralsim/engine/daily_statistics.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

TEST(HistogramBinning, EveryValueFallsInsideItsBin) {
  const engine::HistogramBinning binning{false, 3.7};
  for (double x = 3.7 / 250.0; x < 3.7 * 250.0; x *= 1.013) {
    const int b = binning.bin(x);
    ASSERT_GT(b, 0);
    ASSERT_LT(b, engine::HistogramBinning::kBins - 1);
    EXPECT_LE(binning.lower_edge(b), x);
    EXPECT_GT(binning.upper_edge(b), x);
    EXPECT_LE(binning.upper_edge(b) / binning.lower_edge(b), 1.0 + 1.0 / 32.0 + 1e-12);
  }
  EXPECT_EQ(binning.bin(0.0), 0);
  EXPECT_EQ(binning.bin(3.7 * 1025.0), engine::HistogramBinning::kBins - 1);
}

TEST(DailyStatistics, AgreeWithExactComputationOnASmallEnsemble) {
  const scenario::Scenario s = small_scenario();
  constexpr int kLanes = 500, kDays = 60;
  SteppedBatch batch(s, 8, 0, kLanes);
  engine::DailyStatistics stats(batch.model(), kDays);
  for (int day = 0; day < kDays; ++day) {
    batch.step();
    stats.accumulate_day(day, batch.batch(), kLanes);
  }
  const engine::ObservedVariables& vars = stats.variables();
  for (int v = 0; v < vars.size(); ++v) {
    std::vector<double> x(kLanes);
    for (int lane = 0; lane < kLanes; ++lane) {
      x[static_cast<std::size_t>(lane)] =
          model::observe(batch.lane(lane), vars.variables[static_cast<std::size_t>(v)].observable,
                         vars.variables[static_cast<std::size_t>(v)].element);
    }
    double sum = 0.0;
    for (double value : x) sum += value;
    const double mean = sum / kLanes;
    double squares = 0.0;
    for (double value : x) squares += (value - mean) * (value - mean);
    const int day = kDays - 1;
    EXPECT_NEAR(stats.mean(day, v), mean, 1e-9 * std::fmax(1.0, std::fabs(mean)))
        << "variable " << v;
    EXPECT_NEAR(stats.standard_deviation(day, v), std::sqrt(squares / (kLanes - 1)),
                1e-7 * std::fmax(1.0, std::fabs(mean)))
        << "variable " << v;
    std::sort(x.begin(), x.end());
    EXPECT_EQ(stats.min(day, v), x.front());
    EXPECT_EQ(stats.max(day, v), x.back());
    if (!stats.has_quantiles(v)) continue;
    for (double level : engine::kQuantileLevels) {
      const auto rank =
          std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(level * kLanes)));
      const double exact = x[rank - 1];
      const double estimate = stats.quantile(day, v, level);
      const bool linear =
          vars.variables[static_cast<std::size_t>(v)].observable == model::Observable::tension;
      const double scale = vars.variables[static_cast<std::size_t>(v)].scale;
      // Within its bin; values below scale / 256 share the underflow bin, reported as the minimum.
      const double tolerance = linear ? engine::HistogramBinning::kLinearWidth
                                      : std::fmax(std::fabs(exact) / 32.0, scale / 256.0);
      EXPECT_LE(std::fabs(estimate - exact), tolerance + 1e-12)
          << "variable " << v << " quantile " << level << ": exact " << exact << ", histogram "
          << estimate;
    }
  }
}

}  // namespace
}  // namespace mineralsim::testing

namespace mineralsim::testing {
namespace {

// Every statistic of (day, variable), for bitwise comparison.
std::vector<double> every_statistic(const engine::DailyStatistics& stats) {
  std::vector<double> out;
  for (int day = 0; day < stats.days(); ++day) {
    for (int v = 0; v < stats.variables().size(); ++v) {
      out.insert(out.end(),
                 {stats.mean(day, v), stats.standard_deviation(day, v), stats.min(day, v),
                  stats.max(day, v), stats.positive_probability(day, v)});
      for (double level : engine::kQuantileLevels) out.push_back(stats.quantile(day, v, level));
    }
  }
  return out;
}

// Two "shards" accumulated separately, in reverse order and merged give exactly the statistics
// of one pass over all trajectories: the scheme shards, ranks and device reductions rely on.
TEST(DailyStatistics, MergeOfShardsInAnyOrderIsBitwiseTheSingleRun) {
  const scenario::Scenario s = small_scenario();
  constexpr int kDays = 40;
  SteppedBatch all(s, 5, 0, 300);
  SteppedBatch first(s, 5, 0, 120);     // trajectories 0..119
  SteppedBatch second(s, 5, 120, 180);  // trajectories 120..299
  engine::DailyStatistics whole(all.model(), kDays);
  engine::DailyStatistics part_a(all.model(), kDays);
  engine::DailyStatistics part_b(all.model(), kDays);
  for (int day = 0; day < kDays; ++day) {
    all.step();
    first.step();
    second.step();
    whole.accumulate_day(day, all.batch(), 300);
    part_a.accumulate_day(day, first.batch(), 120);
    part_b.accumulate_day(day, second.batch(), 180);
  }
  part_b.merge(part_a);  // the later shard first
  const std::vector<double> expected = every_statistic(whole);
  const std::vector<double> merged = every_statistic(part_b);
  ASSERT_EQ(expected.size(), merged.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    // Bitwise: equal, or both NaN.
    EXPECT_TRUE(expected[i] == merged[i] || (std::isnan(expected[i]) && std::isnan(merged[i])))
        << "statistic " << i << ": " << expected[i] << " vs " << merged[i];
  }
  EXPECT_EQ(part_b.trajectories(), 300u);
}

}  // namespace
}  // namespace mineralsim::testing
