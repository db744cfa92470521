// End to end: the mineralsim program as a user runs it, with its exit codes and messages.
#include <gtest/gtest.h>

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using ::testing::HasSubstr;

struct Outcome {
  int exit_code;
  std::string output;  // stdout and stderr
};

Outcome run_cli(const std::string& arguments) {
  const std::string command = std::string(MINERALSIM_CLI_PATH) + " " + arguments + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

TEST(Cli, RunsTheSmallScenarioAndSummarisesTheResults) {
  TemporaryFile file("cli.h5");
  const Outcome run = run_cli("run " + test_data("scenarios/small.toml") +
                              " -n 200 --days 60 --batch 64 --out " + file.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("wrote " + file.path()));
  EXPECT_THAT(run.output, HasSubstr("200 trajectories x 60 days"));
  const Outcome info = run_cli("info " + file.path());
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_THAT(info.output, HasSubstr("complete (200 trajectories"));
  EXPECT_THAT(info.output, HasSubstr("gallium"));
}

TEST(Cli, RunWithoutAScenarioUsesTheShippedBaseline) {
  TemporaryFile file("baseline.h5");
  const Outcome run = run_cli("run -n 20 --days 30 --out " + file.path());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_THAT(run.output, HasSubstr("data/scenarios/baseline.toml"));
}

TEST(Cli, ValidatePrintsTheResolvedScenario) {
  const Outcome out = run_cli("validate " + test_data("scenarios/small.toml"));
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("valid"));
  EXPECT_THAT(out.output, HasSubstr("gallium"));
}

TEST(Cli, BadScenarioExitsWithCodeTwoAndNamesTheFile) {
  TemporaryFile file("bad.toml");
  {
    std::FILE* f = std::fopen(file.path().c_str(), "w");
    std::fputs("[scenario]\nname = 3\n", f);
    std::fclose(f);
  }
  const Outcome out = run_cli("validate " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr(file.path()));
  EXPECT_THAT(out.output, HasSubstr("scenario.name"));
}

TEST(Cli, BadOptionExitsWithCodeTwoBeforeAnyWork) {
  TemporaryFile file("never.h5");
  const Outcome out =
      run_cli("run " + test_data("scenarios/small.toml") + " -n 0 --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr("--trajectories"));
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

TEST(Cli, InfoOnAMissingFileExitsWithCodeThree) {
  const Outcome out = run_cli("info /nonexistent/results.h5");
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("/nonexistent/results.h5"));
}

}  // namespace
}  // namespace mineralsim::testing
