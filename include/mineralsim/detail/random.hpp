#pragma once
// Counter-based random numbers: Philox4x32-10 (Random123) keyed by the run's seed, with the
// counter (global trajectory index, day, draw site). A draw depends on nothing else, so a
// trajectory's path is the same on any backend, thread count, batch size or shard.
#include <Random123/philox.h>

#include <cstdint>

#include "mineralsim/detail/hd.hpp"
#include "mineralsim/detail/portable_math.hpp"

namespace mineralsim::detail {

// Day counter used for the draws made once per trajectory before day 0 (epistemic parameters,
// project delays).
inline constexpr std::uint32_t kInitialDrawDay = 0xFFFFFFFFu;

struct PhiloxBlock {
  std::uint32_t w[4];
};

MINERALSIM_HD inline PhiloxBlock philox_block(std::uint64_t seed, std::uint64_t trajectory,
                                              std::uint32_t day, std::uint32_t site) {
  r123::Philox4x32_R<10> generator;
  r123::Philox4x32_R<10>::key_type key = {
      {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  r123::Philox4x32_R<10>::ctr_type counter = {{static_cast<std::uint32_t>(trajectory),
                                               static_cast<std::uint32_t>(trajectory >> 32), day,
                                               site}};
  const auto out = generator(counter, key);
  return PhiloxBlock{{out.v[0], out.v[1], out.v[2], out.v[3]}};
}

// 52 random bits from two words, mapped to the open interval (0, 1): (n + 1/2) / 2^52, exact in
// double, so the extremes are 2^-53 and 1 - 2^-53.
MINERALSIM_HD inline double open_unit_interval(std::uint32_t high, std::uint32_t low) {
  const double a = static_cast<double>(high >> 6);  // 26 bits
  const double b = static_cast<double>(low >> 6);   // 26 bits
  return (a * 67108864.0 + b + 0.5) * (1.0 / 4503599627370496.0);
}

// 23 random bits of one word mapped to (0, 1): (n + 1/2) / 2^23, exact in float, so the extremes
// are 2^-24 and 1 - 2^-24. The draws of a run in single precision.
MINERALSIM_HD inline float open_unit_interval_float(std::uint32_t word) {
  return (static_cast<float>(word >> 9) + 0.5f) * (1.0f / 8388608.0f);
}

// The uniform draw of a block's words 2 pair and 2 pair + 1, in the precision of the tag.
MINERALSIM_HD inline double block_uniform(const PhiloxBlock& b, int pair, double /*precision*/) {
  return open_unit_interval(b.w[2 * pair], b.w[2 * pair + 1]);
}
MINERALSIM_HD inline float block_uniform(const PhiloxBlock& b, int pair, float /*precision*/) {
  return open_unit_interval_float(b.w[2 * pair]);
}

// The draws of one trajectory on one day, in precision Real. Each draw site yields an independent
// Philox block, the same block in either precision.
template <class Real = double>
struct DailyDraws {
  std::uint64_t seed;
  std::uint64_t trajectory;
  std::uint32_t day;

  MINERALSIM_HD Real uniform(std::uint32_t site) const {
    return block_uniform(philox_block(seed, trajectory, day, site), 0, Real{});
  }

  // Standard normal by the Box-Muller transform (cosine branch) on the project's own log/cos.
  MINERALSIM_HD Real normal(std::uint32_t site) const {
    const PhiloxBlock b = philox_block(seed, trajectory, day, site);
    const Real u1 = block_uniform(b, 0, Real{});
    const Real u2 = block_uniform(b, 1, Real{});
    return portable_sqrt(Real(-2) * portable_log(u1)) * portable_cos_two_pi(u2);
  }
};

}  // namespace mineralsim::detail
