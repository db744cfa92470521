#pragma once
// Step 5: orders. Demand grows on trend, responds to the tariff-inclusive price with a small
// short-run elasticity, and carries AR(1) log noise:
//   D = D0 exp(t ln(1+g)/365 - eps ln(P (1+tariff) / P0) + eta)
// Recycled supply r(t) D (a linear ramp between two days) is the importer's own. The importer
// orders to cover net demand and to move its inventory
// toward a target cover raised by precaution:
//   order = max(0, D - R + (I* (1 + precaution) D - I) / tau_adj)
// Shipments waiting for a licence are not counted: like most buyers in Sterman's stock-management
// experiments, importers neglect their supply line, which amplifies swings after a disruption.
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

template <class Real>
MINERALSIM_HD inline Real recycled_share(Real start_share, Real end_share, int start_day,
                                         int end_day, int day) {
  if (day <= start_day) return day < end_day ? start_share : end_share;
  if (day >= end_day) return end_share;
  const Real progress = static_cast<Real>(day - start_day) / static_cast<Real>(end_day - start_day);
  return start_share + (end_share - start_share) * progress;
}

template <class Real>
MINERALSIM_HD inline Real demand_today(const DayContext<Real>& ctx, int kc, int c) {
  const Real base = ctx.param(Param::demand, kc);
  // An importer without demand for the commodity needs no noise: its draw site goes unused, which
  // leaves every other draw as it was (draws are keyed by site), and its noise is never observed.
  if (base <= Real(0)) return Real(0);
  const Real noise_sd = ctx.param(Param::demand_noise, kc);
  const Real persistence = Real(1) - Real(1) / ctx.param(Param::demand_noise_memory_days, kc);
  Real& eta = ctx.state(RealField::demand_noise, kc);
  eta = persistence * eta +
        detail::portable_sqrt(Real(1) - persistence * persistence) * noise_sd *
            ctx.draws.normal(ctx.sites.first_demand + static_cast<std::uint32_t>(kc));
  // ln of the tariff-inclusive price relative to the initial price.
  const Real log_relative_price =
      ctx.state(RealField::log_price, c) + ctx.state(RealField::demand_price_offset, kc);
  const Real log_change =
      static_cast<Real>(ctx.day) * ctx.state(RealField::demand_daily_growth, kc) -
      ctx.param(Param::demand_elasticity, kc) * log_relative_price + eta;
  return base * detail::portable_exp(log_change);
}

template <class Real>
MINERALSIM_HD inline void step_orders(const DayContext<Real>& ctx) {
  const Dimensions& d = ctx.dims();
  for (int k = 0; k < d.importers; ++k) {
    for (int c = 0; c < d.commodities; ++c) {
      const int kc = k * d.commodities + c;
      const Real demand = demand_today(ctx, kc, c);
      const Real recycled = demand * recycled_share(ctx.param(Param::recycling_start_share, kc),
                                                    ctx.param(Param::recycling_end_share, kc),
                                                    ctx.model.recycling_start_day[kc],
                                                    ctx.model.recycling_end_day[kc], ctx.day);
      Real& precaution = ctx.state(RealField::precaution, kc);
      precaution = precaution * (Real(1) - Real(1) / ctx.param(Param::precaution_memory_days, kc));
      const Real target = ctx.param(Param::target_cover_days, kc) * (Real(1) + precaution) * demand;
      const Real order =
          detail::max_of(Real(0), demand - recycled +
                                      (target - ctx.state(RealField::inventory, kc)) /
                                          ctx.param(Param::adjustment_days, kc));
      ctx.state(RealField::demand_today, kc) = demand;
      ctx.state(RealField::recycled_today, kc) = recycled;
      ctx.state(RealField::order_today, kc) = order;
      ctx.state(RealField::open_order, kc) = order;
    }
  }
}

}  // namespace mineralsim::model
