#pragma once
// Rejects, before toml++ sees them, the few texts that toml++ 3.3 (Debian 12) cannot read safely.
//
// toml++ 3.3 reaches __builtin_unreachable (undefined behaviour) when it asks whether some
// non-ASCII code points are whitespace (marzer/tomlplusplus#295, fixed upstream after 3.4). It asks
// that outside strings and comments, where TOML forbids non-ASCII anyway, and in a multi-line basic
// string for the character after a backslash or after a line-ending backslash's whitespace.
#include <string>
#include <string_view>

namespace mineralsim::scenario {

// Throws UserError (file, line, column, reason) at the first such position; otherwise returns.
void screen_toml_text(std::string_view text, const std::string& source_name);

}  // namespace mineralsim::scenario
