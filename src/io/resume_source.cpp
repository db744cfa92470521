#include "mineralsim/io/resume_source.hpp"

#include <fmt/format.h>

#include <vector>

#include "mineralsim/errors.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/io/summary_rows.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::io {

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
  if (const engine::Shard shard = shard_of(file); shard != expected.shard) {
    refuse(fmt::format("the file holds {}, this run asks for {}", engine::describe_shard(shard),
                       engine::describe_shard(expected.shard)));
  }
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

void ResumeSource::read_summaries(const model::ModelParameters& model, std::uint64_t row, int count,
                                  engine::SummaryBatch& out) const {
  read_summary_rows(file_.get(), model, row, count, out);
}

}  // namespace mineralsim::io
