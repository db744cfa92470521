#include "mineralsim/engine/path_recorder.hpp"

#include <algorithm>
#include <limits>

namespace mineralsim::engine {

PathRecorder::PathRecorder(const model::ModelParameters& model, std::uint64_t trajectories,
                           int paths, int days, int every)
    : variables_(ObservedVariables::for_model(model)), regimes_(model.dims.regimes), every_(every) {
  const auto count = static_cast<std::uint64_t>(std::max(0, paths));
  for (std::uint64_t m = 0; m < std::min(count, trajectories); ++m) {
    trajectories_.push_back(m * trajectories / std::min(count, trajectories));
  }
  for (int day = 0; day < days; day += every) days_.push_back(day);
  // NaN, and level -1, until recorded, so that a partial file or a shard's file never shows a
  // value that was not simulated (level 0 would read as OPEN).
  values_.assign(trajectories_.size() * days_.size() * variables_.variables.size(),
                 std::numeric_limits<double>::quiet_NaN());
  levels_.assign(trajectories_.size() * days_.size() * static_cast<std::size_t>(regimes_),
                 kNotSimulated);
}

void PathRecorder::record(int day, const BatchState& batch, std::uint64_t first, int lanes) {
  if (trajectories_.empty() || day % every_ != 0) return;
  with_real_type(batch.precision(),
                 [&](auto precision) { record_in<decltype(precision)>(day, batch, first, lanes); });
}

template <class Real>
void PathRecorder::record_in(int day, const BatchState& batch, std::uint64_t first, int lanes) {
  const auto slot = static_cast<std::size_t>(day / every_);
  const auto last = first + static_cast<std::uint64_t>(lanes);
  const auto begin = std::lower_bound(trajectories_.begin(), trajectories_.end(), first);
  for (auto it = begin; it != trajectories_.end() && *it < last; ++it) {
    const auto path = static_cast<std::size_t>(it - trajectories_.begin());
    const model::LaneState<Real> s = batch.lane<Real>(static_cast<int>(*it - first));
    const std::size_t row = path * days_.size() + slot;
    const std::size_t width = variables_.variables.size();
    for (std::size_t v = 0; v < width; ++v) {
      const ObservedVariable& var = variables_.variables[v];
      values_[row * width + v] = model::observe(s, var.observable, var.element);
    }
    for (int x = 0; x < regimes_; ++x) {
      levels_[row * static_cast<std::size_t>(regimes_) + static_cast<std::size_t>(x)] =
          s(model::IntField::regime_level, x);
    }
  }
}

}  // namespace mineralsim::engine
