// The exact sum behind the daily statistics: exact where double summation is not, and the same
// bits whatever the order in which values are added or partial sums merged.
#include "mineralsim/detail/exact_sum.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

namespace mineralsim::detail {
namespace {

ExactSum sum_of(const std::vector<double>& values) {
  ExactSum s;
  for (double v : values) s.add(v);
  return s;
}

TEST(ExactSum, IsExactWhereDoubleSummationIsNot) {
  EXPECT_EQ(sum_of({1e16, 1.0, -1e16}).to_double(), 1.0);
  // The exact sum of the doubles nearest 0.1, 0.2 and -0.3 is 2^-55; in doubles
  // (0.1 + 0.2) - 0.3 gives 2^-54.
  EXPECT_EQ(sum_of({0.1, 0.2, -0.3}).to_double(), 2.7755575615628914e-17);
  EXPECT_EQ(sum_of({}).to_double(), 0.0);
  EXPECT_EQ(sum_of({-2.5, -0.25}).to_double(), -2.75);
  EXPECT_EQ(sum_of({std::ldexp(1.0, -100)}).to_double(), std::ldexp(1.0, -100));
  EXPECT_EQ(sum_of({std::ldexp(1.0, -101)}).to_double(), 0.0);  // below the resolution
}

TEST(ExactSum, SquaresAreExact) {
  // (1 + 2^-52)^2 = 1 + 2^-51 + 2^-104: the last term is below a double's precision but not
  // below the sum's resolution, so it survives as 2^-104 after subtracting 1 + 2^-51.
  const double x = 1.0 + std::ldexp(1.0, -52);
  ExactSum s;
  s.add_square(x);
  s.add(-(1.0 + std::ldexp(1.0, -51)));
  EXPECT_EQ(s.to_double(), 0.0);  // 2^-104 is below 2^-100: truncated when the square was added
  ExactSum t;
  t.add_square(3.0);
  t.add_square(-4.0);
  EXPECT_EQ(t.to_double(), 25.0);
}

TEST(ExactSum, OrderAndPartitionDoNotChangeABit) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> magnitude(0.0, 6.0);
  std::vector<double> values(5000);
  for (double& v : values) v = (rng() % 2 == 0 ? 1.0 : -1.0) * magnitude(rng);
  ExactSum forward = sum_of(values);
  ExactSum squares;
  for (double v : values) squares.add_square(v);
  for (int trial = 0; trial < 5; ++trial) {
    std::shuffle(values.begin(), values.end(), rng);
    // Split at a random point, sum the parts separately, merge.
    const auto cut = static_cast<std::ptrdiff_t>(rng() % values.size());
    ExactSum left = sum_of({values.begin(), values.begin() + cut});
    const ExactSum right = sum_of({values.begin() + cut, values.end()});
    left.add(right);
    EXPECT_TRUE(left == forward) << "trial " << trial;
    ExactSum shuffled_squares;
    for (double v : values) shuffled_squares.add_square(v);
    EXPECT_TRUE(shuffled_squares == squares) << "trial " << trial;
  }
  // The rounded result is within half an ulp of the sum computed in long double (which is
  // exact enough here to check the magnitude and sign).
  long double reference = 0.0L;
  for (double v : values) reference += v;
  EXPECT_NEAR(forward.to_double(), static_cast<double>(reference),
              1e-12 * std::fabs(static_cast<double>(reference)) + 1e-9);
}

TEST(ExactSum, RoundsOnceToNearest) {
  // 1 + 2^-53 + 2^-80: the exact sum lies just above the midpoint between 1 and 1 + 2^-52, so it
  // rounds up; summing in doubles would round 1 + 2^-53 down to 1 first.
  const ExactSum s = sum_of({1.0, std::ldexp(1.0, -53), std::ldexp(1.0, -80)});
  EXPECT_EQ(s.to_double(), 1.0 + std::ldexp(1.0, -52));
}

TEST(ExactSum, RejectsWhatItCannotHold) {
  ExactSum s;
  s.add(std::numeric_limits<double>::quiet_NaN());
  s.add(std::numeric_limits<double>::infinity());
  s.add(std::ldexp(1.0, ExactSum::kMaxExponent));
  s.add_square(std::ldexp(1.0, ExactSum::kMaxExponent / 2 + 1));
  EXPECT_EQ(s.rejected, 4u);
  s.add(std::ldexp(1.0, ExactSum::kMaxExponent - 1));  // the largest accepted magnitude
  EXPECT_EQ(s.rejected, 4u);
  EXPECT_EQ(s.to_double(), std::ldexp(1.0, ExactSum::kMaxExponent - 1));
}

}  // namespace
}  // namespace mineralsim::detail
