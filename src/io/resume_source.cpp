#include "mineralsim/io/resume_source.hpp"

#include <fmt/format.h>

#include "mineralsim/errors.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/io/run_identity.hpp"
#include "mineralsim/io/summary_rows.hpp"

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
  if (const auto difference =
          first_difference(identity_of_file(file), identity_of_run(scenario, expected, paths))) {
    refuse(fmt::format("the file was written for another {} ({}, this run: {})", difference->what,
                       difference->found, difference->expected));
  }
  // The identity holds the number of shards; this is the shard itself.
  if (const engine::Shard shard = shard_of(file); shard != expected.shard) {
    refuse(fmt::format("the file holds {}, this run asks for {}", engine::describe_shard(shard),
                       engine::describe_shard(expected.shard)));
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
