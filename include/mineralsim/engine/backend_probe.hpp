#pragma once
// Before a run trusts a device backend, a short run of the same scenario and seed on it and on the
// CPU backend: the results file promises the CPU backend's bits, so a device that does not give
// them (a driver, compiler or hardware fault) is caught before any work rather than after it.
#include <cstdint>
#include <string>

#include "mineralsim/engine/batch_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::engine {

inline constexpr int kProbeLanes = 128;
inline constexpr int kProbeDays = 90;

// Runs trajectories [0, lanes) of `seed` for `days` days in `precision` on the backend
// `make_backend` makes and on the CPU backend. Returns "" when the statistics and every
// per-trajectory summary are the same bits, else what differs first. Exceptions of the backend
// under test pass through.
std::string probe_against_cpu(const model::ModelParameters& model,
                              const BatchBackendFactory& make_backend, Precision precision,
                              std::uint64_t seed, int days, int lanes);

// The first accumulator whose values differ bitwise ("" when none does); same model and days.
std::string first_differing_accumulator(const DailyStatistics& a, const DailyStatistics& b);
// The first summary column whose values differ bitwise ("" when none does); same model and lanes.
std::string first_differing_summary(const SummaryBatch& a, const SummaryBatch& b);

}  // namespace mineralsim::engine
