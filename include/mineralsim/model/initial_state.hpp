#pragma once
// Day 0 of one trajectory: draw its epistemic parameters and project delays (the draws for the
// counter day kInitialDrawDay), then set every state variable from the scenario.
#include "mineralsim/detail/random.hpp"
#include "mineralsim/model/model_parameters.hpp"
#include "mineralsim/model/state.hpp"
#include "mineralsim/model/steps/exports.hpp"
#include "mineralsim/model/stockpile_mode.hpp"

namespace mineralsim::model {

// Draws this trajectory's values of the scenario's distributions into `draws` (slot-major).
// They are drawn in double whatever the run's precision: a parameter is a scenario value.
MINERALSIM_HD inline void draw_trajectory_parameters(const ModelParameters& m, std::uint64_t seed,
                                                     std::uint64_t trajectory, double* draws,
                                                     int stride, int lane) {
  const detail::DailyDraws<double> initial{seed, trajectory, detail::kInitialDrawDay};
  for (int slot = 0; slot < m.drawn_count; ++slot) {
    const auto site = static_cast<std::uint32_t>(m.drawn_value_index[slot]);
    draws[slot * stride + lane] =
        m.distributions[slot].sample(initial.uniform(site), initial.normal(site));
  }
}

// A regime that starts LICENSED or RESTRICTED has been in force for a while: its licence queues
// start in their steady state for a flow of baseline exports (the quota when RESTRICTED), split
// over the allowed importers by demand. Each stage of a pipeline passing the share p a day holds
// flow / p. Without this every licensed commodity would start with a licence-delay-long gap.
template <class Real>
MINERALSIM_HD inline void fill_license_queues(const ModelParameters& m,
                                              const ParamReader<Real>& param,
                                              const LaneState<Real>& s) {
  const Dimensions& d = m.dims;
  for (int x = 0; x < d.regimes; ++x) {
    const int level = m.regime_initial_level[x];
    if (level != kLicensed && level != kRestricted) continue;
    const int c = m.regime_commodity[x];
    Real flow = param(Param::baseline_exports, x);
    if (level == kRestricted) flow = detail::min_of(flow, param(Param::quota_share, x) * flow);
    Real allowed_demand = Real(0);
    for (int k = 0; k < d.importers; ++k) {
      const bool barred =
          level == kRestricted && m.restricted_destination[x * d.importers + k] != 0;
      if (!barred) allowed_demand += param(Param::demand, k * d.commodities + c);
    }
    if (allowed_demand <= Real(0)) continue;
    const int stages = m.license_stages[x];
    const Real pass = license_stage_pass_share(stages, param(Param::license_delay_days, x));
    for (int k = 0; k < d.importers; ++k) {
      const bool barred =
          level == kRestricted && m.restricted_destination[x * d.importers + k] != 0;
      if (barred) continue;
      const Real share = param(Param::demand, k * d.commodities + c) / allowed_demand;
      for (int stage = 0; stage < stages; ++stage) {
        s(RealField::license_queue, (x * d.importers + k) * d.license_stages + stage) =
            flow * share / pass;
      }
    }
  }
}

template <class Real>
MINERALSIM_HD inline void initialise_trajectory(const ModelParameters& m,
                                                const ParamReader<Real>& param,
                                                const LaneState<Real>& s, std::uint64_t seed,
                                                std::uint64_t trajectory) {
  const Dimensions& d = m.dims;
  s.set_all_zero();
  s(RealField::tension) = param(Param::tension_initial);
  for (int c = 0; c < d.commodities; ++c) {
    const Real price = param(Param::price_initial, c);
    s(RealField::price, c) = price;
    s(RealField::log_price, c) = detail::portable_log(price);
    s(RealField::price_average, c) = price;
    s(RealField::peak_price, c) = price;
  }
  for (int x = 0; x < d.regimes; ++x) {
    s(RealField::home_price, x) = param(Param::home_price_initial, x);
    s(RealField::log_home_price, x) = detail::portable_log(param(Param::home_price_initial, x));
    s(IntField::regime_level, x) = m.regime_initial_level[x];
  }
  for (int sc = 0; sc < d.suppliers * d.commodities; ++sc) {
    const Real capacity = param(Param::capacity, sc);
    s(RealField::capacity, sc) = capacity;
    s(RealField::producer_inventory, sc) = capacity * param(Param::initial_inventory_days, sc);
  }
  const detail::DailyDraws<Real> initial{seed, trajectory, detail::kInitialDrawDay};
  for (int p = 0; p < d.projects; ++p) {
    const Real median = param(Param::project_delay_median_days, p);
    const Real sigma = param(Param::project_delay_sigma, p);
    const auto site = static_cast<std::uint32_t>(m.value_count + p);
    const Real delay = median * detail::portable_exp(sigma * initial.normal(site));
    s(RealField::project_arrival_day, p) =
        static_cast<Real>(m.project_day[p]) + detail::portable_floor(delay);
  }
  for (int kc = 0; kc < d.importers * d.commodities; ++kc) {
    const Real demand = param(Param::demand, kc);
    s(RealField::inventory, kc) = demand * param(Param::initial_cover_days, kc);
    s(RealField::demand_today, kc) = demand;
    s(RealField::demand_daily_growth, kc) =
        detail::portable_log(Real(1) + param(Param::demand_growth, kc)) / Real(365);
    s(RealField::demand_price_offset, kc) =
        detail::portable_log(Real(1) + param(Param::tariff, kc)) -
        detail::portable_log(param(Param::price_initial, kc % d.commodities));
    s(IntField::first_unmet_day, kc) = -1;
  }
  for (int wkc = 0; wkc < d.windows * d.importers * d.commodities; ++wkc) {
    s(IntField::window_first_unmet_day, wkc) = -1;
  }
  fill_license_queues(m, param, s);
  for (int g = 0; g < d.holdings; ++g) {
    s(RealField::stock, g) = param(Param::stock_initial, g);
    s(IntField::stock_mode, g) = kStockIdle;
    s(IntField::stock_empty_day, g) = -1;
  }
}

}  // namespace mineralsim::model
