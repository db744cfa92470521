#pragma once
// The state of one batch of trajectories on the host: one allocation of reals, one of integers,
// one of per-trajectory parameter draws, all lane-minor. Allocated once per run; the daily loop
// allocates nothing.
//
// Fields are `stride` elements apart, with stride an odd number of 64-byte cache lines: a
// power-of-two distance would map every field of a lane to the same cache sets and make the CPU
// miss on nearly every access (measured: 1.7x slower at 2048 lanes).
#include <cstdint>
#include <vector>

#include "mineralsim/model/model_parameters.hpp"
#include "mineralsim/model/state.hpp"

namespace mineralsim::engine {

class BatchState {
 public:
  BatchState(const model::ModelParameters& model, int capacity);

  // Bytes a batch of `capacity` lanes needs (for memory estimates).
  static std::size_t bytes_for(const model::ModelParameters& model, int capacity);

  int capacity() const { return capacity_; }
  int stride() const { return stride_; }
  static int stride_for(int capacity);
  const model::StateLayout& layout() const { return layout_; }
  model::TrajectoryDraws draws() const { return {draws_.data(), stride_}; }
  double* draw_values() { return draws_.data(); }
  double* reals() { return reals_.data(); }
  std::int32_t* ints() { return ints_.data(); }

  model::LaneState lane(int i) const {
    return {&layout_, const_cast<double*>(reals_.data()), const_cast<std::int32_t*>(ints_.data()),
            stride_, i};
  }
  model::ParamReader params(const model::ModelParameters& model, int i) const {
    return {&model, draws(), i};
  }

 private:
  int capacity_;
  int stride_;
  model::StateLayout layout_;
  std::vector<double> reals_;
  std::vector<std::int32_t> ints_;
  std::vector<double> draws_;
};

}  // namespace mineralsim::engine
