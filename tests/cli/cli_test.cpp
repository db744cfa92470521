// End to end: the mineralsim program as a user runs it, with its exit codes and messages.
#include <gtest/gtest.h>

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "support/run_program.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using ::testing::HasSubstr;

TEST(Cli, RunsTheSmallScenarioAndSummarisesTheResults) {
  TemporaryFile file("cli.h5");
  const Outcome run = run_mineralsim("run " + test_data("scenarios/small.toml") +
                                     " -n 200 --days 60 --batch 64 --out " + file.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("wrote " + file.path()));
  EXPECT_THAT(run.output, HasSubstr("200 trajectories x 60 days"));
  const Outcome info = run_mineralsim("info " + file.path());
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_THAT(info.output, HasSubstr("complete (200 trajectories"));
  EXPECT_THAT(info.output, HasSubstr("gallium"));
}

TEST(Cli, RunWithoutAScenarioUsesTheShippedBaseline) {
  TemporaryFile file("baseline.h5");
  const Outcome run = run_mineralsim("run -n 20 --days 30 --out " + file.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("data/scenarios/baseline.toml"));
}

TEST(Cli, ValidatePrintsTheResolvedScenario) {
  const Outcome out = run_mineralsim("validate " + test_data("scenarios/small.toml"));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("valid"));
  EXPECT_THAT(out.output, HasSubstr("gallium"));
}

TEST(Cli, BadScenarioExitsWithCodeTwoAndNamesTheFile) {
  TemporaryFile file("bad.toml");
  write_text_file(file.path(), "[scenario]\nname = 3\n");
  const Outcome out = run_mineralsim("validate " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr(file.path()));
  EXPECT_THAT(out.output, HasSubstr("scenario.name"));
}

TEST(Cli, BadOptionExitsWithCodeTwoBeforeAnyWork) {
  TemporaryFile file("never.h5");
  const Outcome out =
      run_mineralsim("run " + test_data("scenarios/small.toml") + " -n 0 --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr("--trajectories"));
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

TEST(Cli, InfoOnAMissingFileExitsWithCodeThree) {
  const Outcome out = run_mineralsim("info /nonexistent/results.h5");
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("/nonexistent/results.h5"));
}

}  // namespace
}  // namespace mineralsim::testing
