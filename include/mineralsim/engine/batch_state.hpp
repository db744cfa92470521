#pragma once
// The state of one batch of trajectories on the host: one allocation of reals, one of integers,
// one of per-trajectory parameter draws, all lane-minor. Allocated once per run; the daily loop
// allocates nothing. The reals are in the run's precision; the draws are always double.
//
// Fields are `stride` elements apart, with stride an odd number of 64-byte cache lines: a
// power-of-two distance would map every field of a lane to the same cache sets and make the CPU
// miss on nearly every access (measured: 1.7x slower at 2048 lanes).
#include <cstdint>
#include <vector>

#include "mineralsim/engine/precision.hpp"
#include "mineralsim/model/model_parameters.hpp"
#include "mineralsim/model/state.hpp"

namespace mineralsim::engine {

class BatchState {
 public:
  BatchState(const model::ModelParameters& model, int capacity,
             Precision precision = Precision::kDouble);

  // Bytes a batch of `capacity` lanes needs (for memory estimates).
  static std::size_t bytes_for(const model::ModelParameters& model, int capacity,
                               Precision precision = Precision::kDouble);

  Precision precision() const { return precision_; }
  int capacity() const { return capacity_; }
  int stride() const { return stride_; }
  static int stride_for(int capacity);
  const model::StateLayout& layout() const { return layout_; }
  model::TrajectoryDraws draws() const { return {draws_.data(), stride_}; }
  double* draw_values() { return draws_.data(); }
  std::int32_t* ints() { return ints_.data(); }

  // The reals and lanes in the batch's precision: Real must be its type (checked).
  template <class Real = double>
  Real* reals() const {
    if (kPrecisionOf<Real> != precision_) throw_precision_mismatch(kPrecisionOf<Real>);
    if constexpr (kPrecisionOf<Real> == Precision::kFloat) {
      return const_cast<float*>(float_reals_.data());
    } else {
      return const_cast<double*>(double_reals_.data());
    }
  }
  template <class Real = double>
  model::LaneState<Real> lane(int i) const {
    return {&layout_, reals<Real>(), const_cast<std::int32_t*>(ints_.data()), stride_, i};
  }
  template <class Real = double>
  model::ParamReader<Real> params(const model::ModelParameters& model, int i) const {
    return {&model, draws(), i};
  }

 private:
  [[noreturn]] void throw_precision_mismatch(Precision asked) const;

  Precision precision_;
  int capacity_;
  int stride_;
  model::StateLayout layout_;
  std::vector<double> double_reals_;  // empty unless the precision is double
  std::vector<float> float_reals_;    // empty unless it is float
  std::vector<std::int32_t> ints_;
  std::vector<double> draws_;
};

}  // namespace mineralsim::engine
