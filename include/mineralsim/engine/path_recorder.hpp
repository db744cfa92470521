#pragma once
// Full daily paths of a few sampled trajectories, every `every`-th day: all observed variables
// and the regime levels. The sample is spread evenly over the ensemble: trajectory
// floor(m N / M) for m = 0 .. M-1.
#include <cstdint>
#include <vector>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/observed_variables.hpp"

namespace mineralsim::engine {

class PathRecorder {
 public:
  // The regime level of a day not simulated (in a shard's file, or a partial one).
  static constexpr std::int32_t kNotSimulated = -1;

  PathRecorder(const model::ModelParameters& model, std::uint64_t trajectories, int paths, int days,
               int every);

  // Records day `day` of the sampled trajectories among [first, first + lanes).
  void record(int day, const BatchState& batch, std::uint64_t first, int lanes);

  int paths() const { return static_cast<int>(trajectories_.size()); }
  int recorded_days() const { return static_cast<int>(days_.size()); }
  const std::vector<std::uint64_t>& trajectories() const { return trajectories_; }
  const std::vector<int>& days() const { return days_; }
  const ObservedVariables& variables() const { return variables_; }
  // [path][recorded day][variable] and [path][recorded day][regime]
  const std::vector<double>& values() const { return values_; }
  const std::vector<std::int32_t>& regime_levels() const { return levels_; }

 private:
  template <class Real>
  void record_in(int day, const BatchState& batch, std::uint64_t first, int lanes);

  ObservedVariables variables_;
  int regimes_;
  int every_;
  std::vector<std::uint64_t> trajectories_;
  std::vector<int> days_;
  std::vector<double> values_;
  std::vector<std::int32_t> levels_;
};

}  // namespace mineralsim::engine
