#pragma once
// The checkpoint a results file carries so that an interrupted run can be resumed: the raw
// accumulators of the daily statistics after some committed batch, in two slots under
// /checkpoint, each with its own `progress` (trajectories, batches). A checkpoint goes to the
// slot not holding the latest one: its progress is first marked invalid, then its data written,
// then its progress set, with a flush between, so a write killed half way leaves the other slot
// intact.
//
// Checkpoints are written at most every few minutes (--checkpoint-every), not after every batch:
// HDF5 cannot reuse the space of a rewritten compressed chunk in SWMR mode, so each checkpoint
// leaves its compressed size of dead space in the file. A resumed run restarts from the latest
// checkpoint and simulates the batches after it again.
#include <cstdint>
#include <optional>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/io/hdf5_call.hpp"

namespace mineralsim::io {

inline constexpr int kCheckpointSlots = 2;

struct CheckpointProgress {
  int slot = 0;
  std::uint64_t trajectories = 0;
  std::uint64_t batches = 0;
};

// Creates /checkpoint/slot0 and /checkpoint/slot1: one compressed dataset per accumulator and a
// `progress` marked invalid.
void create_checkpoint(hid_t file, const engine::DailyStatistics& statistics);
void write_checkpoint(hid_t file, const engine::DailyStatistics& statistics,
                      const CheckpointProgress& progress);
// The valid slot with the most batches, if any.
std::optional<CheckpointProgress> latest_checkpoint(hid_t file);
// Reads a slot back into statistics of the same model and days (as a fresh object holds them).
void read_checkpoint(hid_t file, engine::DailyStatistics& statistics, int slot);

}  // namespace mineralsim::io
