#pragma once
// A resolved scenario on the host: names, structure, and every real parameter as a fixed value or
// a distribution. It owns the arrays that model::ModelParameters points into.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::scenario {

// One real parameter value: fixed, or drawn once per trajectory.
struct ParamValue {
  double value = 0.0;  // the fixed value, or the distribution's median-like centre for display
  std::optional<model::Distribution> distribution;
};

struct CalendarDate {
  int year = 2025;
  int month = 1;
  int day = 1;
};

struct Scenario {
  std::string source_path;  // the file it was read from
  std::string source_text;  // its text, stored in results for provenance
  std::string name;
  std::string description;
  std::string variant;  // the [[variant]] applied; empty for the base scenario
  std::string variant_description;
  std::vector<std::string> variants;  // the names of the file's variants
  CalendarDate start_date;
  int horizon_days = 1095;
  std::uint64_t seed = 1;

  std::vector<std::string> commodities;
  std::vector<std::string> commodity_units;
  std::vector<std::string> suppliers;
  std::vector<std::string> importers;
  std::vector<std::string> regime_names;   // "China/gallium"
  std::vector<std::string> project_names;  // "Lynas/Dy-Tb oxide@day"
  std::vector<std::string> holding_names;  // "KOMIR/gallium"
  std::vector<std::string> offtake_names;
  std::vector<std::string> tariff_names;  // "China->Japan/gallium@day"
  std::vector<std::string> window_names;

  model::Dimensions dims;

  // Real parameters, indexed like model::ModelParameters::values.
  int param_offset[model::kParamCount] = {};
  std::vector<ParamValue> params;

  // Structure.
  std::vector<int> regime_exporter, regime_commodity, regime_initial_level, license_stages;
  std::vector<int> regime_of_supply;
  std::vector<std::uint8_t> restricted_destination;
  std::vector<int> project_supplier, project_commodity, project_day;
  std::vector<int> holding_importer, holding_commodity;
  std::vector<int> offtake_supplier, offtake_importer, offtake_commodity;
  std::vector<int> recycling_start_day, recycling_end_day;
  std::vector<int> tariff_importer, tariff_regime, tariff_start_day, tariff_end_day;
  std::vector<int> window_start_day, window_days;
  std::vector<model::RegimeEvent> events;
  std::vector<std::string> event_notes;  // parallel to events

  ParamValue& param(model::Param p, int element = 0) {
    return params[param_offset[static_cast<int>(p)] + element];
  }
  const ParamValue& param(model::Param p, int element = 0) const {
    return params[param_offset[static_cast<int>(p)] + element];
  }
  // Name of value index i, e.g. "demand[Korea semiconductors, gallium].quantity".
  std::string value_name(int index) const;
  // The names of the entities one element of an extent refers to, e.g. "Korea semiconductors,
  // gallium" for a demand element; "" for kOne.
  std::string element_label(model::Extent extent, int element) const;
};

// Sizes the parameter table for the scenario's dimensions and fills every value with its
// default (NaN for required ones). Call after setting dims.
void allocate_parameters(Scenario& scenario);

// The flattened, device-ready arrays of a scenario and the ModelParameters view over them.
class CompiledScenario {
 public:
  explicit CompiledScenario(const Scenario& scenario);
  CompiledScenario(const CompiledScenario&) = delete;
  CompiledScenario& operator=(const CompiledScenario&) = delete;

  const model::ModelParameters& view() const { return view_; }
  // Value index of each drawn slot, and each value's display name (for results files).
  const std::vector<int>& drawn_value_index() const { return drawn_value_index_; }

 private:
  // The tariffs grouped by route and the offtakes by supply, for the view.
  void group_by_route_and_supply();

  std::vector<double> values_;
  std::vector<int> drawn_slot_;
  std::vector<int> drawn_value_index_;
  std::vector<model::Distribution> distributions_;
  std::vector<int> route_tariffs_begin_, route_tariffs_;      // the tariffs grouped by route
  std::vector<int> supply_offtakes_begin_, supply_offtakes_;  // the offtakes grouped by supply
  Scenario structure_;  // a copy that owns the integer arrays the view points into
  model::ModelParameters view_{};
};

}  // namespace mineralsim::scenario
