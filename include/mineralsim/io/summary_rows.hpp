#pragma once
// Reads rows of a results file's per-trajectory summaries (/trajectory) back as a batch, to be
// appended to another file: by a resumed run, and by merge.
#include <cstdint>

#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/io/hdf5_call.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::io {

// Rows [row, row + count) of /trajectory. The batch's first trajectory is the global index the
// file records for `row` (a shard's rows start at its first trajectory).
void read_summary_rows(hid_t file, const model::ModelParameters& model, std::uint64_t row,
                       int count, engine::SummaryBatch& out);

}  // namespace mineralsim::io
