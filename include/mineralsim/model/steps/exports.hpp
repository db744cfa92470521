#pragma once
// Step 4: exports of controlling exporters. Licence queues advance: each of a regime's m stages
// passes on the share min(1, m / delay) of its content a day, so the delay through the queue is a
// sum of m geometric stage times with mean `license_delay_days` (a discrete Erlang pipeline). At
// the last stage the licence is decided: the approved share is delivered to its importer and the
// rest returns to the exporter's stock; a shipment whose destination is barred on the day of the
// decision (EMBARGO, a ban, a flagged destination under RESTRICTED) is refused whole, so a measure
// also stops what was already in the queue. Then the exporter sets today's offer abroad by its
// regime level: OPEN and LICENSED offer all stock, RESTRICTED at most the quota, EMBARGO nothing.
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

template <class Real>
MINERALSIM_HD inline Real license_stage_pass_share(int stages, Real mean_delay_days) {
  return detail::min_of(Real(1), static_cast<Real>(stages) / mean_delay_days);
}

// Can regime x's exporter ship to importer k today?
template <class Real>
MINERALSIM_HD inline bool destination_allowed(const DayContext<Real>& ctx, int x, int k) {
  const int xk = x * ctx.dims().importers + k;
  const int level = ctx.state(IntField::regime_level, x);
  if (level == kEmbargo || ctx.state(IntField::destination_banned, xk) != 0) return false;
  return !(level == kRestricted && ctx.model.restricted_destination[xk] != 0);
}

template <class Real>
MINERALSIM_HD inline void advance_license_queues(const DayContext<Real>& ctx, int x) {
  const Dimensions& d = ctx.dims();
  const int c = ctx.model.regime_commodity[x];
  const int exporter_sc = ctx.model.regime_exporter[x] * d.commodities + c;
  const int stages = ctx.model.license_stages[x];
  const Real pass = license_stage_pass_share(stages, ctx.param(Param::license_delay_days, x));
  const Real approval = ctx.param(Param::approval_share, x);
  for (int k = 0; k < d.importers; ++k) {
    const int first = (x * d.importers + k) * d.license_stages;
    // Last stage first, so that a shipment moves at most one stage a day.
    const Real leaving = ctx.state(RealField::license_queue, first + stages - 1) * pass;
    ctx.state(RealField::license_queue, first + stages - 1) -= leaving;
    for (int stage = stages - 1; stage > 0; --stage) {
      const Real moving = ctx.state(RealField::license_queue, first + stage - 1) * pass;
      ctx.state(RealField::license_queue, first + stage - 1) -= moving;
      ctx.state(RealField::license_queue, first + stage) += moving;
    }
    const Real approved = destination_allowed(ctx, x, k) ? leaving * approval : Real(0);
    ctx.state(RealField::inventory, k * d.commodities + c) += approved;
    ctx.state(RealField::producer_inventory, exporter_sc) += leaving - approved;
    ctx.state(RealField::exporter_deliveries, x) += approved;
    ctx.state(RealField::imports_total, c) += approved;
  }
}

template <class Real>
MINERALSIM_HD inline void step_exports(const DayContext<Real>& ctx) {
  const Dimensions& d = ctx.dims();
  for (int x = 0; x < d.regimes; ++x) {
    advance_license_queues(ctx, x);
    const int exporter_sc =
        ctx.model.regime_exporter[x] * d.commodities + ctx.model.regime_commodity[x];
    const Real stock = ctx.state(RealField::producer_inventory, exporter_sc);
    Real offer = stock;
    const int level = ctx.state(IntField::regime_level, x);
    if (level == kRestricted) {
      offer = detail::min_of(
          stock, ctx.param(Param::quota_share, x) * ctx.param(Param::baseline_exports, x));
    } else if (level == kEmbargo) {
      offer = Real(0);
    }
    ctx.state(RealField::export_offer, x) = offer;
  }
}

}  // namespace mineralsim::model
