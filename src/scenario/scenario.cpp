#include "mineralsim/scenario/scenario.hpp"

#include <string>

namespace mineralsim::scenario {

using model::Extent;
using model::kParamCount;
using model::kParamInfo;

std::string Scenario::element_label(Extent extent, int element) const {
  const int commodity_count = static_cast<int>(commodities.size());
  switch (extent) {
    case Extent::kOne:
      return "";
    case Extent::kCommodity:
      return commodities[element];
    case Extent::kSupply:
      return suppliers[element / commodity_count] + ", " + commodities[element % commodity_count];
    case Extent::kDemand:
      return importers[element / commodity_count] + ", " + commodities[element % commodity_count];
    case Extent::kRegime:
      return regime_names[element];
    case Extent::kRegimeLevel:
      return regime_names[element / model::kRegimeLevels] + ", " +
             model::kRegimeLevelNames[element % model::kRegimeLevels];
    case Extent::kProject:
      return project_names[element];
    case Extent::kHolding:
      return holding_names[element];
    case Extent::kOfftake:
      return offtake_names[element];
    case Extent::kTariff:
      return tariff_names[element];
  }
  return "";
}

std::string Scenario::value_name(int index) const {
  int p = kParamCount - 1;
  while (p > 0 && param_offset[p] > index) --p;
  const auto& info = kParamInfo[p];
  const std::string label = element_label(info.extent, index - param_offset[p]);
  std::string label_name = info.table;
  if (!label.empty()) label_name += "[" + label + "]";
  return label_name + "." + info.key;
}

void allocate_parameters(Scenario& scenario) {
  int next = 0;
  for (int p = 0; p < kParamCount; ++p) {
    scenario.param_offset[p] = next;
    next += scenario.dims.extent(kParamInfo[p].extent);
  }
  scenario.params.assign(static_cast<std::size_t>(next), ParamValue{});
  for (int p = 0; p < kParamCount; ++p) {
    const int n = scenario.dims.extent(kParamInfo[p].extent);
    for (int i = 0; i < n; ++i) {
      scenario.params[static_cast<std::size_t>(scenario.param_offset[p] + i)].value =
          kParamInfo[p].default_value;
    }
  }
}

CompiledScenario::CompiledScenario(const Scenario& scenario) : structure_(scenario) {
  const auto count = structure_.params.size();
  values_.resize(count);
  drawn_slot_.assign(count, -1);
  for (std::size_t i = 0; i < count; ++i) {
    const ParamValue& v = structure_.params[i];
    values_[i] = v.value;
    if (v.distribution) {
      drawn_slot_[i] = static_cast<int>(distributions_.size());
      distributions_.push_back(*v.distribution);
      drawn_value_index_.push_back(static_cast<int>(i));
    }
  }
  model::ModelParameters& m = view_;
  m.dims = structure_.dims;
  for (int p = 0; p < kParamCount; ++p) m.param_offset[p] = structure_.param_offset[p];
  m.value_count = static_cast<int>(count);
  m.drawn_count = static_cast<int>(distributions_.size());
  m.values = values_.data();
  m.drawn_slot = drawn_slot_.data();
  m.drawn_value_index = drawn_value_index_.data();
  m.distributions = distributions_.data();
  m.regime_exporter = structure_.regime_exporter.data();
  m.regime_commodity = structure_.regime_commodity.data();
  m.regime_initial_level = structure_.regime_initial_level.data();
  m.license_stages = structure_.license_stages.data();
  m.regime_of_supply = structure_.regime_of_supply.data();
  m.restricted_destination = structure_.restricted_destination.data();
  m.project_supplier = structure_.project_supplier.data();
  m.project_commodity = structure_.project_commodity.data();
  m.project_day = structure_.project_day.data();
  m.holding_importer = structure_.holding_importer.data();
  m.holding_commodity = structure_.holding_commodity.data();
  m.offtake_supplier = structure_.offtake_supplier.data();
  m.offtake_importer = structure_.offtake_importer.data();
  m.offtake_commodity = structure_.offtake_commodity.data();
  m.recycling_start_day = structure_.recycling_start_day.data();
  m.recycling_end_day = structure_.recycling_end_day.data();
  group_by_route_and_supply();
  m.route_tariffs_begin = route_tariffs_begin_.data();
  m.route_tariffs = route_tariffs_.data();
  m.supply_offtakes_begin = supply_offtakes_begin_.data();
  m.supply_offtakes = supply_offtakes_.data();
  m.tariff_start_day = structure_.tariff_start_day.data();
  m.tariff_end_day = structure_.tariff_end_day.data();
  m.window_start_day = structure_.window_start_day.data();
  m.window_days = structure_.window_days.data();
  m.events = structure_.events.data();
}

namespace {

// Indices 0 .. count - 1 grouped by key(i) in [0, groups), in index order within a group: group
// g is indices[begin[g] .. begin[g + 1]).
template <class Key>
void group_indices(int count, int groups, Key key, std::vector<int>& begin,
                   std::vector<int>& indices) {
  begin.assign(static_cast<std::size_t>(groups + 1), 0);
  for (int i = 0; i < count; ++i) ++begin[static_cast<std::size_t>(key(i) + 1)];
  for (std::size_t g = 1; g < begin.size(); ++g) begin[g] += begin[g - 1];
  indices.resize(static_cast<std::size_t>(count));
  std::vector<int> next(begin.begin(), begin.end() - 1);
  for (int i = 0; i < count; ++i) {
    indices[static_cast<std::size_t>(next[static_cast<std::size_t>(key(i))]++)] = i;
  }
}

}  // namespace

void CompiledScenario::group_by_route_and_supply() {
  const model::Dimensions& d = structure_.dims;
  group_indices(
      d.tariffs, d.regimes * d.importers,
      [&](int t) {
        const auto i = static_cast<std::size_t>(t);
        return structure_.tariff_regime[i] * d.importers + structure_.tariff_importer[i];
      },
      route_tariffs_begin_, route_tariffs_);
  group_indices(
      d.offtakes, d.suppliers * d.commodities,
      [&](int o) {
        const auto i = static_cast<std::size_t>(o);
        return structure_.offtake_supplier[i] * d.commodities + structure_.offtake_commodity[i];
      },
      supply_offtakes_begin_, supply_offtakes_);
}

}  // namespace mineralsim::scenario
