// Philox4x32-10 against the published Random123 known-answer vectors, and the shape of the
// uniform and normal draws built on it.
#include <gtest/gtest.h>

#include <cmath>

#include "mineralsim/detail/random.hpp"

namespace mineralsim::detail {
namespace {

PhiloxBlock raw_philox(std::uint32_t c0, std::uint32_t c1, std::uint32_t c2, std::uint32_t c3,
                       std::uint32_t k0, std::uint32_t k1) {
  return philox_block((static_cast<std::uint64_t>(k1) << 32) | k0,
                      (static_cast<std::uint64_t>(c1) << 32) | c0, c2, c3);
}

// Vectors from Random123's kat_vectors (philox4x32 10): counter, key -> output.
TEST(Philox, MatchesKnownAnswerForZeros) {
  const PhiloxBlock b = raw_philox(0, 0, 0, 0, 0, 0);
  EXPECT_EQ(b.w[0], 0x6627e8d5u);
  EXPECT_EQ(b.w[1], 0xe169c58du);
  EXPECT_EQ(b.w[2], 0xbc57ac4cu);
  EXPECT_EQ(b.w[3], 0x9b00dbd8u);
}

TEST(Philox, MatchesKnownAnswerForOnes) {
  const PhiloxBlock b =
      raw_philox(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu);
  EXPECT_EQ(b.w[0], 0x408f276du);
  EXPECT_EQ(b.w[1], 0x41c83b0eu);
  EXPECT_EQ(b.w[2], 0xa20bc7c6u);
  EXPECT_EQ(b.w[3], 0x6d5451fdu);
}

TEST(Philox, MatchesKnownAnswerForPiDigits) {
  const PhiloxBlock b =
      raw_philox(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u);
  EXPECT_EQ(b.w[0], 0xd16cfe09u);
  EXPECT_EQ(b.w[1], 0x94fdccebu);
  EXPECT_EQ(b.w[2], 0x5001e420u);
  EXPECT_EQ(b.w[3], 0x24126ea1u);
}

TEST(OpenUnitInterval, NeverReachesZeroOrOne) {
  EXPECT_GT(open_unit_interval(0, 0), 0.0);
  EXPECT_LT(open_unit_interval(0xffffffffu, 0xffffffffu), 1.0);
}

TEST(DailyDraws, DependOnlyOnTheirKey) {
  const DailyDraws a{7, 123, 45};
  const DailyDraws same{7, 123, 45};
  const DailyDraws other_day{7, 123, 46};
  EXPECT_EQ(a.uniform(3), same.uniform(3));
  EXPECT_NE(a.uniform(3), other_day.uniform(3));
  EXPECT_NE(a.uniform(3), a.uniform(4));
}

TEST(DailyDraws, NormalHasZeroMeanAndUnitVariance) {
  constexpr int kSamples = 200000;
  double sum = 0.0, square = 0.0;
  for (int i = 0; i < kSamples; ++i) {
    const double z = DailyDraws{1, static_cast<std::uint64_t>(i), 0}.normal(0);
    sum += z;
    square += z * z;
  }
  const double mean = sum / kSamples;
  const double variance = square / kSamples - mean * mean;
  EXPECT_NEAR(mean, 0.0, 5.0 / std::sqrt(kSamples));  // five standard errors
  EXPECT_NEAR(variance, 1.0, 5.0 * std::sqrt(2.0 / kSamples));
}

TEST(DailyDraws, UniformIsFlat) {
  constexpr int kSamples = 100000;
  int bins[10] = {};
  for (int i = 0; i < kSamples; ++i) {
    ++bins[static_cast<int>(DailyDraws{2, static_cast<std::uint64_t>(i), 9}.uniform(1) * 10.0)];
  }
  for (int b : bins) EXPECT_NEAR(b, kSamples / 10, 5 * 95);  // sd of a bin count is about 95
}

}  // namespace
}  // namespace mineralsim::detail
