#include "mineralsim/engine/background_writer.hpp"

#include <fmt/format.h>

#include "mineralsim/io/io_error.hpp"

namespace mineralsim::engine {

BackgroundWriter::BackgroundWriter(io::ResultsWriter& writer, std::string output)
    : writer_(writer), output_(std::move(output)), thread_([this] { run(); }) {}

BackgroundWriter::~BackgroundWriter() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void BackgroundWriter::submit(CommitJob job) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !pending_ && !busy_; });
  if (failure_) std::rethrow_exception(failure_);
  pending_ = std::move(job);
  lock.unlock();
  changed_.notify_all();
}

void BackgroundWriter::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return !pending_ && !busy_; });
  if (failure_) std::rethrow_exception(failure_);
}

void BackgroundWriter::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return pending_.has_value() || stopping_; });
    if (!pending_) return;  // stopping, nothing left
    CommitJob job = std::move(*pending_);
    pending_.reset();
    busy_ = true;
    lock.unlock();
    std::exception_ptr failure;
    try {
      commit(job);
    } catch (...) {
      failure = std::current_exception();
    }
    lock.lock();
    busy_ = false;
    if (failure && !failure_) failure_ = failure;
    changed_.notify_all();
  }
}

// Summaries, statistics and paths of the batch, then the progress that vouches for them, then
// (when asked) the checkpoint of the state just committed.
void BackgroundWriter::commit(CommitJob& job) {
  try {
    if (job.summaries.lanes > 0) writer_.append_summaries(job.summaries);
    writer_.write_statistics(job.statistics);
    writer_.write_paths(job.paths);
    // The checkpoint before the progress that completes the file: a shard's file must hold its
    // final statistics once it says it is complete (merge reads them). Its summaries are already
    // written, so a run killed in between resumes from this checkpoint.
    if (job.checkpoint) {
      writer_.write_checkpoint(job.statistics, job.trajectories_done,
                               static_cast<std::uint64_t>(job.batches_done));
    }
    writer_.commit(job.trajectories_done, static_cast<std::uint64_t>(job.batches_done),
                   job.complete);
  } catch (const io::IoError& e) {
    const std::uint64_t kept =
        job.trajectories_done - static_cast<std::uint64_t>(job.summaries.lanes);
    throw io::IoError(fmt::format(
        "{}: writing batch {} failed: {}. The file keeps the {} trajectories of the batches "
        "committed before, and is marked incomplete",
        output_, job.batches_done, e.what(), kept));
  }
}

}  // namespace mineralsim::engine
