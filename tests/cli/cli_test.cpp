// End to end: the mineralsim program as a user runs it, with its exit codes and messages.
#include <gtest/gtest.h>

#include <gmock/gmock.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "support/run_program.hpp"
#include "support/scenario_text.hpp"
#include "support/test_support.hpp"

#if defined(MINERALSIM_HAVE_CUDA)
#include "model_kernels.hpp"
#endif

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

// small.toml with a variant "low" that overrides Korea's gallium demand, and then `more`.
std::string small_with_variants(const std::string& more = "") {
  return small_plus(R"(
[[variant]]
name = "low"

[[variant.demand]]
importer = "Korea semiconductors"
commodity = "gallium"
quantity = 0.2
)" + more);
}

TEST(Cli, ValidateChecksEveryVariantAndPrintsTheChosenOne) {
  TemporaryFile file("variants.toml");
  write_text_file(file.path(), small_with_variants());
  const Outcome base = run_mineralsim("validate " + file.path());
  ASSERT_EQ(base.exit_code, 0) << base.output;
  EXPECT_THAT(base.output, HasSubstr("demand[Korea semiconductors, gallium].quantity = 0.35\n"));
  EXPECT_THAT(base.output, HasSubstr("\nvariants: low "));
  EXPECT_THAT(base.output, HasSubstr(file.path() + ": valid"));
  const Outcome low = run_mineralsim("validate " + file.path() + " --variant low");
  ASSERT_EQ(low.exit_code, 0) << low.output;
  EXPECT_THAT(low.output, HasSubstr("scenario: small\nvariant: low\n"));
  EXPECT_THAT(low.output, HasSubstr("demand[Korea semiconductors, gallium].quantity = 0.2\n"));
  EXPECT_THAT(low.output, HasSubstr(file.path() + " (variant low): valid"));
}

TEST(Cli, ValidateFailsOnABrokenVariant) {
  TemporaryFile file("broken.toml");
  write_text_file(file.path(), small_with_variants(R"(
[[variant]]
name = "broken"

[[variant.demand]]
importer = "Korea semiconductors"
commodity = "NdPr oxide"
quantity = 1.0
)"));
  const Outcome out = run_mineralsim("validate " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr(file.path() + ":"));
  EXPECT_THAT(out.output, HasSubstr("variant[broken].demand[0]: no [[demand]] entry for importer "
                                    "\"Korea semiconductors\" and commodity \"NdPr oxide\""));
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr(": valid")));
  // The base and the sound variant still load on their own.
  EXPECT_EQ(run_mineralsim("validate " + file.path() + " --variant low").exit_code, 0);
  const Outcome unknown = run_mineralsim("validate " + file.path() + " --variant lo");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.output, HasSubstr("unknown variant 'lo' (known: low, broken)"));
}

TEST(Cli, RunOfAVariantNamesTheResultsFileAfterItAndRecordsIt) {
  TemporaryFile file("variants.toml");
  write_text_file(file.path(), small_with_variants());
  const std::string directory = std::filesystem::path(file.path()).parent_path().string();
  const Outcome run = run_mineralsim("run variants.toml --variant low -n 20 --days 10 --quiet",
                                     "cd " + directory + ";");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string results = directory + "/results/small-low.h5";
  EXPECT_THAT(run.output, HasSubstr("wrote results/small-low.h5"));
  ASSERT_TRUE(std::filesystem::exists(results));
  const Outcome info = run_mineralsim("info " + results);
  ASSERT_EQ(info.exit_code, 0) << info.output;
  EXPECT_THAT(info.output, HasSubstr("\nvariant        low\n"));
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

TEST(Cli, CudaBackendWithoutAGpuIsRefusedBeforeAnyWork) {
#if defined(MINERALSIM_HAVE_CUDA)
  if (kernels::cuda_device_count() > 0) GTEST_SKIP() << "this machine has a CUDA device";
#endif
  TemporaryFile file("never.h5");
  const Outcome out = run_mineralsim("run " + test_data("scenarios/small.toml") +
                                     " -n 10 --backend cuda --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr("--backend: cuda: "));
  EXPECT_THAT(out.output, HasSubstr("use --backend cpu"));
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

TEST(Cli, AutoRunsOnTheGpuWhenThereIsOneElseOnTheCpu) {
  bool gpu = false;
#if defined(MINERALSIM_HAVE_CUDA)
  gpu = kernels::cuda_device_count() > 0;
#endif
  TemporaryFile file("auto.h5");
  const Outcome out = run_mineralsim("run " + test_data("scenarios/small.toml") +
                                     " -n 300 --days 100 --out " + file.path());
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, ::testing::Not(HasSubstr("running on the CPU")));  // the probe passed
  EXPECT_THAT(out.output,
              HasSubstr(gpu ? ", on cuda (device 0: " : ", on cpu in double, batch 300,"));
  const hid_t h5 = H5Fopen(file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(h5, 0);
  const std::string backend = io::read_string_attribute(h5, "backend");
  H5Fclose(h5);
  EXPECT_EQ(backend.rfind(gpu ? "cuda (device 0: " : "cpu", 0), 0u) << backend;
}

TEST(Cli, BackendChoicesAreChecked) {
  TemporaryFile file("never.h5");
  const std::string run =
      "run " + test_data("scenarios/small.toml") + " -n 10 --out " + file.path();
  const Outcome unknown = run_mineralsim(run + " --backend gpu");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.output, HasSubstr("--backend"));
  const Outcome device_on_cpu = run_mineralsim(run + " --backend cpu --device 1");
  EXPECT_EQ(device_on_cpu.exit_code, 2);
  EXPECT_THAT(device_on_cpu.output, HasSubstr("--device: applies only with --backend cuda"));
  EXPECT_FALSE(std::filesystem::exists(file.path()));
  const Outcome on_cpu = run_mineralsim(run + " --backend cpu --days 20 --quiet");
  EXPECT_EQ(on_cpu.exit_code, 0) << on_cpu.output;
  EXPECT_THAT(run_mineralsim("info " + file.path()).output, HasSubstr("backend cpu"));
}

TEST(Cli, PrecisionIsChosenCheckedAndRecorded) {
  TemporaryFile file("float.h5");
  const std::string run = "run " + test_data("scenarios/small.toml") +
                          " -n 20 --days 30 --backend cpu --quiet --out " + file.path();
  const Outcome half = run_mineralsim(run + " --precision half");
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_THAT(half.output, HasSubstr("--precision"));
  EXPECT_FALSE(std::filesystem::exists(file.path()));
  const Outcome in_float = run_mineralsim(run + " --precision float");
  ASSERT_EQ(in_float.exit_code, 0) << in_float.output;
  EXPECT_THAT(in_float.output, HasSubstr(", on cpu in float, batch 20,"));
  EXPECT_THAT(run_mineralsim("info " + file.path()).output,
              HasSubstr("backend cpu, precision float"));
}

TEST(Cli, ShardsRunAsJobsAndMerge) {
  TemporaryFile first("first.h5");
  TemporaryFile second("second.h5");
  TemporaryFile merged("merged.h5");
  const std::string run = "run " + test_data("scenarios/small.toml") +
                          " -n 30 --days 20 --backend cpu --quiet --shard ";
  const Outcome shard = run_mineralsim(run + "1/2 --out " + second.path());
  ASSERT_EQ(shard.exit_code, 0) << shard.output;
  EXPECT_THAT(shard.output, HasSubstr("shard 1/2 (trajectories 15 to 29 of 30) x 20 days"));
  EXPECT_THAT(run_mineralsim("info " + second.path()).output,
              HasSubstr("part           shard 1/2: trajectories 15 to 29 of 30"));
  const std::string merge = "merge --quiet --out " + merged.path() + " " + second.path();
  const Outcome missing = run_mineralsim(merge);
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.output, HasSubstr("error: merge: shard 0 of 2 missing"));
  EXPECT_FALSE(std::filesystem::exists(merged.path()));
  ASSERT_EQ(run_mineralsim(run + "0/2 --out " + first.path()).exit_code, 0);
  const Outcome joined = run_mineralsim(merge + " " + first.path());
  ASSERT_EQ(joined.exit_code, 0) << joined.output;
  EXPECT_THAT(joined.output, HasSubstr("30 trajectories x 20 days from 2 files"));
  const Outcome partial =
      run_mineralsim("merge --partial --force --quiet --out " + merged.path() + " " + first.path());
  ASSERT_EQ(partial.exit_code, 0) << partial.output;
  EXPECT_THAT(partial.output, HasSubstr("shard 0/2 (15 trajectories) x 20 days from 1 file in"));
  const Outcome bad = run_mineralsim(run + "2/2 --out " + first.path() + " --force");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.output, HasSubstr("--shard: '2/2': I must be 0 to 1"));
}

// A cluster job may split a run into thousands of shards, more than a process may hold open files
// (often 1,024): merge opens one shard at a time.
TEST(Cli, AMergeOfManyShardsStaysWithinTheLimitOnOpenFiles) {
  TemporaryFile merged("many_merged.h5");
  const std::string dir = std::filesystem::path(merged.path()).parent_path().string() + "/many";
  std::filesystem::create_directories(dir);
  const Outcome shards = run_command(
      "for i in $(seq 0 39); do " + std::string(MINERALSIM_CLI_PATH) + " run " +
      test_data("scenarios/small.toml") + " -n 40 --days 10 --quiet --force --shard $i/40 --out " +
      dir + "/s$i.h5 || exit 1; done");
  ASSERT_EQ(shards.exit_code, 0) << shards.output;
  const Outcome out = run_mineralsim("merge --quiet --out " + merged.path() + " " + dir + "/s*.h5",
                                     "ulimit -n 32;");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(out.exit_code, 0) << out.output;
  EXPECT_THAT(out.output, HasSubstr("40 trajectories x 10 days from 40 files"));
  EXPECT_TRUE(io::read_progress(merged.path()).complete);
}

TEST(Cli, InfoOnAMissingFileExitsWithCodeThree) {
  const Outcome out = run_mineralsim("info /nonexistent/results.h5");
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("/nonexistent/results.h5: cannot open: No such file"));
}

TEST(Cli, InfoOnAFileThatIsNotHdf5SaysSo) {
  TemporaryFile file("text.h5");
  write_text_file(file.path(), "not a results file\n");
  const Outcome out = run_mineralsim("info " + file.path());
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("cannot open as an HDF5 results file (not HDF5, or damaged)"));
}

}  // namespace
}  // namespace mineralsim::testing
