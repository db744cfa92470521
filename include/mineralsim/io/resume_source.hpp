#pragma once
// The results file of an interrupted run, read so that `mineralsim run --resume` can continue
// where it stopped: how far it got, the statistics' checkpoint, and the summaries written so far.
#include <cstdint>
#include <optional>
#include <string>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/hdf5_call.hpp"
#include "mineralsim/io/provenance.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::io {

class ResumeSource {
 public:
  // Opens `path` and checks that it was written by this program (version and git revision) for
  // the same scenario text and variant, seed, ensemble size, days and sampled paths, and that it
  // is not complete. Throws UserError naming the first difference, IoError if it cannot be read.
  ResumeSource(const std::string& path, const scenario::Scenario& scenario,
               const Provenance& expected, const engine::PathRecorder& paths);

  // Where the resumed run starts: the latest checkpoint (0 without one). Batches committed after
  // it are simulated again.
  std::uint64_t trajectories_done() const { return trajectories_done_; }
  std::uint64_t batches_done() const { return batches_done_; }

  // The statistics of the trajectories done, from the latest checkpoint.
  void load_statistics(engine::DailyStatistics& statistics) const;
  // Rows [row, row + count) of /trajectory, as a batch to append to the new file.
  void read_summaries(const model::ModelParameters& model, std::uint64_t row, int count,
                      engine::SummaryBatch& out) const;

 private:
  std::string path_;
  Hdf5Handle file_;
  std::optional<CheckpointProgress> checkpoint_;
  std::uint64_t trajectories_done_ = 0;
  std::uint64_t batches_done_ = 0;
};

}  // namespace mineralsim::io
