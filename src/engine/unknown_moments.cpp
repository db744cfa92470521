#include "mineralsim/engine/unknown_moments.hpp"

#include <fmt/format.h>

namespace mineralsim::engine {

namespace {

// "[Korea semiconductors, gallium]" for element e of an observable's extent; "" for a scalar.
std::string element_label(const scenario::Scenario& s, model::StateExtent extent, int e) {
  // The observables' extents, as the scenario's own labels name them.
  const auto bracketed = [&](model::Extent named) {
    return fmt::format("[{}]", s.element_label(named, e));
  };
  switch (extent) {
    case model::StateExtent::kCommodity:
      return bracketed(model::Extent::kCommodity);
    case model::StateExtent::kDemand:
      return bracketed(model::Extent::kDemand);
    case model::StateExtent::kRegime:
      return bracketed(model::Extent::kRegime);
    case model::StateExtent::kHolding:
      return bracketed(model::Extent::kHolding);
    default:
      return "";
  }
}

}  // namespace

std::vector<std::string> describe_unknown_moments(const scenario::Scenario& scenario,
                                                  const DailyStatistics& statistics) {
  std::vector<std::string> lines;
  const ObservedVariables& vars = statistics.variables();
  for (int v = 0; v < vars.size(); ++v) {
    const int day = statistics.first_day_with_unknown_moments(v);
    if (day < 0) continue;
    const ObservedVariable& var = vars.variables[static_cast<std::size_t>(v)];
    const model::ObservableInfo& info = model::kObservableInfo[static_cast<int>(var.observable)];
    lines.push_back(fmt::format(
        "the mean or standard deviation of {}{} is unknown (NaN in /daily) from day {}: the exact "
        "sums behind them hold values up to about 4e34 and squares of values up to about 2e17, "
        "and a value was larger or not finite; its quantiles, min and max are kept",
        info.name, element_label(scenario, info.extent, var.element), day));
  }
  return lines;
}

}  // namespace mineralsim::engine
