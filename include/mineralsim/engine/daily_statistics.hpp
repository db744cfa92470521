#pragma once
// Per-day ensemble statistics of every observed variable: mean, standard deviation, min, max,
// quantiles (from fixed histograms), the probability that it is positive (for unmet demand: the
// probability of a shortage), and the probability of each regime level.
//
// Sums run over trajectories in global index order (batches arrive in order; within a batch each
// variable is summed over lanes in order by one thread), so the result is bitwise the same for
// any thread count and any batch size.
#include <array>
#include <cstdint>
#include <vector>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/histogram_binning.hpp"
#include "mineralsim/engine/observed_variables.hpp"

namespace mineralsim::engine {

inline constexpr std::array<double, 7> kQuantileLevels = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};

class DailyStatistics {
 public:
  DailyStatistics(const model::ModelParameters& model, int days);

  // Bytes the accumulators of a run of `days` days take (for memory estimates).
  static std::size_t bytes_for(const model::ModelParameters& model, int days);

  // Adds the state of lanes [0, lanes) at the end of `day`.
  void accumulate_day(int day, const BatchState& batch, int lanes);

  int days() const { return days_; }
  const ObservedVariables& variables() const { return variables_; }
  std::uint64_t trajectories() const { return count_.empty() ? 0 : count_[0]; }

  double mean(int day, int v) const;
  double standard_deviation(int day, int v) const;
  double min(int day, int v) const { return min_[index(day, v)]; }
  double max(int day, int v) const { return max_[index(day, v)]; }
  double positive_probability(int day, int v) const;
  // Lower (type 1) sample quantile, located to its histogram bin and reported at the bin's
  // midpoint, clipped to [min, max]. NaN for variables without quantiles.
  double quantile(int day, int v, double level) const;
  double regime_probability(int day, int regime, int level) const;
  bool has_quantiles(int v) const { return histogram_slot_[static_cast<std::size_t>(v)] >= 0; }

 private:
  std::size_t index(int day, int v) const {
    return static_cast<std::size_t>(day) * static_cast<std::size_t>(variables_.size()) +
           static_cast<std::size_t>(v);
  }
  const model::ModelParameters* model_;
  int days_;
  int regimes_;
  ObservedVariables variables_;
  std::vector<HistogramBinning> binning_;  // per histogram slot
  std::vector<int> histogram_slot_;        // per variable, -1 if none
  int histogram_variables_ = 0;
  std::vector<std::uint64_t> count_;         // [day]
  std::vector<double> shifted_sum_;          // [day][v] sum of (x - scale)
  std::vector<double> shifted_square_sum_;   // [day][v]
  std::vector<double> min_, max_;            // [day][v]
  std::vector<std::uint64_t> positive_;      // [day][v]
  std::vector<std::uint32_t> histogram_;     // [day][slot][bin]
  std::vector<std::uint64_t> regime_count_;  // [day][regime][level]
};

}  // namespace mineralsim::engine
