// The project's own exp/log/cos agree with the platform's libm to a few ulp over the ranges the
// model uses, and never return NaN or Inf for finite input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "mineralsim/detail/portable_math.hpp"

namespace mineralsim::detail {
namespace {

double relative_error(double actual, double expected) {
  return std::fabs(actual - expected) / std::fabs(expected);
}

TEST(PortableExp, AgreesWithLibmToFewUlp) {
  for (double x = -700.0; x <= 700.0; x += 0.37) {
    EXPECT_LT(relative_error(portable_exp(x), std::exp(x)), 4e-16) << "x = " << x;
  }
  EXPECT_EQ(portable_exp(0.0), 1.0);
}

TEST(PortableExp, SaturatesInsteadOfOverflowing) {
  EXPECT_TRUE(std::isfinite(portable_exp(1e6)));
  EXPECT_EQ(portable_exp(-1e6), 0.0);
}

TEST(PortableLog, AgreesWithLibmToFewUlp) {
  for (double x = 1e-300; x < 1e300; x *= 1.7) {
    EXPECT_LT(std::fabs(portable_log(x) - std::log(x)),
              4e-16 * std::fmax(1.0, std::fabs(std::log(x))))
        << "x = " << x;
  }
  for (double x = 0.5; x < 2.0; x += 0.001) {
    EXPECT_LT(std::fabs(portable_log(x) - std::log(x)), 3e-16) << "x = " << x;
  }
  EXPECT_EQ(portable_log(1.0), 0.0);
}

TEST(PortableLog, NonPositiveInputGivesAFiniteSentinel) {
  EXPECT_TRUE(std::isfinite(portable_log(0.0)));
  EXPECT_TRUE(std::isfinite(portable_log(-1.0)));
}

TEST(PortableCos, AgreesWithLibm) {
  for (double u = 0.0; u < 1.0; u += 0.000731) {
    EXPECT_NEAR(portable_cos_two_pi(u), std::cos(2.0 * M_PI * u), 2e-15) << "u = " << u;
  }
}

}  // namespace
}  // namespace mineralsim::detail
