#pragma once
// Batches of trajectories run where a Thrust system keeps its memory: the device loop of the CUDA
// backend, written once against Thrust so that the tests run the very same code on the CPU with
// the OpenMP system (thrust::omp::par, thrust::omp::vector).
//
// The state, the draws and the run's statistics accumulators stay in the system's memory: each
// day every lane takes one model step (thrust::for_each over the single-source model), then the
// day's statistics are reduced in place (daily_statistics_reduction.hpp). Only the accumulators
// and, at the end of a batch, the fields of its final state that the per-trajectory summaries read
// come back.
#include <thrust/copy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <cstdint>
#include <string>

#include "daily_statistics_reduction.hpp"
#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"

namespace mineralsim::kernels {

namespace runner_detail {

// The pieces of a batch each lane's functor needs; the layout by value so that it can point at it.
template <class Real>
struct LaneKernelArguments {
  model::ModelParameters model;  // arrays readable under the runner's policy
  model::StateLayout layout;
  Real* reals;
  std::int32_t* ints;
  double* draws;
  int stride;
  std::uint64_t seed;
  std::uint64_t first;
};

template <class Real>
struct InitialiseLane {
  LaneKernelArguments<Real> a;
  MINERALSIM_HD void operator()(int lane) const {
    const std::uint64_t trajectory = a.first + static_cast<std::uint64_t>(lane);
    model::draw_trajectory_parameters(a.model, a.seed, trajectory, a.draws, a.stride, lane);
    model::initialise_trajectory(
        a.model, model::ParamReader<Real>{&a.model, {a.draws, a.stride}, lane},
        model::LaneState<Real>{&a.layout, a.reals, a.ints, a.stride, lane}, a.seed, trajectory);
  }
};

template <class Real>
struct StepLane {
  LaneKernelArguments<Real> a;
  int day;
  MINERALSIM_HD void operator()(int lane) const {
    model::step_lane(a.model, {a.draws, a.stride}, a.layout, a.reals, a.ints, a.stride, lane,
                     a.seed, a.first + static_cast<std::uint64_t>(lane), day);
  }
};

}  // namespace runner_detail

// Policy: a Thrust execution policy (thrust::cuda::par, thrust::omp::par); Vector: a container of
// that system (thrust::cuda::vector, thrust::omp::vector); Real: the run's precision.
template <class Policy, template <class...> class Vector, class Real>
class ThrustBatchRunner {
 public:
  // `model` must point at arrays readable under `policy` (device copies for CUDA). `statistics`
  // gives the shape and the starting values of the accumulators (a resumed run's, or zeros).
  ThrustBatchRunner(Policy policy, const model::ModelParameters& model, int capacity,
                    const engine::DailyStatistics& statistics)
      : policy_(policy),
        model_(model),
        layout_(model::StateLayout::for_dimensions(model.dims)),
        stride_(engine::BatchState::stride_for(capacity)),
        reals_(static_cast<std::size_t>(layout_.real_elements) * stride_),
        ints_(static_cast<std::size_t>(layout_.int_elements) * stride_),
        draws_(static_cast<std::size_t>(model.drawn_count) * stride_ + 1),
        variables_(statistics.variables().variables.begin(),
                   statistics.variables().variables.end()),
        histogram_slots_(statistics.histogram_slots().begin(), statistics.histogram_slots().end()),
        binnings_(statistics.binnings().begin(), statistics.binnings().end()),
        scratch_(statistics.variables().variables.size()),
        regimes_(statistics.regimes()),
        days_(statistics.days()) {
    // The device arrays are never resized after this, so their addresses hold for the run.
    statistics.for_each_accumulator([this](const std::string& name, const auto& values) {
      auto& device = accumulator_named(accumulators_, name, values.data());
      device.assign(values.begin(), values.end());
      accumulator_named(into_, name, values.data()) = raw(device);
    });
  }

  // Not copyable: into_ points into this runner's own arrays.
  ThrustBatchRunner(const ThrustBatchRunner&) = delete;
  ThrustBatchRunner& operator=(const ThrustBatchRunner&) = delete;

  // Simulates trajectories [first, first + lanes), lanes <= capacity, over the statistics' days,
  // adding each day's statistics to the accumulators.
  void run_batch(std::uint64_t seed, std::uint64_t first, int lanes) {
    const runner_detail::LaneKernelArguments<Real> arguments{
        model_, layout_, raw(reals_), raw(ints_), raw(draws_), stride_, seed, first};
    const thrust::counting_iterator<int> lane0(0);
    thrust::for_each(policy_, lane0, lane0 + lanes, runner_detail::InitialiseLane<Real>{arguments});
    const StatisticsTables tables{
        raw(variables_), static_cast<int>(variables_.size()), raw(histogram_slots_),
        raw(binnings_),  static_cast<int>(binnings_.size()),  regimes_};
    const BatchStateView<Real> view{layout_, raw(reals_), raw(ints_), stride_};
    for (int day = 0; day < days_; ++day) {
      thrust::for_each(policy_, lane0, lane0 + lanes,
                       runner_detail::StepLane<Real>{arguments, day});
      reduce_day_statistics(policy_, tables, into_, view, lanes, day, raw(scratch_));
    }
  }

  // The last batch's state at the end of its last day, into a host batch of the same capacity
  // (so of the same stride).
  void copy_state_to(engine::BatchState& host) const {
    thrust::copy(reals_.begin(), reals_.end(), host.reals<Real>());
    thrust::copy(ints_.begin(), ints_.end(), host.ints());
    thrust::copy(draws_.begin(), draws_.end() - 1, host.draw_values());
  }

  // Only what the per-trajectory summaries read (engine::kSummaryRealFields, kSummaryIntFields and
  // the draws) of the last batch's final state, into a host batch of the same capacity: a few
  // fields rather than the whole state cross to the host.
  void copy_summary_state_to(engine::BatchState& host) const {
    for (const model::RealField field : engine::kSummaryRealFields) {
      copy_field(reals_, layout_.real_offset[static_cast<int>(field)],
                 model::kRealFieldExtent[static_cast<int>(field)], host.reals<Real>());
    }
    for (const model::IntField field : engine::kSummaryIntFields) {
      copy_field(ints_, layout_.int_offset[static_cast<int>(field)],
                 model::kIntFieldExtent[static_cast<int>(field)], host.ints());
    }
    thrust::copy(draws_.begin(), draws_.end() - 1, host.draw_values());
  }

  // Every accumulator so far (the starting values plus every batch run since).
  void copy_statistics_to(engine::DailyStatistics& host) {
    host.for_each_accumulator([this](const std::string& name, auto& values) {
      const auto& device = accumulator_named(accumulators_, name, values.data());
      thrust::copy(device.begin(), device.end(), values.begin());
    });
  }

 private:
  // One field's elements, all lanes of the stride, from `from` to the same place in `to`.
  template <class T>
  void copy_field(const Vector<T>& from, int offset, model::StateExtent extent, T* to) const {
    const auto begin = static_cast<std::ptrdiff_t>(offset) * stride_;
    const auto end =
        begin + static_cast<std::ptrdiff_t>(model::state_extent(model_.dims, extent)) * stride_;
    thrust::copy(from.begin() + begin, from.begin() + end, to + begin);
  }
  template <class T>
  static T* raw(Vector<T>& v) {
    return thrust::raw_pointer_cast(v.data());
  }
  template <class T>
  static const T* raw(const Vector<T>& v) {
    return thrust::raw_pointer_cast(v.data());
  }

  Policy policy_;
  model::ModelParameters model_;
  model::StateLayout layout_;
  int stride_;
  Vector<Real> reals_;
  Vector<std::int32_t> ints_;
  Vector<double> draws_;  // one spare element: a model without draws still gets an address
  Vector<engine::ObservedVariable> variables_;
  Vector<int> histogram_slots_;
  Vector<engine::HistogramBinning> binnings_;
  Vector<MomentCell> scratch_;
  int regimes_;
  int days_;
  // The accumulators, with StatisticsAccumulators' member names, and those pointers into them.
  struct DeviceAccumulators {
    Vector<std::uint64_t> count, positive, regime_count;
    Vector<detail::ExactSum> sum, square_sum;
    Vector<double> min, max;
    Vector<std::uint32_t> histogram;
  } accumulators_;
  StatisticsAccumulators into_{};
};

}  // namespace mineralsim::kernels
