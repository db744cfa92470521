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
template <class Real>
MINERALSIM_HD inline Real utilisation(Real price, Real cost, Real min_utilisation,
                                      Real full_ratio) {
  if (full_ratio <= Real(1)) return price >= cost ? Real(1) : min_utilisation;
  const Real ramp =
      detail::clamp((price / cost - Real(1)) / (full_ratio - Real(1)), Real(0), Real(1));
  return min_utilisation + (Real(1) - min_utilisation) * ramp;
}

// kg * USD/kg in USD million for a quantity in tonnes.
template <class Real>
MINERALSIM_HD inline Real tonnes_times_price_musd(Real tonnes, Real usd_per_kg) {
  return tonnes * usd_per_kg / Real(1000);
}

// Endogenous investment never takes a supplier's capacity beyond this (t/day, 1000 times the
// largest valid day-0 capacity): at the extremes of the valid parameters (a share of 10 invested
// every day) compounding would otherwise overflow a float within weeks and a double within a year.
inline constexpr double kMaxInvestedCapacity = 1e12;

template <class Real>
MINERALSIM_HD inline void add_capacity(const DayContext<Real>& ctx) {
  const Dimensions& d = ctx.dims();
  const Real today = static_cast<Real>(ctx.day);
  for (int p = 0; p < d.projects; ++p) {
    if (ctx.state(RealField::project_arrival_day, p) == today) {
      const int sc = ctx.model.project_supplier[p] * d.commodities + ctx.model.project_commodity[p];
      ctx.state(RealField::capacity, sc) += ctx.param(Param::project_capacity, p);
    }
  }
  for (int s = 0; s < d.suppliers; ++s) {
    for (int c = 0; c < d.commodities; ++c) {
      const int sc = s * d.commodities + c;
      Real& pending = ctx.state(RealField::pending_capacity, sc);
      Real& arrival = ctx.state(RealField::pending_arrival_day, sc);
      Real& capacity = ctx.state(RealField::capacity, sc);
      if (pending > Real(0) && today >= arrival) {
        capacity += pending;
        pending = Real(0);
      }
      const Real share = ctx.param(Param::investment_share, sc);
      const Real average_margin =
          ctx.state(RealField::price_average, c) / ctx.param(Param::cost, sc);
      const Real room = Real(kMaxInvestedCapacity) - capacity;
      if (share > Real(0) && pending == Real(0) && capacity > Real(0) && room > Real(0) &&
          average_margin > ctx.param(Param::investment_hurdle, sc)) {
        pending = detail::min_of(share * capacity, room);
        arrival = today + detail::portable_floor(ctx.param(Param::investment_lag_days, sc));
      }
    }
  }
}

template <class Real>
MINERALSIM_HD inline void step_supply(const DayContext<Real>& ctx) {
  const Dimensions& d = ctx.dims();
  add_capacity(ctx);
  for (int c = 0; c < d.commodities; ++c) {
    ctx.state(RealField::flow_production, c) = Real(0);
    ctx.state(RealField::flow_consumed, c) = Real(0);
  }
  for (int s = 0; s < d.suppliers; ++s) {
    for (int c = 0; c < d.commodities; ++c) {
      const int sc = s * d.commodities + c;
      const Real capacity = ctx.state(RealField::capacity, sc);
      const Real home_demand = ctx.param(Param::home_demand, sc);
      if (capacity <= Real(0) && home_demand <= Real(0)) continue;
      const Real market_price = ctx.state(RealField::price, c);
      Real seen_price = market_price;
      const Real floor = ctx.param(Param::floor_price, sc);
      const Real day = static_cast<Real>(ctx.day);
      const bool floor_active = floor > Real(0) && day >= ctx.param(Param::floor_from_day, sc) &&
                                day <= ctx.param(Param::floor_until_day, sc);
      if (floor_active) seen_price = detail::max_of(seen_price, floor);
      const Real produced = capacity * utilisation(seen_price, ctx.param(Param::cost, sc),
                                                   ctx.param(Param::min_utilisation, sc),
                                                   ctx.param(Param::full_utilisation_ratio, sc));
      if (floor_active && floor > market_price) {
        ctx.state(RealField::floor_cost_musd) +=
            tonnes_times_price_musd(produced, floor - market_price);
      }
      Real& held = ctx.state(RealField::producer_inventory, sc);
      const Real home_served = detail::min_of(home_demand, held + produced);
      held = held + produced - home_served;
      ctx.state(RealField::flow_production, c) += produced;
      ctx.state(RealField::flow_consumed, c) += home_served;
    }
  }
}

}  // namespace mineralsim::model
