#pragma once
// The largest finite value of each precision the model computes in: the "no limit" of thresholds
// that must compare greater than any real quantity without being infinite.
#include "mineralsim/detail/hd.hpp"

namespace mineralsim::detail {

MINERALSIM_HD constexpr double largest_finite(double /*precision*/) {
  return 1.7976931348623157e308;
}
MINERALSIM_HD constexpr float largest_finite(float /*precision*/) { return 3.40282347e38f; }

}  // namespace mineralsim::detail
