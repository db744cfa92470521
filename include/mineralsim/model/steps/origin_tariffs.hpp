#pragma once
// Origin tariffs (part of step 6, clearing): a tariff on one controlling exporter's shipments to
// one importer, in force from its start day to its end day. Its rate on a day is the larger of
// the fixed rate and the levy that lifts the world price to the reference price,
//   rate = max(rate_fixed, reference / P - 1),
// the "adjustable tariff" that keeps a reference price for the exporter's material.
// A tariff acts on sourcing, not on the world price: in the market-share pass the importer asks
// the exporter for an Armington share of its order instead of the exporter's market share m,
//   share = m w / (m w + 1 - m),  w = (1 + rate)^-sigma,
// and turns to the open pool for the rest. What the pool cannot fill still comes back to the
// exporter in the remainder pass: a tariff makes the importer prefer other origins, it does not
// leave its order unfilled. Revenue is P * rate per tonne shipped, counted when shipped.
#include "mineralsim/detail/portable_math.hpp"
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

// The tariff on the regime's shipments to importer k in force today, or -1. Only that route's
// tariffs are looked at: clearing asks this many times a day for every route.
template <class Real>
MINERALSIM_HD inline int active_tariff(const DayContext<Real>& ctx, int regime, int k) {
  const int route = regime * ctx.dims().importers + k;
  for (int i = ctx.model.route_tariffs_begin[route]; i < ctx.model.route_tariffs_begin[route + 1];
       ++i) {
    const int t = ctx.model.route_tariffs[i];
    if (ctx.day >= ctx.model.tariff_start_day[t] && ctx.day <= ctx.model.tariff_end_day[t]) {
      return t;
    }
  }
  return -1;
}

template <class Real>
MINERALSIM_HD inline Real tariff_rate(const DayContext<Real>& ctx, int t, int c) {
  const Real fixed = ctx.param(Param::tariff_rate, t);
  const Real reference = ctx.param(Param::tariff_reference_price, t);
  if (reference <= Real(0)) return fixed;
  return detail::max_of(fixed, reference / ctx.state(RealField::price, c) - Real(1));
}

// The share of its order an importer asks of an exporter with market share m under a tariff.
template <class Real>
MINERALSIM_HD inline Real tariffed_share(Real market_share, Real rate, Real substitution) {
  // An exporter that is the only origin keeps the whole order: there is nowhere else to turn.
  if (market_share >= Real(1)) return Real(1);
  const Real weight = detail::portable_exp(-substitution * detail::portable_log(Real(1) + rate));
  const Real tariffed = market_share * weight;
  return tariffed / (tariffed + (Real(1) - market_share));
}

}  // namespace mineralsim::model
