#pragma once
// What a run records of each trajectory each day: the per-day ensemble statistics and the sampled
// paths are taken over these variables (MODEL.md section 5).
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

// clang-format off
// X(name, extent, unit, has_quantiles, description)
#define MINERALSIM_OBSERVABLES(X) \
  X(price,      kCommodity, "USD/kg", true,  "world price") \
  X(home_price, kRegime,    "USD/kg", true,  "controlling exporter's domestic price") \
  X(cover_days, kDemand,    "days",   true,  "importer inventory in days of today's demand") \
  X(stock,      kHolding,   "t",      true,  "stockpile holding") \
  X(unmet,      kDemand,    "t/day",  false, "unmet demand") \
  X(tension,    kOne,       "1",      true,  "latent tension tau")
// clang-format on

enum class Observable : int {
#define MINERALSIM_OBSERVABLE_ENUM(name, extent, unit, quantiles, doc) name,
  MINERALSIM_OBSERVABLES(MINERALSIM_OBSERVABLE_ENUM) kCount
#undef MINERALSIM_OBSERVABLE_ENUM
};
inline constexpr int kObservableCount = static_cast<int>(Observable::kCount);

struct ObservableInfo {
  const char* name;
  StateExtent extent;
  const char* unit;
  bool has_quantiles;
  const char* description;
};

inline constexpr ObservableInfo kObservableInfo[kObservableCount] = {
#define MINERALSIM_OBSERVABLE_INFO(name, extent, unit, quantiles, doc) \
  {#name, StateExtent::extent, unit, quantiles, doc},
    MINERALSIM_OBSERVABLES(MINERALSIM_OBSERVABLE_INFO)
#undef MINERALSIM_OBSERVABLE_INFO
};

// In double whatever the run's precision (a float converts exactly): statistics are kept in double.
template <class Real>
MINERALSIM_HD inline double observe(const LaneState<Real>& s, Observable o, int element) {
  switch (o) {
    case Observable::price:
      return static_cast<double>(s(RealField::price, element));
    case Observable::home_price:
      return static_cast<double>(s(RealField::home_price, element));
    case Observable::cover_days: {
      const Real demand = s(RealField::demand_today, element);
      return demand > Real(0) ? static_cast<double>(s(RealField::inventory, element) / demand)
                              : 0.0;
    }
    case Observable::stock:
      return static_cast<double>(s(RealField::stock, element));
    case Observable::unmet:
      return static_cast<double>(s(RealField::unmet_today, element));
    case Observable::tension:
      return static_cast<double>(s(RealField::tension));
    case Observable::kCount:
      break;
  }
  return 0.0;
}

// A fixed, positive scale per variable (from the scenario's central values, never from one
// trajectory's draws) that histograms bin relative to and that statistics are shifted by.
MINERALSIM_HD inline double observable_scale(const ModelParameters& m, Observable o, int element) {
  auto value = [&m](Param p, int i) { return m.values[m.param_offset[static_cast<int>(p)] + i]; };
  switch (o) {
    case Observable::price:
      return value(Param::price_initial, element);
    case Observable::home_price:
      return value(Param::home_price_initial, element);
    case Observable::cover_days: {
      const double target = value(Param::target_cover_days, element);
      return target > 0.0 ? target : 1.0;
    }
    case Observable::stock: {
      const double scale = detail::max_of(value(Param::stock_capacity, element),
                                          value(Param::stock_initial, element));
      return scale > 0.0 ? scale : 1.0;
    }
    case Observable::unmet: {
      const double demand = value(Param::demand, element);
      return demand > 0.0 ? demand : 1.0;
    }
    case Observable::tension:
      return 1.0;
    case Observable::kCount:
      break;
  }
  return 1.0;
}

}  // namespace mineralsim::model
