#pragma once
// Batches of trajectories run where a Thrust system keeps its memory: the device loop of the CUDA
// backend, written once against Thrust so that the tests run the very same code on the CPU with
// the OpenMP system (thrust::omp::par, thrust::omp::vector).
//
// The state, the draws and the run's statistics accumulators stay in the system's memory: each
// day every lane takes one model step (thrust::for_each over the single-source model), then the
// day's statistics are reduced in place (daily_statistics_reduction.hpp). Only the results come
// back: the accumulators and the fields of the batch's final state that the per-trajectory
// summaries read. They are first copied within the system into one of two result slots, then
// through the Link (host_link.hpp, cuda_link.hpp) to the host, so that the next batch can run
// while they travel.
#include <thrust/copy.h>
#include <thrust/for_each.h>
#include <thrust/iterator/counting_iterator.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "daily_statistics_reduction.hpp"
#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"
#include "reused_temporary_storage.hpp"

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
// that system (thrust::cuda::vector, thrust::omp::vector); Real: the run's precision; Link: how
// results cross from the system's memory to the host (HostLink, CudaLink).
template <class Policy, template <class...> class Vector, class Real, class Link>
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
    const std::size_t result_bytes = for_each_result(nullptr, [](auto&&...) {});
    for (Vector<unsigned char>& slot : result_slots_) slot.resize(result_bytes);
    link_.reserve(result_bytes);
  }

  // Not copyable: into_ points into this runner's own arrays.
  ThrustBatchRunner(const ThrustBatchRunner&) = delete;
  ThrustBatchRunner& operator=(const ThrustBatchRunner&) = delete;

  // Simulates trajectories [first, first + lanes), lanes <= capacity, over the statistics' days,
  // adding each day's statistics to the accumulators; from the thread that calls it. Returns early,
  // leaving the batch incomplete, once `abandon` (if given) is set.
  void run_batch(std::uint64_t seed, std::uint64_t first, int lanes,
                 const std::atomic<bool>* abandon = nullptr) {
    link_.use_on_this_thread();
    const runner_detail::LaneKernelArguments<Real> arguments{
        model_, layout_, raw(reals_), raw(ints_), raw(draws_), stride_, seed, first};
    const thrust::counting_iterator<int> lane0(0);
    thrust::for_each(policy_, lane0, lane0 + lanes, runner_detail::InitialiseLane<Real>{arguments});
    const StatisticsTables tables{
        raw(variables_), static_cast<int>(variables_.size()), raw(histogram_slots_),
        raw(binnings_),  static_cast<int>(binnings_.size()),  regimes_};
    const BatchStateView<Real> view{layout_, raw(reals_), raw(ints_), stride_};
    for (int day = 0; day < days_; ++day) {
      if (abandon != nullptr && abandon->load()) return;
      thrust::for_each(policy_, lane0, lane0 + lanes,
                       runner_detail::StepLane<Real>{arguments, day});
      reduce_day_statistics(policy_(temporary_storage_), tables, into_, view, lanes, day,
                            raw(scratch_));
    }
  }

  // After run_batch, from the same thread: the results so far (every accumulator, and the fields
  // of the batch's final state that the summaries read) into result slot `slot` (0 or 1), and
  // from there on their way to the host. The next run_batch may start at once; the slot must not
  // be sent again before receive_results has taken it.
  void send_results(int slot) {
    unsigned char* packed = raw(result_slots_[slot]);
    for_each_result(nullptr, [&](const auto* from, auto*, std::size_t bytes, std::size_t offset) {
      link_.snapshot(packed + offset, reinterpret_cast<const unsigned char*>(from), bytes);
    });
    link_.send_to_host(slot, packed, result_slots_[slot].size());
  }

  // Waits for the results sent through `slot`, then puts them into the host's `statistics` (every
  // accumulator) and `host` (a batch of the same capacity: the summaries' fields, the rest left as
  // it was).
  void receive_results(int slot, engine::DailyStatistics& statistics, engine::BatchState& host) {
    link_.wait_for_host(slot);
    const unsigned char* packed = link_.host_slot(slot);
    const HostResults into{&statistics, &host};
    for_each_result(&into, [&](const auto*, auto* to, std::size_t bytes, std::size_t offset) {
      std::memcpy(to, packed + offset, bytes);
    });
  }

  // The last batch's state at the end of its last day, into a host batch of the same capacity
  // (so of the same stride).
  void copy_state_to(engine::BatchState& host) const {
    thrust::copy(reals_.begin(), reals_.end(), host.reals<Real>());
    thrust::copy(ints_.begin(), ints_.end(), host.ints());
    thrust::copy(draws_.begin(), draws_.end() - 1, host.draw_values());
  }

 private:
  // Where the results land on the host.
  struct HostResults {
    engine::DailyStatistics* statistics;
    engine::BatchState* state;
  };

  // Calls visit(from, to, bytes, offset) for each array of the results, in one fixed order: from
  // in the system's memory, to on the host (null when `host` is), offset its place in a result
  // slot. Returns the bytes of a slot.
  template <class Visit>
  std::size_t for_each_result(const HostResults* host, Visit&& visit) {
    std::size_t offset = 0;
    const auto next = [&](const auto* from, auto* to, std::size_t count) {
      constexpr std::size_t kAlignment = 16;  // of any element type in a slot
      offset = (offset + kAlignment - 1) / kAlignment * kAlignment;
      visit(from, to, count * sizeof(*from), offset);
      offset += count * sizeof(*from);
    };
    const auto in_host = [](auto* base, std::ptrdiff_t begin) {
      return base == nullptr ? base : base + begin;
    };
    StatisticsAccumulators host_accumulators{};
    if (host != nullptr) {
      host->statistics->for_each_accumulator([&](const std::string& name, auto& values) {
        accumulator_named(host_accumulators, name, values.data()) = values.data();
      });
    }
    const DeviceAccumulators& a = accumulators_;
    const StatisticsAccumulators& h = host_accumulators;
    next(raw(a.count), h.count, a.count.size());
    next(raw(a.positive), h.positive, a.positive.size());
    next(raw(a.regime_count), h.regime_count, a.regime_count.size());
    next(raw(a.sum), h.sum, a.sum.size());
    next(raw(a.square_sum), h.square_sum, a.square_sum.size());
    next(raw(a.min), h.min, a.min.size());
    next(raw(a.max), h.max, a.max.size());
    next(raw(a.histogram), h.histogram, a.histogram.size());
    Real* host_reals = host == nullptr ? nullptr : host->state->template reals<Real>();
    std::int32_t* host_ints = host == nullptr ? nullptr : host->state->ints();
    for (const model::RealField field : engine::kSummaryRealFields) {
      const auto [begin, count] = field_range(layout_.real_offset[static_cast<int>(field)],
                                              model::kRealFieldExtent[static_cast<int>(field)]);
      next(raw(reals_) + begin, in_host(host_reals, begin), count);
    }
    for (const model::IntField field : engine::kSummaryIntFields) {
      const auto [begin, count] = field_range(layout_.int_offset[static_cast<int>(field)],
                                              model::kIntFieldExtent[static_cast<int>(field)]);
      next(raw(ints_) + begin, in_host(host_ints, begin), count);
    }
    next(raw(draws_), host == nullptr ? nullptr : host->state->draw_values(), draws_.size() - 1);
    return offset;
  }

  // One field's elements, all lanes of the stride: where they begin in the state's array, and how
  // many there are.
  std::pair<std::ptrdiff_t, std::size_t> field_range(int offset, model::StateExtent extent) const {
    return {static_cast<std::ptrdiff_t>(offset) * stride_,
            model::state_extent(model_.dims, extent) * static_cast<std::size_t>(stride_)};
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
  Vector<unsigned char> result_slots_[2];
  ReusedTemporaryStorage<Vector> temporary_storage_;
  Link link_;
};

}  // namespace mineralsim::kernels
