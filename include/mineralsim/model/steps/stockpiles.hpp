#pragma once
// Step 8: stockpiles. A holding activates when its importer's cover falls below the trigger or
// the price rises above its trigger; after the response delay (Korea: 8 days) it releases at its
// rate to that importer until cover is back above the stop level and the price below its trigger,
// or the stock is gone. When idle and the price is below the refill threshold it refills (its
// purchases clear in step 6), within its budget and capacity.
#include "mineralsim/detail/largest_finite.hpp"
#include "mineralsim/model/day_context.hpp"
#include "mineralsim/model/stockpile_mode.hpp"

namespace mineralsim::model {

template <class Real>
MINERALSIM_HD inline void step_stockpile(const DayContext<Real>& ctx, int g) {
  const Dimensions& d = ctx.dims();
  const int c = ctx.model.holding_commodity[g];
  const int kc = ctx.model.holding_importer[g] * d.commodities + c;
  const Real demand = ctx.state(RealField::demand_today, kc);
  Real& inventory = ctx.state(RealField::inventory, kc);
  const Real cover = demand > Real(0) ? inventory / demand : detail::largest_finite(Real{});
  const Real price_ratio = ctx.state(RealField::price, c) / ctx.param(Param::price_initial, c);
  const bool price_high = price_ratio > ctx.param(Param::trigger_price_ratio, g);
  Real& stock = ctx.state(RealField::stock, g);
  std::int32_t& mode = ctx.state(IntField::stock_mode, g);
  Real& days_activating = ctx.state(RealField::stock_days_activating, g);

  if (mode == kStockIdle || mode == kStockRefilling) {
    if ((cover < ctx.param(Param::trigger_cover_days, g) || price_high) && stock > Real(0)) {
      mode = kStockActivating;
      days_activating = Real(0);
    }
  } else if (mode == kStockActivating) {
    days_activating += Real(1);
  }
  if (mode == kStockActivating && days_activating >= ctx.param(Param::response_delay_days, g)) {
    mode = kStockReleasing;
  }
  if (mode == kStockReleasing) {
    const bool recovered = cover >= ctx.param(Param::stop_cover_days, g) && !price_high;
    if (recovered || stock <= Real(0)) {
      mode = kStockIdle;
    } else {
      const Real released = detail::min_of(ctx.param(Param::release_rate, g), stock);
      stock -= released;
      inventory += released;
      if (stock <= Real(0) && ctx.state(IntField::stock_empty_day, g) < 0) {
        ctx.state(IntField::stock_empty_day, g) = ctx.day;
      }
    }
  }
  if (mode == kStockIdle || mode == kStockRefilling) {
    const bool can_refill =
        price_ratio < ctx.param(Param::refill_price_ratio, g) &&
        stock < ctx.param(Param::stock_capacity, g) &&
        ctx.state(RealField::stock_spent_musd, g) < ctx.param(Param::budget_musd, g) &&
        ctx.param(Param::refill_rate, g) > Real(0);
    mode = can_refill ? kStockRefilling : kStockIdle;
  }
}

template <class Real>
MINERALSIM_HD inline void step_stockpiles(const DayContext<Real>& ctx) {
  for (int g = 0; g < ctx.dims().holdings; ++g) step_stockpile(ctx, g);
}

}  // namespace mineralsim::model
