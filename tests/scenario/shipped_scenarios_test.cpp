// Every scenario shipped in data/scenarios/, and each of its variants, validates and runs a small
// ensemble; the two arms of the recycling comparison differ only where they should; the historical
// episodes carry their real start dates, and their scheduled regime changes happen on the
// documented calendar days.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(MINERALSIM_SOURCE_DIR) +
                                                               "/data/scenarios")) {
    if (entry.path().extension() == ".toml") paths.push_back(entry.path().string());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Runs 40 trajectories of up to 120 days and checks the file is complete with finite prices.
void expect_small_ensemble_runs(const scenario::Scenario& s) {
  TemporaryFile file("shipped.h5");
  engine::RunConfig config;
  config.trajectories = 40;
  config.days = std::min(s.horizon_days, 120);
  config.seed = s.seed;
  config.batch = 20;
  config.output = file.path();
  config.progress = nullptr;
  const engine::RunSummary summary = engine::run_ensemble(s, config);
  EXPECT_EQ(summary.trajectories, 40u);
  const hid_t h5 = H5Fopen(file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(h5, 0);
  for (double price : io::read_doubles(h5, "/daily/price/mean")) ASSERT_TRUE(std::isfinite(price));
  EXPECT_EQ(io::read_int64s(h5, "/progress")[2], 1);
  EXPECT_EQ(io::read_string_attribute(h5, "scenario_variant"), s.variant);
  H5Fclose(h5);
}

TEST(ShippedScenarios, EveryScenarioAndVariantValidatesAndRunsASmallEnsemble) {
  const auto paths = shipped_scenarios();
  ASSERT_FALSE(paths.empty());
  for (const std::string& path : paths) {
    SCOPED_TRACE(path);
    const scenario::Scenario base = scenario::load_scenario(path);
    expect_small_ensemble_runs(base);
    for (const std::string& variant : base.variants) {
      SCOPED_TRACE("variant " + variant);
      expect_small_ensemble_runs(scenario::load_scenario(path, variant));
    }
  }
}

// The two arms of the recycling comparison differ only in the recycled share that the six Korean
// demands reach by 2030: 20% in the base, 2% in the variant "low".
TEST(ShippedScenarios, RecyclingArmsDifferOnlyInKoreasRecyclingEndShare) {
  const std::string path =
      std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/recycling_2030.toml";
  const scenario::Scenario high = scenario::load_scenario(path);
  const scenario::Scenario low = scenario::load_scenario(path, "low");
  ASSERT_EQ(high.params.size(), low.params.size());
  std::vector<std::string> changed;
  for (std::size_t i = 0; i < high.params.size(); ++i) {
    if (high.params[i].value == low.params[i].value) continue;
    changed.push_back(high.value_name(static_cast<int>(i)));
    EXPECT_EQ(high.params[i].value, 0.20) << changed.back();
    EXPECT_EQ(low.params[i].value, 0.02) << changed.back();
  }
  std::sort(changed.begin(), changed.end());
  const std::vector<std::string> korea = {
      "demand[Korea batteries, anode graphite].recycling_end_share",
      "demand[Korea batteries, lithium hydroxide].recycling_end_share",
      "demand[Korea industry, Dy/Tb oxide].recycling_end_share",
      "demand[Korea industry, NdPr oxide].recycling_end_share",
      "demand[Korea semiconductors, gallium].recycling_end_share",
      "demand[Korea semiconductors, germanium].recycling_end_share"};
  EXPECT_EQ(changed, korea);
  EXPECT_EQ(high.events.size(), low.events.size());
  EXPECT_EQ(high.horizon_days, low.horizon_days);
}

// Days from the civil date (Howard Hinnant's algorithm), to check day numbers independently of
// the loader's own conversion.
int days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct HistoricalEvent {
  const char* file;
  int year, month, day;  // documented calendar date
  const char* regime;    // name in /dimensions/regime, without the exporter
  int level;
};

// The documented dates of the episodes (docs/sources.md).
const HistoricalEvent kHistory[] = {
    {"history_ree_2010.toml", 2010, 7, 8, "rare-earth oxides", model::kRestricted},
    {"history_ga_ge_2023.toml", 2023, 8, 1, "gallium", model::kLicensed},
    {"history_hree_2025.toml", 2025, 4, 4, "Dy/Tb oxide", model::kLicensed},
};

TEST(ShippedScenarios, HistoricalRegimeChangesHappenOnTheirCalendarDays) {
  for (const HistoricalEvent& e : kHistory) {
    const std::string path = std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/" + e.file;
    SCOPED_TRACE(path);
    ASSERT_TRUE(std::filesystem::exists(path));
    const scenario::Scenario s = scenario::load_scenario(path);
    const int day = days_from_civil(e.year, e.month, e.day) -
                    days_from_civil(s.start_date.year, s.start_date.month, s.start_date.day);
    ASSERT_GT(day, 0);
    ASSERT_LT(day, s.horizon_days);
    int regime = -1;
    for (std::size_t x = 0; x < s.regime_names.size(); ++x) {
      if (s.regime_names[x].find(e.regime) != std::string::npos) regime = static_cast<int>(x);
    }
    ASSERT_GE(regime, 0) << "no regime on " << e.regime;
    SteppedBatch batch(s, s.seed, 0, 50);
    engine::DailyStatistics stats(batch.model(), day + 1);
    for (int t = 0; t <= day; ++t) {
      batch.step();
      stats.accumulate_day(t, batch.batch(), 50);
    }
    // The event overrides the chain on its day: every trajectory is at the documented level.
    EXPECT_EQ(stats.regime_probability(day, regime, e.level), 1.0) << "day " << day;
  }
}

}  // namespace
}  // namespace mineralsim::testing
