#pragma once
// Step 3: supply. Capacity grows by scheduled projects (each late by its trajectory's lognormal
// delay) and by endogenous investment when the average price clears a hurdle. Each supplier
// produces Q = K u(P / cost) at the world price P (MODEL.md; controlling exporters too, so the
// domestic price is an outcome, not a driver), serves its own country's demand first and keeps the
// rest as producer inventory for export. A price floor raises the price the supplier sees (and so
// its utilisation) and costs the government the gap, not the market.
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

// Utilisation: u_min at or below break-even, rising linearly to 1 at full_ratio * cost.
MINERALSIM_HD inline double utilisation(double price, double cost, double min_utilisation,
                                        double full_ratio) {
  if (full_ratio <= 1.0) return price >= cost ? 1.0 : min_utilisation;
  const double ramp = detail::clamp((price / cost - 1.0) / (full_ratio - 1.0), 0.0, 1.0);
  return min_utilisation + (1.0 - min_utilisation) * ramp;
}

// kg * USD/kg in USD million for a quantity in tonnes.
MINERALSIM_HD inline double tonnes_times_price_musd(double tonnes, double usd_per_kg) {
  return tonnes * usd_per_kg / 1000.0;
}

MINERALSIM_HD inline void add_capacity(const DayContext& ctx) {
  const Dimensions& d = ctx.dims();
  const double today = static_cast<double>(ctx.day);
  for (int p = 0; p < d.projects; ++p) {
    if (ctx.state(RealField::project_arrival_day, p) == today) {
      const int sc = ctx.model.project_supplier[p] * d.commodities + ctx.model.project_commodity[p];
      ctx.state(RealField::capacity, sc) += ctx.param(Param::project_capacity, p);
    }
  }
  for (int s = 0; s < d.suppliers; ++s) {
    for (int c = 0; c < d.commodities; ++c) {
      const int sc = s * d.commodities + c;
      double& pending = ctx.state(RealField::pending_capacity, sc);
      double& arrival = ctx.state(RealField::pending_arrival_day, sc);
      double& capacity = ctx.state(RealField::capacity, sc);
      if (pending > 0.0 && today >= arrival) {
        capacity += pending;
        pending = 0.0;
      }
      const double share = ctx.param(Param::investment_share, sc);
      const double average_margin =
          ctx.state(RealField::price_average, c) / ctx.param(Param::cost, sc);
      if (share > 0.0 && pending == 0.0 && capacity > 0.0 &&
          average_margin > ctx.param(Param::investment_hurdle, sc)) {
        pending = share * capacity;
        arrival = today + detail::portable_floor(ctx.param(Param::investment_lag_days, sc));
      }
    }
  }
}

MINERALSIM_HD inline void step_supply(const DayContext& ctx) {
  const Dimensions& d = ctx.dims();
  add_capacity(ctx);
  for (int c = 0; c < d.commodities; ++c) {
    ctx.state(RealField::flow_production, c) = 0.0;
    ctx.state(RealField::flow_consumed, c) = 0.0;
  }
  for (int s = 0; s < d.suppliers; ++s) {
    for (int c = 0; c < d.commodities; ++c) {
      const int sc = s * d.commodities + c;
      const double capacity = ctx.state(RealField::capacity, sc);
      const double home_demand = ctx.param(Param::home_demand, sc);
      if (capacity <= 0.0 && home_demand <= 0.0) continue;
      const double market_price = ctx.state(RealField::price, c);
      double seen_price = market_price;
      const double floor = ctx.param(Param::floor_price, sc);
      const double day = static_cast<double>(ctx.day);
      const bool floor_active = floor > 0.0 && day >= ctx.param(Param::floor_from_day, sc) &&
                                day <= ctx.param(Param::floor_until_day, sc);
      if (floor_active) seen_price = detail::max_of(seen_price, floor);
      const double produced = capacity * utilisation(seen_price, ctx.param(Param::cost, sc),
                                                     ctx.param(Param::min_utilisation, sc),
                                                     ctx.param(Param::full_utilisation_ratio, sc));
      if (floor_active && floor > market_price) {
        ctx.state(RealField::floor_cost_musd) +=
            tonnes_times_price_musd(produced, floor - market_price);
      }
      double& held = ctx.state(RealField::producer_inventory, sc);
      const double home_served = detail::min_of(home_demand, held + produced);
      held = held + produced - home_served;
      ctx.state(RealField::flow_production, c) += produced;
      ctx.state(RealField::flow_consumed, c) += home_served;
    }
  }
}

}  // namespace mineralsim::model
