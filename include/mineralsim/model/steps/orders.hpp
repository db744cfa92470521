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

MINERALSIM_HD inline double recycled_share(double start_share, double end_share, int start_day,
                                           int end_day, int day) {
  if (day <= start_day) return day < end_day ? start_share : end_share;
  if (day >= end_day) return end_share;
  const double progress = static_cast<double>(day - start_day) / (end_day - start_day);
  return start_share + (end_share - start_share) * progress;
}

MINERALSIM_HD inline double demand_today(const DayContext& ctx, int kc, int c) {
  const double base = ctx.param(Param::demand, kc);
  // An importer without demand for the commodity needs no noise: its draw site goes unused, which
  // leaves every other draw as it was (draws are keyed by site), and its noise is never observed.
  if (base <= 0.0) return 0.0;
  const double noise_sd = ctx.param(Param::demand_noise, kc);
  const double persistence = 1.0 - 1.0 / ctx.param(Param::demand_noise_memory_days, kc);
  double& eta = ctx.state(RealField::demand_noise, kc);
  eta = persistence * eta +
        ::sqrt(1.0 - persistence * persistence) * noise_sd *
            ctx.draws.normal(ctx.sites.first_demand + static_cast<std::uint32_t>(kc));
  // ln of the tariff-inclusive price relative to the initial price.
  const double log_relative_price =
      ctx.state(RealField::log_price, c) + ctx.state(RealField::demand_price_offset, kc);
  const double log_change =
      static_cast<double>(ctx.day) * ctx.state(RealField::demand_daily_growth, kc) -
      ctx.param(Param::demand_elasticity, kc) * log_relative_price + eta;
  return base * detail::portable_exp(log_change);
}

MINERALSIM_HD inline void step_orders(const DayContext& ctx) {
  const Dimensions& d = ctx.dims();
  for (int k = 0; k < d.importers; ++k) {
    for (int c = 0; c < d.commodities; ++c) {
      const int kc = k * d.commodities + c;
      const double demand = demand_today(ctx, kc, c);
      const double recycled = demand * recycled_share(ctx.param(Param::recycling_start_share, kc),
                                                      ctx.param(Param::recycling_end_share, kc),
                                                      ctx.model.recycling_start_day[kc],
                                                      ctx.model.recycling_end_day[kc], ctx.day);
      double& precaution = ctx.state(RealField::precaution, kc);
      precaution = precaution * (1.0 - 1.0 / ctx.param(Param::precaution_memory_days, kc));
      const double target = ctx.param(Param::target_cover_days, kc) * (1.0 + precaution) * demand;
      const double order = detail::max_of(0.0, demand - recycled +
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
