// One model day for a batch of trajectories of the shipped baseline, on all OpenMP threads.
// Reports trajectory-days per second. Run: build/release/bench/model_step_bench
#include <benchmark/benchmark.h>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace {

class NoObserver : public mineralsim::engine::BatchObserver {
 public:
  void on_day(int, const mineralsim::engine::BatchState&, std::uint64_t, int) override {}
};

void BM_BaselineDays(benchmark::State& state) {
  using namespace mineralsim;
  const scenario::Scenario s =
      scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/baseline.toml");
  const scenario::CompiledScenario compiled(s);
  const int lanes = static_cast<int>(state.range(0));
  constexpr int kDays = 30;
  engine::CpuBackend backend(compiled.view(), lanes);
  NoObserver none;
  for (auto _ : state) backend.run_batch(1, 0, lanes, kDays, none);
  state.counters["trajectory_days_per_s"] = benchmark::Counter(
      static_cast<double>(lanes) * kDays * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BaselineDays)->Arg(1024)->Arg(4096)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
