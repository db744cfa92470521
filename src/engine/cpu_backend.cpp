#include "mineralsim/engine/cpu_backend.hpp"

#include <algorithm>
#include <vector>

#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"

namespace mineralsim::engine {

CpuBackend::CpuBackend(const model::ModelParameters& model, int batch_capacity)
    : model_(model), batch_(model, batch_capacity) {}

void CpuBackend::run_batch(std::uint64_t seed, std::uint64_t first, int lanes, int days,
                           BatchObserver& observer) {
  const model::StateLayout& layout = batch_.layout();
  const int stride = batch_.stride();
  double* reals = batch_.reals();
  std::int32_t* ints = batch_.ints();
#pragma omp parallel for schedule(static)
  for (int lane = 0; lane < lanes; ++lane) {
    const std::uint64_t trajectory = first + static_cast<std::uint64_t>(lane);
    model::draw_trajectory_parameters(model_, seed, trajectory, batch_.draw_values(), stride, lane);
    model::initialise_trajectory(model_, batch_.params(model_, lane), batch_.lane(lane), seed,
                                 trajectory);
  }
  const model::TrajectoryDraws draws = batch_.draws();
  for (int day = 0; day < days; ++day) {
#pragma omp parallel for schedule(static)
    for (int lane = 0; lane < lanes; ++lane) {
      model::step_lane(model_, draws, layout, reals, ints, stride, lane, seed,
                       first + static_cast<std::uint64_t>(lane), day);
    }
    observer.on_day(day, batch_, first, lanes);
  }
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

void CpuBatchBackend::run_batch(std::uint64_t seed, std::uint64_t first, int lanes,
                                DailyStatistics& statistics, PathRecorder& paths) {
  RecordingObserver observer(&statistics, paths);
  backend_.run_batch(seed, first, lanes, days_, observer);
}

std::string CpuBatchBackend::description() const { return "cpu"; }

void replay_sampled_paths(const model::ModelParameters& model, std::uint64_t seed, int days,
                          std::uint64_t first, std::uint64_t end, PathRecorder& paths) {
  const std::vector<std::uint64_t>& sampled = paths.trajectories();  // ascending
  const auto begin = std::lower_bound(sampled.begin(), sampled.end(), first);
  const auto count = static_cast<int>(std::lower_bound(begin, sampled.end(), end) - begin);
  // One trajectory per thread at a time: each records only its own path's rows.
#pragma omp parallel if (count > 1)
  {
    CpuBackend backend(model, 1);
    RecordingObserver observer(nullptr, paths);
#pragma omp for schedule(dynamic, 1)
    for (int i = 0; i < count; ++i) backend.run_batch(seed, begin[i], 1, days, observer);
  }
}

}  // namespace mineralsim::engine
