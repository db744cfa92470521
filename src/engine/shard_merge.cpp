#include "mineralsim/engine/shard_merge.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string_view>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/precision.hpp"
#include "mineralsim/engine/shard.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/engine/unknown_moments.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/io/results_writer.hpp"
#include "mineralsim/io/run_identity.hpp"
#include "mineralsim/io/summary_rows.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace mineralsim::engine {

namespace {

// Rows of /trajectory copied at a time.
constexpr int kCopyRows = 4096;

// What merge needs of a shard's file, read and checked on its own. The file is closed again, and
// opened once more when its statistics and rows are copied: a merge of thousands of shards never
// holds more than one open, which keeps it within the limit on open files (often 1,024).
struct ShardFile {
  std::string path;
  Shard shard;
  TrajectoryRange range;
  std::uint64_t batches = 0;
  int checkpoint_slot = 0;  // holds the shard's final statistics
  io::RunIdentity identity;
  std::string backend;
  std::string scenario_file;
  int batch_size = 0;
  int threads = 0;
};

[[noreturn]] void refuse(const std::string& path, const std::string& reason) {
  throw UserError(path, 0, 0, "merge", reason);
}

ShardFile read_shard(const std::string& path) {
  const io::Hdf5Handle handle = io::open_results(path);
  const hid_t file = handle.get();
  ShardFile s;
  s.path = path;
  s.identity = io::identity_of_file(file);
  s.shard = io::shard_of(file);
  if (!s.shard.sharded()) {
    refuse(path, "not the file of a shard (one written by `run --shard I/M` or `merge --partial`)");
  }
  const auto trajectories = static_cast<std::uint64_t>(s.identity.trajectories);
  s.range = shard_range(trajectories, s.shard);
  if (s.shard.index < 0 || s.shard.span < 1 || s.shard.end() > s.shard.count ||
      static_cast<std::uint64_t>(io::read_int_attribute(file, "first_trajectory")) !=
          s.range.first ||
      static_cast<std::uint64_t>(io::read_int_attribute(file, "shard_trajectories")) !=
          s.range.size()) {
    refuse(path, fmt::format("its shard attributes do not describe {} of {} trajectories",
                             describe_shard(s.shard), trajectories));
  }
  const io::ResultsProgress progress = io::progress_of(file);
  if (!progress.complete) {
    refuse(path, fmt::format("{} is incomplete ({} of its {} trajectories); finish it with its "
                             "command and --resume",
                             describe_shard(s.shard), progress.trajectories_done, s.range.size()));
  }
  const std::optional<io::CheckpointProgress> checkpoint = io::latest_checkpoint(file);
  if (!checkpoint || checkpoint->trajectories != s.range.size()) {
    refuse(path, fmt::format("{} holds no final statistics to merge; run it again",
                             describe_shard(s.shard)));
  }
  s.checkpoint_slot = checkpoint->slot;
  s.batches = progress.batches_done;
  s.backend = io::read_string_attribute(file, "backend");
  s.scenario_file = io::read_string_attribute(file, "scenario_file");
  s.batch_size = static_cast<int>(io::read_int_attribute(file, "batch_size"));
  s.threads = static_cast<int>(io::read_int_attribute(file, "threads"));
  return s;
}

// Every shard must come from one run split in shards: the same build (whose bits they carry),
// scenario, settings and split.
void check_same_run(const ShardFile& first, const ShardFile& other) {
  if (const auto difference = io::first_difference(other.identity, first.identity)) {
    refuse(other.path,
           fmt::format("written for another {} ({}; {} has {}): shards must come from "
                       "one run split with --shard",
                       difference->what, difference->found, first.path, difference->expected));
  }
}

// Sorts the files by shard and checks that they hold consecutive shards, each once: all of them,
// or with `partial` a run of consecutive ones. Returns what they hold together: the whole
// ensemble, or the span of shards from the first to the last.
Shard check_coverage(std::vector<ShardFile>& files, bool partial) {
  std::stable_sort(files.begin(), files.end(), [](const ShardFile& a, const ShardFile& b) {
    return a.shard.index < b.shard.index;
  });
  const int count = files.front().shard.count;
  std::vector<int> missing;
  const auto add_missing = [&missing](int from, int to) {
    for (int i = from; i < to; ++i) missing.push_back(i);
  };
  if (!partial) add_missing(0, files.front().shard.index);
  for (std::size_t i = 1; i < files.size(); ++i) {
    const ShardFile& previous = files[i - 1];
    const ShardFile& s = files[i];
    if (s.shard == previous.shard) {
      refuse(s.path,
             fmt::format("{} is given twice (also {})", describe_shard(s.shard), previous.path));
    }
    if (s.shard.index < previous.shard.end()) {
      refuse(s.path,
             fmt::format("{} and {} ({}) overlap: each shard must be given once",
                         describe_shard(s.shard), describe_shard(previous.shard), previous.path));
    }
    add_missing(previous.shard.end(), s.shard.index);
  }
  if (!partial) add_missing(files.back().shard.end(), count);
  if (!missing.empty()) {
    const std::string which = fmt::format("shard{} {} of {} missing", missing.size() > 1 ? "s" : "",
                                          fmt::join(missing, ", "), count);
    throw UserError("", 0, 0, "merge",
                    partial ? which + ": a partial merge joins consecutive shards"
                            : fmt::format("{}: every shard 0 to {} must be given once (or "
                                          "--partial for consecutive ones)",
                                          which, count - 1));
  }
  const Shard covered{files.front().shard.index, count,
                      files.back().shard.end() - files.front().shard.index};
  return covered.span == count ? Shard{} : covered;
}

void check_output(const MergeConfig& config) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::exists(config.output, error)) return;
  for (const std::string& shard : config.shards) {
    if (fs::equivalent(config.output, shard, error)) {
      throw UserError(config.output, 0, 0, "--out", "is one of the shards being merged");
    }
  }
  if (!config.overwrite)
    throw io::IoError(config.output + ": file exists; pass --force to overwrite it");
}

// A merged file's backend reads "merged from 3 shards (cpu, cuda (NVIDIA H100))".
constexpr std::string_view kMergedPrefix = "merged from ";
constexpr std::string_view kListOpening = " shards (";

std::string merged_backend(int shards, const std::vector<std::string>& backends) {
  return fmt::format("{}{}{}{})", kMergedPrefix, shards, kListOpening, fmt::join(backends, ", "));
}

// The backends that simulated a file's trajectories: its own backend, or the list that a merge
// recorded (merged_backend), split at the commas outside parentheses, since a backend's own
// description may hold commas ("cuda (NVIDIA H100, device 0)").
std::vector<std::string> simulating_backends(const std::string& backend) {
  const std::size_t opening = backend.find(kListOpening);
  if (backend.rfind(kMergedPrefix, 0) != 0 || opening == std::string::npos ||
      backend.back() != ')') {
    return {backend};
  }
  const std::size_t first = opening + kListOpening.size();
  const std::string_view list = std::string_view(backend).substr(first, backend.size() - 1 - first);
  std::vector<std::string> backends;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    depth += list[i] == '(' ? 1 : list[i] == ')' ? -1 : 0;
    if (depth == 0 && list.substr(i, 2) == ", ") {
      backends.emplace_back(list.substr(start, i - start));
      start = i + 2;
    }
  }
  backends.emplace_back(list.substr(start));
  return backends;
}

// What the merged file says of its origin: the first shard's run, the shards it holds, and each
// backend that simulated them, once, however deep the tree of merges that brought them here.
io::Provenance merged_provenance(const std::vector<ShardFile>& files, Shard covered,
                                 const MergeConfig& config) {
  const ShardFile& first = files.front();
  std::vector<std::string> backends;
  int shards = 0;
  for (const ShardFile& s : files) {
    shards += s.shard.span;
    for (const std::string& backend : simulating_backends(s.backend)) {
      if (std::find(backends.begin(), backends.end(), backend) == backends.end()) {
        backends.push_back(backend);
      }
    }
  }
  io::Provenance provenance;
  provenance.command_line = config.command_line;
  provenance.backend = merged_backend(shards, backends);
  provenance.precision = first.identity.precision;
  provenance.seed = std::stoull(first.identity.seed);
  provenance.trajectories = static_cast<std::uint64_t>(first.identity.trajectories);
  provenance.days = static_cast<int>(first.identity.days);
  provenance.batch_size = first.batch_size;
  provenance.threads = first.threads;
  provenance.shard = covered;
  return provenance;
}

// The merged file at `target`: summaries shard by shard in trajectory order, then the statistics
// and paths, then the progress that says it is complete. A partial merge's file ends, as a shard's
// does, with the checkpoint of its statistics that a later merge adds up.
void write_merged(const std::string& target, const std::vector<ShardFile>& files,
                  const scenario::Scenario& scenario, const scenario::CompiledScenario& compiled,
                  const io::Provenance& provenance, const DailyStatistics& statistics,
                  const PathRecorder& paths, const MergeConfig& config) {
  io::ResultsWriter writer(target, true, scenario, compiled, io::make_provenance(provenance),
                           statistics, paths, config.compression);
  SummaryBatch rows;
  std::uint64_t batches = 0;
  for (const ShardFile& s : files) {
    batches += s.batches;
    const io::Hdf5Handle file = io::open_results(s.path);
    for (std::uint64_t row = 0; row < s.range.size();) {
      const int count = static_cast<int>(std::min<std::uint64_t>(kCopyRows, s.range.size() - row));
      io::read_summary_rows(file.get(), compiled.view(), row, count, rows);
      writer.append_summaries(rows);
      row += static_cast<std::uint64_t>(count);
    }
    if (config.progress != nullptr) {
      fmt::print(config.progress, "merge: {} ({}): trajectories [{}, {})\n",
                 describe_shard(s.shard), s.path, s.range.first, s.range.end);
    }
  }
  writer.write_statistics(statistics);
  writer.write_paths(paths);
  const std::uint64_t trajectories = shard_range(provenance.trajectories, provenance.shard).size();
  if (provenance.shard.sharded()) writer.write_checkpoint(statistics, trajectories, batches);
  writer.commit(trajectories, batches, true);
}

}  // namespace

MergeSummary merge_shards(const MergeConfig& config) {
  const auto start = std::chrono::steady_clock::now();
  if (config.shards.empty()) throw UserError("", 0, 0, "merge", "no shard files given");
  if (config.output.empty()) throw UserError("", 0, 0, "--out", "a results file is required");
  std::vector<ShardFile> files;
  for (const std::string& path : config.shards) {
    files.push_back(read_shard(path));
    check_same_run(files.front(), files.back());
  }
  const Shard covered = check_coverage(files, config.partial);
  check_output(config);

  const ShardFile& first = files.front();
  const io::Provenance provenance = merged_provenance(files, covered, config);
  const TrajectoryRange range = shard_range(provenance.trajectories, covered);
  const std::string& variant = first.identity.variant;
  const scenario::Scenario scenario = scenario::parse_scenario(
      first.identity.scenario_text, first.scenario_file,
      variant.empty() ? std::nullopt : std::optional<std::string>(variant));
  const scenario::CompiledScenario compiled(scenario);
  const model::ModelParameters& model = compiled.view();
  DailyStatistics statistics(model, provenance.days);
  for (const ShardFile& s : files) {
    DailyStatistics part(model, provenance.days);
    io::read_checkpoint(io::open_results(s.path).get(), part, s.checkpoint_slot);
    statistics.merge(part);
  }
  // The shards each hold their own sampled paths; those in the merged range are simulated again
  // here, as a device run does, which gives the same bits.
  PathRecorder paths = io::sampled_paths_of(first.identity, model);
  replay_sampled_paths(model, parse_precision(provenance.precision), provenance.seed,
                       provenance.days, range.first, range.end, paths);

  // Written beside the output and moved into place once complete, so that a failed or killed
  // merge never leaves a file under the output's name that looks like an interrupted run.
  const std::string target = config.output + ".merging";
  try {
    write_merged(target, files, scenario, compiled, provenance, statistics, paths, config);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(target, ignored);
    throw;
  }
  std::error_code error;
  std::filesystem::rename(target, config.output, error);
  if (error) {
    throw io::IoError(fmt::format("{}: cannot move the merged file {} into place: {}",
                                  config.output, target, error.message()));
  }

  MergeSummary summary;
  summary.trajectories = range.size();
  summary.files = static_cast<int>(files.size());
  summary.covered = covered;
  summary.days = provenance.days;
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  summary.warnings = describe_unknown_moments(scenario, statistics);
  return summary;
}

}  // namespace mineralsim::engine
