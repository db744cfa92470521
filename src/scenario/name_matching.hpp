#pragma once
// Text helpers for scenario error messages: lists of names and "did you mean" suggestions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mineralsim::scenario {

// The candidate closest to `word` within edit distance 2, if any.
std::optional<std::string> closest_name(std::string_view word,
                                        const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" for the closest candidate, else "".
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

std::string join(const std::vector<std::string>& names, std::string_view separator = ", ");

}  // namespace mineralsim::scenario
