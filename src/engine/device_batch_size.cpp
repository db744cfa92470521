#include "mineralsim/engine/device_batch_size.hpp"

#include <algorithm>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"

namespace mineralsim::engine {

int device_batch_size(const model::ModelParameters& model, int days, std::uint64_t trajectories,
                      std::uint64_t device_free_bytes, std::uint64_t host_available_bytes,
                      Precision precision) {
  constexpr std::uint64_t kMostLanes = std::uint64_t{1} << 24;
  // Per lane: the state, its draws; on the host also the summary rows, twice (the batch being
  // written holds a copy): bounded by the state again.
  constexpr int kSample = 1 << 16;
  const std::uint64_t per_lane = BatchState::bytes_for(model, kSample, precision) / kSample + 1;
  std::uint64_t lanes = std::min(trajectories, kMostLanes);
  if (device_free_bytes > 0) {
    const std::uint64_t usable = device_free_bytes / 10 * 8;
    const std::uint64_t fixed = DailyStatistics::bytes_for(model, days);
    lanes = std::min(lanes, usable > fixed ? (usable - fixed) / per_lane : 0);
  }
  if (host_available_bytes > 0) lanes = std::min(lanes, host_available_bytes / 4 / (2 * per_lane));
  return static_cast<int>(std::max<std::uint64_t>(lanes, 1));
}

}  // namespace mineralsim::engine
