#pragma once
// Reads and checks a scenario TOML file (schema: docs/scenario.md). Every problem is reported as a
// UserError naming the file, line, column, key and reason, before any simulation work starts.
#include <optional>
#include <string>
#include <string_view>

#include "mineralsim/errors.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::scenario {

// Reads `path`; throws UserError if it cannot be read or is not a valid scenario. `variant` names
// one of the file's [[variant]] entries to apply (docs/scenario.md, "Variants"); none: the base.
Scenario load_scenario(const std::string& path,
                       const std::optional<std::string>& variant = std::nullopt);

// Parses TOML text; `source_name` is used in error messages in place of a file name.
Scenario parse_scenario(std::string_view toml_text, const std::string& source_name,
                        const std::optional<std::string>& variant = std::nullopt);

// The resolved scenario as readable text: every entity, event and parameter (value or
// distribution), defaults filled in. Printed by `mineralsim validate`, stored in results files.
std::string describe_scenario(const Scenario& scenario);

// The parameter table (docs/scenario.md) as Markdown, for `mineralsim validate --schema`.
std::string describe_schema();

}  // namespace mineralsim::scenario
