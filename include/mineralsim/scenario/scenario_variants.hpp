#pragma once
// Scenario variants: named `[[variant]]` entries of a scenario file that override parts of the
// base scenario, so that one file holds several policy arms (docs/scenario.md, "Variants"). They
// are resolved on the parsed TOML tree, before the loader reads it: the loader sees one ordinary
// scenario.
#include <toml++/toml.h>

#include <optional>
#include <string>
#include <vector>

namespace mineralsim::scenario {

// The names of the file's [[variant]] entries, in file order. Throws UserError naming `file`, the
// line, column and key if an entry is malformed: a missing, empty or duplicate name, an unknown
// key, a table of the wrong shape, or a `scenario.name` (a variant cannot rename the scenario).
std::vector<std::string> variant_names(const toml::table& root, const std::string& file);

// The `description` of the named variant, or "" (call variant_names first to check the entries).
std::string variant_description(const toml::table& root, const std::string& variant);

// `root` without its [[variant]] entries and, when `variant` is given, with that variant applied:
// an entry of supply, demand, regime, stockpile, commodity, supplier or importer replaces the
// values of the one base entry with the same identity keys; entries of the other arrays are
// appended; keys of [scenario] and [tension] are overwritten. The tree is taken by value and the
// variant's nodes are moved into it, because toml++ keeps source positions (which the loader's
// messages need) on moves but not on copies. Throws UserError for an unknown variant name and for
// an override that matches no base entry.
toml::table resolve_variant(toml::table root, const std::optional<std::string>& variant,
                            const std::string& file);

}  // namespace mineralsim::scenario
