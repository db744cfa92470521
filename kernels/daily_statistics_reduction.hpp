#pragma once
// One day's ensemble statistics, reduced where the batch's state lives. Written once with Thrust
// algorithms: the CUDA backend runs it with a CUDA execution policy on the device, and the tests
// run the very same code on the CPU with thrust::omp::par.
//
// It adds into accumulators laid out exactly as DailyStatistics' own ([day][variable] cells,
// [day][slot][bin] histograms, [day][regime][level] counts). Every accumulator is exact (integer
// counts, order-free min and max, ExactSum for the moments), so the result is bitwise the same as
// DailyStatistics::accumulate_day over the same lanes, whatever order the device reduces them in.
#include <thrust/for_each.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/discard_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/reduce.h>

#include <cstdint>
#include <string>

#include "mineralsim/detail/exact_sum.hpp"
#include "mineralsim/detail/hd.hpp"
#include "mineralsim/engine/histogram_binning.hpp"
#include "mineralsim/engine/observed_variables.hpp"
#include "mineralsim/model/observables.hpp"
#include "mineralsim/model/state.hpp"

namespace mineralsim::kernels {

// What is observed, in memory the policy can read (device memory for CUDA).
struct StatisticsTables {
  const engine::ObservedVariable* variables;
  int variable_count;
  const int* histogram_slot;                // per variable; -1: no histogram
  const engine::HistogramBinning* binning;  // per histogram slot
  int histogram_variables;
  int regimes;
};

// The run's accumulators, laid out as DailyStatistics' (see for_each_accumulator there).
struct StatisticsAccumulators {
  std::uint64_t* count;          // [day]
  detail::ExactSum* sum;         // [day][variable], of x - scale
  detail::ExactSum* square_sum;  // [day][variable], of (x - scale)^2
  double* min;                   // [day][variable]
  double* max;                   // [day][variable]
  std::uint64_t* positive;       // [day][variable]
  std::uint32_t* histogram;      // [day][slot][bin]
  std::uint64_t* regime_count;   // [day][regime][level]
};

// The member of `set` that DailyStatistics::for_each_accumulator calls `name`, for any struct
// with StatisticsAccumulators' member names (its pointers, or containers of the elements); the
// element pointer only selects among the members of that element type.
template <class Set>
auto& accumulator_named(Set& set, const std::string& name, const detail::ExactSum*) {
  return name == "sum" ? set.sum : set.square_sum;
}
template <class Set>
auto& accumulator_named(Set& set, const std::string& name, const double*) {
  return name == "min" ? set.min : set.max;
}
template <class Set>
auto& accumulator_named(Set& set, const std::string&, const std::uint32_t*) {
  return set.histogram;
}
template <class Set>
auto& accumulator_named(Set& set, const std::string& name, const std::uint64_t*) {
  return name == "count" ? set.count : name == "positive" ? set.positive : set.regime_count;
}

// A batch's lane-minor state, reals in the run's precision; the layout is held by value so that
// device code can point at it.
template <class Real>
struct BatchStateView {
  model::StateLayout layout;
  Real* reals;
  std::int32_t* ints;
  int stride;
};

// Scratch the caller provides: one cell per observed variable.
struct MomentCell {
  detail::ExactSum sum;
  detail::ExactSum square_sum;
  double min;
  double max;
  std::uint64_t positive;
};

namespace statistics_detail {

MINERALSIM_HD inline void atomic_increment(std::uint32_t* counter) {
#if defined(__CUDA_ARCH__)
  atomicAdd(counter, 1u);
#else
  __atomic_fetch_add(counter, 1u, __ATOMIC_RELAXED);
#endif
}

MINERALSIM_HD inline void atomic_increment(std::uint64_t* counter) {
#if defined(__CUDA_ARCH__)
  atomicAdd(reinterpret_cast<unsigned long long*>(counter), 1ull);
#else
  __atomic_fetch_add(counter, std::uint64_t{1}, __ATOMIC_RELAXED);
#endif
}

// Index i of the (variable, lane) grid: variable-major, so each variable is one key segment.
struct VariableOfIndex {
  std::int64_t lanes;
  MINERALSIM_HD int operator()(std::int64_t i) const { return static_cast<int>(i / lanes); }
};

template <class Real>
struct ObserveMoments {
  StatisticsTables tables;
  BatchStateView<Real> state;
  std::int64_t lanes;

  MINERALSIM_HD MomentCell operator()(std::int64_t i) const {
    const engine::ObservedVariable& var = tables.variables[i / lanes];
    const model::LaneState<Real> lane{&state.layout, state.reals, state.ints, state.stride,
                                      static_cast<int>(i % lanes)};
    const double x = model::observe(lane, var.observable, var.element);
    const double shifted = x - var.scale;
    MomentCell cell;
    cell.sum.add(shifted);
    cell.square_sum.add_square(shifted);
    cell.min = x;
    cell.max = x;
    cell.positive = x > 0.0 ? 1 : 0;
    return cell;
  }
};

struct CombineMoments {
  MINERALSIM_HD MomentCell operator()(const MomentCell& a, const MomentCell& b) const {
    MomentCell out = a;
    out.sum.add(b.sum);
    out.square_sum.add(b.square_sum);
    out.min = b.min < out.min ? b.min : out.min;
    out.max = b.max > out.max ? b.max : out.max;
    out.positive += b.positive;
    return out;
  }
};

// Adds each variable's reduced cell into the day's accumulators.
struct AddMomentsToDay {
  const MomentCell* cells;
  StatisticsAccumulators into;
  std::int64_t day_offset;  // day * variable_count

  MINERALSIM_HD void operator()(int v) const {
    const MomentCell& cell = cells[v];
    const std::int64_t at = day_offset + v;
    into.sum[at].add(cell.sum);
    into.square_sum[at].add(cell.square_sum);
    into.min[at] = cell.min < into.min[at] ? cell.min : into.min[at];
    into.max[at] = cell.max > into.max[at] ? cell.max : into.max[at];
    into.positive[at] += cell.positive;
  }
};

template <class Real>
struct CountHistogramBin {
  StatisticsTables tables;
  BatchStateView<Real> state;
  std::int64_t lanes;
  std::uint32_t* day_histogram;  // [slot][bin] of the day

  MINERALSIM_HD void operator()(std::int64_t i) const {
    const int v = static_cast<int>(i / lanes);
    const int slot = tables.histogram_slot[v];
    if (slot < 0) return;
    const engine::ObservedVariable& var = tables.variables[v];
    const model::LaneState<Real> lane{&state.layout, state.reals, state.ints, state.stride,
                                      static_cast<int>(i % lanes)};
    const double x = model::observe(lane, var.observable, var.element);
    const int bin = tables.binning[slot].bin(x);
    atomic_increment(
        &day_histogram[static_cast<std::int64_t>(slot) * engine::HistogramBinning::kBins + bin]);
  }
};

template <class Real>
struct CountRegimeLevel {
  BatchStateView<Real> state;
  std::int64_t lanes;
  std::uint64_t* day_regime_count;  // [regime][level] of the day

  MINERALSIM_HD void operator()(std::int64_t i) const {
    const int regime = static_cast<int>(i / lanes);
    const model::LaneState<Real> lane{&state.layout, state.reals, state.ints, state.stride,
                                      static_cast<int>(i % lanes)};
    const int level = lane(model::IntField::regime_level, regime);
    atomic_increment(&day_regime_count[regime * model::kRegimeLevels + level]);
  }
};

struct AddLanesToDayCount {
  std::uint64_t* count;
  std::uint64_t lanes;
  MINERALSIM_HD void operator()(int) const { *count += lanes; }
};

}  // namespace statistics_detail

// Adds the state of lanes [0, lanes) at the end of `day` to the accumulators. `scratch` holds
// tables.variable_count cells. Every pointer must be readable and writable under `policy`.
template <class Policy, class Real>
void reduce_day_statistics(Policy&& policy, const StatisticsTables& tables,
                           const StatisticsAccumulators& into, const BatchStateView<Real>& state,
                           int lanes, int day, MomentCell* scratch) {
  using namespace statistics_detail;
  const std::int64_t n = lanes;
  const thrust::counting_iterator<std::int64_t> first(0);
  const std::int64_t grid = n * tables.variable_count;
  thrust::reduce_by_key(
      policy, thrust::make_transform_iterator(first, VariableOfIndex{n}),
      thrust::make_transform_iterator(first + grid, VariableOfIndex{n}),
      thrust::make_transform_iterator(first, ObserveMoments<Real>{tables, state, n}),
      thrust::make_discard_iterator(), scratch, thrust::equal_to<int>(), CombineMoments{});
  const std::int64_t day_offset = static_cast<std::int64_t>(day) * tables.variable_count;
  thrust::for_each(policy, thrust::counting_iterator<int>(0),
                   thrust::counting_iterator<int>(tables.variable_count),
                   AddMomentsToDay{scratch, into, day_offset});
  std::uint32_t* day_histogram = into.histogram + static_cast<std::int64_t>(day) *
                                                      tables.histogram_variables *
                                                      engine::HistogramBinning::kBins;
  thrust::for_each(policy, first, first + grid,
                   CountHistogramBin<Real>{tables, state, n, day_histogram});
  std::uint64_t* day_regime_count =
      into.regime_count + static_cast<std::int64_t>(day) * tables.regimes * model::kRegimeLevels;
  thrust::for_each(policy, first, first + n * tables.regimes,
                   CountRegimeLevel<Real>{state, n, day_regime_count});
  thrust::for_each(policy, thrust::counting_iterator<int>(0), thrust::counting_iterator<int>(1),
                   AddLanesToDayCount{into.count + day, static_cast<std::uint64_t>(lanes)});
}

}  // namespace mineralsim::kernels
