#pragma once
// A minimal scenario as TOML text: one commodity, a controlling exporter "X" and one other
// supplier, one importer, tension switched off. Tests append tables to it.
#include <string>

namespace mineralsim::testing {

inline std::string minimal_scenario_toml(const std::string& regime_extra = "",
                                         const std::string& more = "") {
  return R"(
[scenario]
name = "minimal"
horizon_days = 400

[tension]
initial = 0.0
volatility = 0.0
jump_rate = 0.0

[[commodity]]
name = "gallium"
price = 100.0
price_volatility = 0.0

[[supplier]]
name = "X"

[[supplier]]
name = "Other"

[[importer]]
name = "Buyer"

[[supply]]
supplier = "X"
commodity = "gallium"
capacity = 100.0
cost = 50.0
home_demand = 20.0

[[supply]]
supplier = "Other"
commodity = "gallium"
capacity = 20.0
cost = 50.0

[[demand]]
importer = "Buyer"
commodity = "gallium"
quantity = 90.0
noise = 0.0

[[regime]]
exporter = "X"
commodity = "gallium"
baseline_exports = 80.0
home_price = 90.0
openness = [1.0, 0.5, 0.2, 0.0]
)" + regime_extra +
         "\n" + more;
}

}  // namespace mineralsim::testing
