#include "mineralsim/engine/ensemble_runner.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/progress.hpp"
#include "mineralsim/engine/resource_limits.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/io/results_writer.hpp"

namespace mineralsim::engine {

namespace {

class RecordingObserver : public BatchObserver {
 public:
  RecordingObserver(DailyStatistics& statistics, PathRecorder& paths)
      : statistics_(statistics), paths_(paths) {}
  void on_day(int day, const BatchState& batch, std::uint64_t first, int lanes) override {
    statistics_.accumulate_day(day, batch, lanes);
    paths_.record(day, batch, first, lanes);
  }

 private:
  DailyStatistics& statistics_;
  PathRecorder& paths_;
};

void check_config(const RunConfig& config, int days) {
  auto refuse = [](const std::string& option, const std::string& reason) {
    throw UserError("", 0, 0, option, reason);
  };
  if (config.trajectories == 0) refuse("--trajectories", "must be at least 1");
  if (config.trajectories > kMaxTrajectories) {
    refuse("--trajectories", fmt::format("at most {} in one run (per-day histograms count in 32 "
                                         "bits); split larger ensembles into runs with other seeds",
                                         kMaxTrajectories));
  }
  if (days < 1) refuse("--days", "must be at least 1");
  if (days > kMaxDays) refuse("--days", fmt::format("at most {} (about 270 years)", kMaxDays));
  if (config.batch < 1) refuse("--batch", "must be at least 1");
  if (config.threads < 0) refuse("--threads", "must be 0 (all cores) or more");
  if (config.paths < 0) refuse("--paths", "must be 0 or more");
  if (config.path_every < 1) refuse("--every", "must be at least 1");
  if (config.output.empty()) refuse("--out", "a results file is required");
}

}  // namespace

std::size_t estimate_run_bytes(const scenario::CompiledScenario& compiled, const RunConfig& config,
                               int days) {
  const model::ModelParameters& m = compiled.view();
  const auto batch = static_cast<int>(
      std::min<std::uint64_t>(static_cast<std::uint64_t>(config.batch), config.trajectories));
  const ObservedVariables vars = ObservedVariables::for_model(m);
  const std::size_t paths = static_cast<std::size_t>(config.paths) *
                            static_cast<std::size_t>(days / config.path_every + 1) *
                            (vars.variables.size() * sizeof(double) +
                             static_cast<std::size_t>(m.dims.regimes) * sizeof(std::int32_t));
  std::size_t summary_values = 0;
  for (const SummaryColumn& column : kSummaryColumns) {
    summary_values += static_cast<std::size_t>(summary_width(m, column.extent));
  }
  return BatchState::bytes_for(m, batch) + DailyStatistics::bytes_for(m, days) + paths +
         static_cast<std::size_t>(batch) * summary_values * sizeof(double);
}

RunSummary run_ensemble(const scenario::Scenario& scenario, const RunConfig& config) {
  const int days = config.days > 0 ? config.days : scenario.horizon_days;
  check_config(config, days);
  const scenario::CompiledScenario compiled(scenario);
  const model::ModelParameters& model = compiled.view();
  if (config.threads > 0) omp_set_num_threads(config.threads);
  const int batch_capacity = static_cast<int>(
      std::min<std::uint64_t>(static_cast<std::uint64_t>(config.batch), config.trajectories));

  RunSummary summary;
  summary.days = days;
  summary.estimated_bytes = estimate_run_bytes(compiled, config, days);
  check_memory(summary.estimated_bytes, available_memory_bytes());
  DailyStatistics statistics(model, days);
  PathRecorder paths(model, config.trajectories, config.paths, days, config.path_every);
  io::Provenance provenance;
  provenance.command_line = config.command_line;
  provenance.seed = config.seed;
  provenance.trajectories = config.trajectories;
  provenance.days = days;
  provenance.batch_size = batch_capacity;
  provenance.threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  provenance.paths = paths.paths();
  provenance.path_every = config.path_every;
  io::ResultsWriter writer(config.output, config.overwrite, scenario, compiled,
                           io::make_provenance(provenance), statistics, paths);

  CpuBackend backend(model, batch_capacity);
  RecordingObserver observer(statistics, paths);
  SummaryBatch summaries;
  ProgressReporter progress(config.progress, config.trajectories, days);
  std::uint64_t done = 0;
  while (done < config.trajectories) {
    const int lanes = static_cast<int>(std::min<std::uint64_t>(
        static_cast<std::uint64_t>(batch_capacity), config.trajectories - done));
    backend.run_batch(config.seed, done, lanes, days, observer);
    gather_summaries(model, backend.state(), lanes, done, summaries);
    done += static_cast<std::uint64_t>(lanes);
    summary.batches += 1;
    try {
      writer.append_summaries(summaries);
      writer.write_statistics(statistics);
      writer.write_paths(paths);
      writer.commit(done, static_cast<std::uint64_t>(summary.batches), done == config.trajectories);
    } catch (const io::IoError& e) {
      throw io::IoError(fmt::format(
          "{}: writing batch {} failed: {}. The file keeps the {} trajectories of the batches "
          "committed before, and is marked incomplete",
          config.output, summary.batches, e.what(), done - static_cast<std::uint64_t>(lanes)));
    }
    progress.update(done);
  }
  progress.finish();
  summary.trajectories = done;
  summary.seconds = progress.elapsed_seconds();
  return summary;
}

}  // namespace mineralsim::engine
