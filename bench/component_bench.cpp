// Microbenchmarks of the engine's parts: Philox draws, clearing alone, HDF5 write throughput of
// per-trajectory summaries with and without compression, and the CPU replay of sampled paths. The
// model day and the statistics are in model_step_bench.cpp. Run with bench/run_microbenchmarks.sh
// (JSON kept in bench/results/).
#include <benchmark/benchmark.h>
#include <omp.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "mineralsim/detail/random.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/model/day_step.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace {

using namespace mineralsim;

// One Philox4x32-10 block (four 32-bit words) per call, keyed as the model keys its draws.
void BM_PhiloxBlock(benchmark::State& state) {
  std::uint32_t site = 0;
  std::uint32_t sink = 0;
  for (auto _ : state) {
    const detail::PhiloxBlock b = detail::philox_block(1, 12345, 17, site++);
    sink ^= b.w[0] ^ b.w[3];
  }
  benchmark::DoNotOptimize(sink);
  state.counters["blocks_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PhiloxBlock);

// A standard normal draw: one block, the Box-Muller transform on the project's own log and cos.
void BM_PhiloxNormal(benchmark::State& state) {
  const detail::DailyDraws<double> draws{1, 12345, 17};
  std::uint32_t site = 0;
  double sink = 0.0;
  for (auto _ : state) sink += draws.normal(site++);
  benchmark::DoNotOptimize(sink);
  state.counters["draws_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PhiloxNormal);

// The shipped baseline scenario, loaded and compiled once for the benchmarks that run it.
const model::ModelParameters& baseline_model() {
  static const scenario::Scenario scenario =
      scenario::load_scenario(std::string(MINERALSIM_SOURCE_DIR) + "/data/scenarios/baseline.toml");
  static const scenario::CompiledScenario compiled(scenario);
  return compiled.view();
}

// Step 6 alone, for every lane of a baseline batch, from the state just before clearing on day
// 30 (restored, untimed, before each pass).
void BM_ClearingBaseline(benchmark::State& state) {
  const model::ModelParameters& m = baseline_model();
  const int lanes = static_cast<int>(state.range(0));
  constexpr int kDay = 30;
  engine::CpuBackend backend(m, lanes);
  struct : engine::BatchObserver {
    void on_day(int, const engine::BatchState&, std::uint64_t, int) override {}
  } none;
  backend.run_batch(1, 0, lanes, kDay, none);
  engine::BatchState& batch = backend.state();
  auto context = [&](int lane) {
    return model::DayContext<double>{
        m,
        batch.params(m, lane),
        batch.lane(lane),
        detail::DailyDraws<double>{1, static_cast<std::uint64_t>(lane), kDay},
        model::DrawSites::for_dimensions(m.dims),
        kDay};
  };
  for (int lane = 0; lane < lanes; ++lane) {
    const model::DayContext<double> ctx = context(lane);
    model::step_tension(ctx);
    model::step_regimes(ctx);
    model::step_supply(ctx);
    model::step_exports(ctx);
    model::step_orders(ctx);
  }
  const std::size_t reals = static_cast<std::size_t>(batch.layout().real_elements) *
                            static_cast<std::size_t>(batch.stride());
  const std::size_t ints = static_cast<std::size_t>(batch.layout().int_elements) *
                           static_cast<std::size_t>(batch.stride());
  const std::vector<double> saved_reals(batch.reals(), batch.reals() + reals);
  const std::vector<std::int32_t> saved_ints(batch.ints(), batch.ints() + ints);
  for (auto _ : state) {
    state.PauseTiming();
    std::memcpy(batch.reals(), saved_reals.data(), reals * sizeof(double));
    std::memcpy(batch.ints(), saved_ints.data(), ints * sizeof(std::int32_t));
    state.ResumeTiming();
    for (int lane = 0; lane < lanes; ++lane) model::step_clearing(context(lane));
    benchmark::ClobberMemory();
  }
  state.counters["trajectory_days_per_s"] =
      benchmark::Counter(static_cast<double>(lanes) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ClearingBaseline)->Arg(1024)->Unit(benchmark::kMicrosecond);

// Appending batches of 4,096 summary rows of 48 doubles (about the baseline's unmet_total) to a
// chunked dataset, as the results writer does; range(0): 0 none, 1 fast, 2 small. The values are
// lognormal with full-precision mantissas, harder to compress than most real summaries.
void BM_SummaryWrite(benchmark::State& state) {
  const auto compression = static_cast<io::Compression>(state.range(0));
  constexpr hsize_t kRows = 4096, kWidth = 48;
  std::vector<double> rows(kRows * kWidth);
  std::mt19937_64 rng(3);
  std::lognormal_distribution<double> draw(0.0, 1.0);
  for (double& v : rows) v = draw(rng);
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("mineralsim_bench_" + std::to_string(::getpid()) + ".h5"))
                               .string();
  io::silence_hdf5_errors();
  const io::Hdf5Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                            H5Fclose);
  const io::Hdf5Handle set =
      io::create_growing_dataset(file.get(), "rows", H5T_IEEE_F64LE, {kWidth}, kRows, compression);
  for (auto _ : state) io::append_rows(set.get(), H5T_NATIVE_DOUBLE, kRows, rows.data());
  H5Fflush(file.get(), H5F_SCOPE_LOCAL);
  const double bytes =
      static_cast<double>(rows.size() * sizeof(double)) * static_cast<double>(state.iterations());
  state.counters["MB_per_s"] = benchmark::Counter(bytes / 1e6, benchmark::Counter::kIsRate);
  state.counters["stored_fraction"] = static_cast<double>(H5Dget_storage_size(set.get())) / bytes;
  std::filesystem::remove(path);
}
BENCHMARK(BM_SummaryWrite)
    ->ArgName("compression")
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);

// A device backend's sampled paths: range(0) baseline trajectories of 365 days replayed on the CPU
// (engine::replay_sampled_paths) on range(1) OpenMP threads.
void BM_ReplaySampledPaths(benchmark::State& state) {
  const model::ModelParameters& m = baseline_model();
  const auto paths = static_cast<int>(state.range(0));
  constexpr int kDays = 365;
  const int threads_before = omp_get_max_threads();
  omp_set_num_threads(static_cast<int>(state.range(1)));
  for (auto _ : state) {
    engine::PathRecorder recorder(m, static_cast<std::uint64_t>(paths), paths, kDays, 1);
    engine::replay_sampled_paths(m, engine::Precision::kDouble, 1, kDays, 0,
                                 static_cast<std::uint64_t>(paths), recorder);
    benchmark::DoNotOptimize(recorder.values().data());
  }
  omp_set_num_threads(threads_before);
  state.counters["paths_per_s"] =
      benchmark::Counter(static_cast<double>(paths) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReplaySampledPaths)
    ->ArgNames({"paths", "threads"})
    ->Args({16, 1})
    ->Args({16, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
