#pragma once
// Step 6: clearing, per commodity. Orders are filled in this order:
//   1. offtake agreements: a share of a supplier's stock reserved for one importer;
//   2. controlling exporters: each serves every importer its regime allows the exporter's share
//      of the market (its offer over all supply offered; less under an origin tariff, see
//      origin_tariffs.hpp), pro rata with priority weights when the offer is short (OPEN
//      delivers at once; LICENSED and RESTRICTED put the shipment in the licence queue);
//   3. the open pool: every other supplier's stock, pro rata with priority weights, shared with
//      stockpiles that are refilling. Importers barred by an exporter turn here for all of it;
//   4. the exporters' remaining offers, for what the pool could not fill.
// Each importer then consumes from inventory plus recycled supply; what it cannot cover is unmet
// demand U, lost production.
#include "mineralsim/model/day_context.hpp"
#include "mineralsim/model/steps/exports.hpp"
#include "mineralsim/model/steps/origin_tariffs.hpp"
#include "mineralsim/model/steps/pro_rata.hpp"
#include "mineralsim/model/steps/supply.hpp"
#include "mineralsim/model/stockpile_mode.hpp"

namespace mineralsim::model {

// The importers an exporter may ship to today, each asking for the exporter's market share of
// its open order (1 in the remainder pass), or less under an origin tariff.
template <class Real>
struct ExporterBuyers {
  const DayContext<Real>& ctx;
  int regime;
  int commodity;
  Real market_share;
  MINERALSIM_HD int count() const { return ctx.dims().importers; }
  MINERALSIM_HD Real share(int k) const {
    const int t = active_tariff(ctx, regime, k);
    if (t < 0) return market_share;
    return tariffed_share(market_share, tariff_rate(ctx, t, commodity),
                          ctx.param(Param::tariff_substitution, t));
  }
  MINERALSIM_HD Real request(int k) const {
    return destination_allowed(ctx, regime, k)
               ? share(k) * ctx.state(RealField::open_order, k * ctx.dims().commodities + commodity)
               : Real(0);
  }
  MINERALSIM_HD Real weight(int k) const {
    return ctx.param(Param::priority, k * ctx.dims().commodities + commodity);
  }
};

// Importers and refilling stockpile holdings of one commodity, buying from the open pool.
template <class Real>
struct PoolBuyers {
  const DayContext<Real>& ctx;
  int commodity;
  MINERALSIM_HD int count() const { return ctx.dims().importers + ctx.dims().holdings; }
  MINERALSIM_HD Real request(int i) const {
    const int k = i;
    const int g = i - ctx.dims().importers;
    if (g < 0) return ctx.state(RealField::open_order, k * ctx.dims().commodities + commodity);
    return ctx.model.holding_commodity[g] == commodity ? ctx.state(RealField::stock_request, g)
                                                       : Real(0);
  }
  MINERALSIM_HD Real weight(int i) const {
    return i < ctx.dims().importers
               ? ctx.param(Param::priority, i * ctx.dims().commodities + commodity)
               : Real(1);
  }
};

template <class Real>
MINERALSIM_HD inline void deliver_to_importer(const DayContext<Real>& ctx, int k, int c,
                                              Real amount) {
  const int kc = k * ctx.dims().commodities + c;
  ctx.state(RealField::inventory, kc) += amount;
  ctx.state(RealField::open_order, kc) -= amount;
  ctx.state(RealField::imports_total, c) += amount;
}

// Stock of the suppliers that sell in the open pool (no regime on this commodity).
template <class Real>
MINERALSIM_HD inline Real open_pool_stock(const DayContext<Real>& ctx, int c) {
  const Dimensions& d = ctx.dims();
  Real pool = Real(0);
  for (int s = 0; s < d.suppliers; ++s) {
    const int sc = s * d.commodities + c;
    if (ctx.model.regime_of_supply[sc] < 0) pool += ctx.state(RealField::producer_inventory, sc);
  }
  return pool;
}

template <class Real>
MINERALSIM_HD inline void collect_tariff(const DayContext<Real>& ctx, int x, int k, int c,
                                         Real shipped) {
  const int t = active_tariff(ctx, x, k);
  if (t < 0) return;
  ctx.state(RealField::tariff_revenue_musd) +=
      tonnes_times_price_musd(shipped, ctx.state(RealField::price, c) * tariff_rate(ctx, t, c));
}

enum class ExporterPass { kMarketShare, kRemainder };

// Exporters sell in two passes: first each importer gets the exporter's market share of its
// order; after the open pool, what the pool could not fill is offered what the exporters have
// left, so that no order goes unfilled while an allowed exporter still has stock to offer.
template <class Real>
MINERALSIM_HD inline void sell_exporter_offers(const DayContext<Real>& ctx, int c,
                                               ExporterPass pass) {
  const Dimensions& d = ctx.dims();
  Real offered = open_pool_stock(ctx, c);
  for (int x = 0; x < d.regimes; ++x) {
    if (ctx.model.regime_commodity[x] == c) offered += ctx.state(RealField::export_offer, x);
  }
  for (int x = 0; x < d.regimes; ++x) {
    if (ctx.model.regime_commodity[x] != c) continue;
    Real& offer = ctx.state(RealField::export_offer, x);
    if (offer <= Real(0)) continue;
    const Real market_share = pass == ExporterPass::kMarketShare ? offer / offered : Real(1);
    const ExporterBuyers<Real> buyers{ctx, x, c, market_share};
    const ProRataShares<Real> shares = pro_rata_shares(buyers, offer);
    const int level = ctx.state(IntField::regime_level, x);
    Real& exporter_stock =
        ctx.state(RealField::producer_inventory, ctx.model.regime_exporter[x] * d.commodities + c);
    for (int k = 0; k < d.importers; ++k) {
      // Pro-rata grants add up to the offer only to rounding: never ship more than is left.
      const Real shipped = detail::min_of(shares.grant(buyers.request(k), buyers.weight(k)), offer);
      if (shipped <= Real(0)) continue;
      offer -= shipped;
      exporter_stock = detail::max_of(Real(0), exporter_stock - shipped);
      collect_tariff(ctx, x, k, c, shipped);
      if (level == kOpen) {
        deliver_to_importer(ctx, k, c, shipped);
        ctx.state(RealField::exporter_deliveries, x) += shipped;
      } else {
        ctx.state(RealField::license_queue, (x * d.importers + k) * d.license_stages) += shipped;
        ctx.state(RealField::open_order, k * d.commodities + c) -= shipped;
      }
      ctx.state(RealField::market_filled, c) += shipped;
    }
  }
}

// Supply by supply, each offtake takes up to its share of the supplier's stock as it stood
// before that supplier's offtakes of the day (so the shares are of one base, as the loader's
// check that they add up to at most 1 assumes), and up to its importer's remaining order.
template <class Real>
MINERALSIM_HD inline void fill_offtakes(const DayContext<Real>& ctx, int c) {
  const Dimensions& d = ctx.dims();
  for (int s = 0; s < d.suppliers; ++s) {
    const int sc = s * d.commodities + c;
    Real& stock = ctx.state(RealField::producer_inventory, sc);
    const Real available = stock;
    for (int i = ctx.model.supply_offtakes_begin[sc]; i < ctx.model.supply_offtakes_begin[sc + 1];
         ++i) {
      const int o = ctx.model.supply_offtakes[i];
      const int k = ctx.model.offtake_importer[o];
      // Never more than is left: shares that add up to 1 may ask a rounding more.
      const Real delivered = detail::min_of(
          stock, detail::min_of(ctx.param(Param::offtake_share, o) * available,
                                ctx.state(RealField::open_order, k * d.commodities + c)));
      stock -= delivered;
      deliver_to_importer(ctx, k, c, delivered);
      ctx.state(RealField::market_filled, c) += delivered;
    }
  }
}

template <class Real>
MINERALSIM_HD inline void request_refills(const DayContext<Real>& ctx, int c) {
  for (int g = 0; g < ctx.dims().holdings; ++g) {
    if (ctx.model.holding_commodity[g] != c) continue;
    Real request = Real(0);
    if (ctx.state(IntField::stock_mode, g) == kStockRefilling) {
      const Real room = ctx.param(Param::stock_capacity, g) - ctx.state(RealField::stock, g);
      const Real budget_left =
          ctx.param(Param::budget_musd, g) - ctx.state(RealField::stock_spent_musd, g);
      const Real affordable = budget_left * Real(1000) / ctx.state(RealField::price, c);
      request = detail::max_of(Real(0), detail::min_of(ctx.param(Param::refill_rate, g),
                                                       detail::min_of(room, affordable)));
    }
    ctx.state(RealField::stock_request, g) = request;
    ctx.state(RealField::market_orders, c) += request;
  }
}

template <class Real>
MINERALSIM_HD inline void sell_open_pool(const DayContext<Real>& ctx, int c) {
  const Dimensions& d = ctx.dims();
  const Real pool = open_pool_stock(ctx, c);
  if (pool <= Real(0)) return;
  const PoolBuyers<Real> buyers{ctx, c};
  const ProRataShares<Real> shares = pro_rata_shares(buyers, pool);
  Real sold = Real(0);
  for (int k = 0; k < d.importers; ++k) {
    const Real bought = shares.grant(buyers.request(k), buyers.weight(k));
    deliver_to_importer(ctx, k, c, bought);
    sold += bought;
  }
  for (int g = 0; g < d.holdings; ++g) {
    const int i = d.importers + g;
    const Real bought = shares.grant(buyers.request(i), buyers.weight(i));
    if (bought <= Real(0)) continue;
    const Real cost = tonnes_times_price_musd(bought, ctx.state(RealField::price, c));
    ctx.state(RealField::stock, g) += bought;
    ctx.state(RealField::stock_spent_musd, g) += cost;
    ctx.state(RealField::stockpile_cost_musd) += cost;
    sold += bought;
  }
  // Suppliers give up the sold quantity in proportion to their stock.
  const Real sold_share = detail::min_of(Real(1), sold / pool);
  for (int s = 0; s < d.suppliers; ++s) {
    const int sc = s * d.commodities + c;
    if (ctx.model.regime_of_supply[sc] < 0) {
      ctx.state(RealField::producer_inventory, sc) -=
          ctx.state(RealField::producer_inventory, sc) * sold_share;
    }
  }
  ctx.state(RealField::market_filled, c) += sold;
}

// The first day of unmet demand, over the whole run and within each summary window.
template <class Real>
MINERALSIM_HD inline void record_first_unmet(const DayContext<Real>& ctx, int kc) {
  const Dimensions& d = ctx.dims();
  std::int32_t& first = ctx.state(IntField::first_unmet_day, kc);
  if (first < 0) first = ctx.day;
  for (int w = 0; w < d.windows; ++w) {
    const int into_window = ctx.day - ctx.model.window_start_day[w];
    if (into_window < 0 || into_window >= ctx.model.window_days[w]) continue;
    std::int32_t& in_window =
        ctx.state(IntField::window_first_unmet_day, w * d.importers * d.commodities + kc);
    if (in_window < 0) in_window = into_window;
  }
}

template <class Real>
MINERALSIM_HD inline void consume(const DayContext<Real>& ctx, int c) {
  const Dimensions& d = ctx.dims();
  Real recycled_total = Real(0);
  for (int k = 0; k < d.importers; ++k) {
    const int kc = k * d.commodities + c;
    const Real demand = ctx.state(RealField::demand_today, kc);
    const Real recycled = ctx.state(RealField::recycled_today, kc);
    Real& inventory = ctx.state(RealField::inventory, kc);
    const Real available = inventory + recycled;
    const Real consumed = detail::min_of(demand, available);
    const Real unmet = demand - consumed;
    inventory = available - consumed;
    ctx.state(RealField::unmet_today, kc) = unmet;
    ctx.state(RealField::unmet_total, kc) += unmet;
    ctx.state(RealField::flow_consumed, c) += consumed;
    recycled_total += recycled;
    if (unmet > Real(0)) record_first_unmet(ctx, kc);
    std::int32_t& run = ctx.state(IntField::unmet_run, kc);
    run = unmet > Real(0) ? run + 1 : 0;
    std::int32_t& longest = ctx.state(IntField::unmet_longest_run, kc);
    if (run > longest) longest = run;
  }
  ctx.state(RealField::flow_recycled, c) = recycled_total;
}

template <class Real>
MINERALSIM_HD inline void step_clearing(const DayContext<Real>& ctx) {
  const Dimensions& d = ctx.dims();
  for (int c = 0; c < d.commodities; ++c) {
    Real orders = Real(0);
    for (int k = 0; k < d.importers; ++k)
      orders += ctx.state(RealField::order_today, k * d.commodities + c);
    ctx.state(RealField::market_orders, c) = orders;
    ctx.state(RealField::market_filled, c) = Real(0);
    request_refills(ctx, c);
    fill_offtakes(ctx, c);
    sell_exporter_offers(ctx, c, ExporterPass::kMarketShare);
    sell_open_pool(ctx, c);
    sell_exporter_offers(ctx, c, ExporterPass::kRemainder);
    consume(ctx, c);
  }
}

}  // namespace mineralsim::model
