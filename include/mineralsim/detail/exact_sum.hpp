#pragma once
// An exact, order-independent sum of doubles: a 256-bit two's-complement fixed-point integer
// with kFractionBits bits after the binary point. Every double whose magnitude lies in
// [2^-kFractionBits, 2^kMaxExponent) converts to it exactly (a double is a 53-bit integer times a
// power of two), and so does its square; smaller magnitudes are truncated toward zero. Integer
// addition is associative, so the sum of a set of values is the same bits whatever the order,
// the batching, the threads or the device that added them, and two partial sums merge exactly.
// Values at or beyond 2^kMaxExponent, NaN and infinity are not added: they are counted in
// `rejected`, and a caller reports a sum with rejections as unknown.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "mineralsim/detail/hd.hpp"

namespace mineralsim::detail {

struct ExactSum {
  static constexpr int kFractionBits = 100;
  // Addends (values or squares) stay below 2^kMaxExponent, i.e. below 2^215 in fixed-point units:
  // 2^40 (about 10^12) of them cannot overflow the 255-bit magnitude.
  static constexpr int kMaxExponent = 115;
  static constexpr int kLimbs = 4;

  std::uint64_t limb[kLimbs] = {0, 0, 0, 0};  // little-endian, two's complement
  std::uint64_t rejected = 0;

  MINERALSIM_HD void add(double x) { add_scaled(x, false); }
  // Adds x * x, computed exactly (a 106-bit integer times a power of two).
  MINERALSIM_HD void add_square(double x) { add_scaled(x, true); }

  MINERALSIM_HD void add(const ExactSum& other) {
    add_limbs(other.limb);
    rejected += other.rejected;
  }

  MINERALSIM_HD bool operator==(const ExactSum& other) const {
    for (int i = 0; i < kLimbs; ++i) {
      if (limb[i] != other.limb[i]) return false;
    }
    return rejected == other.rejected;
  }

  // The sum, rounded once to the nearest double.
  double to_double() const {
    std::uint64_t magnitude[kLimbs];
    const bool negative = (limb[kLimbs - 1] >> 63) != 0;
    for (int i = 0; i < kLimbs; ++i) magnitude[i] = negative ? ~limb[i] : limb[i];
    if (negative) increment(magnitude);
    int top = kLimbs - 1;
    while (top >= 0 && magnitude[top] == 0) --top;
    if (top < 0) return 0.0;
    const int lead = 63 - leading_zeros(magnitude[top]);
    const int highest_bit = top * 64 + lead;
    // The 64 bits below and including the highest set bit, with a sticky bit for everything
    // lower, so that the one conversion to double rounds correctly.
    const int low_bit = highest_bit - 63;
    std::uint64_t window = bits_from(magnitude, low_bit);
    if (low_bit > 0 && any_below(magnitude, low_bit)) window |= 1u;
    const double value = std::ldexp(static_cast<double>(window), low_bit - kFractionBits);
    return negative ? -value : value;
  }

 private:
  __extension__ typedef unsigned __int128 Wide;  // GCC, Clang and nvcc; not ISO C++

  MINERALSIM_HD void add_scaled(double x, bool square) {
    std::uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    const int biased = static_cast<int>((bits >> 52) & 0x7ff);
    if (biased == 0x7ff) {  // NaN or infinity
      ++rejected;
      return;
    }
    std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
    int exponent = -1074;  // subnormal: mantissa * 2^-1074
    if (biased != 0) {
      mantissa |= std::uint64_t{1} << 52;
      exponent = biased - 1075;
    }
    if (mantissa == 0) return;
    const bool negative = !square && (bits >> 63) != 0;
    // The addend is magnitude * 2^shift in units of 2^-kFractionBits.
    Wide magnitude = mantissa;
    int shift = exponent + kFractionBits;
    if (square) {
      magnitude = static_cast<Wide>(mantissa) * mantissa;
      shift = 2 * exponent + kFractionBits;
    }
    const auto high = static_cast<std::uint64_t>(magnitude >> 64);
    const auto low = static_cast<std::uint64_t>(magnitude);
    const int width = high != 0 ? 128 - leading_zeros(high) : 64 - leading_zeros(low);
    if (shift + width - kFractionBits > kMaxExponent) {
      ++rejected;
      return;
    }
    if (shift <= -width) return;  // entirely below the resolution
    if (shift + width <= 127) {   // the common case: the addend fits in the low half
      add_low(shift >= 0 ? magnitude << shift : magnitude >> -shift, negative);
      return;
    }
    std::uint64_t addend[kLimbs] = {0, 0, 0, 0};
    place(high, low, shift, addend);
    if (negative) {
      for (auto& l : addend) l = ~l;
      increment(addend);
    }
    add_limbs(addend);
  }

  // Two's-complement addition of a 256-bit value, limb by limb with carry.
  MINERALSIM_HD void add_limbs(const std::uint64_t addend[kLimbs]) {
    std::uint64_t carry = 0;
    for (int i = 0; i < kLimbs; ++i) {
      const std::uint64_t a = limb[i];
      const std::uint64_t sum = a + addend[i];
      const std::uint64_t carried = sum + carry;
      carry = (sum < a ? 1u : 0u) + (carried < sum ? 1u : 0u);
      limb[i] = carried;
    }
  }

  // Adds (or subtracts) a value below 2^127 to the low 128 bits, carrying into the high ones.
  MINERALSIM_HD void add_low(Wide value, bool negative) {
    const Wide low = (static_cast<Wide>(limb[1]) << 64) | limb[0];
    Wide high = (static_cast<Wide>(limb[3]) << 64) | limb[2];
    Wide result;
    if (negative) {
      result = low - value;
      if (result > low) --high;  // borrow
    } else {
      result = low + value;
      if (result < low) ++high;  // carry
    }
    limb[0] = static_cast<std::uint64_t>(result);
    limb[1] = static_cast<std::uint64_t>(result >> 64);
    limb[2] = static_cast<std::uint64_t>(high);
    limb[3] = static_cast<std::uint64_t>(high >> 64);
  }

  // high:low shifted left by `shift` bits (right, truncating, when negative) into out.
  MINERALSIM_HD static void place(std::uint64_t high, std::uint64_t low, int shift,
                                  std::uint64_t out[kLimbs]) {
    if (shift < 0) {
      const int right = -shift;
      if (right >= 128) return;
      if (right >= 64) {
        low = high >> (right - 64);
        high = 0;
      } else if (right > 0) {
        low = (low >> right) | (high << (64 - right));
        high >>= right;
      }
      shift = 0;
    }
    const int index = shift / 64;
    const int bit = shift % 64;
    const std::uint64_t parts[3] = {low << bit,
                                    bit == 0 ? high : (high << bit) | (low >> (64 - bit)),
                                    bit == 0 ? 0 : high >> (64 - bit)};
    for (int i = 0; i < 3 && index + i < kLimbs; ++i) out[index + i] = parts[i];
  }

  MINERALSIM_HD static void increment(std::uint64_t value[kLimbs]) {
    for (int i = 0; i < kLimbs; ++i) {
      if (++value[i] != 0) break;
    }
  }

  MINERALSIM_HD static int leading_zeros(std::uint64_t v) {
    if (v == 0) return 64;
#if defined(__CUDA_ARCH__)
    return __clzll(static_cast<long long>(v));
#else
    return __builtin_clzll(v);
#endif
  }

  // The 64 bits of `value` starting at bit `from` (which may be negative: zeros shift in).
  static std::uint64_t bits_from(const std::uint64_t value[kLimbs], int from) {
    std::uint64_t out = 0;
    for (int b = 0; b < 64; ++b) {
      const int at = from + b;
      if (at < 0 || at >= 64 * kLimbs) continue;
      out |= ((value[at / 64] >> (at % 64)) & 1u) << b;
    }
    return out;
  }

  static bool any_below(const std::uint64_t value[kLimbs], int bit) {
    for (int at = 0; at < bit; ++at) {
      if (((value[at / 64] >> (at % 64)) & 1u) != 0) return true;
    }
    return false;
  }
};

}  // namespace mineralsim::detail
