// Faults of the file system and absurd requests: each fails cleanly with a clear message and a
// documented exit code, before any work where possible, and never leaves a file that claims to be
// complete or loses a batch it had committed. (docs/reliability.md lists them.)
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "support/run_program.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using ::testing::HasSubstr;

std::string small_run(const std::string& out) {
  return "run " + test_data("scenarios/small.toml") +
         " -n 4000 --days 365 --batch 200 --quiet --out " + out;
}

TEST(FileSystemFailures, OutputThatIsADirectoryIsRefused) {
  TemporaryFile file("x.h5");
  const std::string dir = std::filesystem::path(file.path()).parent_path().string();
  const Outcome out = run_mineralsim(small_run(dir));
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("is a directory"));
}

TEST(FileSystemFailures, OutputBelowARegularFileIsRefused) {
  TemporaryFile file("plain.txt");
  write_text_file(file.path(), "");
  const Outcome out = run_mineralsim(small_run(file.path() + "/results.h5"));
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("cannot create directory"));
}

TEST(FileSystemFailures, UnwritablePlaceIsRefused) {
  // /proc accepts no new files, even from root (tests may run as root, so permissions alone
  // would not stop them).
  const Outcome out = run_mineralsim(small_run("/proc/mineralsim-test.h5"));
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("/proc/mineralsim-test.h5"));
}

TEST(FileSystemFailures, ExistingFileIsKeptWithoutForce) {
  TemporaryFile file("keep.h5");
  write_text_file(file.path(), "precious");
  const Outcome out = run_mineralsim(small_run(file.path()));
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("pass --force"));
  EXPECT_EQ(std::filesystem::file_size(file.path()), 8u);
}

TEST(FileSystemFailures, FileSizeLimitTooSmallForTheLayoutFailsBeforeWork) {
  TemporaryFile file("tiny.h5");
  const Outcome out = run_mineralsim(small_run(file.path()), "ulimit -f 300;");  // 300 KiB
  EXPECT_EQ(out.exit_code, 3);
  EXPECT_THAT(out.output, HasSubstr("cannot create the results file"));
  EXPECT_FALSE(std::filesystem::exists(file.path())) << "a broken file was left behind";
}

TEST(FileSystemFailures, FileSizeLimitMidRunKeepsEveryCommittedBatch) {
  TemporaryFile file("limit.h5");
  // About 1.7 MB: the layout and the first batches fit (1.5 MB), the whole run (1.9 MB) does not.
  const Outcome out = run_mineralsim(small_run(file.path()), "ulimit -f 1700;");
  ASSERT_EQ(out.exit_code, 3) << out.output;
  EXPECT_THAT(out.output, HasSubstr("writing batch"));
  EXPECT_THAT(out.output, HasSubstr("marked incomplete"));
  const io::ResultsProgress progress = io::read_progress(file.path());
  EXPECT_FALSE(progress.complete);
  EXPECT_GT(progress.trajectories_done, 0u);
  EXPECT_LT(progress.trajectories_done, 4000u);
  EXPECT_EQ(progress.trajectories_done, progress.batches_done * 200);
  // The committed rows are all there and are the trajectories 0, 1, 2, ... in order.
  const hid_t h5 = H5Fopen(file.path().c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT);
  ASSERT_GE(h5, 0);
  const std::vector<std::int64_t> index = io::read_int64s(h5, "/trajectory/index");
  ASSERT_GE(index.size(), progress.trajectories_done);
  for (std::size_t i = 0; i < progress.trajectories_done; ++i)
    ASSERT_EQ(index[i], static_cast<std::int64_t>(i));
  H5Fclose(h5);
  EXPECT_THAT(io::describe_results(file.path()), HasSubstr("INCOMPLETE"));
}

TEST(FileSystemFailures, FullDiskFailsCleanlyAndLeavesAReadableFile) {
  // A 600 KiB tmpfs in a private mount namespace: needs root (or user namespaces); skipped
  // otherwise.
  TemporaryFile dir_marker("unused");
  const std::string mount_point =
      std::filesystem::path(dir_marker.path()).parent_path().string() + "/small_disk";
  std::filesystem::create_directories(mount_point);
  const std::string out = mount_point + "/full.h5";
  const std::string script = "mount -t tmpfs -o size=600k none " + mount_point + " || exit 99; " +
                             std::string(MINERALSIM_CLI_PATH) + " " + small_run(out) +
                             "; status=$?; " + std::string(MINERALSIM_CLI_PATH) + " info " + out +
                             "; exit $status";
  const Outcome result = run_command("unshare -m sh -c '" + script + "'");
  if (result.exit_code == 99 || result.output.find("unshare:") != std::string::npos) {
    GTEST_SKIP() << "cannot mount a small file system here: " << result.output;
  }
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_THAT(result.output, HasSubstr("writing batch"));
  EXPECT_THAT(result.output, HasSubstr("INCOMPLETE"));  // the file still opens and says so
}

TEST(ResourceLimits, RunThatDoesNotFitInMemoryIsRefusedBeforeWork) {
  TemporaryFile file("huge.h5");
  const Outcome out =
      run_mineralsim("run -n 100000000 --batch 100000000 --quiet --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr("of memory but only"));
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

TEST(ResourceLimits, AbsurdSizesAreRefused) {
  TemporaryFile file("absurd.h5");
  Outcome out = run_mineralsim("run -n 5000000000 --quiet --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr("--trajectories: at most 4294967295"));
  out = run_mineralsim("run -n 10 --days 1000000 --quiet --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_THAT(out.output, HasSubstr("--days: at most 100000"));
  out = run_mineralsim("run -n -3 --quiet --out " + file.path());
  EXPECT_EQ(out.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

}  // namespace
}  // namespace mineralsim::testing
