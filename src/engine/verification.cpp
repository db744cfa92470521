#include "mineralsim/engine/verification.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/precision.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/io/dataset_shapes.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/io/run_identity.hpp"
#include "mineralsim/io/summary_rows.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::engine {

namespace {

// Consecutive trajectories simulated and compared at a time.
constexpr int kRunRows = 4096;

class NoObserver : public BatchObserver {
 public:
  void on_day(int, const BatchState&, std::uint64_t, int) override {}
};

// Bit for bit: a NaN equals the same NaN, and 0.0 differs from -0.0.
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The rows of the file to check, ascending: all `rows`, or `sample` of them spread evenly (the
// first row always among them).
std::vector<std::uint64_t> rows_to_check(std::uint64_t rows, std::uint64_t sample) {
  std::vector<std::uint64_t> chosen;
  const std::uint64_t count = sample == 0 ? rows : std::min(rows, sample);
  for (std::uint64_t j = 0; j < count; ++j) chosen.push_back(j * rows / count);
  return chosen;
}

// Collects the differences: counts them per trajectory or path, lists the first ones.
class Differences {
 public:
  explicit Differences(VerifyReport& report) : report_(report) {}

  // `what` names the value; it is called only for the differences listed.
  template <class What>
  void add(std::uint64_t trajectory, const What& what, double in_file, double simulated) {
    if (trajectory != last_) {
      last_ = trajectory;
      ++*counter_;
    }
    if (report_.first_mismatches.size() < static_cast<std::size_t>(VerifyReport::kListed)) {
      report_.first_mismatches.push_back({trajectory, what(), in_file, simulated});
    }
  }
  // Differences added from now on are counted as paths, not trajectories.
  void counting_paths() {
    counter_ = &report_.differing_paths;
    last_ = kNone;
  }

 private:
  static constexpr std::uint64_t kNone = ~std::uint64_t{0};
  VerifyReport& report_;
  std::uint64_t* counter_ = &report_.differing_trajectories;
  std::uint64_t last_ = kNone;
};

void compare_summaries(hid_t file, const model::ModelParameters& model, const SummaryBatch& in_file,
                       const SummaryBatch& simulated, Differences& differences) {
  std::size_t widths[kSummaryColumnCount];
  for (int c = 0; c < kSummaryColumnCount; ++c) {
    widths[c] = static_cast<std::size_t>(summary_width(model, kSummaryColumns[c].extent));
  }
  for (int lane = 0; lane < in_file.lanes; ++lane) {
    const std::uint64_t trajectory = simulated.first_trajectory + static_cast<std::uint64_t>(lane);
    const std::uint64_t index = in_file.first_trajectory + static_cast<std::uint64_t>(lane);
    if (index != trajectory) {
      differences.add(
          trajectory, [] { return std::string("/trajectory/index"); }, static_cast<double>(index),
          static_cast<double>(trajectory));
    }
    for (int c = 0; c < kSummaryColumnCount; ++c) {
      const std::size_t width = widths[c];
      const auto column = static_cast<std::size_t>(c);
      const bool real = kSummaryColumns[c].type == SummaryType::kReal;
      for (std::size_t e = 0; e < width; ++e) {
        const std::size_t at = static_cast<std::size_t>(lane) * width + e;
        const double value = real ? in_file.reals[column][at] : in_file.ints[column][at];
        const double again = real ? simulated.reals[column][at] : simulated.ints[column][at];
        if (!same_bits(value, again)) {
          differences.add(
              trajectory,
              [&] {
                return kSummaryColumns[c].name +
                       io::element_labels(file, io::summary_shape(model, kSummaryColumns[c].extent),
                                          e);
              },
              value, again);
        }
      }
    }
  }
}

// The sampled paths among the trajectories `range`, simulated again and compared with /paths.
int compare_paths(hid_t file, const io::RunIdentity& run, const model::ModelParameters& model,
                  TrajectoryRange range, Differences& differences) {
  PathRecorder paths = io::sampled_paths_of(run, model);
  replay_sampled_paths(model, parse_precision(run.precision), std::stoull(run.seed),
                       static_cast<int>(run.days), range.first, range.end, paths);
  const ObservedVariables& variables = paths.variables();
  const auto days = static_cast<std::size_t>(paths.recorded_days());
  const auto width = static_cast<std::size_t>(variables.size());
  const auto regimes = static_cast<std::size_t>(model.dims.regimes);
  std::vector<std::vector<double>> observed(model::kObservableCount);
  for (int o = 0; o < model::kObservableCount; ++o) {
    if (variables.count[o] > 0 && days > 0) {
      observed[static_cast<std::size_t>(o)] =
          io::read_doubles(file, std::string("/paths/") + model::kObservableInfo[o].name);
    }
  }
  const std::vector<std::int64_t> levels = regimes > 0 && days > 0
                                               ? io::read_int64s(file, "/paths/regime_level")
                                               : std::vector<std::int64_t>();
  int compared = 0;
  differences.counting_paths();
  for (std::size_t m = 0; m < paths.trajectories().size(); ++m) {
    const std::uint64_t trajectory = paths.trajectories()[m];
    if (trajectory < range.first || trajectory >= range.end) continue;
    ++compared;
    for (std::size_t d = 0; d < days; ++d) {
      const std::size_t row = m * days + d;
      const int day = paths.days()[d];
      for (int o = 0; o < model::kObservableCount; ++o) {
        const auto count = static_cast<std::size_t>(variables.count[o]);
        for (std::size_t e = 0; e < count; ++e) {
          const double in_file = observed[static_cast<std::size_t>(o)][row * count + e];
          const double again =
              paths.values()[row * width + static_cast<std::size_t>(variables.first[o]) + e];
          if (!same_bits(in_file, again)) {
            differences.add(
                trajectory,
                [&] {
                  return fmt::format(
                      "path day {} {}{}", day, model::kObservableInfo[o].name,
                      io::element_labels(
                          file, io::observable_shape(model.dims, model::kObservableInfo[o].extent),
                          e));
                },
                in_file, again);
          }
        }
      }
      for (std::size_t x = 0; x < regimes; ++x) {
        const std::int64_t in_file = levels[row * regimes + x];
        const std::int32_t again = paths.regime_levels()[row * regimes + x];
        if (in_file != again) {
          differences.add(
              trajectory,
              [&] {
                return fmt::format(
                    "path day {} regime_level{}", day,
                    io::element_labels(
                        file, io::observable_shape(model.dims, model::StateExtent::kRegime), x));
              },
              static_cast<double>(in_file), again);
        }
      }
    }
  }
  return compared;
}

}  // namespace

VerifyReport verify_results(const VerifyConfig& config) {
  const io::Hdf5Handle handle = io::open_results(config.path);
  const hid_t file = handle.get();
  const io::RunIdentity run = io::identity_of_file(file);
  const io::ResultsProgress progress = io::progress_of(file);

  VerifyReport report;
  report.trajectories_requested = static_cast<std::uint64_t>(run.trajectories);
  report.shard = io::shard_of(file);
  report.days = static_cast<int>(run.days);
  report.seed = run.seed;
  report.precision = run.precision;
  report.file_build = run.git_revision;
  report.same_build = run.git_revision == kGitRevision && run.version == kVersion;
  report.rows = progress.trajectories_done;
  report.complete = progress.complete;
  if (report.rows == 0) {
    throw UserError(config.path, 0, 0, "verify",
                    "the file holds no committed trajectory to simulate again");
  }

  const scenario::Scenario scenario = scenario::parse_scenario(
      run.scenario_text, io::read_string_attribute(file, "scenario_file"),
      run.variant.empty() ? std::nullopt : std::optional<std::string>(run.variant));
  report.scenario = scenario.variant.empty()
                        ? scenario.name
                        : fmt::format("{}:{}", scenario.name, scenario.variant);
  const scenario::CompiledScenario compiled(scenario);
  const model::ModelParameters& model = compiled.view();
  const Precision precision = parse_precision(run.precision);
  const std::uint64_t seed = std::stoull(run.seed);
  const TrajectoryRange range = shard_range(report.trajectories_requested, report.shard);

  Differences differences(report);
  const std::vector<std::uint64_t> rows = rows_to_check(report.rows, config.sample);
  CpuBackend backend(model, static_cast<int>(std::min<std::size_t>(kRunRows, rows.size())),
                     precision);
  NoObserver no_observer;
  SummaryBatch in_file;
  SummaryBatch simulated;
  std::size_t next_report = kRunRows;
  for (std::size_t i = 0; i < rows.size();) {
    // A run of consecutive rows, simulated as one batch.
    std::size_t n = 1;
    while (i + n < rows.size() && n < static_cast<std::size_t>(kRunRows) &&
           rows[i + n] == rows[i] + n) {
      ++n;
    }
    const std::uint64_t first = range.first + rows[i];
    io::read_summary_rows(file, model, rows[i], static_cast<int>(n), in_file);
    backend.run_batch(seed, first, static_cast<int>(n), report.days, no_observer);
    gather_summaries(model, backend.state(), static_cast<int>(n), first, simulated);
    compare_summaries(file, model, in_file, simulated, differences);
    for (std::size_t k = 0; k < n; ++k) report.checked.push_back(first + k);
    i += n;
    if (config.progress != nullptr && (i >= next_report || i == rows.size())) {
      fmt::print(config.progress, "verify: {} of {} trajectories simulated again\n", i,
                 rows.size());
      next_report = i + kRunRows;
    }
  }
  // Each commit writes the paths of the trajectories committed so far.
  const TrajectoryRange committed{range.first, range.first + report.rows};
  report.paths_checked = compare_paths(file, run, model, committed, differences);
  return report;
}

}  // namespace mineralsim::engine
