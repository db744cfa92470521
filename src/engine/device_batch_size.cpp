#include "mineralsim/engine/device_batch_size.hpp"

#include <algorithm>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"

namespace mineralsim::engine {

int device_batch_size(const model::ModelParameters& model, int days, std::uint64_t trajectories,
                      std::uint64_t device_free_bytes, std::uint64_t host_available_bytes,
                      Precision precision) {
  constexpr std::uint64_t kMostLanes = std::uint64_t{1} << 24;
  constexpr int kSample = 1 << 16;
  // Per lane: the state and its draws; the two result slots (a batch's results on their way to the
  // host while the next batch runs) hold the summaries' fields twice, on the device and pinned on
  // the host. The host also holds the final state and the summary rows, twice (the batch being
  // written holds a copy): bounded by the state again.
  const std::uint64_t state = BatchState::bytes_for(model, kSample, precision) / kSample + 1;
  const std::uint64_t results =
      2 * (summary_state_bytes_for(model, kSample, precision) / kSample + 1);
  std::uint64_t lanes = std::min(trajectories, kMostLanes);
  if (device_free_bytes > 0) {
    const std::uint64_t usable = device_free_bytes / 10 * 8;
    // The accumulators, and their copies in the two result slots.
    const std::uint64_t fixed = 3 * DailyStatistics::bytes_for(model, days);
    lanes = std::min(lanes, usable > fixed ? (usable - fixed) / (state + results) : 0);
  }
  if (host_available_bytes > 0) {
    lanes = std::min(lanes, host_available_bytes / 4 / (2 * state + results));
  }
  return static_cast<int>(std::max<std::uint64_t>(lanes, 1));
}

}  // namespace mineralsim::engine
