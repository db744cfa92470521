#pragma once
// Fixed histogram bins for per-day quantiles. Counts are integers, so merging batches, threads or
// shards in any order gives the same histogram, and so the same quantiles.
//
// Positive variables are binned relative to a fixed scale over 2^-8 .. 2^10 of it (prices are
// bounded at 1000 times their start, so they never overflow): 18 octaves of
// 32 equal sub-bins (the top five mantissa bits), plus an underflow and an overflow bin. A bin is
// at most 1/32 of its lower edge wide, so a quantile reported at the bin's midpoint is within
// 1/64 (1.6%) of the true sample quantile, relative. Tension, which can be negative, uses 576
// equal bins over [-32, 32] (absolute error at most 1/18).
#include <cmath>

#include "mineralsim/detail/hd.hpp"
#include "mineralsim/detail/portable_math.hpp"
#include "mineralsim/model/observables.hpp"

namespace mineralsim::engine {

struct HistogramBinning {
  // The binning of an observable's quantiles: equal bins for tension (which can be negative),
  // relative to `scale` for every other variable.
  static HistogramBinning for_observable(model::Observable observable, double scale) {
    return {observable == model::Observable::tension, scale};
  }
  // How close a reported quantile is to the sample quantile, for the results file.
  static const char* accuracy(model::Observable observable) {
    return for_observable(observable, 1.0).linear
               ? "within 1/18 absolute"
               : "within 1/64 relative above 1/256 of the variable's scale";
  }

  static constexpr int kOctaves = 18;
  static constexpr int kSubBins = 32;
  static constexpr int kLowestExponent = -8;
  static constexpr int kBins = 2 + kOctaves * kSubBins;  // 578
  static constexpr double kLinearLow = -32.0;
  static constexpr double kLinearWidth = 64.0 / (kBins - 2);  // 1/9
  static constexpr double kLowestRelative = 1.0 / 256.0;      // 2^kLowestExponent
  static constexpr double kHighestRelative = 1024.0;          // 2^(kLowestExponent + kOctaves)
  static_assert(kLowestExponent == -8 && kOctaves == 18,
                "update kLowestRelative, kHighestRelative");

  bool linear = false;
  double scale = 1.0;

  MINERALSIM_HD int bin(double x) const {
    if (linear) {
      const double position = (x - kLinearLow) / kLinearWidth;
      if (!(position >= 0.0)) return 0;
      if (position >= kBins - 2) return kBins - 1;
      return 1 + static_cast<int>(position);
    }
    const double relative = x / scale;
    if (!(relative >= kLowestRelative)) return 0;
    if (relative >= kHighestRelative) return kBins - 1;
    int exponent = 0;
    // relative = mantissa 2^exponent; inline bit arithmetic, not a call to frexp
    const double mantissa = detail::split_exponent(relative, &exponent);
    const int octave = exponent - 1 - kLowestExponent;
    const int sub = static_cast<int>((mantissa - 0.5) * (2.0 * kSubBins));
    return 1 + octave * kSubBins + sub;
  }

  // The interval [low, high) of an inner bin (1 .. kBins - 2).
  double lower_edge(int b) const {
    if (linear) return kLinearLow + (b - 1) * kLinearWidth;
    const int octave = (b - 1) / kSubBins;
    const int sub = (b - 1) % kSubBins;
    return scale * std::ldexp(1.0 + static_cast<double>(sub) / kSubBins, octave + kLowestExponent);
  }
  double upper_edge(int b) const {
    if (linear) return kLinearLow + b * kLinearWidth;
    const int octave = (b - 1) / kSubBins;
    const int sub = (b - 1) % kSubBins;
    return scale *
           std::ldexp(1.0 + static_cast<double>(sub + 1) / kSubBins, octave + kLowestExponent);
  }
};

}  // namespace mineralsim::engine
