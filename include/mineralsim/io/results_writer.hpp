#pragma once
// Writes a results file (layout: docs/output.md) batch by batch. Every dataset is created up front
// and the file is then switched to single-writer/multiple-reader (SWMR) mode, so that a reader can
// open it during the run and a killed run leaves a file that opens and holds every batch committed
// before it. /progress says how far the run got and whether it completed. Fixed-size datasets are
// allocated when created, so a file-size limit or a full disk too small for them fails at once.
#include <cstdint>
#include <string>
#include <vector>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/io/compression.hpp"
#include "mineralsim/io/hdf5_call.hpp"
#include "mineralsim/io/provenance.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::io {

inline constexpr int kResultsFormatVersion = 2;  // 2: dimension scales, checkpoint, windows

class ResultsWriter {
 public:
  // Creates `path`; an existing file is an error unless `overwrite`.
  ResultsWriter(const std::string& path, bool overwrite, const scenario::Scenario& scenario,
                const scenario::CompiledScenario& compiled, const Provenance& provenance,
                const engine::DailyStatistics& statistics, const engine::PathRecorder& paths,
                Compression compression = Compression::kFast);

  void append_summaries(const engine::SummaryBatch& batch);
  void write_statistics(const engine::DailyStatistics& statistics);
  void write_paths(const engine::PathRecorder& paths);
  // The statistics' raw accumulators after the committed batch `batches_done`, into the slot
  // not holding the latest checkpoint (see checkpoint.hpp).
  void write_checkpoint(const engine::DailyStatistics& statistics, std::uint64_t trajectories_done,
                        std::uint64_t batches_done);
  // Records progress and flushes: everything written so far is then durable and readable.
  void commit(std::uint64_t trajectories_done, std::uint64_t batches_done, bool complete);

  const std::string& path() const { return path_; }
  // After the file was renamed (a resumed run writes a new file, then moves it into place).
  void set_path(std::string path) { path_ = std::move(path); }

  // After a failed write: stop touching the file, and never close it. Closing would write the
  // metadata of the failed batch (an end of file beyond what reached the disk), leaving a file
  // that no longer opens; left alone, the file is as a killed run leaves it under SWMR: every
  // batch committed before is readable.
  ~ResultsWriter();
  ResultsWriter(const ResultsWriter&) = delete;
  ResultsWriter& operator=(const ResultsWriter&) = delete;

 private:
  void create_layout(const scenario::Scenario& scenario, const scenario::CompiledScenario& compiled,
                     const Provenance& provenance, const engine::DailyStatistics& statistics,
                     const engine::PathRecorder& paths, Compression compression);
  template <class Write>
  void guarded(Write write);
  void append_summaries_unguarded(const engine::SummaryBatch& batch);
  void write_statistics_unguarded(const engine::DailyStatistics& statistics);
  void write_paths_unguarded(const engine::PathRecorder& paths);
  bool failed_ = false;
  std::string path_;
  const model::ModelParameters* model_;
  Hdf5Handle file_;
  std::uint64_t summary_rows_ = 0;
  int checkpoints_written_ = 0;
};

}  // namespace mineralsim::io
