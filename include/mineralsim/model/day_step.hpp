#pragma once
// One day of one trajectory: the eight steps of MODEL.md section 3, in this order. The order
// matters: regimes react to today's tension, supply to yesterday's prices, orders to today's
// regimes, prices to today's clearing, stockpiles to today's cover and price.
#include "mineralsim/model/day_context.hpp"
#include "mineralsim/model/steps/clearing.hpp"
#include "mineralsim/model/steps/exports.hpp"
#include "mineralsim/model/steps/orders.hpp"
#include "mineralsim/model/steps/prices.hpp"
#include "mineralsim/model/steps/regimes.hpp"
#include "mineralsim/model/steps/stockpiles.hpp"
#include "mineralsim/model/steps/supply.hpp"
#include "mineralsim/model/steps/tension.hpp"

namespace mineralsim::model {

template <class Real>
MINERALSIM_HD inline void step_day(const DayContext<Real>& ctx) {
  step_tension(ctx);     // 1
  step_regimes(ctx);     // 2
  step_supply(ctx);      // 3
  step_exports(ctx);     // 4
  step_orders(ctx);      // 5
  step_clearing(ctx);    // 6
  step_prices(ctx);      // 7
  step_stockpiles(ctx);  // 8
}

// Convenience for backends: builds the day's context for one lane and steps it.
template <class Real>
MINERALSIM_HD inline void step_lane(const ModelParameters& m, TrajectoryDraws draws,
                                    const StateLayout& layout, Real* reals, std::int32_t* ints,
                                    int stride, int lane, std::uint64_t seed,
                                    std::uint64_t trajectory, int day) {
  const DayContext<Real> ctx{
      m,
      ParamReader<Real>{&m, draws, lane},
      LaneState<Real>{&layout, reals, ints, stride, lane},
      detail::DailyDraws<Real>{seed, trajectory, static_cast<std::uint32_t>(day)},
      DrawSites::for_dimensions(m.dims),
      day};
  step_day(ctx);
}

}  // namespace mineralsim::model
