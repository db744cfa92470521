#pragma once
// What a run in float must not ask of float's range. The model keeps every quantity bounded but
// one: demand compounds its trend growth over the horizon, and at the extremes of the valid ranges
// (200% a year for decades) it passes float's largest value (3.4e38) long before double's, after
// which a float run's covers and prices turn to NaN. Such a run is refused before any work.
#include "mineralsim/engine/precision.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::engine {

// The largest demand (t/day) a float run may reach by its last day: eight orders of magnitude
// below float's largest value, room for the noise, the inventory targets and the sums over
// importers built on it.
inline constexpr double kLargestFloatDemand = 1e30;

// Throws UserError naming the scenario file, --precision, the importer and commodity whose demand
// would pass kLargestFloatDemand within `days` days at the largest quantity and growth its
// parameters allow. Does nothing for double.
void check_float_range(const scenario::Scenario& scenario, Precision precision, int days);

}  // namespace mineralsim::engine
