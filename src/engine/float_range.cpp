#include "mineralsim/engine/float_range.hpp"

#include <fmt/format.h>

#include <cmath>

#include "mineralsim/errors.hpp"

namespace mineralsim::engine {

namespace {

// The largest value a parameter takes in any trajectory: a drawn one's upper clip.
double largest(const scenario::ParamValue& p) {
  return p.distribution ? p.distribution->upper : p.value;
}

}  // namespace

void check_float_range(const scenario::Scenario& scenario, Precision precision, int days) {
  if (precision != Precision::kFloat) return;
  const int commodities = scenario.dims.commodities;
  for (int k = 0; k < scenario.dims.importers; ++k) {
    for (int c = 0; c < commodities; ++c) {
      const int kc = k * commodities + c;
      const double quantity = largest(scenario.param(model::Param::demand, kc));
      const double growth = largest(scenario.param(model::Param::demand_growth, kc));
      if (quantity <= 0.0 || growth <= 0.0) continue;
      const double log10_demand =
          std::log10(quantity) + static_cast<double>(days) / 365.0 * std::log10(1.0 + growth);
      if (log10_demand <= std::log10(kLargestFloatDemand)) continue;
      throw UserError(
          scenario.source_path, 0, 0, "--precision",
          fmt::format("float: the demand of {} for {} (up to {:g} t/day, growing up to {:g}% a "
                      "year) could reach 1e{:.0f} t/day by day {}, beyond what a float run holds "
                      "safely (1e30); run in double, or over fewer days",
                      scenario.importers[static_cast<std::size_t>(k)],
                      scenario.commodities[static_cast<std::size_t>(c)], quantity, 100.0 * growth,
                      std::floor(log10_demand), days));
    }
  }
}

}  // namespace mineralsim::engine
