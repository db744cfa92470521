// The project's own exp/log/cos agree with the platform's libm to a few ulp over the ranges the
// model uses, and never return NaN or Inf for finite input. The float overloads compute in float
// and are within about 1 float ulp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

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

// ---- float ----

// |actual - exact| in float ulps: the spacing of the floats at exact (2^-149 among subnormals).
double float_ulps(float actual, double exact) {
  int exponent = 0;
  std::frexp(exact, &exponent);
  const double ulp = std::ldexp(1.0, std::max(exponent - 24, -149));
  return std::fabs(static_cast<double>(actual) - exact) / ulp;
}

// The largest error of a sweep and where it was.
struct WorstError {
  double ulps = 0.0;
  float at = 0.0f;
  void add(float x, double error) {
    if (error > ulps) {
      ulps = error;
      at = x;
    }
  }
};

double exp_error(float x) { return float_ulps(portable_exp(x), std::exp(static_cast<double>(x))); }
double log_error(float x) { return float_ulps(portable_log(x), std::log(static_cast<double>(x))); }

constexpr float kFloatMaxValue = std::numeric_limits<float>::max();
constexpr float kInf = std::numeric_limits<float>::infinity();

template <class A, class B>
concept MaxOfAccepts = requires(A a, B b) {
  max_of(a, b);
};
template <class A, class B>
concept ClampAccepts = requires(A a, B b) {
  clamp(a, b, b);
};
template <class A, class B>
concept PowAccepts = requires(A a, B b) {
  portable_pow(a, b);
};

TEST(PortableMathFloat, FloatArgumentsPickTheFloatOverloads) {
  static_assert(std::is_same_v<decltype(portable_exp(1.0f)), float>);
  static_assert(std::is_same_v<decltype(portable_log(1.0f)), float>);
  static_assert(std::is_same_v<decltype(portable_pow(1.0f, 1.0f)), float>);
  static_assert(std::is_same_v<decltype(portable_cos_two_pi(0.5f)), float>);
  static_assert(std::is_same_v<decltype(portable_floor(1.5f)), float>);
  static_assert(std::is_same_v<decltype(scale_by_power_of_two(1.0f, 3)), float>);
  static_assert(std::is_same_v<decltype(split_exponent(1.0f, nullptr)), float>);
  static_assert(std::is_same_v<decltype(clamp(1.0f, 0.0f, 2.0f)), float>);
  static_assert(std::is_same_v<decltype(max_of(1.0f, 2.0f)), float>);
  static_assert(std::is_same_v<decltype(min_of(1.0f, 2.0f)), float>);
  static_assert(std::is_same_v<decltype(portable_exp(1.0)), double>);
  static_assert(std::is_same_v<decltype(clamp(1.0, 0.0, 2.0)), double>);
  // Mixing float and double does not compile, rather than silently promoting.
  static_assert(MaxOfAccepts<float, float> && !MaxOfAccepts<float, double>);
  static_assert(ClampAccepts<double, double> && !ClampAccepts<float, double>);
  static_assert(PowAccepts<float, float> && !PowAccepts<float, double>);
  EXPECT_EQ(clamp(3.0f, 0.0f, 2.0f), 2.0f);
  EXPECT_EQ(clamp(-1.0f, 0.0f, 2.0f), 0.0f);
  EXPECT_EQ(max_of(1.0f, 2.0f), 2.0f);
  EXPECT_EQ(min_of(1.0f, 2.0f), 1.0f);
}

TEST(PortableMathFloat, ExponentHandlingIsExact) {
  EXPECT_EQ(scale_by_power_of_two(1.5f, 10), 1536.0f);
  EXPECT_EQ(scale_by_power_of_two(1.5f, -140), std::ldexp(1.5f, -140));  // subnormal
  EXPECT_EQ(scale_by_power_of_two(0.75f, 128), std::ldexp(0.75f, 128));
  int e = 0;
  EXPECT_EQ(split_exponent(1536.0f, &e), 0.75f);
  EXPECT_EQ(e, 11);
  const float subnormal = std::ldexp(0.75f, -140);
  EXPECT_EQ(split_exponent(subnormal, &e), 0.75f);
  EXPECT_EQ(e, -140);
}

// Bound 1 ulp: 0.95 measured over every float of [-104, 88.72); 2.7 ulp without the r^7 term.
TEST(PortableExpFloat, WithinOneUlpOverTheModelsRange) {
  WorstError worst;
  for (int i = 0; i <= 1'680'000; ++i) {  // [-80, 88] in steps of 1e-4
    const float x = static_cast<float>(-80.0 + 1e-4 * i);
    worst.add(x, exp_error(x));
  }
  EXPECT_LT(worst.ulps, 1.0) << "x = " << worst.at;
  // Up to saturation, and down into the subnormal results.
  for (float x = 88.0f; x < 88.72f; x += 1e-4f) worst.add(x, exp_error(x));
  for (float x = -80.0f; x > -104.0f; x -= 1e-3f) worst.add(x, exp_error(x));
  EXPECT_LT(worst.ulps, 1.0) << "x = " << worst.at;
  EXPECT_EQ(portable_exp(0.0f), 1.0f);
}

TEST(PortableExpFloat, SaturatesAtFloatMaxAndPassesNaN) {
  EXPECT_LT(portable_exp(88.71f), kFloatMaxValue);
  EXPECT_EQ(portable_exp(88.72f), kFloatMaxValue);
  EXPECT_EQ(portable_exp(1e6f), kFloatMaxValue);
  EXPECT_EQ(portable_exp(kInf), kFloatMaxValue);
  EXPECT_EQ(portable_exp(-1e6f), 0.0f);
  EXPECT_EQ(portable_exp(-kInf), 0.0f);
  EXPECT_TRUE(std::isnan(portable_exp(std::numeric_limits<float>::quiet_NaN())));
}

// Bound 1 ulp: 0.92 measured over every positive float; 1.8 ulp without the f^8 term.
TEST(PortableLogFloat, WithinOneUlpOverTheModelsRange) {
  WorstError worst;
  for (double x = 1e-30; x < 1e30; x *= 1.0001) {
    const float xf = static_cast<float>(x);
    worst.add(xf, log_error(xf));
  }
  for (int i = 0; i <= 1'500'000; ++i) {  // [0.5, 2] in steps of 1e-6, where log is smallest
    const float x = static_cast<float>(0.5 + 1e-6 * i);
    worst.add(x, log_error(x));
  }
  EXPECT_LT(worst.ulps, 1.0) << "x = " << worst.at;
  EXPECT_EQ(portable_log(1.0f), 0.0f);
  EXPECT_LT(log_error(std::ldexp(0.6f, -140)), 1.0);  // subnormal
  EXPECT_LT(log_error(kFloatMaxValue), 1.0);
}

TEST(PortableLogFloat, NonPositiveInputGivesAFiniteSentinel) {
  EXPECT_EQ(portable_log(0.0f), -1.0e38f);
  EXPECT_EQ(portable_log(-1.0f), -1.0e38f);
  EXPECT_EQ(portable_log(kInf), kInf);
  EXPECT_EQ(portable_pow(0.0f, 2.0f), 0.0f);
}

TEST(PortablePowFloat, IsExpOfExponentTimesLog) {
  // The error of y log x, relative about 2^-23, is amplified by |y log x| in the result.
  for (float base = 0.01f; base < 100.0f; base *= 1.01f) {
    for (const float exponent : {-2.5f, -1.0f, 0.5f, 1.0f, 3.0f}) {
      const double exact = std::pow(static_cast<double>(base), static_cast<double>(exponent));
      const double amplification = std::fabs(std::log(exact));
      EXPECT_LT(float_ulps(portable_pow(base, exponent), exact), 1.0 + 3.0 * amplification)
          << base << " ^ " << exponent;
    }
  }
  EXPECT_EQ(portable_pow(7.0f, 0.0f), 1.0f);
}

// Relative error, also near the zeros at u = 1/4 and 3/4 (there exactly 0). Bound 1.25 ulp: 1.08
// measured over every float of [0, 1); 1.4 ulp without the t^10 term of cos, 6 without the t^9 of
// sin.
TEST(PortableCosFloat, WithinAboutOneUlp) {
  WorstError worst;
  for (int i = 0; i < (1 << 22); ++i) {
    const float u = std::ldexp(static_cast<float>(i), -22);
    const double exact = std::cos(2.0 * M_PI * static_cast<double>(u));
    if (i % (1 << 20) == 0 && i % (1 << 21) != 0) continue;  // u = 1/4, 3/4: exact is 6e-17
    worst.add(u, float_ulps(portable_cos_two_pi(u), exact));
  }
  EXPECT_LT(worst.ulps, 1.25) << "u = " << worst.at;
  EXPECT_EQ(portable_cos_two_pi(0.0f), 1.0f);
  EXPECT_EQ(portable_cos_two_pi(0.25f), 0.0f);
  EXPECT_EQ(portable_cos_two_pi(0.5f), -1.0f);
  EXPECT_EQ(portable_cos_two_pi(0.75f), 0.0f);
}

}  // namespace
}  // namespace mineralsim::detail
