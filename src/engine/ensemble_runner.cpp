#include "mineralsim/engine/ensemble_runner.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>

#include "mineralsim/engine/background_writer.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/float_range.hpp"
#include "mineralsim/engine/interruption.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/progress.hpp"
#include "mineralsim/engine/resource_limits.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/engine/unknown_moments.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/io/results_writer.hpp"
#include "mineralsim/io/resume_source.hpp"

namespace mineralsim::engine {

namespace {

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
  const Shard shard = config.shard;
  if (shard.sharded()) {
    if (shard.index < 0 || shard.index >= shard.count) {
      refuse("--shard", fmt::format("shard {} of {} does not exist (shards count from 0)",
                                    shard.index, shard.count));
    }
    if (static_cast<std::uint64_t>(shard.count) > config.trajectories) {
      refuse("--shard", fmt::format("{} shards of {} trajectories would leave a shard empty",
                                    shard.count, config.trajectories));
    }
  }
  if (!(config.checkpoint_seconds >= 0.0))
    refuse("--checkpoint-every", "must be 0 or more seconds");
}

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void copy_summaries(const io::ResumeSource& source, const model::ModelParameters& model, int batch,
                    io::ResultsWriter& writer) {
  SummaryBatch rows;
  for (std::uint64_t row = 0; row < source.trajectories_done();) {
    const int count = static_cast<int>(std::min<std::uint64_t>(static_cast<std::uint64_t>(batch),
                                                               source.trajectories_done() - row));
    source.read_summaries(model, row, count, rows);
    writer.append_summaries(rows);
    row += static_cast<std::uint64_t>(count);
  }
}

}  // namespace

std::size_t estimate_run_bytes(const scenario::CompiledScenario& compiled, const RunConfig& config,
                               int days) {
  const model::ModelParameters& m = compiled.view();
  const int batch = batch_capacity(config);
  const ObservedVariables vars = ObservedVariables::for_model(m);
  const std::size_t paths = static_cast<std::size_t>(config.paths) *
                            static_cast<std::size_t>(days / config.path_every + 1) *
                            (vars.variables.size() * sizeof(double) +
                             static_cast<std::size_t>(m.dims.regimes) * sizeof(std::int32_t));
  std::size_t summary_values = 0;
  for (const SummaryColumn& column : kSummaryColumns) {
    summary_values += static_cast<std::size_t>(summary_width(m, column.extent));
  }
  const std::size_t statistics = DailyStatistics::bytes_for(m, days);
  // Statistics, paths and a batch of summaries twice: the batch being written holds copies.
  const std::size_t held =
      BatchState::bytes_for(m, batch, config.precision) +
      2 * (statistics + paths + static_cast<std::size_t>(batch) * summary_values * sizeof(double));
  if (!config.make_backend) return held;
  // A device backend's two result slots on the host (docs/backends.md, "The pipeline").
  return held + 2 * (statistics + summary_state_bytes_for(m, batch, config.precision));
}

RunSummary run_ensemble(const scenario::Scenario& scenario, const RunConfig& config) {
  const int days = config.days > 0 ? config.days : scenario.horizon_days;
  check_config(config, days);
  check_float_range(scenario, config.precision, days);
  const scenario::CompiledScenario compiled(scenario);
  const model::ModelParameters& model = compiled.view();
  if (config.threads > 0) omp_set_num_threads(config.threads);
  const int capacity = batch_capacity(config);
  const TrajectoryRange range = run_range(config);

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
  provenance.batch_size = capacity;
  provenance.precision = precision_name(config.precision);
  provenance.threads = config.threads > 0 ? config.threads : omp_get_max_threads();
  provenance.shard = config.shard;

  // A resumed run writes a new file beside the old one and moves it into place once it holds
  // everything the old one did, so that a failure while resuming never loses the old file.
  std::optional<io::ResumeSource> source;
  if (config.resume) {
    source.emplace(config.output, scenario, provenance, paths);
    source->load_statistics(statistics);
  }
  // After the resumed statistics are in: a device backend starts its accumulators from them.
  const std::unique_ptr<BatchBackend> backend =
      config.make_backend
          ? config.make_backend(model, capacity, statistics, config.precision)
          : std::make_unique<CpuBatchBackend>(model, capacity, days, config.precision);
  provenance.backend = backend->description();
  const std::string target = source ? config.output + ".resuming" : config.output;
  io::ResultsWriter writer(target, config.overwrite || source.has_value(), scenario, compiled,
                           io::make_provenance(provenance), statistics, paths, config.compression);
  BackgroundWriter background(writer, config.output);
  // Trajectories of the range in the file: [range.first, range.first + done).
  std::uint64_t done = 0;
  if (source) {
    done = source->trajectories_done();
    summary.batches = static_cast<int>(source->batches_done());
    summary.resumed_from = done;
    replay_sampled_paths(model, config.precision, config.seed, days, range.first,
                         range.first + done, paths);
    copy_summaries(*source, model, capacity, writer);
    // The new file starts with the checkpoint it resumed from, so that it can be resumed too. A
    // run killed after its final checkpoint but before it said so is complete here.
    background.submit(
        {SummaryBatch{}, statistics, paths, done, summary.batches, done == range.size(), true});
    background.wait();
    std::error_code error;
    std::filesystem::rename(target, config.output, error);
    if (error) {
      throw io::IoError(fmt::format("{}: cannot move the resumed file into place: {}",
                                    config.output, error.message()));
    }
    writer.set_path(config.output);
  }

  auto last_checkpoint = Clock::now();
  InterruptionGuard interruption;
  SummaryBatch summaries;
  ProgressReporter progress(config.progress, range.size() - done, days);
  const auto lanes_from = [&](std::uint64_t row) {
    return static_cast<int>(
        std::min<std::uint64_t>(static_cast<std::uint64_t>(capacity), range.size() - row));
  };
  if (done < range.size()) backend->start_batch(config.seed, range.first + done, lanes_from(done));
  while (done < range.size()) {
    const int lanes = lanes_from(done);
    // A device simulates the next batch while this one's results come back and are written (a
    // signal below abandons it).
    const std::uint64_t next = done + static_cast<std::uint64_t>(lanes);
    if (next < range.size())
      backend->start_batch(config.seed, range.first + next, lanes_from(next));
    backend->finish_batch(statistics, paths);
    gather_summaries(model, backend->state(), lanes, range.first + done, summaries);
    done = next;
    summary.batches += 1;
    // Written while the next batch runs; the job copies the statistics and paths. A shard's file
    // ends with a checkpoint: the raw accumulators that merge adds up. A run stopped by a signal
    // ends with one too, so that --resume continues after the last batch rather than after the
    // last periodic checkpoint.
    const bool complete = done == range.size();
    const int signal = complete ? 0 : InterruptionGuard::received();
    const bool checkpoint =
        complete ? config.shard.sharded()
                 : signal != 0 || seconds_since(last_checkpoint) >= config.checkpoint_seconds;
    if (checkpoint) last_checkpoint = Clock::now();
    background.submit(
        {std::move(summaries), statistics, paths, done, summary.batches, complete, checkpoint});
    summaries = SummaryBatch{};
    progress.update(done - summary.resumed_from);
    if (signal != 0) {
      background.wait();
      throw Interrupted(signal, fmt::format("{}: interrupted by signal {} after {} of {} "
                                            "trajectories; the file holds all of them, with a "
                                            "checkpoint, and is marked incomplete. Continue with "
                                            "the same command and --resume",
                                            config.output, signal, done, range.size()));
    }
  }
  background.wait();
  progress.finish();
  summary.warnings = describe_unknown_moments(scenario, statistics);
  summary.trajectories = done - summary.resumed_from;
  summary.seconds = progress.elapsed_seconds();
  return summary;
}

}  // namespace mineralsim::engine
