#pragma once
// The project's own exp, log, pow and cos. Built only from + - * / and exact exponent handling, so
// that (with floating-point contraction off) they give the same bits on every compiler, libm and
// GPU. Accuracy is about 1 ulp over the ranges the model uses; see docs/model.md, "Numerics".
// Every function has a double and a float overload. The float ones compute in float throughout (no
// promotion to double anywhere), for GPUs with slow FP64, with fewer series terms.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "mineralsim/detail/hd.hpp"
#include "mineralsim/detail/largest_finite.hpp"

namespace mineralsim::detail {

inline constexpr double kLn2Hi = 6.93147180369123816490e-01;  // high bits of ln 2 (fdlibm split)
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 - kLn2Hi
inline constexpr double kInvLn2 = 1.44269504088896338700e+00;
inline constexpr double kHalfPi = 1.57079632679489661923;
inline constexpr double kMaxExpArgument = 709.0;  // exp(709) is the largest safe finite result
inline constexpr double kMinExpArgument = -745.0;

MINERALSIM_HD inline double portable_floor(double x) { return ::floor(x); }  // exact in IEEE
// Correctly rounded by IEEE 754 on every host and device, so the same bits everywhere.
MINERALSIM_HD inline double portable_sqrt(double x) { return ::sqrt(x); }

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
  if (!(x < kMaxExpArgument)) return x != x ? x : largest_finite(x);  // saturate, no Inf
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
  if (x > largest_finite(x)) return x;
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

// ---- float ----------------------------------------------------------------------------------
// The same algorithms in float, computed in float throughout, with as many series terms as float
// needs. exp, log and cos keep the reduced argument's leading part exact and add the small
// corrections to it last (as fdlibm's expf/logf/cosf do), because in float a single rounding of the
// reduced argument already costs up to 1 ulp. Maximum errors over every float of the range,
// against double libm, in float ulps of the exact result (tests/detail/portable_math_test.cpp
// checks dense sweeps of them):
//   portable_exp         x in [-104, 88.72):  0.95 ulp
//   portable_log         x in (0, FLT_MAX]:   0.92 ulp
//   portable_cos_two_pi  u in [0, 1):         1.08 ulp (relative, also near the zeros)

inline constexpr float kLn2HiF = 6.9314575195e-01f;  // 0x3f317200: 15 bits, so k kLn2HiF is exact
inline constexpr float kLn2LoF = 1.4286067653e-06f;  // 0x35bfbe8e: ln 2 - kLn2HiF
inline constexpr float kInvLn2F = 1.4426950216e+00f;
inline constexpr float kHalfPiHiF = 1.5703125f;      // 0x3fc90000: 8 bits of pi/2
inline constexpr float kHalfPiLoF = 4.8382679e-04f;  // pi/2 - kHalfPiHiF
inline constexpr float kMaxExpArgumentF = 88.72f;    // just below ln(FLT_MAX) = 88.7228
inline constexpr float kMinExpArgumentF = -104.0f;   // exp(-104) < half the least subnormal

MINERALSIM_HD inline float portable_floor(float x) { return ::floorf(x); }  // exact in IEEE
MINERALSIM_HD inline float portable_sqrt(float x) { return ::sqrtf(x); }

// x 2^k, exact: builds 2^k from its bits when it is a normal number (the fast, common case).
MINERALSIM_HD inline float scale_by_power_of_two(float x, int k) {
  if (k < -126 || k > 127) return ::ldexpf(x, k);
  const std::uint32_t bits = static_cast<std::uint32_t>(k + 127) << 23;
  float power;
  memcpy(&power, &bits, sizeof power);
  return x * power;
}

// x = m 2^e with m in [0.5, 1), exact, for positive finite x.
MINERALSIM_HD inline float split_exponent(float x, int* e) {
  std::uint32_t bits;
  memcpy(&bits, &x, sizeof bits);
  const int biased = static_cast<int>((bits >> 23) & 0xff);
  if (biased == 0) return ::frexpf(x, e);  // subnormal
  *e = biased - 126;
  bits = (bits & 0x807fffffu) | (static_cast<std::uint32_t>(126) << 23);
  float m;
  memcpy(&m, &bits, sizeof m);
  return m;
}

// exp(x): Cody-Waite reduction x = k ln2 + r, r = r_hi - r_lo with r_hi exact, |r| <= ln2/2, then
// exp(r) = 1 + r + r^2 q(r), q the Taylor series to r^7 (the r^8 term is below 0.1 ulp); the
// exact r_hi is added last. Saturates at FLT_MAX (no Inf) from 88.72, 0 below -104, NaN passes.
MINERALSIM_HD inline float portable_exp(float x) {
  if (!(x < kMaxExpArgumentF)) return x != x ? x : largest_finite(x);  // saturate, no Inf
  if (x < kMinExpArgumentF) return 0.0f;
  const float k = portable_floor(x * kInvLn2F + 0.5f);
  const float r_hi = x - k * kLn2HiF;  // exact
  const float r_lo = k * kLn2LoF;
  const float r = r_hi - r_lo;
  float q = 1.0f / 5040.0f;  // 1/7!
  q = q * r + 1.0f / 720.0f;
  q = q * r + 1.0f / 120.0f;
  q = q * r + 1.0f / 24.0f;
  q = q * r + 1.0f / 6.0f;
  q = q * r + 0.5f;
  const float p = 1.0f + (r_hi - (r_lo - r * (r * q)));
  return scale_by_power_of_two(p, static_cast<int>(k));
}

// log(x) for x > 0: x = m 2^e with m in [sqrt(1/2), sqrt(2)), g = m - 1 (exact), f = g/(m + 1),
// log m = 2 atanh f = 2f + f R(f^2), R the atanh series to f^8 (|f| <= 0.172: the next term is
// below 0.05 ulp), written as g - (g^2/2 - f (g^2/2 + R)) so that the exact g is added last.
// Returns -1e38 for x <= 0, like the double one's -1e308; +inf passes through.
MINERALSIM_HD inline float portable_log(float x) {
  if (!(x > 0.0f)) return -1.0e38f;
  if (x > largest_finite(x)) return x;
  int e = 0;
  float m = split_exponent(x, &e);  // m in [0.5, 1)
  if (m < 0.707106781f) {
    m = m * 2.0f;
    e = e - 1;
  }
  const float g = m - 1.0f;  // exact
  const float f = g / (m + 1.0f);
  const float s = f * f;
  float r = 2.0f / 9.0f;
  r = r * s + 2.0f / 7.0f;
  r = r * s + 2.0f / 5.0f;
  r = r * s + 2.0f / 3.0f;
  r = r * s;
  const float half_g2 = 0.5f * g * g;
  const float log_m = g - (half_g2 - f * (half_g2 + r));
  const float de = static_cast<float>(e);
  return de * kLn2HiF + (log_m + de * kLn2LoF);
}

// base^exponent for base > 0.
MINERALSIM_HD inline float portable_pow(float base, float exponent) {
  return portable_exp(exponent * portable_log(base));
}

// cos(2 pi u) for u in [0, 1): the double one's quadrant scheme (quadrant from 4u, exact), with the
// upper half of each quadrant reflected (w -> 1 - w, exact) so that the series run on [0, pi/4]
// only: cos to t^10, sin to t^9. t = w pi/2 is carried as t_hi + t_lo, t_hi exact (w split into
// two 12-bit halves, Veltkamp), and cos adds 1 - t^2/2 with its rounding error compensated
// (fdlibm's cosf). Unlike the double one, the error is relative also near the zeros.
MINERALSIM_HD inline float portable_cos_two_pi(float u) {
  const float v = u * 4.0f;
  const float quadrant = portable_floor(v);
  float w = v - quadrant;  // exact, in [0, 1)
  const int q = static_cast<int>(quadrant) & 3;
  bool use_sin = (q & 1) != 0;
  if (w > 0.5f) {
    w = 1.0f - w;  // exact; cos(pi/2 (1 - w)) = sin(pi/2 w)
    use_sin = !use_sin;
  }
  const float w_big = w * 4097.0f;  // 2^12 + 1
  const float w_hi = w_big - (w_big - w);
  const float w_lo = w - w_hi;
  const float t_hi = w_hi * kHalfPiHiF;  // exact: 12 bits times 8 bits
  const float t_lo = w_lo * kHalfPiHiF + w * kHalfPiLoF;
  const float t = t_hi + t_lo;
  const float t2 = t * t;
  float result;
  if (use_sin) {
    float s = 1.0f / 362880.0f;  // 1/9!
    s = s * t2 - 1.0f / 5040.0f;
    s = s * t2 + 1.0f / 120.0f;
    s = s * t2 - 1.0f / 6.0f;
    result = t_hi + (t_lo + t * (t2 * s));
  } else {
    float c = -1.0f / 3628800.0f;  // -1/10!
    c = c * t2 + 1.0f / 40320.0f;
    c = c * t2 - 1.0f / 720.0f;
    c = c * t2 + 1.0f / 24.0f;
    const float half_t2 = 0.5f * t2;
    const float a = 1.0f - half_t2;
    result = a + (((1.0f - a) - half_t2) + t2 * (t2 * c));  // 1 - a is exact
  }
  return (q == 1 || q == 2) ? -result : result;
}

// ---- both -------------------------------------------------------------------------------------
// Templates on one Real, so that mixing float and double arguments fails to compile instead of
// silently promoting.
template <class Real>
MINERALSIM_HD inline Real clamp(Real x, Real lo, Real hi) {
  return x < lo ? lo : (x > hi ? hi : x);
}
template <class Real>
MINERALSIM_HD inline Real max_of(Real a, Real b) {
  return a > b ? a : b;
}
template <class Real>
MINERALSIM_HD inline Real min_of(Real a, Real b) {
  return a < b ? a : b;
}

}  // namespace mineralsim::detail
