#pragma once
// The checkpoint a results file carries so that an interrupted run can be resumed: the raw
// accumulators of the daily statistics, in two slots under /checkpoint. The batch committed as
// number k writes slot k % 2 before /progress vouches for it, so the slot that /progress points
// to is never one that a killed write left half done.
#include <cstdint>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/io/hdf5_call.hpp"

namespace mineralsim::io {

inline constexpr int kCheckpointSlots = 2;

inline int checkpoint_slot(std::uint64_t batches_committed) {
  return static_cast<int>(batches_committed % kCheckpointSlots);
}

// Creates /checkpoint/slot0 and /checkpoint/slot1, one compressed dataset per accumulator.
void create_checkpoint(hid_t file, const engine::DailyStatistics& statistics);
void write_checkpoint(hid_t file, const engine::DailyStatistics& statistics, int slot);
// Reads a slot back into statistics of the same model and days (as a fresh object holds them).
void read_checkpoint(hid_t file, engine::DailyStatistics& statistics, int slot);

}  // namespace mineralsim::io
