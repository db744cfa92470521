#include "mineralsim/engine/daily_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mineralsim::engine {

using model::kRegimeLevels;

DailyStatistics::DailyStatistics(const model::ModelParameters& model, int days)
    : model_(&model),
      days_(days),
      regimes_(model.dims.regimes),
      variables_(ObservedVariables::for_model(model)) {
  for (const ObservedVariable& v : variables_.variables) {
    if (model::kObservableInfo[static_cast<int>(v.observable)].has_quantiles) {
      histogram_slot_.push_back(histogram_variables_++);
      binning_.push_back(HistogramBinning::for_observable(v.observable, v.scale));
    } else {
      histogram_slot_.push_back(-1);
    }
  }
  const auto cells = static_cast<std::size_t>(days) * variables_.variables.size();
  count_.assign(static_cast<std::size_t>(days), 0);
  shifted_sum_.assign(cells, detail::ExactSum{});
  shifted_square_sum_.assign(cells, detail::ExactSum{});
  min_.assign(cells, std::numeric_limits<double>::infinity());
  max_.assign(cells, -std::numeric_limits<double>::infinity());
  positive_.assign(cells, 0);
  histogram_.assign(static_cast<std::size_t>(days) *
                        static_cast<std::size_t>(histogram_variables_) * HistogramBinning::kBins,
                    0);
  regime_count_.assign(
      static_cast<std::size_t>(days) * static_cast<std::size_t>(regimes_) * kRegimeLevels, 0);
}

std::size_t DailyStatistics::bytes_for(const model::ModelParameters& model, int days) {
  const ObservedVariables v = ObservedVariables::for_model(model);
  std::size_t histograms = 0;
  for (const ObservedVariable& var : v.variables) {
    if (model::kObservableInfo[static_cast<int>(var.observable)].has_quantiles) ++histograms;
  }
  const auto d = static_cast<std::size_t>(days);
  return d * (v.variables.size() *
                  (2 * sizeof(detail::ExactSum) + 2 * sizeof(double) + sizeof(std::uint64_t)) +
              histograms * HistogramBinning::kBins * sizeof(std::uint32_t) +
              static_cast<std::size_t>(model.dims.regimes) * kRegimeLevels * sizeof(std::uint64_t));
}

void DailyStatistics::accumulate_day(int day, const BatchState& batch, int lanes) {
  with_real_type(batch.precision(), [&](auto precision) {
    accumulate_day_in<decltype(precision)>(day, batch, lanes);
  });
}

template <class Real>
void DailyStatistics::accumulate_day_in(int day, const BatchState& batch, int lanes) {
  const int variable_count = variables_.size();
  const auto hist_base =
      static_cast<std::size_t>(day) * static_cast<std::size_t>(histogram_variables_);
#pragma omp parallel for schedule(dynamic, 1)
  for (int v = 0; v < variable_count; ++v) {
    const ObservedVariable& var = variables_.variables[static_cast<std::size_t>(v)];
    const std::size_t cell = index(day, v);
    const int slot = histogram_slot_[static_cast<std::size_t>(v)];
    std::uint32_t* histogram =
        slot < 0
            ? nullptr
            : &histogram_[(hist_base + static_cast<std::size_t>(slot)) * HistogramBinning::kBins];
    // Local copies: threads work on neighbouring cells, and writing through to them on every
    // lane would make the threads fight over shared cache lines.
    detail::ExactSum sum = shifted_sum_[cell];
    detail::ExactSum square_sum = shifted_square_sum_[cell];
    double lowest = min_[cell];
    double highest = max_[cell];
    std::uint64_t positive = positive_[cell];
    // One view moved from lane to lane: the batch's precision is checked once, not per value.
    model::LaneState<Real> state = batch.lane<Real>(0);
    for (int lane = 0; lane < lanes; ++lane) {
      state.lane = lane;
      const double x = model::observe(state, var.observable, var.element);
      const double shifted = x - var.scale;
      sum.add(shifted);
      square_sum.add_square(shifted);
      lowest = std::min(lowest, x);
      highest = std::max(highest, x);
      positive += x > 0.0 ? 1 : 0;
      if (histogram != nullptr) ++histogram[binning_[static_cast<std::size_t>(slot)].bin(x)];
    }
    shifted_sum_[cell] = sum;
    shifted_square_sum_[cell] = square_sum;
    min_[cell] = lowest;
    max_[cell] = highest;
    positive_[cell] = positive;
  }
  model::LaneState<Real> s = batch.lane<Real>(0);
  for (int lane = 0; lane < lanes; ++lane) {
    s.lane = lane;
    for (int x = 0; x < regimes_; ++x) {
      const int level = s(model::IntField::regime_level, x);
      ++regime_count_[(static_cast<std::size_t>(day) * static_cast<std::size_t>(regimes_) +
                       static_cast<std::size_t>(x)) *
                          kRegimeLevels +
                      static_cast<std::size_t>(level)];
    }
  }
  count_[static_cast<std::size_t>(day)] += static_cast<std::uint64_t>(lanes);
}

void DailyStatistics::merge(const DailyStatistics& other) {
  for (std::size_t i = 0; i < count_.size(); ++i) count_[i] += other.count_[i];
  for (std::size_t i = 0; i < shifted_sum_.size(); ++i) {
    shifted_sum_[i].add(other.shifted_sum_[i]);
    shifted_square_sum_[i].add(other.shifted_square_sum_[i]);
    min_[i] = std::min(min_[i], other.min_[i]);
    max_[i] = std::max(max_[i], other.max_[i]);
    positive_[i] += other.positive_[i];
  }
  for (std::size_t i = 0; i < histogram_.size(); ++i) histogram_[i] += other.histogram_[i];
  for (std::size_t i = 0; i < regime_count_.size(); ++i) regime_count_[i] += other.regime_count_[i];
}

double DailyStatistics::mean(int day, int v) const {
  const auto n = static_cast<double>(count_[static_cast<std::size_t>(day)]);
  const detail::ExactSum& sum = shifted_sum_[index(day, v)];
  if (n == 0.0 || sum.rejected != 0) return std::numeric_limits<double>::quiet_NaN();
  return variables_.variables[static_cast<std::size_t>(v)].scale + sum.to_double() / n;
}

double DailyStatistics::standard_deviation(int day, int v) const {
  const auto n = static_cast<double>(count_[static_cast<std::size_t>(day)]);
  const detail::ExactSum& sum = shifted_sum_[index(day, v)];
  const detail::ExactSum& square_sum = shifted_square_sum_[index(day, v)];
  if (n < 2.0 || sum.rejected != 0 || square_sum.rejected != 0) {
    return n == 1.0 ? 0.0 : std::numeric_limits<double>::quiet_NaN();
  }
  const double s1 = sum.to_double();
  const double s2 = square_sum.to_double();
  return std::sqrt(std::max(0.0, (s2 - s1 * s1 / n) / (n - 1.0)));
}

int DailyStatistics::first_day_with_unknown_moments(int v) const {
  for (int day = 0; day < days_; ++day) {
    const std::size_t cell = index(day, v);
    if (shifted_sum_[cell].rejected != 0 || shifted_square_sum_[cell].rejected != 0) return day;
  }
  return -1;
}

double DailyStatistics::positive_probability(int day, int v) const {
  const auto n = static_cast<double>(count_[static_cast<std::size_t>(day)]);
  return n == 0.0 ? std::numeric_limits<double>::quiet_NaN()
                  : static_cast<double>(positive_[index(day, v)]) / n;
}

double DailyStatistics::quantile(int day, int v, double level) const {
  const int slot = histogram_slot_[static_cast<std::size_t>(v)];
  const std::uint64_t n = count_[static_cast<std::size_t>(day)];
  if (slot < 0 || n == 0) return std::numeric_limits<double>::quiet_NaN();
  const std::uint32_t* histogram =
      &histogram_[(static_cast<std::size_t>(day) * static_cast<std::size_t>(histogram_variables_) +
                   static_cast<std::size_t>(slot)) *
                  HistogramBinning::kBins];
  const auto rank = std::max<std::uint64_t>(
      1, static_cast<std::uint64_t>(std::ceil(level * static_cast<double>(n))));
  std::uint64_t cumulative = 0;
  int b = 0;
  for (; b < HistogramBinning::kBins; ++b) {
    cumulative += histogram[b];
    if (cumulative >= rank) break;
  }
  const double lowest = min(day, v);
  const double highest = max(day, v);
  if (b == 0) return lowest;
  if (b >= HistogramBinning::kBins - 1) return highest;
  const HistogramBinning& binning = binning_[static_cast<std::size_t>(slot)];
  const double midpoint = 0.5 * (binning.lower_edge(b) + binning.upper_edge(b));
  return std::clamp(midpoint, lowest, highest);
}

double DailyStatistics::regime_probability(int day, int regime, int level) const {
  const auto n = static_cast<double>(count_[static_cast<std::size_t>(day)]);
  return static_cast<double>(
             regime_count_[(static_cast<std::size_t>(day) * static_cast<std::size_t>(regimes_) +
                            static_cast<std::size_t>(regime)) *
                               kRegimeLevels +
                           static_cast<std::size_t>(level)]) /
         n;
}

}  // namespace mineralsim::engine
