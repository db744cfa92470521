#pragma once
// The check every device backend passes: the same batches run on the CPU backend and on the
// backend under test give bitwise equal final states (reals, integers, draws) and statistics.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "support/statistics_comparison.hpp"

namespace mineralsim::testing {

// Values of lanes [0, lanes) that differ bitwise between two arrays of the same stride.
template <class T>
std::size_t differing_lane_values(const T* a, const T* b, int fields, int stride, int lanes) {
  std::size_t differ = 0;
  for (int i = 0; i < fields; ++i) {
    for (int lane = 0; lane < lanes; ++lane) {
      const std::size_t at = static_cast<std::size_t>(i) * static_cast<std::size_t>(stride) +
                             static_cast<std::size_t>(lane);
      differ += std::memcmp(&a[at], &b[at], sizeof(T)) != 0 ? 1 : 0;
    }
  }
  return differ;
}

// Runs a full batch of `capacity` lanes and then a partial one, from trajectory 0, for `days`
// days, in `precision`. run_batch(first, lanes, final_state) runs one batch on the backend under
// test and leaves its final state in final_state (a BatchState of `capacity` in `precision`);
// statistics(into) then writes the statistics of all its batches into `into`.
template <class RunBatch, class Statistics>
void expect_bitwise_equal_to_cpu_backend(const model::ModelParameters& m,
                                         engine::Precision precision, std::uint64_t seed,
                                         int capacity, int days, RunBatch&& run_batch,
                                         Statistics&& statistics) {
  engine::DailyStatistics on_cpu(m, days);
  engine::CpuBackend cpu(m, capacity, precision);
  engine::BatchState under_test(m, capacity, precision);
  std::uint64_t first = 0;
  for (const int lanes : {capacity, capacity / 2 + 1}) {
    StatisticsObserver observer(on_cpu);
    cpu.run_batch(seed, first, lanes, days, observer);
    run_batch(first, lanes, under_test);
    engine::BatchState& expected = cpu.state();
    const model::StateLayout& layout = expected.layout();
    const int stride = expected.stride();
    ASSERT_EQ(under_test.stride(), stride);
    const std::size_t differing_reals = engine::with_real_type(precision, [&](auto real) {
      using Real = decltype(real);
      return differing_lane_values(expected.reals<Real>(), under_test.reals<Real>(),
                                   layout.real_elements, stride, lanes);
    });
    EXPECT_EQ(differing_reals, 0u) << "real state values, batch from " << first;
    EXPECT_EQ(differing_lane_values(expected.ints(), under_test.ints(), layout.int_elements, stride,
                                    lanes),
              0u)
        << "integer state values, batch from " << first;
    EXPECT_EQ(differing_lane_values(expected.draws().values, under_test.draws().values,
                                    m.drawn_count, stride, lanes),
              0u)
        << "parameter draws, batch from " << first;
    first += static_cast<std::uint64_t>(lanes);
  }
  engine::DailyStatistics from_test(m, days);
  statistics(from_test);
  ASSERT_EQ(from_test.trajectories(), first);
  for (const char* name : kAccumulatorNames) {
    EXPECT_EQ(differing_elements(on_cpu, from_test, name), 0u) << name;
  }
  // Not vacuous: the ensemble spreads, shortages occur and a regime changes level.
  const int last = days - 1;
  EXPECT_LT(on_cpu.min(last, 0), on_cpu.max(last, 0));
  bool any_shortage = false, any_regime_change = false;
  for (int v = 0; v < on_cpu.variables().size(); ++v) {
    any_shortage = any_shortage || on_cpu.positive_probability(last, v) > 0.0;
  }
  for (int x = 0; x < on_cpu.regimes(); ++x) {
    for (int level = 0; level < model::kRegimeLevels; ++level) {
      const double p = on_cpu.regime_probability(last, x, level);
      any_regime_change = any_regime_change || (p > 0.0 && p < 1.0);
    }
  }
  EXPECT_TRUE(any_shortage);
  EXPECT_TRUE(any_regime_change);
}

}  // namespace mineralsim::testing
