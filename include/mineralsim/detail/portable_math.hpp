#pragma once
// The project's own exp, log, pow and cos. Built only from + - * / and exact exponent handling, so
// that (with floating-point contraction off) they give the same bits on every compiler, libm and
// GPU. Accuracy is about 1 ulp over the ranges the model uses; see docs/model.md, "Numerics".
#include <cmath>
#include <cstdint>
#include <cstring>

#include "mineralsim/detail/hd.hpp"

namespace mineralsim::detail {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // high bits of ln 2 (fdlibm split)
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;
inline constexpr double kHalfPi = 1.57079632679489661923;
inline constexpr double kMaxExpArgument = 709.0;  // exp(709) is the largest safe finite result
inline constexpr double kMinExpArgument = -745.0;

MINERALSIM_HD inline double portable_floor(double x) { return ::floor(x); }  // exact in IEEE

// x 2^k, exact: builds 2^k from its bits when it is a normal number (the fast, common case).
MINERALSIM_HD inline double scale_by_power_of_two(double x, int k) {
  if (k < -1022 || k > 1023) return ::ldexp(x, k);
  const std::uint64_t bits = static_cast<std::uint64_t>(k + 1023) << 52;
  double power;
  memcpy(&power, &bits, sizeof power);
  return x * power;
}

// x = m 2^e with m in [0.5, 1), exact, for positive finite x.
MINERALSIM_HD inline double split_exponent(double x, int* e) {
  std::uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  if (biased == 0) return ::frexp(x, e);  // subnormal
  *e = biased - 1022;
  bits = (bits & 0x800fffffffffffffull) | (static_cast<std::uint64_t>(1022) << 52);
  double m;
  memcpy(&m, &bits, sizeof m);
  return m;
}

// exp(x): Cody-Waite reduction x = k ln2 + r, |r| <= ln2/2, then Taylor series to r^13.
MINERALSIM_HD inline double portable_exp(double x) {
  if (!(x < kMaxExpArgument)) return x != x ? x : 1.7976931348623157e308;  // saturate, no Inf
  if (x < kMinExpArgument) return 0.0;
  const double k = portable_floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;
  double p = 1.0 / 6227020800.0;  // 1/13!
  p = p * r + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  return scale_by_power_of_two(p, static_cast<int>(k));
}

// log(x) for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh((m-1)/(m+1)).
// Returns -inf-like -1e308 for x <= 0 so that callers never see NaN; the model never asks for it.
MINERALSIM_HD inline double portable_log(double x) {
  if (!(x > 0.0)) return -1.0e308;
  if (x > 1.7976931348623157e308) return x;
  int e = 0;
  double m = split_exponent(x, &e);  // m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m = m * 2.0;
    e = e - 1;
  }
  const double f = (m - 1.0) / (m + 1.0);
  const double s = f * f;
  double p = 1.0 / 23.0;
  p = p * s + 1.0 / 21.0;
  p = p * s + 1.0 / 19.0;
  p = p * s + 1.0 / 17.0;
  p = p * s + 1.0 / 15.0;
  p = p * s + 1.0 / 13.0;
  p = p * s + 1.0 / 11.0;
  p = p * s + 1.0 / 9.0;
  p = p * s + 1.0 / 7.0;
  p = p * s + 1.0 / 5.0;
  p = p * s + 1.0 / 3.0;
  p = p * s + 1.0;
  const double log_m = 2.0 * f * p;
  const double de = static_cast<double>(e);
  return de * kLn2Hi + (log_m + de * kLn2Lo);
}

// base^exponent for base > 0.
MINERALSIM_HD inline double portable_pow(double base, double exponent) {
  return portable_exp(exponent * portable_log(base));
}

// cos(2 pi u) for u in [0, 1): quadrant from 4u (exact), then the Taylor series of cos or sin on
// [0, pi/2), whichever the quadrant needs.
MINERALSIM_HD inline double portable_cos_two_pi(double u) {
  const double v = u * 4.0;
  const double quadrant = portable_floor(v);
  const double t = (v - quadrant) * kHalfPi;
  const double t2 = t * t;
  const int q = static_cast<int>(quadrant) & 3;
  if ((q & 1) == 0) {
    double c = -1.0 / 1124000727777607680000.0;  // -1/22!
    c = c * t2 + 1.0 / 2432902008176640000.0;
    c = c * t2 - 1.0 / 6402373705728000.0;
    c = c * t2 + 1.0 / 20922789888000.0;
    c = c * t2 - 1.0 / 87178291200.0;
    c = c * t2 + 1.0 / 479001600.0;
    c = c * t2 - 1.0 / 3628800.0;
    c = c * t2 + 1.0 / 40320.0;
    c = c * t2 - 1.0 / 720.0;
    c = c * t2 + 1.0 / 24.0;
    c = c * t2 - 0.5;
    c = c * t2 + 1.0;
    return q == 0 ? c : -c;
  }
  double s = 1.0 / 51090942171709440000.0;  // 1/21!
  s = s * t2 - 1.0 / 121645100408832000.0;
  s = s * t2 + 1.0 / 355687428096000.0;
  s = s * t2 - 1.0 / 1307674368000.0;
  s = s * t2 + 1.0 / 6227020800.0;
  s = s * t2 - 1.0 / 39916800.0;
  s = s * t2 + 1.0 / 362880.0;
  s = s * t2 - 1.0 / 5040.0;
  s = s * t2 + 1.0 / 120.0;
  s = s * t2 - 1.0 / 6.0;
  s = s * t2 + 1.0;
  s = s * t;
  return q == 1 ? -s : s;
}

MINERALSIM_HD inline double clamp(double x, double lo, double hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}
MINERALSIM_HD inline double max_of(double a, double b) { return a > b ? a : b; }
MINERALSIM_HD inline double min_of(double a, double b) { return a < b ? a : b; }

}  // namespace mineralsim::detail
