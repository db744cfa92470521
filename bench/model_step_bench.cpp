// Model days for a batch of trajectories of the shipped baseline, on all OpenMP threads, alone and
// with the daily statistics accumulated (their cost is the difference), in double (float:0) and in
// float (float:1), and the exact sum behind the statistics against a plain double sum.
// Run: build/release/bench/model_step_bench
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "mineralsim/detail/exact_sum.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace {

class NoObserver : public mineralsim::engine::BatchObserver {
 public:
  void on_day(int, const mineralsim::engine::BatchState&, std::uint64_t, int) override {}
};

class StatisticsObserver : public mineralsim::engine::BatchObserver {
 public:
  explicit StatisticsObserver(mineralsim::engine::DailyStatistics& statistics)
      : statistics_(statistics) {}
  void on_day(int day, const mineralsim::engine::BatchState& batch, std::uint64_t,
              int lanes) override {
    statistics_.accumulate_day(day, batch, lanes);
  }

 private:
  mineralsim::engine::DailyStatistics& statistics_;
};

constexpr int kDays = 30;

template <bool kWithStatistics>
void BM_BaselineDays(benchmark::State& state) {
  using namespace mineralsim;
  const scenario::Scenario s =
      scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/baseline.toml");
  const scenario::CompiledScenario compiled(s);
  const int lanes = static_cast<int>(state.range(0));
  const engine::Precision precision =
      state.range(1) != 0 ? engine::Precision::kFloat : engine::Precision::kDouble;
  engine::CpuBackend backend(compiled.view(), lanes, precision);
  engine::DailyStatistics statistics(compiled.view(), kDays);
  NoObserver none;
  StatisticsObserver accumulate(statistics);
  for (auto _ : state) {
    if constexpr (kWithStatistics) {
      backend.run_batch(1, 0, lanes, kDays, accumulate);
    } else {
      backend.run_batch(1, 0, lanes, kDays, none);
    }
  }
  state.counters["trajectory_days_per_s"] = benchmark::Counter(
      static_cast<double>(lanes) * kDays * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselineDays<false>)
    ->Name("BM_BaselineDays")
    ->ArgsProduct({{1024, 4096}, {0, 1}})
    ->ArgNames({"", "float"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_BaselineDays<true>)
    ->Name("BM_BaselineDaysWithStatistics")
    ->ArgsProduct({{1024, 4096}, {0, 1}})
    ->ArgNames({"", "float"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

std::vector<double> lognormal_values() {
  std::mt19937_64 rng(1);
  std::lognormal_distribution<double> draw(3.0, 2.0);
  std::vector<double> values(1 << 16);
  for (double& v : values) v = draw(rng) - 20.0;  // both signs, magnitudes 1e-3 .. 1e5
  return values;
}

// The exact sum of a value and of its square, against two double additions.
void BM_ExactSumValueAndSquare(benchmark::State& state) {
  const std::vector<double> values = lognormal_values();
  for (auto _ : state) {
    mineralsim::detail::ExactSum sum, squares;
    for (double v : values) {
      sum.add(v);
      squares.add_square(v);
    }
    benchmark::DoNotOptimize(sum);
    benchmark::DoNotOptimize(squares);
  }
  state.counters["values_per_s"] = benchmark::Counter(
      static_cast<double>(values.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExactSumValueAndSquare);

void BM_DoubleSumValueAndSquare(benchmark::State& state) {
  const std::vector<double> values = lognormal_values();
  for (auto _ : state) {
    double sum = 0.0, squares = 0.0;
    for (double v : values) {
      sum += v;
      squares += v * v;
    }
    benchmark::DoNotOptimize(sum);
    benchmark::DoNotOptimize(squares);
  }
  state.counters["values_per_s"] = benchmark::Counter(
      static_cast<double>(values.size()) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DoubleSumValueAndSquare);

}  // namespace

BENCHMARK_MAIN();
