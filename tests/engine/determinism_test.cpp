// MODEL.md section 4, determinism: a trajectory's path depends only on (seed, trajectory index),
// so results are bitwise identical for any thread count and batch size, and a trajectory run
// alone equals the same trajectory run inside a batch.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "support/results_content.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

class NoObserver : public engine::BatchObserver {
 public:
  void on_day(int, const engine::BatchState&, std::uint64_t, int) override {}
};

TEST(Determinism, TrajectoryAloneEqualsTheSameTrajectoryInsideABatch) {
  const scenario::Scenario s = small_scenario();
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  NoObserver none;
  engine::CpuBackend batch(m, 64);
  batch.run_batch(17, 100, 64, 365, none);
  engine::CpuBackend alone(m, 1);
  alone.run_batch(17, 137, 1, 365, none);
  const model::StateLayout layout = model::StateLayout::for_dimensions(m.dims);
  for (int i = 0; i < layout.real_elements; ++i) {
    const double in_batch = batch.state().reals()[i * batch.state().stride() + 37];
    const double by_itself = alone.state().reals()[i * alone.state().stride()];
    ASSERT_EQ(std::memcmp(&in_batch, &by_itself, sizeof(double)), 0) << "real element " << i;
  }
  for (int i = 0; i < layout.int_elements; ++i) {
    ASSERT_EQ(batch.state().ints()[i * batch.state().stride() + 37],
              alone.state().ints()[i * alone.state().stride()])
        << "int element " << i;
  }
}

std::vector<std::vector<double>> run_with(int threads, int batch, const std::string& path) {
  engine::RunConfig config = comparable_run(path);
  config.threads = threads;
  config.batch = batch;
  engine::run_ensemble(small_scenario(), config);
  return simulated_content(path);
}

TEST(Determinism, ResultsFileIsIdenticalForAnyThreadCountAndBatchSize) {
  TemporaryFile file("det.h5");
  const auto reference = run_with(1, 300, file.path());
  for (const auto& [threads, batch] :
       std::vector<std::pair<int, int>>{{2, 300}, {2, 7}, {1, 64}, {3, 128}}) {
    EXPECT_EQ(differing_datasets(run_with(threads, batch, file.path()), reference),
              std::vector<std::size_t>{})
        << "with " << threads << " threads, batch " << batch;
  }
}

TEST(Determinism, DifferentSeedsGiveDifferentResults) {
  TemporaryFile file("seed.h5");
  const auto a = run_with(2, 100, file.path());
  engine::RunConfig config = comparable_run(file.path());
  config.seed = 4243;
  config.batch = 100;
  engine::run_ensemble(small_scenario(), config);
  const auto b = simulated_content(file.path());
  EXPECT_NE(a[0], b[0]);
}

}  // namespace
}  // namespace mineralsim::testing
