#include "mineralsim/io/resume_source.hpp"

#include <fmt/format.h>

#include <vector>

#include "mineralsim/errors.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::io {

namespace {

// Rows [first, first + count) of a dataset [rows, width...] into `out` (count * width values).
template <class T>
void read_rows(hid_t file, const std::string& name, hid_t memory_type, std::uint64_t first,
               int count, std::size_t width, std::vector<T>& out) {
  const Hdf5Handle set(MINERALSIM_H5_CALL(H5Dopen2(file, name.c_str(), H5P_DEFAULT)), H5Dclose);
  const Hdf5Handle space(MINERALSIM_H5_CALL(H5Dget_space(set.get())), H5Sclose);
  std::vector<hsize_t> start = dataset_shape(set.get());
  std::vector<hsize_t> extent = start;
  for (auto& s : start) s = 0;
  start[0] = first;
  extent[0] = static_cast<hsize_t>(count);
  MINERALSIM_H5_CALL(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                         extent.data(), nullptr));
  const Hdf5Handle memory(
      MINERALSIM_H5_CALL(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr)),
      H5Sclose);
  out.resize(static_cast<std::size_t>(count) * width);
  if (out.empty()) return;
  MINERALSIM_H5_CALL(
      H5Dread(set.get(), memory_type, memory.get(), space.get(), H5P_DEFAULT, out.data()));
}

}  // namespace

ResumeSource::ResumeSource(const std::string& path, const scenario::Scenario& scenario,
                           const Provenance& expected, const engine::PathRecorder& paths)
    : path_(path), file_(open_results(path)) {
  const hid_t file = file_.get();
  auto refuse = [&](const std::string& reason) {
    throw UserError(path, 0, 0, "--resume",
                    reason +
                        "; run without --resume (and --force) to "
                        "start again");
  };
  auto same_text = [&](const char* attribute, const std::string& expected_value, const char* what) {
    const std::string found =
        H5Aexists(file, attribute) > 0 ? read_string_attribute(file, attribute) : "";
    if (found != expected_value) {
      refuse(fmt::format("the file was written for another {} ('{}', this run: '{}')", what, found,
                         expected_value));
    }
  };
  same_text("mineralsim_version", kVersion, "mineralsim version");
  same_text("git_revision", kGitRevision, "build (git revision)");
  same_text("scenario_variant", scenario.variant, "scenario variant");
  same_text("seed", std::to_string(expected.seed), "seed");
  same_text("precision", expected.precision, "precision");
  if (read_string_dataset(file, "/provenance/scenario_toml").at(0) != scenario.source_text) {
    refuse("the file was written for another scenario (its stored scenario text differs from " +
           scenario.source_path + ")");
  }
  const auto requested =
      static_cast<std::uint64_t>(read_int_attribute(file, "trajectories_requested"));
  if (requested != expected.trajectories) {
    refuse(fmt::format("the file was written for {} trajectories, this run asks for {}", requested,
                       expected.trajectories));
  }
  const std::int64_t days = read_int_attribute(file, "days");
  if (days != expected.days) {
    refuse(
        fmt::format("the file was written for {} days, this run asks for {}", days, expected.days));
  }
  const std::vector<std::int64_t> path_days = read_int64s(file, "/paths/day");
  const std::vector<std::int64_t> path_trajectories = read_int64s(file, "/paths/trajectory");
  if (path_trajectories.size() != paths.trajectories().size() ||
      path_days.size() != paths.days().size()) {
    refuse("the file samples other paths (--paths / --every differ)");
  }
  if (progress_of(file).complete) refuse("the run is already complete: nothing to resume");
  // Without a checkpoint yet, the run starts again from the first trajectory.
  checkpoint_ = latest_checkpoint(file);
  if (checkpoint_) {
    trajectories_done_ = checkpoint_->trajectories;
    batches_done_ = checkpoint_->batches;
  }
}

void ResumeSource::load_statistics(engine::DailyStatistics& statistics) const {
  if (checkpoint_) read_checkpoint(file_.get(), statistics, checkpoint_->slot);
}

void ResumeSource::read_summaries(const model::ModelParameters& model, std::uint64_t first,
                                  int count, engine::SummaryBatch& out) const {
  out.first_trajectory = first;
  out.lanes = count;
  out.reals.assign(engine::kSummaryColumnCount, {});
  out.ints.assign(engine::kSummaryColumnCount, {});
  for (int c = 0; c < engine::kSummaryColumnCount; ++c) {
    const engine::SummaryColumn& column = engine::kSummaryColumns[c];
    const auto width = static_cast<std::size_t>(engine::summary_width(model, column.extent));
    if (width == 0) continue;
    const std::string name = std::string("/trajectory/") + column.name;
    if (column.type == engine::SummaryType::kReal) {
      read_rows(file_.get(), name, H5T_NATIVE_DOUBLE, first, count, width,
                out.reals[static_cast<std::size_t>(c)]);
    } else {
      read_rows(file_.get(), name, H5T_NATIVE_INT32, first, count, width,
                out.ints[static_cast<std::size_t>(c)]);
    }
  }
}

}  // namespace mineralsim::io
