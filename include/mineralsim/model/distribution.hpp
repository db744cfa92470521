#pragma once
// Distributions of epistemic parameters, drawn once per trajectory before day 0.
#include "mineralsim/detail/hd.hpp"
#include "mineralsim/detail/portable_math.hpp"

namespace mineralsim::model {

enum class DistributionKind : int { kUniform = 0, kNormal = 1, kLognormal = 2, kTriangular = 3 };

// a, b, c: uniform (low, high, -); normal (mean, sd, -); lognormal (median, sigma, -);
// triangular (low, mode, high). Every draw is clipped to [lower, upper].
struct Distribution {
  DistributionKind kind;
  double a, b, c;
  double lower, upper;

  // u: a uniform draw on (0, 1); z: a standard normal draw, both from the same trajectory's key.
  MINERALSIM_HD double sample(double u, double z) const {
    double x = a;
    switch (kind) {
      case DistributionKind::kUniform:
        x = a + (b - a) * u;
        break;
      case DistributionKind::kNormal:
        x = a + b * z;
        break;
      case DistributionKind::kLognormal:
        x = a * detail::portable_exp(b * z);
        break;
      case DistributionKind::kTriangular: {
        const double split = (b - a) / (c - a);
        x = u < split ? a + ::sqrt(u * (c - a) * (b - a))
                      : c - ::sqrt((1.0 - u) * (c - a) * (c - b));
        break;
      }
    }
    return detail::clamp(x, lower, upper);
  }
};

}  // namespace mineralsim::model
