// The probe a device backend must pass before a run uses it (engine/backend_probe.hpp) and what the
// command line does with its verdict (cli/backend_choice.hpp), with the device backend of kernels/
// on Thrust's OpenMP system standing in for the GPU, faithful or with a fault injected.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>

#include "cli/backend_choice.hpp"
#include "mineralsim/engine/backend_probe.hpp"
#include "mineralsim/errors.hpp"
#include "support/test_support.hpp"

#if defined(MINERALSIM_HAVE_THRUST)
#include "support/thrust_on_openmp.hpp"
#endif

namespace mineralsim::testing {
namespace {

#if defined(MINERALSIM_HAVE_THRUST)

using ::testing::HasSubstr;

constexpr std::uint64_t kSeed = 5;
constexpr int kDays = 60;

enum class Fault { kNone, kOtherSeed, kOneSummaryOneUlpOff, kThrows };

// The OpenMP device backend, with `fault` injected into every batch.
class FaultyBackend : public engine::BatchBackend {
 public:
  FaultyBackend(const model::ModelParameters& model, int capacity,
                const engine::DailyStatistics& statistics, Fault fault)
      : inner_(thrust::omp::par, model, model, capacity, statistics, "test"), fault_(fault) {}
  void start_batch(std::uint64_t seed, std::uint64_t first, int lanes) override {
    if (fault_ == Fault::kThrows) throw std::runtime_error("CUDA: out of memory (test)");
    inner_.start_batch(fault_ == Fault::kOtherSeed ? seed + 1 : seed, first, lanes);
    lanes_ = lanes;
  }
  void finish_batch(engine::DailyStatistics& statistics, engine::PathRecorder& paths) override {
    inner_.finish_batch(statistics, paths);
    if (fault_ == Fault::kOneSummaryOneUlpOff) {
      double& peak = inner_.state().lane(lanes_ - 1)(model::RealField::peak_price, 0);
      peak = std::nextafter(peak, 2.0 * peak);
    }
  }
  engine::BatchState& state() override { return inner_.state(); }
  std::string description() const override { return "faulty test backend"; }

 private:
  OmpBackend<double> inner_;
  Fault fault_;
  int lanes_ = 0;  // of the batch started last (the probe runs one)
};

engine::BatchBackendFactory faulty(Fault fault) {
  return [fault](const model::ModelParameters& model, int capacity,
                 const engine::DailyStatistics& statistics, engine::Precision precision) {
    if (precision != engine::Precision::kDouble) throw std::logic_error("double only");
    return std::make_unique<FaultyBackend>(model, capacity, statistics, fault);
  };
}

class BackendProbe : public ::testing::Test {
 protected:
  scenario::Scenario scenario_ = small_scenario();
  scenario::CompiledScenario compiled_{scenario_};
  const model::ModelParameters& model_ = compiled_.view();

  std::string probe(Fault fault) {
    return engine::probe_against_cpu(model_, faulty(fault), engine::Precision::kDouble, kSeed,
                                     kDays, engine::kProbeLanes);
  }
};

TEST_F(BackendProbe, AFaithfulDeviceBackendPasses) { EXPECT_EQ(probe(Fault::kNone), ""); }

TEST_F(BackendProbe, ADeviceThatDrawsOtherNumbersIsCaught) {
  EXPECT_THAT(probe(Fault::kOtherSeed), HasSubstr("the daily statistics differ (accumulator"));
}

TEST_F(BackendProbe, OneSummaryOneUlpOffIsCaught) {
  EXPECT_EQ(probe(Fault::kOneSummaryOneUlpOff), "the per-trajectory summaries differ (peak_price)");
}

TEST_F(BackendProbe, ADeviceThatFailsPassesItsErrorOn) {
  EXPECT_THROW(probe(Fault::kThrows), std::runtime_error);
}

TEST_F(BackendProbe, CudaIsRefusedAndAutoFallsBackToTheCpuWhenTheDeviceDiffers) {
  try {
    cli::trusted_device_backend(faulty(Fault::kOtherSeed), "cuda", model_,
                                engine::Precision::kDouble, kSeed, kDays);
    FAIL() << "a device that differs from the CPU backend was accepted";
  } catch (const UserError& e) {
    EXPECT_EQ(e.key(), "--backend");
    EXPECT_THAT(e.reason(), HasSubstr("did not reproduce the CPU backend on a probe of this run "
                                      "(128 trajectories x 60 days)"));
  }
  EXPECT_FALSE(cli::trusted_device_backend(faulty(Fault::kOtherSeed), "auto", model_,
                                           engine::Precision::kDouble, kSeed, kDays));
}

TEST_F(BackendProbe, ADeviceThatFailsIsRefusedWithItsError) {
  try {
    cli::trusted_device_backend(faulty(Fault::kThrows), "cuda", model_, engine::Precision::kDouble,
                                kSeed, kDays);
    FAIL() << "a failing device was accepted";
  } catch (const UserError& e) {
    EXPECT_THAT(e.reason(), HasSubstr("it failed: CUDA: out of memory (test)"));
  }
  EXPECT_FALSE(cli::trusted_device_backend(faulty(Fault::kThrows), "auto", model_,
                                           engine::Precision::kDouble, kSeed, kDays));
}

TEST_F(BackendProbe, AFaithfulDeviceIsKeptAndTheProbeIsShortOnLongRuns) {
  EXPECT_TRUE(cli::trusted_device_backend(faulty(Fault::kNone), "auto", model_,
                                          engine::Precision::kDouble, kSeed, 100000));
  EXPECT_TRUE(cli::trusted_device_backend(faulty(Fault::kNone), "cuda", model_,
                                          engine::Precision::kDouble, kSeed, kDays));
}

#else

TEST(BackendProbe, AFaithfulDeviceBackendPasses) {
  GTEST_SKIP() << "no Thrust (CCCL) headers were found when the build was configured";
}

#endif

}  // namespace
}  // namespace mineralsim::testing
