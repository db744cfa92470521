#pragma once
// Step 7: prices. The world log price moves with the unfilled share of orders and with the gap
// between world inventory cover and its norm, plus noise:
//   dlnP = kappa_d (orders - filled) / orders - kappa_i (cover / cover* - 1) + sigma_P z
// cover = (importer inventories + open-market producer stock) / importer demand, in days.
// Each controlling exporter's domestic price follows its own stock and is pulled toward the world
// price in proportion to the openness of its regime, so the wedge widens as controls tighten.
// Every daily move is bounded, and so is the price (a factor 1000 either way of its start), so a
// price is never zero, negative, NaN or Inf.
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

inline constexpr double kMaxDailyLogMove = 0.25;
inline constexpr double kLogPriceRange = 6.907755278982137;  // ln 1000

template <class Real>
MINERALSIM_HD inline Real bounded_log_price(Real log_price, Real log_move, Real log_initial) {
  const Real moved =
      log_price + detail::clamp(log_move, Real(-kMaxDailyLogMove), Real(kMaxDailyLogMove));
  return detail::clamp(moved, log_initial - Real(kLogPriceRange),
                       log_initial + Real(kLogPriceRange));
}

template <class Real>
MINERALSIM_HD inline Real world_cover_days(const DayContext<Real>& ctx, int c) {
  const Dimensions& d = ctx.dims();
  Real stock = Real(0);
  Real demand = Real(0);
  for (int k = 0; k < d.importers; ++k) {
    stock += ctx.state(RealField::inventory, k * d.commodities + c);
    demand += ctx.state(RealField::demand_today, k * d.commodities + c);
  }
  for (int s = 0; s < d.suppliers; ++s) {
    const int sc = s * d.commodities + c;
    if (ctx.model.regime_of_supply[sc] < 0) stock += ctx.state(RealField::producer_inventory, sc);
  }
  return demand > Real(0) ? stock / demand : ctx.param(Param::cover_norm_days, c);
}

template <class Real>
MINERALSIM_HD inline void update_world_price(const DayContext<Real>& ctx, int c) {
  const Real orders = ctx.state(RealField::market_orders, c);
  const Real filled = ctx.state(RealField::market_filled, c);
  // The unfilled share of orders, in [0, 1]: a day with no delivery at all pushes the log price
  // up by kappa_d, not more, so a cut-off raises prices steadily rather than at once.
  const Real shortage = orders > filled ? (orders - filled) / orders : Real(0);
  const Real cover_gap = world_cover_days(ctx, c) / ctx.param(Param::cover_norm_days, c) - Real(1);
  const Real move = ctx.param(Param::price_demand_sensitivity, c) * shortage -
                    ctx.param(Param::price_cover_sensitivity, c) * cover_gap +
                    ctx.param(Param::price_volatility, c) *
                        ctx.draws.normal(ctx.sites.first_price + static_cast<std::uint32_t>(c));
  const Real initial = ctx.param(Param::price_initial, c);
  Real& price = ctx.state(RealField::price, c);
  Real& log_price = ctx.state(RealField::log_price, c);
  log_price = bounded_log_price(log_price, move, detail::portable_log(initial));
  price = detail::portable_exp(log_price);
  ctx.state(RealField::price_average, c) +=
      (price - ctx.state(RealField::price_average, c)) / ctx.param(Param::price_memory_days, c);
  if (price > ctx.state(RealField::peak_price, c)) {
    ctx.state(RealField::peak_price, c) = price;
    ctx.state(IntField::peak_day, c) = ctx.day;
  }
  if (price > Real(2) * initial) ctx.state(IntField::days_above_double, c) += 1;
}

template <class Real>
MINERALSIM_HD inline void update_home_price(const DayContext<Real>& ctx, int x) {
  const Dimensions& d = ctx.dims();
  const int c = ctx.model.regime_commodity[x];
  const int sc = ctx.model.regime_exporter[x] * d.commodities + c;
  const Real throughput = ctx.param(Param::home_demand, sc) + ctx.param(Param::baseline_exports, x);
  const Real cover =
      ctx.state(RealField::producer_inventory, sc) / detail::max_of(throughput, Real(1e-12));
  const Real cover_gap = cover / ctx.param(Param::home_cover_norm_days, x) - Real(1);
  Real& log_home = ctx.state(RealField::log_home_price, x);
  const int level = ctx.state(IntField::regime_level, x);
  const Real pull = ctx.param(Param::arbitrage_rate, x) *
                    ctx.param(Param::openness, x * kRegimeLevels + level) *
                    (ctx.state(RealField::log_price, c) - log_home);
  const Real move =
      pull - ctx.param(Param::home_cover_sensitivity, x) * cover_gap +
      ctx.param(Param::home_price_volatility, x) *
          ctx.draws.normal(ctx.sites.first_home_price + static_cast<std::uint32_t>(x));
  log_home = bounded_log_price(log_home, move,
                               detail::portable_log(ctx.param(Param::home_price_initial, x)));
  ctx.state(RealField::home_price, x) = detail::portable_exp(log_home);
}

template <class Real>
MINERALSIM_HD inline void step_prices(const DayContext<Real>& ctx) {
  for (int c = 0; c < ctx.dims().commodities; ++c) update_world_price(ctx, c);
  for (int x = 0; x < ctx.dims().regimes; ++x) update_home_price(ctx, x);
}

}  // namespace mineralsim::model
