// The device backend (kernels/device_batch_backend.hpp) driving a whole run, here on Thrust's
// OpenMP system: the results file holds bitwise the numbers of the CPU backend's, and says which
// backend made it.
#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "mineralsim/engine/backend_probe.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/engine/interruption.hpp"
#include "mineralsim/engine/shard_merge.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/engine/verification.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "support/precision_cases.hpp"
#include "support/results_content.hpp"
#include "support/signalling_backend.hpp"
#include "support/statistics_comparison.hpp"
#include "support/test_support.hpp"

#if defined(MINERALSIM_HAVE_THRUST)
#include "support/thrust_on_openmp.hpp"
#endif

namespace mineralsim::testing {
namespace {

#if defined(MINERALSIM_HAVE_THRUST)

// The device backend on Thrust's OpenMP system, in the run's precision.
std::unique_ptr<engine::BatchBackend> make_omp_backend(const model::ModelParameters& model,
                                                       int capacity,
                                                       const engine::DailyStatistics& statistics,
                                                       engine::Precision precision) {
  return engine::with_real_type(precision, [&](auto real) -> std::unique_ptr<engine::BatchBackend> {
    return std::make_unique<OmpBackend<decltype(real)>>(thrust::omp::par, model, model, capacity,
                                                        statistics, "thrust on OpenMP (test)");
  });
}

class DeviceBatchBackendInPrecision : public ::testing::TestWithParam<engine::Precision> {};

TEST_P(DeviceBatchBackendInPrecision, ARunOnItWritesTheCpuBackendsNumbers) {
  TemporaryFile cpu_file("cpu.h5"), device_file("device.h5");
  engine::RunConfig config = comparable_run(cpu_file.path());
  config.batch = 128;
  config.precision = GetParam();
  engine::run_ensemble(small_scenario(), config);
  config.output = device_file.path();
  config.make_backend = make_omp_backend;
  engine::run_ensemble(small_scenario(), config);

  EXPECT_EQ(
      differing_datasets(simulated_content(device_file.path()), simulated_content(cpu_file.path())),
      std::vector<std::size_t>{});
  const hid_t file = H5Fopen(device_file.path().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  EXPECT_EQ(io::read_string_attribute(file, "backend"), "thrust on OpenMP (test)");
  EXPECT_EQ(io::read_string_attribute(file, "precision"), engine::precision_name(GetParam()));
  H5Fclose(file);
}

INSTANTIATE_TEST_SUITE_P(BothPrecisions, DeviceBatchBackendInPrecision, kBothPrecisions,
                         precision_case_name);

// The pipeline's order: batch k is finished after batch k+1 has started (and, here, after k+1 has
// sent its results through the other slot). Each finish must still give its own batch: the same
// statistics, summaries and paths as the CPU backend running the batches one by one.
TEST(DeviceBatchBackend, ABatchFinishedAfterTheNextStartedGivesItsOwnResults) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  constexpr int kCapacity = 64, kDays = 90;
  constexpr std::uint64_t kSeed = 31, kTrajectories = 170;
  OmpBackend<double> device(thrust::omp::par, m, m, kCapacity, engine::DailyStatistics(m, kDays),
                            "test");
  engine::CpuBatchBackend cpu(m, kCapacity, kDays);
  engine::DailyStatistics from_device(m, kDays), from_cpu(m, kDays);
  engine::PathRecorder device_paths(m, kTrajectories, 6, kDays, 1);
  engine::PathRecorder cpu_paths(m, kTrajectories, 6, kDays, 1);

  device.start_batch(kSeed, 0, kCapacity);
  for (std::uint64_t first = 0; first < kTrajectories; first += kCapacity) {
    const int lanes = static_cast<int>(std::min<std::uint64_t>(kCapacity, kTrajectories - first));
    const std::uint64_t next = first + kCapacity;
    if (next < kTrajectories) {
      device.start_batch(
          kSeed, next, static_cast<int>(std::min<std::uint64_t>(kCapacity, kTrajectories - next)));
    }
    device.finish_batch(from_device, device_paths);
    cpu.run_batch(kSeed, first, lanes, from_cpu, cpu_paths);

    ASSERT_EQ(from_device.trajectories(), first + static_cast<std::uint64_t>(lanes));
    for (const char* name : kAccumulatorNames) {
      EXPECT_EQ(differing_elements(from_cpu, from_device, name), 0u)
          << name << ", batch at " << first;
    }
    engine::SummaryBatch expected, finished;
    engine::gather_summaries(m, cpu.state(), lanes, first, expected);
    engine::gather_summaries(m, device.state(), lanes, first, finished);
    EXPECT_EQ(engine::first_differing_summary(expected, finished), "") << "batch at " << first;
  }
  EXPECT_EQ(device_paths.values(), cpu_paths.values());
  EXPECT_EQ(device_paths.regime_levels(), cpu_paths.regime_levels());
  // Not vacuous: the sampled paths lie in more than one batch.
  EXPECT_GT(device_paths.trajectories().back(), static_cast<std::uint64_t>(kCapacity));
}

TEST(DeviceBatchBackend, ASignalStopsTheRunAfterTheBatchBeingFinishedAndStartsNoOther) {
  TemporaryFile file("signalled.h5");
  engine::RunConfig config = comparable_run(file.path());
  config.trajectories = 1000;
  config.batch = 100;
  int started = 0;
  // SIGTERM while the second batch is finished, when the third has already started.
  config.make_backend = [&started](const model::ModelParameters& model, int capacity,
                                   const engine::DailyStatistics& statistics, engine::Precision) {
    return std::make_unique<SignallingBackend<OmpBackend<double>>>(
        2, &started, thrust::omp::par, model, model, capacity, statistics, "test");
  };
  try {
    engine::run_ensemble(small_scenario(), config);
    FAIL() << "the run was not interrupted";
  } catch (const engine::Interrupted& e) {
    EXPECT_EQ(e.signal(), SIGTERM);
  }
  // Batch 3 had started before the signal and was abandoned when the backend went; none after it.
  EXPECT_EQ(started, 3);
  const io::ResultsProgress progress = io::read_progress(file.path());
  EXPECT_EQ(progress.trajectories_done, 200u);
  EXPECT_EQ(progress.batches_done, 2u);
  EXPECT_FALSE(progress.complete);
}

TEST(DeviceBatchBackend, ItsShardVerifiesAndMergesWithACpuShardIntoTheWholeRunsFile) {
  TemporaryFile whole("whole.h5"), on_cpu("cpu_shard.h5"), on_device("device_shard.h5"),
      merged("merged.h5");
  engine::run_ensemble(small_scenario(), comparable_run(whole.path()));
  engine::RunConfig cpu_shard = comparable_run(on_cpu.path());
  cpu_shard.shard = engine::Shard{0, 2};
  engine::run_ensemble(small_scenario(), cpu_shard);
  engine::RunConfig device_shard = comparable_run(on_device.path());
  device_shard.shard = engine::Shard{1, 2};
  device_shard.batch = 64;  // batches that start inside the shard
  device_shard.make_backend = make_omp_backend;
  engine::run_ensemble(small_scenario(), device_shard);
  // The device's file is what the CPU simulates again (mineralsim verify).
  engine::VerifyConfig verify;
  verify.path = on_device.path();
  verify.sample = 0;
  verify.progress = nullptr;
  EXPECT_TRUE(engine::verify_results(verify).reproduced());
  engine::MergeConfig merge;
  merge.shards = {on_device.path(), on_cpu.path()};
  merge.output = merged.path();
  merge.progress = nullptr;
  engine::merge_shards(merge);
  EXPECT_EQ(differing_datasets(simulated_content(whole.path()), simulated_content(merged.path())),
            std::vector<std::size_t>{});
  const io::Hdf5Handle file = io::open_results(merged.path());
  EXPECT_EQ(io::read_string_attribute(file.get(), "backend"),
            "merged from 2 shards (cpu, thrust on OpenMP (test))");
}

TEST(DeviceBatchBackend, FinishingMoreBatchesThanStartedIsALogicError) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  OmpBackend<double> device(thrust::omp::par, m, m, 16, engine::DailyStatistics(m, 10), "test");
  engine::DailyStatistics statistics(m, 10);
  engine::PathRecorder paths(m, 16, 0, 10, 1);
  EXPECT_THROW(device.finish_batch(statistics, paths), std::logic_error);
  device.start_batch(1, 0, 16);
  device.start_batch(1, 16, 16);
  EXPECT_THROW(device.start_batch(1, 32, 16), std::logic_error);
}

#else

TEST(DeviceBatchBackend, ARunOnItWritesTheCpuBackendsNumbers) {
  GTEST_SKIP() << "no Thrust (CCCL) headers were found when the build was configured";
}

#endif

}  // namespace
}  // namespace mineralsim::testing
