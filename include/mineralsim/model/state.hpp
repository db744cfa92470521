#pragma once
// The state of a batch of trajectories: structure of arrays over two allocations (reals and
// integers), field-major, lane-minor, so that neighbouring lanes (threads, GPU warps) touch
// neighbouring memory. Every extent comes from the scenario's Dimensions.
#include <cstdint>

#include "mineralsim/detail/hd.hpp"
#include "mineralsim/model/dimensions.hpp"

namespace mineralsim::model {

enum class StateExtent {
  kOne,
  kCommodity,
  kSupply,  // s * C + c
  kDemand,  // k * C + c
  kRegime,
  kRegimeImporter,  // x * K + k
  kLicenseQueue,    // (x * K + k) * Q + stage, Q = dims.license_stages
  kProject,
  kHolding,
  kWindowDemand,  // w * K * C + k * C + c
};

MINERALSIM_HD inline int state_extent(const Dimensions& d, StateExtent e) {
  switch (e) {
    case StateExtent::kOne:
      return 1;
    case StateExtent::kCommodity:
      return d.commodities;
    case StateExtent::kSupply:
      return d.suppliers * d.commodities;
    case StateExtent::kDemand:
      return d.importers * d.commodities;
    case StateExtent::kRegime:
      return d.regimes;
    case StateExtent::kRegimeImporter:
      return d.regimes * d.importers;
    case StateExtent::kLicenseQueue:
      return d.regimes * d.importers * d.license_stages;
    case StateExtent::kProject:
      return d.projects;
    case StateExtent::kHolding:
      return d.holdings;
    case StateExtent::kWindowDemand:
      return d.windows * d.importers * d.commodities;
  }
  return 0;
}

// clang-format off
// X(name, extent): real-valued state. Quantities in t, flows in t/day, prices in USD/kg.
#define MINERALSIM_REAL_STATE(X) \
  X(tension,               kOne)            /* latent geopolitical tension tau */ \
  X(price,                 kCommodity)      /* world price P_c */ \
  X(log_price,             kCommodity)      /* ln P_c, kept so that no step recomputes it */ \
  X(price_average,         kCommodity)      /* exponential average of P_c that investors watch */ \
  X(home_price,            kRegime)         /* controlling exporter's domestic price */ \
  X(log_home_price,        kRegime)         /* its logarithm */ \
  X(export_offer,          kRegime)         /* what the exporter offers abroad today */ \
  X(capacity,              kSupply)         /* K_sc */ \
  X(producer_inventory,    kSupply)         /* H_sc */ \
  X(pending_capacity,      kSupply)         /* endogenous investment under construction */ \
  X(pending_arrival_day,   kSupply)         /* day it comes on line */ \
  X(project_arrival_day,   kProject)        /* scheduled day plus the trajectory's delay */ \
  X(inventory,             kDemand)         /* importer inventory I_kc */ \
  X(demand_noise,          kDemand)         /* AR(1) log-demand noise */ \
  X(demand_daily_growth,   kDemand)         /* ln(1 + growth) / 365, fixed per trajectory */ \
  X(demand_price_offset,   kDemand)         /* ln(1 + tariff) - ln P_c(0), fixed per trajectory */ \
  X(precaution,            kDemand)         /* extra target cover from escalations, a share */ \
  X(demand_today,          kDemand)         /* D_kc */ \
  X(recycled_today,        kDemand)         /* recycled supply of the importer */ \
  X(order_today,           kDemand)         /* orders placed today */ \
  X(open_order,            kDemand)         /* today's order not yet filled (clearing scratch) */ \
  X(unmet_today,           kDemand)         /* U_kc */ \
  X(license_queue,         kLicenseQueue)   /* shipments awaiting a licence, per stage */ \
  X(stock,                 kHolding)        /* stockpile G_g */ \
  X(stock_request,         kHolding)        /* refill purchase wanted today (clearing scratch) */ \
  X(stock_days_activating, kHolding)        /* days since activation */ \
  X(stock_spent_musd,      kHolding)        /* refill spending so far */ \
  X(market_orders,         kCommodity)      /* today's orders to the ex-China market */ \
  X(market_filled,         kCommodity)      /* today's orders filled */ \
  X(flow_production,       kCommodity)      /* today's production (conservation check) */ \
  X(flow_recycled,         kCommodity)      /* today's recycled supply */ \
  X(flow_consumed,         kCommodity)      /* today's consumption, importers and home demand */ \
  X(peak_price,            kCommodity)      /* summary: highest P_c */ \
  X(unmet_total,           kDemand)         /* summary: cumulative unmet demand, t */ \
  X(floor_cost_musd,       kOne)            /* summary: government cost of price floors */ \
  X(stockpile_cost_musd,   kOne)            /* summary: government cost of stockpile refills */ \
  X(tariff_revenue_musd,   kOne)            /* summary: revenue of origin tariffs */ \
  X(exporter_deliveries,   kRegime)         /* summary: imports delivered from the exporter */ \
  X(imports_total,         kCommodity)      /* summary: all imports delivered to importers */

// X(name, extent): integer state.
#define MINERALSIM_INT_STATE(X) \
  X(regime_level,          kRegime)         /* RegimeLevel */ \
  X(pause_days_left,       kRegime)         /* > 0 while a pause holds the regime OPEN */ \
  X(level_after_pause,     kRegime)         /* the level a pause interrupted */ \
  X(destination_banned,    kRegimeImporter) /* 1: barred by an event */ \
  X(stock_mode,            kHolding)        /* StockpileMode */ \
  X(peak_day,              kCommodity)      /* summary: day of the peak price */ \
  X(days_above_double,     kCommodity)      /* summary: days with P_c > 2 P_c(0) */ \
  X(unmet_run,             kDemand)         /* current run of days with unmet demand */ \
  X(unmet_longest_run,     kDemand)         /* summary: longest such run */ \
  X(first_unmet_day,       kDemand)         /* summary: first day with unmet demand, or -1 */ \
  X(window_first_unmet_day, kWindowDemand)  /* summary: same within each window, from its start */ \
  X(stock_empty_day,       kHolding)        /* summary: first day the stock ran out, or -1 */
// clang-format on

enum class RealField : int {
#define MINERALSIM_FIELD_ENUM(name, extent) name,
  MINERALSIM_REAL_STATE(MINERALSIM_FIELD_ENUM) kCount
};
enum class IntField : int { MINERALSIM_INT_STATE(MINERALSIM_FIELD_ENUM) kCount };
#undef MINERALSIM_FIELD_ENUM

inline constexpr int kRealFieldCount = static_cast<int>(RealField::kCount);
inline constexpr int kIntFieldCount = static_cast<int>(IntField::kCount);

inline constexpr StateExtent kRealFieldExtent[kRealFieldCount] = {
#define MINERALSIM_FIELD_EXTENT(name, extent) StateExtent::extent,
    MINERALSIM_REAL_STATE(MINERALSIM_FIELD_EXTENT)};
inline constexpr StateExtent kIntFieldExtent[kIntFieldCount] = {
    MINERALSIM_INT_STATE(MINERALSIM_FIELD_EXTENT)};
#undef MINERALSIM_FIELD_EXTENT

inline constexpr const char* kRealFieldNames[kRealFieldCount] = {
#define MINERALSIM_FIELD_NAME(name, extent) #name,
    MINERALSIM_REAL_STATE(MINERALSIM_FIELD_NAME)};
inline constexpr const char* kIntFieldNames[kIntFieldCount] = {
    MINERALSIM_INT_STATE(MINERALSIM_FIELD_NAME)};
#undef MINERALSIM_FIELD_NAME

// Where each field starts, in elements (multiply by the lane stride for the memory offset).
struct StateLayout {
  int real_offset[kRealFieldCount];
  int int_offset[kIntFieldCount];
  int real_elements;  // per lane
  int int_elements;   // per lane

  static StateLayout for_dimensions(const Dimensions& d) {
    StateLayout layout{};
    int next = 0;
    for (int f = 0; f < kRealFieldCount; ++f) {
      layout.real_offset[f] = next;
      next += state_extent(d, kRealFieldExtent[f]);
    }
    layout.real_elements = next;
    next = 0;
    for (int f = 0; f < kIntFieldCount; ++f) {
      layout.int_offset[f] = next;
      next += state_extent(d, kIntFieldExtent[f]);
    }
    layout.int_elements = next;
    return layout;
  }
};

// One lane's view of the batch state. Real is the precision the run computes in (double or
// float): the real-valued state is stored in it.
template <class Real>
struct LaneState {
  const StateLayout* layout;
  Real* reals;
  std::int32_t* ints;
  int stride;  // lanes in the batch
  int lane;

  MINERALSIM_HD Real& operator()(RealField f, int element = 0) const {
    return reals[static_cast<std::int64_t>(layout->real_offset[static_cast<int>(f)] + element) *
                     stride +
                 lane];
  }
  MINERALSIM_HD void set_all_zero() const {
    for (int i = 0; i < layout->real_elements; ++i) {
      reals[static_cast<std::int64_t>(i) * stride + lane] = 0.0;
    }
    for (int i = 0; i < layout->int_elements; ++i) {
      ints[static_cast<std::int64_t>(i) * stride + lane] = 0;
    }
  }
  MINERALSIM_HD std::int32_t& operator()(IntField f, int element = 0) const {
    return ints[static_cast<std::int64_t>(layout->int_offset[static_cast<int>(f)] + element) *
                    stride +
                lane];
  }
};

}  // namespace mineralsim::model
