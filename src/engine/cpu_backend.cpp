#include "mineralsim/engine/cpu_backend.hpp"

#include <algorithm>
#include <vector>

namespace mineralsim::engine {

CpuBackend::CpuBackend(const model::ModelParameters& model, int batch_capacity, Precision precision)
    : model_(model), batch_(model, batch_capacity, precision) {}

void CpuBackend::run_batch(std::uint64_t seed, std::uint64_t first, int lanes, int days,
                           BatchObserver& observer) {
  with_real_type(batch_.precision(), [&](auto precision) {
    run_batch_in<decltype(precision)>(seed, first, lanes, days, observer);
  });
}

namespace {

class RecordingObserver : public BatchObserver {
 public:
  RecordingObserver(DailyStatistics* statistics, PathRecorder& paths)
      : statistics_(statistics), paths_(paths) {}
  void on_day(int day, const BatchState& batch, std::uint64_t first, int lanes) override {
    if (statistics_ != nullptr) statistics_->accumulate_day(day, batch, lanes);
    paths_.record(day, batch, first, lanes);
  }

 private:
  DailyStatistics* statistics_;  // null: paths only
  PathRecorder& paths_;
};

}  // namespace

void CpuBatchBackend::start_batch(std::uint64_t seed, std::uint64_t first, int lanes) {
  started_.push({seed, first, lanes});
}

void CpuBatchBackend::finish_batch(DailyStatistics& statistics, PathRecorder& paths) {
  const BatchRequest batch = started_.pop();
  RecordingObserver observer(&statistics, paths);
  backend_.run_batch(batch.seed, batch.first, batch.lanes, days_, observer);
}

std::string CpuBatchBackend::description() const { return "cpu"; }

void replay_sampled_paths(const model::ModelParameters& model, Precision precision,
                          std::uint64_t seed, int days, std::uint64_t first, std::uint64_t end,
                          PathRecorder& paths) {
  const std::vector<std::uint64_t>& sampled = paths.trajectories();  // ascending
  const auto begin = std::lower_bound(sampled.begin(), sampled.end(), first);
  const auto count = static_cast<int>(std::lower_bound(begin, sampled.end(), end) - begin);
  // One trajectory per thread at a time: each records only its own path's rows.
#pragma omp parallel if (count > 1)
  {
    CpuBackend backend(model, 1, precision);
    RecordingObserver observer(nullptr, paths);
#pragma omp for schedule(dynamic, 1)
    for (int i = 0; i < count; ++i) backend.run_batch(seed, begin[i], 1, days, observer);
  }
}

}  // namespace mineralsim::engine
