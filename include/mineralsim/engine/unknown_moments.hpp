#pragma once
// Days whose mean and standard deviation a run could not compute. The exact sums behind them hold
// values below 2^115 (about 4e34) and squares of values below about 2e17: a value beyond that, or
// not finite, leaves that day's mean or standard deviation of the variable unknown (NaN in
// /daily) while its quantiles, min and max stay known. Realistic scenarios never get there; demand
// compounding 200% growth a year over decades does. A run says so at its end instead of leaving NaN
// to be found in the file.
#include <string>
#include <vector>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/scenario/scenario.hpp"

namespace mineralsim::engine {

// One line per variable with unknown moments, e.g. "the mean or standard deviation of
// unmet[Korea semiconductors, gallium] is unknown (NaN in /daily) from day 25351: ..."; empty
// when every day's are known.
std::vector<std::string> describe_unknown_moments(const scenario::Scenario& scenario,
                                                  const DailyStatistics& statistics);

}  // namespace mineralsim::engine
