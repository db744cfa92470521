// The results file round trip: what the run computed is what the file holds and what a reader
// gets back; provenance is stored; progress marks completion; an existing file is not clobbered.
#include <gtest/gtest.h>

#include <gmock/gmock.h>
#include <hdf5_hl.h>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "support/run_program.hpp"
#include "support/statistics_comparison.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using ::testing::HasSubstr;

engine::RunConfig small_run(const std::string& path) {
  engine::RunConfig config;
  config.trajectories = 120;
  config.days = 90;
  config.seed = 7;
  config.batch = 50;
  config.paths = 3;
  config.path_every = 10;
  config.output = path;
  config.progress = nullptr;
  config.command_line = "test run";
  return config;
}

TEST(ResultsFile, HoldsWhatTheRunComputed) {
  TemporaryFile file("round.h5");
  const scenario::Scenario s = small_scenario();
  engine::run_ensemble(s, small_run(file.path()));

  // The same ensemble computed in memory.
  const scenario::CompiledScenario compiled(s);
  engine::DailyStatistics expected(compiled.view(), 90);
  StatisticsObserver observer(expected);
  engine::CpuBackend backend(compiled.view(), 50);
  for (std::uint64_t first = 0; first < 120; first += 50) {
    backend.run_batch(7, first, static_cast<int>(std::min<std::uint64_t>(50, 120 - first)), 90,
                      observer);
  }

  const hid_t h5 = H5Fopen(file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(h5, 0);
  const std::vector<double> mean = io::read_doubles(h5, "/daily/price/mean");
  const std::vector<double> quantiles = io::read_doubles(h5, "/daily/price/quantiles");
  const int C = compiled.view().dims.commodities;
  ASSERT_EQ(mean.size(), static_cast<std::size_t>(90 * C));
  for (int day = 0; day < 90; ++day) {
    for (int c = 0; c < C; ++c) {
      EXPECT_EQ(mean[static_cast<std::size_t>(day * C + c)], expected.mean(day, c));
      EXPECT_EQ(quantiles[static_cast<std::size_t>((day * C + c) * 7 + 3)],
                expected.quantile(day, c, 0.5));
    }
  }
  EXPECT_EQ(io::read_int64s(h5, "/progress"), (std::vector<std::int64_t>{120, 3, 1}));
  EXPECT_EQ(io::read_doubles(h5, "/trajectory/peak_price").size(),
            static_cast<std::size_t>(120 * C));
  EXPECT_EQ(io::read_int64s(h5, "/paths/day"),
            (std::vector<std::int64_t>{0, 10, 20, 30, 40, 50, 60, 70, 80}));
  EXPECT_EQ(io::read_string_attribute(h5, "command_line"), "test run");
  EXPECT_EQ(io::read_string_attribute(h5, "seed"), "7");
  EXPECT_EQ(io::read_string_dataset(h5, "/dimensions/commodity"), s.commodities);
  EXPECT_THAT(io::read_string_dataset(h5, "/provenance/scenario_toml").at(0),
              HasSubstr("[scenario]"));
  H5Fclose(h5);

  const std::string report = io::describe_results(file.path());
  EXPECT_THAT(report, HasSubstr("complete (120 trajectories in 3 batches)"));
  for (const std::string& c : s.commodities) EXPECT_THAT(report, HasSubstr(c));
}

// Each axis carries the dimension scale that its `dimensions` attribute names, which is how h5py
// and xarray name it (tests/python/test_results_ecosystem.py reads the file with both).
TEST(ResultsFile, AxesAreDimensionScales) {
  TemporaryFile file("scales.h5");
  engine::run_ensemble(small_scenario(), small_run(file.path()));
  const hid_t h5 = H5Fopen(file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(h5, 0);
  const auto attached = [&](const char* dataset, unsigned axis, const char* scale) {
    const io::Hdf5Handle data(H5Dopen2(h5, dataset, H5P_DEFAULT), H5Dclose);
    const io::Hdf5Handle coordinates(H5Dopen2(h5, scale, H5P_DEFAULT), H5Dclose);
    return H5DSis_attached(data.get(), coordinates.get(), axis) > 0;
  };
  EXPECT_TRUE(attached("/daily/unmet/mean", 0, "/dimensions/day"));
  EXPECT_TRUE(attached("/daily/unmet/mean", 1, "/dimensions/importer"));
  EXPECT_TRUE(attached("/daily/unmet/mean", 2, "/dimensions/commodity"));
  EXPECT_TRUE(attached("/daily/price/quantiles", 2, "/dimensions/quantile"));
  EXPECT_TRUE(attached("/trajectory/peak_price", 0, "/trajectory/trajectory"));
  EXPECT_TRUE(attached("/trajectory/peak_price", 1, "/dimensions/commodity"));
  EXPECT_TRUE(attached("/paths/price", 0, "/paths/trajectory"));
  EXPECT_TRUE(attached("/paths/price", 1, "/paths/day"));
  EXPECT_TRUE(attached("/progress", 0, "/dimensions/field"));
  EXPECT_EQ(io::read_int64s(h5, "/trajectory/trajectory"),
            io::read_int64s(h5, "/trajectory/index"));
  H5Fclose(h5);
}

TEST(ResultsFile, RefusesToOverwriteWithoutForce) {
  TemporaryFile file("exists.h5");
  engine::run_ensemble(small_scenario(), small_run(file.path()));
  try {
    engine::run_ensemble(small_scenario(), small_run(file.path()));
    FAIL() << "an existing results file was overwritten";
  } catch (const io::IoError& e) {
    EXPECT_THAT(e.what(), HasSubstr("file exists; pass --force"));
  }
}

TEST(ResultsFile, ReaderRejectsAFileThatIsNotResults) {
  TemporaryFile file("not.h5");
  write_text_file(file.path(), "hello");
  EXPECT_THROW(io::describe_results(file.path()), io::IoError);
}

}  // namespace
}  // namespace mineralsim::testing
