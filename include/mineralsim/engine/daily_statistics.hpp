#pragma once
// Per-day ensemble statistics of every observed variable: mean, standard deviation, min, max,
// quantiles (from fixed histograms), the probability that it is positive (for unmet demand: the
// probability of a shortage), and the probability of each regime level.
//
// Every accumulator is exactly mergeable: counts and histograms are integers, min and max are
// order-free, and the sums of x - scale and of its square are exact fixed-point sums
// (detail::ExactSum). The statistics are therefore bitwise the same for any order in which
// trajectories are added: any thread count, batch size, shard or backend, and two statistics of
// disjoint sets of trajectories merge into exactly the statistics of their union.
#include <array>
#include <cstdint>
#include <vector>

#include "mineralsim/detail/exact_sum.hpp"
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
  // Adds the trajectories another statistics object (same model and days) has seen.
  void merge(const DailyStatistics& other);

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
  // The first day whose mean (or standard deviation) of variable v is unknown because a value or
  // its square was beyond what the exact sums hold, or not finite; -1 when none is.
  int first_day_with_unknown_moments(int v) const;
  bool has_quantiles(int v) const { return histogram_slot_[static_cast<std::size_t>(v)] >= 0; }
  // Per variable, its histogram slot (-1: none); per slot, its bins. For device-side reductions.
  const std::vector<int>& histogram_slots() const { return histogram_slot_; }
  const std::vector<HistogramBinning>& binnings() const { return binning_; }
  int regimes() const { return regimes_; }

  // Calls visit(name, vector) for each raw accumulator (a std::vector of integers, doubles or
  // ExactSum), so that a checkpoint can store them and a resumed run read them back.
  template <class Visit>
  void for_each_accumulator(Visit&& visit) {
    visit_accumulators(*this, visit);
  }
  template <class Visit>
  void for_each_accumulator(Visit&& visit) const {
    visit_accumulators(*this, visit);
  }

 private:
  template <class Real>
  void accumulate_day_in(int day, const BatchState& batch, int lanes);
  template <class Self, class Visit>
  static void visit_accumulators(Self& self, Visit& visit) {
    visit("count", self.count_);
    visit("sum", self.shifted_sum_);
    visit("square_sum", self.shifted_square_sum_);
    visit("min", self.min_);
    visit("max", self.max_);
    visit("positive", self.positive_);
    visit("histogram", self.histogram_);
    visit("regime_count", self.regime_count_);
  }
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
  std::vector<std::uint64_t> count_;                  // [day]
  std::vector<detail::ExactSum> shifted_sum_;         // [day][v] sum of (x - scale)
  std::vector<detail::ExactSum> shifted_square_sum_;  // [day][v] sum of (x - scale)^2
  std::vector<double> min_, max_;                     // [day][v]
  std::vector<std::uint64_t> positive_;               // [day][v]
  std::vector<std::uint32_t> histogram_;              // [day][slot][bin]
  std::vector<std::uint64_t> regime_count_;           // [day][regime][level]
};

}  // namespace mineralsim::engine
