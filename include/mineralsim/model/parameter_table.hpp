#pragma once
// Every real-valued model parameter, in one table. Each may be given in a scenario as a number or
// as a distribution drawn once per trajectory. The table drives the scenario loader (TOML key,
// bounds, default), `mineralsim validate`, the model's parameter access, and docs/scenario.md.
//
// X(id, table, key, extent, lower, upper, default, unit, description)
//   table:  the TOML table or array of tables the key lives in
//   extent: how many values the parameter has (see Extent)
//   lower/upper: inclusive bounds a value (and a distribution's support) must respect
//   default: kRequired when the scenario must give it
#include <limits>

namespace mineralsim::model {

enum class Extent {
  kOne,          // one value per scenario
  kCommodity,    // per commodity c
  kSupply,       // per supplier s and commodity c, index s * C + c
  kDemand,       // per importer k and commodity c, index k * C + c
  kRegime,       // per export regime x (a controlling exporter on one commodity)
  kRegimeLevel,  // per regime and level, index x * 4 + level
  kProject,      // per capacity project
  kHolding,      // per stockpile holding (one stockpile, one commodity)
  kOfftake,      // per offtake agreement
  kTariff,       // per origin tariff
};

inline constexpr double kRequired = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

// clang-format off
#define MINERALSIM_PARAMETERS(X) \
  X(tension_initial,          "tension", "initial",    kOne, -10.0, 10.0, 0.0,   "1",      "tension at day 0") \
  X(tension_reversion,        "tension", "reversion",  kOne, 0.0, 1.0,    0.01,  "1/day",  "mean-reversion rate theta") \
  X(tension_volatility,       "tension", "volatility", kOne, 0.0, 2.0,    0.05,  "1/sqrt(day)", "diffusion sigma_tau") \
  X(tension_jump_size,        "tension", "jump_size",  kOne, -10.0, 10.0, 0.5,   "1",      "jump J added at an escalation shock") \
  X(tension_jump_rate,        "tension", "jump_rate",  kOne, 0.0, 1.0,    0.002, "1/day",  "jump intensity lambda_J") \
  X(price_initial,            "commodity", "price",              kCommodity, 1e-6, 1e9, kRequired, "USD/kg", "world price at day 0") \
  X(price_volatility,         "commodity", "price_volatility",   kCommodity, 0.0, 1.0,  0.01, "1/sqrt(day)", "sigma_P of the daily log-price noise") \
  X(price_demand_sensitivity, "commodity", "demand_sensitivity", kCommodity, 0.0, 10.0, 0.02, "1/day", "kappa_d: log-price response to excess orders") \
  X(price_cover_sensitivity,  "commodity", "cover_sensitivity",  kCommodity, 0.0, 10.0, 0.01, "1/day", "kappa_i: log-price response to the inventory-cover gap") \
  X(cover_norm_days,          "commodity", "cover_norm_days",    kCommodity, 1e-3, 3650.0, 60.0, "days", "normal world inventory cover") \
  X(price_memory_days,        "commodity", "price_memory_days",  kCommodity, 1.0, 3650.0, 180.0, "days", "time constant of the price average that investors watch") \
  X(capacity,                 "supply", "capacity",                   kSupply, 0.0, 1e9, kRequired, "t/day", "production capacity at day 0") \
  X(cost,                     "supply", "cost",                       kSupply, 1e-6, 1e9, kRequired, "USD/kg", "unit cash cost") \
  X(initial_inventory_days,   "supply", "initial_inventory_days",     kSupply, 0.0, 3650.0, 15.0, "days", "producer inventory at day 0, in days of capacity") \
  X(home_demand,              "supply", "home_demand",                kSupply, 0.0, 1e9, 0.0, "t/day", "the supplier country's own demand, served first") \
  X(min_utilisation,          "supply", "min_utilisation",            kSupply, 0.0, 1.0, 0.5, "1", "utilisation u_min at or below the break-even price") \
  X(full_utilisation_ratio,   "supply", "full_utilisation_ratio",     kSupply, 1.0, 100.0, 1.5, "1", "price/cost ratio at which utilisation reaches 1") \
  X(floor_price,              "supply", "floor_price",                kSupply, 0.0, 1e9, 0.0, "USD/kg", "government price floor paid to this supplier (0: none)") \
  X(floor_from_day,           "supply", "floor_from_day",             kSupply, 0.0, 1e6, 0.0, "day", "first day the floor is paid") \
  X(floor_until_day,          "supply", "floor_until_day",            kSupply, 0.0, 1e6, 1e6, "day", "last day the floor is paid (default: no end)") \
  X(investment_hurdle,        "supply", "investment_hurdle",          kSupply, 1.0, 100.0, 1.5, "1", "average price/cost ratio that triggers new capacity") \
  X(investment_share,         "supply", "investment_share",           kSupply, 0.0, 10.0, 0.0, "1", "capacity added by one investment, as a share of current capacity (0: none)") \
  X(investment_lag_days,      "supply", "investment_lag_days",        kSupply, 1.0, 36500.0, 1460.0, "days", "time from decision to new capacity") \
  X(demand,                   "demand", "quantity",                kDemand, 0.0, 1e9, kRequired, "t/day", "demand at day 0 at the initial price") \
  X(demand_growth,            "demand", "growth",                  kDemand, -0.5, 2.0, 0.0, "1/year", "trend growth of demand") \
  X(demand_elasticity,        "demand", "elasticity",              kDemand, 0.0, 5.0, 0.05, "1", "short-run price elasticity (positive number)") \
  X(demand_noise,             "demand", "noise",                   kDemand, 0.0, 2.0, 0.05, "1", "stationary sd of the log-demand noise") \
  X(demand_noise_memory_days, "demand", "noise_memory_days",       kDemand, 1.0, 3650.0, 30.0, "days", "autocorrelation time of the demand noise") \
  X(initial_cover_days,       "demand", "initial_cover_days",      kDemand, 0.0, 3650.0, 60.0, "days", "importer inventory at day 0, in days of demand") \
  X(target_cover_days,        "demand", "target_cover_days",       kDemand, 0.0, 3650.0, 60.0, "days", "inventory cover I* the importer orders toward") \
  X(adjustment_days,          "demand", "adjustment_days",         kDemand, 1.0, 3650.0, 30.0, "days", "tau_adj: how fast the inventory gap is closed") \
  X(tariff,                   "demand", "tariff",                  kDemand, 0.0, 10.0, 0.0, "1", "ad valorem tariff on the importer's effective price") \
  X(priority,                 "demand", "priority",                kDemand, 1e-6, 1e6, 1.0, "1", "weight in pro-rata clearing") \
  X(precaution_gain,          "demand", "precaution_gain",         kDemand, 0.0, 10.0, 0.25, "1", "rise of target cover, as a share, per regime escalation step") \
  X(precaution_memory_days,   "demand", "precaution_memory_days",  kDemand, 1.0, 3650.0, 180.0, "days", "decay time of precautionary cover") \
  X(recycling_start_share,    "demand", "recycling_start_share",   kDemand, 0.0, 1.0, 0.0, "1", "recycled share of demand until recycling_start_day") \
  X(recycling_end_share,      "demand", "recycling_end_share",     kDemand, 0.0, 1.0, 0.0, "1", "recycled share of demand from recycling_end_day") \
  X(escalation_rate,          "regime", "escalation_rate",         kRegime, 0.0, 1.0, 0.0, "1/day", "intensity of a one-level tightening at zero tension") \
  X(deescalation_rate,        "regime", "deescalation_rate",       kRegime, 0.0, 1.0, 0.0, "1/day", "intensity of a one-level easing at zero tension") \
  X(tension_sensitivity,      "regime", "tension_sensitivity",     kRegime, 0.0, 20.0, 1.0, "1", "beta: intensities scale with exp(+-beta tau)") \
  X(license_delay_days,       "regime", "license_delay_days",      kRegime, 1.0, 3650.0, 45.0, "days", "mean licence processing time (at least license_stages days)") \
  X(approval_share,           "regime", "approval_share",          kRegime, 0.0, 1.0, 0.8, "1", "share of licence applications approved") \
  X(quota_share,              "regime", "quota_share",             kRegime, 0.0, 10.0, 0.5, "1", "RESTRICTED quota as a share of baseline exports") \
  X(baseline_exports,         "regime", "baseline_exports",        kRegime, 0.0, 1e9, kRequired, "t/day", "pre-control export volume") \
  X(home_price_initial,       "regime", "home_price",              kRegime, 1e-6, 1e9, kRequired, "USD/kg", "exporter's domestic price at day 0") \
  X(home_price_volatility,    "regime", "home_price_volatility",   kRegime, 0.0, 1.0, 0.01, "1/sqrt(day)", "noise of the domestic log price") \
  X(home_cover_sensitivity,   "regime", "home_cover_sensitivity",  kRegime, 0.0, 10.0, 0.01, "1/day", "domestic log-price response to the exporter's stock gap") \
  X(home_cover_norm_days,     "regime", "home_cover_norm_days",    kRegime, 1e-3, 3650.0, 30.0, "days", "exporter's normal stock, in days of home demand plus baseline exports") \
  X(arbitrage_rate,           "regime", "arbitrage_rate",          kRegime, 0.0, 1.0, 0.05, "1/day", "pull of the domestic price toward the world price when open") \
  X(openness,                 "regime", "openness",                kRegimeLevel, 0.0, 1.0, kRequired, "1", "arbitrage weight at OPEN, LICENSED, RESTRICTED, EMBARGO") \
  X(project_capacity,         "project", "capacity",               kProject, 0.0, 1e9, kRequired, "t/day", "capacity the project adds") \
  X(project_delay_median_days,"project", "delay_median_days",      kProject, 0.0, 36500.0, 0.0, "days", "median delay past the scheduled day") \
  X(project_delay_sigma,      "project", "delay_sigma",            kProject, 0.0, 5.0, 0.0, "1", "log-sd of the lognormal delay") \
  X(stock_initial,            "stockpile", "initial",              kHolding, 0.0, 1e12, kRequired, "t", "stock at day 0") \
  X(stock_capacity,           "stockpile", "capacity",             kHolding, 0.0, 1e12, kRequired, "t", "largest stock refills may reach") \
  X(trigger_cover_days,       "stockpile", "trigger_cover_days",   kHolding, 0.0, 3650.0, 15.0, "days", "activate when the importer's cover falls below this") \
  X(trigger_price_ratio,      "stockpile", "trigger_price_ratio",  kHolding, 1.0, 1e6, 3.0, "1", "or when the price exceeds this multiple of its initial value") \
  X(response_delay_days,      "stockpile", "response_delay_days",  kHolding, 0.0, 3650.0, 8.0, "days", "days from activation to the first release") \
  X(release_rate,             "stockpile", "release_rate",         kHolding, 0.0, 1e9, kRequired, "t/day", "release rate while releasing") \
  X(stop_cover_days,          "stockpile", "stop_cover_days",      kHolding, 0.0, 3650.0, 45.0, "days", "stop releasing once the importer's cover is back above this") \
  X(refill_price_ratio,       "stockpile", "refill_price_ratio",   kHolding, 0.0, 1e6, 1.0, "1", "refill while the price is below this multiple of its initial value") \
  X(refill_rate,              "stockpile", "refill_rate",          kHolding, 0.0, 1e9, 0.0, "t/day", "purchase rate while refilling") \
  X(budget_musd,              "stockpile", "budget_musd",          kHolding, 0.0, 1e9, kInf, "USD million", "total refill budget") \
  X(offtake_share,            "offtake", "share",                  kOfftake, 0.0, 1.0, kRequired, "1", "share of the supplier's available output reserved for the importer") \
  X(tariff_rate,              "tariff", "rate",                    kTariff, 0.0, 10.0, 0.0, "1", "ad valorem tariff on the exporter's shipments to the importer") \
  X(tariff_reference_price,   "tariff", "reference_price",         kTariff, 0.0, 1e9, 0.0, "USD/kg", "the tariff rises to lift the landed price to this reference (0: none)") \
  X(tariff_substitution,      "tariff", "substitution",            kTariff, 0.0, 50.0, 4.2, "1", "Armington elasticity: how strongly the importer turns from the tariffed origin")
// clang-format on

enum class Param : int {
#define MINERALSIM_PARAM_ENUM(id, table, key, extent, lo, hi, def, unit, doc) id,
  MINERALSIM_PARAMETERS(MINERALSIM_PARAM_ENUM)
#undef MINERALSIM_PARAM_ENUM
      kCount
};

inline constexpr int kParamCount = static_cast<int>(Param::kCount);

struct ParamInfo {
  const char* table;
  const char* key;
  Extent extent;
  double lower;
  double upper;
  double default_value;
  const char* unit;
  const char* description;
};

inline constexpr ParamInfo kParamInfo[kParamCount] = {
#define MINERALSIM_PARAM_INFO(id, table, key, extent, lo, hi, def, unit, doc) \
  {table, key, Extent::extent, lo, hi, def, unit, doc},
    MINERALSIM_PARAMETERS(MINERALSIM_PARAM_INFO)
#undef MINERALSIM_PARAM_INFO
};

}  // namespace mineralsim::model
