#pragma once
// Writes committed batches on a thread of its own, so that the simulation of batch k+1 overlaps
// the HDF5 writing (statistics, paths, checkpoint, compression) of batch k. One batch is in
// flight at a time: submit() waits for the previous one first. The job holds copies of the
// statistics and paths as they stood at the end of its batch, which the next batch then keeps
// changing; their size does not grow with the ensemble. A failed write is rethrown, from the
// thread that submits or waits, as the io::IoError it was.
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/path_recorder.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/io/results_writer.hpp"

namespace mineralsim::engine {

struct CommitJob {
  SummaryBatch summaries;  // empty (lanes 0) when there are no new rows
  DailyStatistics statistics;
  PathRecorder paths;
  std::uint64_t trajectories_done = 0;
  int batches_done = 0;
  bool complete = false;
  bool checkpoint = false;  // also write the statistics' checkpoint (before the commit)
};

class BackgroundWriter {
 public:
  BackgroundWriter(io::ResultsWriter& writer, std::string output);
  ~BackgroundWriter();
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Waits for the batch in flight, then hands this one over.
  void submit(CommitJob job);
  // Waits until every submitted batch is committed.
  void wait();

 private:
  void run();
  void commit(CommitJob& job);

  io::ResultsWriter& writer_;
  std::string output_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<CommitJob> pending_;
  bool busy_ = false;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

}  // namespace mineralsim::engine
