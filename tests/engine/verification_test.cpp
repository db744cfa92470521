// `mineralsim verify` (engine/verification.hpp): a file simulates again into its own bits, in
// either precision, for a whole run, a shard and an interrupted run; a changed summary or path
// value is found and named.
#include "mineralsim/engine/verification.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <memory>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/engine/interruption.hpp"
#include "mineralsim/errors.hpp"
#include "support/results_content.hpp"
#include "support/run_program.hpp"
#include "support/signalling_backend.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

engine::VerifyReport verify(const std::string& path, std::uint64_t sample) {
  engine::VerifyConfig config;
  config.path = path;
  config.sample = sample;
  config.progress = nullptr;
  return engine::verify_results(config);
}

// Adds `delta` to one element of a dataset of doubles.
void nudge(const std::string& path, const std::string& dataset, std::vector<hsize_t> at,
           double delta) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t set = H5Dopen2(file, dataset.c_str(), H5P_DEFAULT);
  const hid_t space = H5Dget_space(set);
  std::vector<hsize_t> one(at.size(), 1);
  H5Sselect_hyperslab(space, H5S_SELECT_SET, at.data(), nullptr, one.data(), nullptr);
  const hsize_t single = 1;
  const hid_t memory = H5Screate_simple(1, &single, nullptr);
  double value = 0.0;
  ASSERT_GE(H5Dread(set, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, &value), 0);
  value += delta;
  ASSERT_GE(H5Dwrite(set, H5T_NATIVE_DOUBLE, memory, space, H5P_DEFAULT, &value), 0);
  H5Sclose(memory);
  H5Sclose(space);
  H5Dclose(set);
  H5Fclose(file);
}

TEST(Verification, ARunsFileIsReproducedBitForBitInEitherPrecision) {
  for (const engine::Precision precision :
       {engine::Precision::kDouble, engine::Precision::kFloat}) {
    TemporaryFile file("verified.h5");
    engine::RunConfig config = comparable_run(file.path());
    config.precision = precision;
    engine::run_ensemble(small_scenario(), config);

    const engine::VerifyReport sample = verify(file.path(), 16);
    EXPECT_TRUE(sample.reproduced()) << sample.first_mismatches.size();
    EXPECT_EQ(sample.rows, 300u);
    ASSERT_EQ(sample.checked.size(), 16u);
    EXPECT_EQ(sample.checked.front(), 0u);
    EXPECT_EQ(sample.checked[1], 18u);  // 300 / 16, rounded down: spread over the file
    EXPECT_EQ(sample.paths_checked, 5);
    EXPECT_TRUE(sample.same_build);

    const engine::VerifyReport all = verify(file.path(), 0);
    EXPECT_TRUE(all.reproduced());
    EXPECT_EQ(all.checked.size(), 300u);
  }
}

TEST(Verification, AChangedSummaryOrPathValueIsFoundAndNamed) {
  TemporaryFile file("changed.h5");
  engine::run_ensemble(small_scenario(), comparable_run(file.path()));
  nudge(file.path(), "/trajectory/unmet_total", {90, 0, 1}, 1e-9);  // [row, importer, commodity]
  nudge(file.path(), "/paths/price", {2, 7, 0}, 1e-9);  // path 2 is trajectory 120 (2 x 300 / 5)

  const engine::VerifyReport report = verify(file.path(), 0);
  EXPECT_FALSE(report.reproduced());
  EXPECT_EQ(report.differing_trajectories, 1u);
  EXPECT_EQ(report.differing_paths, 1u);
  ASSERT_EQ(report.first_mismatches.size(), 2u);
  EXPECT_EQ(report.first_mismatches[0].trajectory, 90u);
  EXPECT_EQ(report.first_mismatches[0].what, "unmet_total[Korea semiconductors, NdPr oxide]");
  EXPECT_NEAR(report.first_mismatches[0].in_file - report.first_mismatches[0].simulated, 1e-9,
              1e-12);
  EXPECT_EQ(report.first_mismatches[1].trajectory, 120u);
  EXPECT_EQ(report.first_mismatches[1].what, "path day 7 price[gallium]");
  // A sample that misses trajectory 90 still finds the path.
  const engine::VerifyReport sample = verify(file.path(), 4);
  EXPECT_EQ(sample.differing_trajectories, 0u);
  EXPECT_EQ(sample.differing_paths, 1u);
}

TEST(Verification, TheCommandSaysWhetherTheFileIsReproducedAndExitsWithFourWhenNot) {
  TemporaryFile file("command.h5");
  ASSERT_EQ(run_mineralsim("run " + test_data("scenarios/small.toml") +
                           " -n 200 --days 50 --quiet --force --out " + file.path())
                .exit_code,
            0);
  const Outcome good = run_mineralsim("verify --quiet " + file.path());
  EXPECT_EQ(good.exit_code, 0) << good.output;
  EXPECT_NE(good.output.find("reproduced: 64 trajectories (0, 3, 6, ..., 196) and 16 sampled "
                             "paths simulated again: every value bit for bit (the file was "
                             "written by this build)"),
            std::string::npos)
      << good.output;
  nudge(file.path(), "/trajectory/peak_price", {25, 0}, 1.0);  // among the 8: 0, 25, 50, ...
  const Outcome bad = run_mineralsim("verify --quiet --trajectories 8 " + file.path());
  EXPECT_EQ(bad.exit_code, 4) << bad.output;
  EXPECT_NE(bad.output.find("NOT reproduced: 1 of 8 trajectories and 0 of 16 sampled paths differ"),
            std::string::npos)
      << bad.output;
  EXPECT_NE(bad.output.find("trajectory 25: peak_price[gallium] is "), std::string::npos)
      << bad.output;
  EXPECT_EQ(run_mineralsim("verify /nonexistent.h5").exit_code, 3);
}

TEST(Verification, AShardsFileIsReproducedUnderItsGlobalIndices) {
  TemporaryFile file("shard.h5");
  engine::RunConfig config = comparable_run(file.path());
  config.shard = engine::Shard{2, 3};
  engine::run_ensemble(small_scenario(), config);
  const engine::VerifyReport report = verify(file.path(), 0);
  EXPECT_TRUE(report.reproduced());
  EXPECT_EQ(report.checked.front(), 200u);
  EXPECT_EQ(report.checked.back(), 299u);
  EXPECT_EQ(report.paths_checked, 1);  // of the paths of 0, 60, 120, 180 and 240, only 240
}

TEST(Verification, AnInterruptedFileIsCheckedOverItsCommittedTrajectories) {
  TemporaryFile file("interrupted.h5");
  engine::RunConfig config = comparable_run(file.path());
  config.batch = 50;
  config.make_backend = [](const model::ModelParameters& model, int capacity,
                           const engine::DailyStatistics& statistics, engine::Precision) {
    return std::make_unique<SignallingBackend<engine::CpuBatchBackend>>(
        2, nullptr, model, capacity, statistics.days(), engine::Precision::kDouble);
  };
  EXPECT_THROW(engine::run_ensemble(small_scenario(), config), engine::Interrupted);
  const engine::VerifyReport report = verify(file.path(), 0);
  EXPECT_FALSE(report.complete);
  EXPECT_EQ(report.rows, 100u);
  EXPECT_EQ(report.checked.size(), 100u);
  EXPECT_EQ(report.paths_checked, 2);  // of the paths of 0, 60, 120, 180 and 240: 0 and 60
  EXPECT_TRUE(report.reproduced());

  // A file with nothing committed has nothing to verify: an error, not a success.
  const hid_t h5 = H5Fopen(file.path().c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hid_t progress = H5Dopen2(h5, "/progress", H5P_DEFAULT);
  const std::int64_t nothing[3] = {0, 0, 0};
  ASSERT_GE(H5Dwrite(progress, H5T_NATIVE_INT64, H5S_ALL, H5S_ALL, H5P_DEFAULT, nothing), 0);
  H5Dclose(progress);
  H5Fclose(h5);
  try {
    verify(file.path(), 0);
    FAIL() << "verified a file with no trajectory";
  } catch (const UserError& e) {
    EXPECT_EQ(e.reason(), "the file holds no committed trajectory to simulate again");
  }
}

}  // namespace
}  // namespace mineralsim::testing
