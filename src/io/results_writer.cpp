#include "mineralsim/io/results_writer.hpp"

#include <fmt/format.h>
#include <filesystem>

#include "mineralsim/engine/histogram_binning.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/dataset_shapes.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/model/observables.hpp"
#include "mineralsim/model/regime_level.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::io {

using engine::kQuantileLevels;
using model::StateExtent;

namespace {

bool has_zero(const std::vector<hsize_t>& dims) {
  for (hsize_t d : dims) {
    if (d == 0) return true;
  }
  return false;
}

std::vector<hsize_t> prepend(hsize_t first, std::vector<hsize_t> dims) {
  dims.insert(dims.begin(), first);
  return dims;
}
std::vector<std::string> prepend(const std::string& first, std::vector<std::string> names) {
  names.insert(names.begin(), first);
  return names;
}

Hdf5Handle open_dataset(hid_t file, const std::string& path) {
  return Hdf5Handle(MINERALSIM_H5_CALL(H5Dopen2(file, path.c_str(), H5P_DEFAULT)), H5Dclose);
}

Hdf5Handle create_results_file(const std::string& path, bool overwrite) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code ec;
  if (fs::is_directory(target, ec)) throw IoError(path + ": is a directory, not a results file");
  if (fs::exists(target, ec) && !overwrite) {
    throw IoError(path + ": file exists; pass --force to overwrite it");
  }
  if (target.has_parent_path()) {
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw IoError(path + ": cannot create directory: " + ec.message());
  }
  const Hdf5Handle access(MINERALSIM_H5_CALL(H5Pcreate(H5P_FILE_ACCESS)), H5Pclose);
  // SWMR needs the latest file format.
  MINERALSIM_H5_CALL(H5Pset_libver_bounds(access.get(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST));
  const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get());
  if (file < 0)
    throw IoError(path + ": cannot create results file (check the directory is writable)");
  return Hdf5Handle(file, H5Fclose);
}

void write_provenance(hid_t file, const scenario::Scenario& s, const Provenance& p) {
  write_int_attribute(file, "format_version", kResultsFormatVersion);
  write_string_attribute(file, "mineralsim_version", kVersion);
  write_string_attribute(file, "git_revision", kGitRevision);
  write_string_attribute(file, "git_tree", kGitTreeState);
  write_string_attribute(file, "library_versions", library_versions());
  write_string_attribute(file, "command_line", p.command_line);
  write_string_attribute(file, "created_utc", p.created_utc);
  write_string_attribute(file, "backend", p.backend);
  write_string_attribute(file, "precision", p.precision);
  write_string_attribute(file, "seed", std::to_string(p.seed));  // uint64 kept exact as text
  write_int_attribute(file, "trajectories_requested", static_cast<std::int64_t>(p.trajectories));
  write_int_attribute(file, "days", p.days);
  write_int_attribute(file, "batch_size", p.batch_size);
  write_int_attribute(file, "threads", p.threads);
  if (p.shard.sharded()) {
    const engine::TrajectoryRange range = engine::shard_range(p.trajectories, p.shard);
    write_int_attribute(file, "shard_index", p.shard.index);
    write_int_attribute(file, "shard_count", p.shard.count);
    write_int_attribute(file, "shard_span", p.shard.span);
    write_int_attribute(file, "first_trajectory", static_cast<std::int64_t>(range.first));
    write_int_attribute(file, "shard_trajectories", static_cast<std::int64_t>(range.size()));
  }
  write_string_attribute(file, "scenario_name", s.name);
  write_string_attribute(file, "scenario_variant", s.variant);  // empty for the base scenario
  write_string_attribute(file, "scenario_file", s.source_path);
  write_string_attribute(
      file, "start_date",
      fmt::format("{:04}-{:02}-{:02}", s.start_date.year, s.start_date.month, s.start_date.day));
  const Hdf5Handle group = create_group(file, "provenance");
  write_string_dataset(group.get(), "scenario_toml", {s.source_text});
  write_string_dataset(group.get(), "resolved_scenario", {scenario::describe_scenario(s)});
}

// The coordinates of every axis but the first ones of /trajectory and /paths (whose groups hold
// their own), each the dimension scale of the axis it is named after.
void write_dimensions(hid_t file, const scenario::Scenario& s,
                      const scenario::CompiledScenario& compiled, int days) {
  const Hdf5Handle group = create_group(file, "dimensions");
  const auto write_labels = [&](const std::string& axis, const std::vector<std::string>& labels) {
    make_dimension_scale(write_string_dataset(group.get(), axis, labels).get(), axis);
  };
  write_labels("commodity", s.commodities);
  write_labels("supplier", s.suppliers);
  write_labels("importer", s.importers);
  write_labels("regime", s.regime_names);
  write_labels("holding", s.holding_names);
  write_labels("window", s.window_names);
  write_labels("level", {std::begin(model::kRegimeLevelNames), std::end(model::kRegimeLevelNames)});
  std::vector<std::string> drawn;
  for (int index : compiled.drawn_value_index()) drawn.push_back(s.value_name(index));
  write_labels("drawn_parameter", drawn);
  write_labels("field", {"trajectories_completed", "batches_completed", "complete"});  // /progress
  const Hdf5Handle quantiles =
      create_dataset(group.get(), "quantile", H5T_IEEE_F64LE, {kQuantileLevels.size()});
  write_all(quantiles.get(), H5T_NATIVE_DOUBLE, kQuantileLevels.data());
  make_dimension_scale(quantiles.get(), "quantile");
  std::vector<std::int32_t> day(static_cast<std::size_t>(days));
  for (int t = 0; t < days; ++t) day[static_cast<std::size_t>(t)] = t;
  const Hdf5Handle day_set =
      create_dataset(group.get(), "day", H5T_STD_I32LE, {static_cast<hsize_t>(days)});
  write_all(day_set.get(), H5T_NATIVE_INT32, day.data());
  make_dimension_scale(day_set.get(), "day");
}

void create_daily_datasets(hid_t file, const model::Dimensions& d, int days) {
  const Hdf5Handle daily = create_group(file, "daily");
  const auto T = static_cast<hsize_t>(days);
  for (int o = 0; o < model::kObservableCount; ++o) {
    const model::ObservableInfo& info = model::kObservableInfo[o];
    const Shape shape = observable_shape(d, info.extent);
    if (has_zero(shape.dims)) continue;
    const Hdf5Handle group = create_group(daily.get(), info.name);
    const auto dims = prepend(T, shape.dims);
    const auto names = prepend("day", shape.names);
    for (const char* stat : {"mean", "std", "min", "max"}) {
      const Hdf5Handle set = create_dataset(group.get(), stat, H5T_IEEE_F64LE, dims);
      describe_dataset(set.get(), info.unit,
                       fmt::format("{} of {} over trajectories", stat, info.description), names);
    }
    const Hdf5Handle positive =
        create_dataset(group.get(), "probability_positive", H5T_IEEE_F64LE, dims);
    describe_dataset(positive.get(), "1",
                     fmt::format("share of trajectories with {} > 0", info.name), names);
    if (info.has_quantiles) {
      auto qdims = dims;
      qdims.push_back(kQuantileLevels.size());
      auto qnames = names;
      qnames.push_back("quantile");
      const Hdf5Handle set = create_dataset(group.get(), "quantiles", H5T_IEEE_F64LE, qdims);
      describe_dataset(
          set.get(), info.unit,
          fmt::format("quantiles of {} (histogram estimate, {})", info.description,
                      engine::HistogramBinning::accuracy(static_cast<model::Observable>(o))),
          qnames);
    }
  }
  if (d.regimes > 0) {
    const Hdf5Handle set =
        create_dataset(daily.get(), "regime_probability", H5T_IEEE_F64LE,
                       {T, static_cast<hsize_t>(d.regimes), model::kRegimeLevels});
    describe_dataset(set.get(), "1", "share of trajectories in each regime level",
                     {"day", "regime", "level"});
  }
}

void create_summary_datasets(hid_t file, const model::ModelParameters& m, hsize_t chunk_rows,
                             Compression compression) {
  const Hdf5Handle group = create_group(file, "trajectory");
  // The trajectory axis' scale. netCDF readers name a dimension after its scale, so it is called
  // `trajectory`; `index` holds the same numbers, under the name it has always had.
  const Hdf5Handle trajectory =
      create_growing_dataset(group.get(), "trajectory", H5T_STD_U64LE, {}, chunk_rows);
  make_dimension_scale(trajectory.get(), "trajectory");
  const Hdf5Handle index =
      create_growing_dataset(group.get(), "index", H5T_STD_U64LE, {}, chunk_rows);
  describe_dataset(index.get(), "1", "global trajectory index (the Philox counter)",
                   {"trajectory"});
  for (const auto& column : engine::kSummaryColumns) {
    const Shape shape = summary_shape(m, column.extent);
    if (has_zero(shape.dims)) continue;
    const hid_t type = column.type == engine::SummaryType::kReal ? H5T_IEEE_F64LE : H5T_STD_I32LE;
    const Hdf5Handle set =
        create_growing_dataset(group.get(), column.name, type, shape.dims, chunk_rows, compression);
    describe_dataset(set.get(), column.unit, column.description,
                     prepend("trajectory", shape.names));
  }
}

void create_path_datasets(hid_t file, const model::Dimensions& d,
                          const engine::PathRecorder& paths) {
  const Hdf5Handle group = create_group(file, "paths");
  const auto M = static_cast<hsize_t>(paths.paths());
  const auto D = static_cast<hsize_t>(paths.recorded_days());
  const Hdf5Handle index = create_dataset(group.get(), "trajectory", H5T_STD_U64LE, {M});
  if (M > 0) write_all(index.get(), H5T_NATIVE_UINT64, paths.trajectories().data());
  make_dimension_scale(index.get(), "trajectory");
  const Hdf5Handle days = create_dataset(group.get(), "day", H5T_STD_I32LE, {D});
  if (D > 0) write_all(days.get(), H5T_NATIVE_INT32, paths.days().data());
  make_dimension_scale(days.get(), "day");
  if (M == 0 || D == 0) return;
  for (const auto& info : model::kObservableInfo) {
    const Shape shape = observable_shape(d, info.extent);
    if (has_zero(shape.dims)) continue;
    const Hdf5Handle set =
        create_dataset(group.get(), info.name, H5T_IEEE_F64LE, prepend(M, prepend(D, shape.dims)));
    describe_dataset(set.get(), info.unit, info.description,
                     prepend("trajectory", prepend("day", shape.names)));
  }
  if (d.regimes > 0) {
    const Hdf5Handle set = create_dataset(group.get(), "regime_level", H5T_STD_I32LE,
                                          {M, D, static_cast<hsize_t>(d.regimes)});
    describe_dataset(set.get(), "level",
                     "regime level (0 OPEN, 1 LICENSED, 2 RESTRICTED, 3 EMBARGO; -1 not simulated)",
                     {"trajectory", "day", "regime"});
  }
}

}  // namespace

ResultsWriter::~ResultsWriter() {
  if (failed_) file_.release();
}

template <class Write>
void ResultsWriter::guarded(Write write) {
  if (failed_) throw IoError(path_ + ": an earlier write failed; the file is no longer written");
  try {
    write();
  } catch (const IoError&) {
    failed_ = true;
    throw;
  }
}

ResultsWriter::ResultsWriter(const std::string& path, bool overwrite,
                             const scenario::Scenario& scenario,
                             const scenario::CompiledScenario& compiled,
                             const Provenance& provenance,
                             const engine::DailyStatistics& statistics,
                             const engine::PathRecorder& paths, Compression compression)
    : path_(path), model_(&compiled.view()) {
  // Closing files at exit would write the metadata of a failed batch; see ~ResultsWriter.
  // (Refused, harmlessly, when the library is already in use.)
  H5dont_atexit();
  silence_hdf5_errors();
  file_ = create_results_file(path, overwrite);
  try {
    create_layout(scenario, compiled, provenance, statistics, paths, compression);
  } catch (const IoError& e) {
    // Nothing of value is in the file yet: remove it rather than leave a broken one.
    file_.reset();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw IoError(path +
                  ": cannot create the results file (is the disk full, or a file size "
                  "limit set?): " +
                  e.what());
  }
}

void ResultsWriter::create_layout(const scenario::Scenario& scenario,
                                  const scenario::CompiledScenario& compiled,
                                  const Provenance& provenance,
                                  const engine::DailyStatistics& statistics,
                                  const engine::PathRecorder& paths, Compression compression) {
  const hid_t file = file_.get();
  write_provenance(file, scenario, provenance);
  write_dimensions(file, scenario, compiled, statistics.days());
  create_daily_datasets(file, model_->dims, statistics.days());
  create_summary_datasets(file, *model_,
                          static_cast<hsize_t>(std::max(1, std::min(provenance.batch_size, 4096))),
                          compression);
  write_string_attribute(file, "compression", compression_name(compression));
  create_path_datasets(file, model_->dims, paths);
  create_checkpoint(file, statistics);
  const Hdf5Handle progress = create_dataset(file, "progress", H5T_STD_I64LE, {3});
  describe_dataset(progress.get(), "1",
                   "trajectories completed, batches completed, 1 if the run completed", {"field"});
  const std::int64_t nothing[3] = {0, 0, 0};
  write_all(progress.get(), H5T_NATIVE_INT64, nothing);
  MINERALSIM_H5_CALL(H5Fstart_swmr_write(file));
  MINERALSIM_H5_CALL(H5Fflush(file, H5F_SCOPE_GLOBAL));  // readable before the first batch
}

void ResultsWriter::append_summaries(const engine::SummaryBatch& batch) {
  guarded([&] { append_summaries_unguarded(batch); });
}

void ResultsWriter::append_summaries_unguarded(const engine::SummaryBatch& batch) {
  const hid_t file = file_.get();
  const auto rows = static_cast<hsize_t>(batch.lanes);
  std::vector<std::uint64_t> index(static_cast<std::size_t>(batch.lanes));
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = batch.first_trajectory + i;
  for (const char* name : {"/trajectory/trajectory", "/trajectory/index"}) {
    append_rows(open_dataset(file, name).get(), H5T_NATIVE_UINT64, rows, index.data());
  }
  for (int c = 0; c < engine::kSummaryColumnCount; ++c) {
    const auto& column = engine::kSummaryColumns[c];
    if (has_zero(summary_shape(*model_, column.extent).dims)) continue;
    const Hdf5Handle set = open_dataset(file, std::string("/trajectory/") + column.name);
    if (column.type == engine::SummaryType::kReal) {
      append_rows(set.get(), H5T_NATIVE_DOUBLE, rows,
                  batch.reals[static_cast<std::size_t>(c)].data());
    } else {
      append_rows(set.get(), H5T_NATIVE_INT32, rows,
                  batch.ints[static_cast<std::size_t>(c)].data());
    }
  }
  summary_rows_ += rows;
}

void ResultsWriter::write_statistics(const engine::DailyStatistics& stats) {
  guarded([&] { write_statistics_unguarded(stats); });
}

void ResultsWriter::write_statistics_unguarded(const engine::DailyStatistics& stats) {
  const hid_t file = file_.get();
  const engine::ObservedVariables& vars = stats.variables();
  const int days = stats.days();
  for (int o = 0; o < model::kObservableCount; ++o) {
    const auto& info = model::kObservableInfo[o];
    const int first = vars.first[o];
    const int count = vars.count[o];
    if (count == 0) continue;
    const auto cells = static_cast<std::size_t>(days) * static_cast<std::size_t>(count);
    std::vector<double> mean(cells), sd(cells), low(cells), high(cells), positive(cells);
    std::vector<double> quantiles(info.has_quantiles ? cells * kQuantileLevels.size() : 0);
    for (int t = 0; t < days; ++t) {
      for (int e = 0; e < count; ++e) {
        const int v = first + e;
        const std::size_t at = static_cast<std::size_t>(t) * static_cast<std::size_t>(count) +
                               static_cast<std::size_t>(e);
        mean[at] = stats.mean(t, v);
        sd[at] = stats.standard_deviation(t, v);
        low[at] = stats.min(t, v);
        high[at] = stats.max(t, v);
        positive[at] = stats.positive_probability(t, v);
        for (std::size_t q = 0; q < quantiles.size() / cells; ++q) {
          quantiles[at * kQuantileLevels.size() + q] = stats.quantile(t, v, kQuantileLevels[q]);
        }
      }
    }
    const std::string base = std::string("/daily/") + info.name + "/";
    write_all(open_dataset(file, base + "mean").get(), H5T_NATIVE_DOUBLE, mean.data());
    write_all(open_dataset(file, base + "std").get(), H5T_NATIVE_DOUBLE, sd.data());
    write_all(open_dataset(file, base + "min").get(), H5T_NATIVE_DOUBLE, low.data());
    write_all(open_dataset(file, base + "max").get(), H5T_NATIVE_DOUBLE, high.data());
    write_all(open_dataset(file, base + "probability_positive").get(), H5T_NATIVE_DOUBLE,
              positive.data());
    if (info.has_quantiles) {
      write_all(open_dataset(file, base + "quantiles").get(), H5T_NATIVE_DOUBLE, quantiles.data());
    }
  }
  const int regimes = model_->dims.regimes;
  if (regimes > 0) {
    std::vector<double> probability(static_cast<std::size_t>(days) *
                                    static_cast<std::size_t>(regimes) * model::kRegimeLevels);
    std::size_t at = 0;
    for (int t = 0; t < days; ++t) {
      for (int x = 0; x < regimes; ++x) {
        for (int level = 0; level < model::kRegimeLevels; ++level) {
          probability[at++] = stats.regime_probability(t, x, level);
        }
      }
    }
    write_all(open_dataset(file, "/daily/regime_probability").get(), H5T_NATIVE_DOUBLE,
              probability.data());
  }
}

void ResultsWriter::write_paths(const engine::PathRecorder& paths) {
  guarded([&] { write_paths_unguarded(paths); });
}

void ResultsWriter::write_paths_unguarded(const engine::PathRecorder& paths) {
  if (paths.paths() == 0 || paths.recorded_days() == 0) return;
  const hid_t file = file_.get();
  const engine::ObservedVariables& vars = paths.variables();
  const auto rows =
      static_cast<std::size_t>(paths.paths()) * static_cast<std::size_t>(paths.recorded_days());
  const auto width = static_cast<std::size_t>(vars.size());
  for (int o = 0; o < model::kObservableCount; ++o) {
    const auto count = static_cast<std::size_t>(vars.count[o]);
    if (count == 0) continue;
    std::vector<double> values(rows * count);
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t e = 0; e < count; ++e) {
        values[r * count + e] =
            paths.values()[r * width + static_cast<std::size_t>(vars.first[o]) + e];
      }
    }
    write_all(open_dataset(file, std::string("/paths/") + model::kObservableInfo[o].name).get(),
              H5T_NATIVE_DOUBLE, values.data());
  }
  if (model_->dims.regimes > 0) {
    write_all(open_dataset(file, "/paths/regime_level").get(), H5T_NATIVE_INT32,
              paths.regime_levels().data());
  }
}

void ResultsWriter::write_checkpoint(const engine::DailyStatistics& statistics,
                                     std::uint64_t trajectories_done, std::uint64_t batches_done) {
  guarded([&] {
    io::write_checkpoint(
        file_.get(), statistics,
        {checkpoints_written_ % kCheckpointSlots, trajectories_done, batches_done});
    ++checkpoints_written_;
  });
}

void ResultsWriter::commit(std::uint64_t trajectories_done, std::uint64_t batches_done,
                           bool complete) {
  guarded([&] {
    const std::int64_t progress[3] = {static_cast<std::int64_t>(trajectories_done),
                                      static_cast<std::int64_t>(batches_done), complete ? 1 : 0};
    // Data first, then the progress that vouches for it: a failure in between leaves the old
    // progress, so /progress never claims a batch whose data did not reach the file.
    MINERALSIM_H5_CALL(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL));
    write_all(open_dataset(file_.get(), "/progress").get(), H5T_NATIVE_INT64, progress);
    MINERALSIM_H5_CALL(H5Fflush(file_.get(), H5F_SCOPE_GLOBAL));
  });
}

}  // namespace mineralsim::io
