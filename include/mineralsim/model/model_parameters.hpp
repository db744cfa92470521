#pragma once
// A read-only, pointer-based view of a resolved scenario that model code (host or device) reads.
// The host-side owner is scenario::Scenario; a backend copies the arrays where it runs.
#include <cstdint>

#include "mineralsim/detail/hd.hpp"
#include "mineralsim/model/dimensions.hpp"
#include "mineralsim/model/distribution.hpp"
#include "mineralsim/model/parameter_table.hpp"
#include "mineralsim/model/regime_level.hpp"

namespace mineralsim::model {

struct ModelParameters {
  Dimensions dims;

  // Real parameters: value index = param_offset[p] + element. A value whose drawn_slot is >= 0 is
  // drawn per trajectory from distributions[slot]; the draw is kept in TrajectoryDraws.
  int param_offset[kParamCount];
  int value_count;
  int drawn_count;
  const double* values;               // [value_count]
  const int* drawn_slot;              // [value_count]
  const int* drawn_value_index;       // [drawn_count]
  const Distribution* distributions;  // [drawn_count]

  // Structure (integers, never random).
  const int* regime_exporter;                  // [X] supplier index
  const int* regime_commodity;                 // [X]
  const int* regime_initial_level;             // [X]
  const int* license_stages;                   // [X] 1..kMaxLicenseStages
  const int* regime_of_supply;                 // [S*C] regime index controlling that supply, or -1
  const std::uint8_t* restricted_destination;  // [X*K] barred while RESTRICTED
  const int* project_supplier;                 // [P]
  const int* project_commodity;                // [P]
  const int* project_day;                      // [P] scheduled completion day
  const int* holding_importer;                 // [G]
  const int* holding_commodity;                // [G]
  const int* offtake_supplier;                 // [O]
  const int* offtake_importer;                 // [O]
  const int* offtake_commodity;                // [O]
  const int* recycling_start_day;              // [K*C]
  const int* recycling_end_day;                // [K*C]
  const int* tariff_start_day;                 // [T] first day in force
  const int* tariff_end_day;                   // [T] last day in force
  const int* window_start_day;                 // [W]
  const int* window_days;                      // [W]
  const RegimeEvent* events;                   // [E] sorted by day

  // The tariffs of route r = x * K + k (regime x's shipments to importer k), in index order:
  // route_tariffs[route_tariffs_begin[r] .. route_tariffs_begin[r + 1]).
  const int* route_tariffs_begin;  // [X*K + 1]
  const int* route_tariffs;        // [T]
  // The offtakes of supply sc = s * C + c (supplier s's output of commodity c), in index order:
  // supply_offtakes[supply_offtakes_begin[sc] .. supply_offtakes_begin[sc + 1]).
  const int* supply_offtakes_begin;  // [S*C + 1]
  const int* supply_offtakes;        // [O]
};

// The per-trajectory values of drawn parameters, structure of arrays: draw slot-major, lane-minor.
struct TrajectoryDraws {
  const double* values;
  int stride;  // lanes in the batch
};

// Reads parameter values for one trajectory (lane), in the precision the run computes in.
// Scenario values and per-trajectory draws are kept in double and rounded on reading.
template <class Real>
struct ParamReader {
  const ModelParameters* model;
  TrajectoryDraws draws;
  int lane;

  MINERALSIM_HD Real operator()(Param p, int element = 0) const {
    const int index = model->param_offset[static_cast<int>(p)] + element;
    const int slot = model->drawn_slot[index];
    return static_cast<Real>(slot < 0 ? model->values[index]
                                      : draws.values[slot * draws.stride + lane]);
  }
};

}  // namespace mineralsim::model
