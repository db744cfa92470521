#pragma once
// Step 8: stockpiles. A holding activates when its importer's cover falls below the trigger or
// the price rises above its trigger; after the response delay (Korea: 8 days) it releases at its
// rate to that importer until cover is back above the stop level and the price below its trigger,
// or the stock is gone. When idle and the price is below the refill threshold it refills (its
// purchases clear in step 6), within its budget and capacity.
#include "mineralsim/model/day_context.hpp"
#include "mineralsim/model/stockpile_mode.hpp"

namespace mineralsim::model {

MINERALSIM_HD inline void step_stockpile(const DayContext& ctx, int g) {
  const Dimensions& d = ctx.dims();
  const int c = ctx.model.holding_commodity[g];
  const int kc = ctx.model.holding_importer[g] * d.commodities + c;
  const double demand = ctx.state(RealField::demand_today, kc);
  double& inventory = ctx.state(RealField::inventory, kc);
  const double cover = demand > 0.0 ? inventory / demand : 1.0e308;
  const double price_ratio = ctx.state(RealField::price, c) / ctx.param(Param::price_initial, c);
  const bool price_high = price_ratio > ctx.param(Param::trigger_price_ratio, g);
  double& stock = ctx.state(RealField::stock, g);
  std::int32_t& mode = ctx.state(IntField::stock_mode, g);
  double& days_activating = ctx.state(RealField::stock_days_activating, g);

  if (mode == kStockIdle || mode == kStockRefilling) {
    if ((cover < ctx.param(Param::trigger_cover_days, g) || price_high) && stock > 0.0) {
      mode = kStockActivating;
      days_activating = 0.0;
    }
  } else if (mode == kStockActivating) {
    days_activating += 1.0;
  }
  if (mode == kStockActivating && days_activating >= ctx.param(Param::response_delay_days, g)) {
    mode = kStockReleasing;
  }
  if (mode == kStockReleasing) {
    const bool recovered = cover >= ctx.param(Param::stop_cover_days, g) && !price_high;
    if (recovered || stock <= 0.0) {
      mode = kStockIdle;
    } else {
      const double released = detail::min_of(ctx.param(Param::release_rate, g), stock);
      stock -= released;
      inventory += released;
      if (stock <= 0.0 && ctx.state(IntField::stock_empty_day, g) < 0) {
        ctx.state(IntField::stock_empty_day, g) = ctx.day;
      }
    }
  }
  if (mode == kStockIdle || mode == kStockRefilling) {
    const bool can_refill =
        price_ratio < ctx.param(Param::refill_price_ratio, g) &&
        stock < ctx.param(Param::stock_capacity, g) &&
        ctx.state(RealField::stock_spent_musd, g) < ctx.param(Param::budget_musd, g) &&
        ctx.param(Param::refill_rate, g) > 0.0;
    mode = can_refill ? kStockRefilling : kStockIdle;
  }
}

MINERALSIM_HD inline void step_stockpiles(const DayContext& ctx) {
  for (int g = 0; g < ctx.dims().holdings; ++g) step_stockpile(ctx, g);
}

}  // namespace mineralsim::model
