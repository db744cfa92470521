// The device backend (kernels/device_batch_backend.hpp) driving a whole run, here on Thrust's
// OpenMP system: the results file holds bitwise the numbers of the CPU backend's, and says which
// backend made it.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "support/precision_cases.hpp"
#include "support/results_content.hpp"
#include "support/test_support.hpp"

#if defined(MINERALSIM_HAVE_THRUST)
#include "support/thrust_on_openmp.hpp"
#endif

namespace mineralsim::testing {
namespace {

#if defined(MINERALSIM_HAVE_THRUST)

class DeviceBatchBackendInPrecision : public ::testing::TestWithParam<engine::Precision> {};

TEST_P(DeviceBatchBackendInPrecision, ARunOnItWritesTheCpuBackendsNumbers) {
  TemporaryFile cpu_file("cpu.h5"), device_file("device.h5");
  engine::RunConfig config = comparable_run(cpu_file.path());
  config.batch = 128;
  config.precision = GetParam();
  engine::run_ensemble(small_scenario(), config);
  config.output = device_file.path();
  config.make_backend = [](const model::ModelParameters& model, int capacity,
                           const engine::DailyStatistics& statistics, engine::Precision precision) {
    return engine::with_real_type(
        precision, [&](auto real) -> std::unique_ptr<engine::BatchBackend> {
          return std::make_unique<OmpBackend<decltype(real)>>(
              thrust::omp::par, model, model, capacity, statistics, "thrust on OpenMP (test)");
        });
  };
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

#else

TEST(DeviceBatchBackend, ARunOnItWritesTheCpuBackendsNumbers) {
  GTEST_SKIP() << "no Thrust (CCCL) headers were found when the build was configured";
}

#endif

}  // namespace
}  // namespace mineralsim::testing
