#include "mineralsim/engine/trajectory_summaries.hpp"

namespace mineralsim::engine {

using model::IntField;
using model::RealField;

int summary_width(const model::ModelParameters& model, SummaryExtent extent) {
  const model::Dimensions& d = model.dims;
  switch (extent) {
    case SummaryExtent::kOne:
      return 1;
    case SummaryExtent::kCommodity:
      return d.commodities;
    case SummaryExtent::kDemand:
      return d.importers * d.commodities;
    case SummaryExtent::kWindowDemand:
      return d.windows * d.importers * d.commodities;
    case SummaryExtent::kHolding:
      return d.holdings;
    case SummaryExtent::kRegime:
      return d.regimes;
    case SummaryExtent::kDrawn:
      return model.drawn_count;
  }
  return 0;
}

namespace {

// In double whatever the run's precision.
template <class Real>
double real_summary(const model::ModelParameters& model, const BatchState& batch,
                    const model::LaneState<Real>& s, int lane, int column, int e) {
  switch (static_cast<SummaryId>(column)) {
    case SummaryId::peak_price:
      return static_cast<double>(s(RealField::peak_price, e));
    case SummaryId::unmet_total:
      return static_cast<double>(s(RealField::unmet_total, e));
    case SummaryId::floor_cost_musd:
      return static_cast<double>(s(RealField::floor_cost_musd));
    case SummaryId::stockpile_cost_musd:
      return static_cast<double>(s(RealField::stockpile_cost_musd));
    case SummaryId::tariff_revenue_musd:
      return static_cast<double>(s(RealField::tariff_revenue_musd));
    case SummaryId::exporter_import_share: {
      const Real imports = s(RealField::imports_total, model.regime_commodity[e]);
      return imports > Real(0) ? static_cast<double>(s(RealField::exporter_deliveries, e) / imports)
                               : 0.0;
    }
    case SummaryId::parameters:
      return batch.draws().values[e * batch.stride() + lane];
    default:
      return 0.0;
  }
}

template <class Real>
std::int32_t int_summary(const model::LaneState<Real>& s, int column, int e) {
  switch (static_cast<SummaryId>(column)) {
    case SummaryId::peak_day:
      return s(IntField::peak_day, e);
    case SummaryId::days_above_double:
      return s(IntField::days_above_double, e);
    case SummaryId::unmet_longest_run:
      return s(IntField::unmet_longest_run, e);
    case SummaryId::stock_empty_day:
      return s(IntField::stock_empty_day, e);
    case SummaryId::first_unmet_day:
      return s(IntField::first_unmet_day, e);
    case SummaryId::window_first_unmet_day:
      return s(IntField::window_first_unmet_day, e);
    default:
      return 0;
  }
}

template <class Real>
void gather_summaries_in(const model::ModelParameters& model, const BatchState& batch, int lanes,
                         std::uint64_t first_trajectory, SummaryBatch& out) {
  out.first_trajectory = first_trajectory;
  out.lanes = lanes;
  out.reals.resize(kSummaryColumnCount);
  out.ints.resize(kSummaryColumnCount);
  for (int column = 0; column < kSummaryColumnCount; ++column) {
    const SummaryColumn& info = kSummaryColumns[column];
    const int width = summary_width(model, info.extent);
    const auto size = static_cast<std::size_t>(lanes) * static_cast<std::size_t>(width);
    auto& reals = out.reals[static_cast<std::size_t>(column)];
    auto& ints = out.ints[static_cast<std::size_t>(column)];
    if (info.type == SummaryType::kReal) {
      reals.resize(size);
      ints.clear();
    } else {
      ints.resize(size);
      reals.clear();
    }
    for (int lane = 0; lane < lanes; ++lane) {
      const model::LaneState<Real> s = batch.lane<Real>(lane);
      for (int e = 0; e < width; ++e) {
        const auto at = static_cast<std::size_t>(lane) * static_cast<std::size_t>(width) +
                        static_cast<std::size_t>(e);
        if (info.type == SummaryType::kReal) {
          reals[at] = real_summary(model, batch, s, lane, column, e);
        } else {
          ints[at] = int_summary(s, column, e);
        }
      }
    }
  }
}

}  // namespace

void gather_summaries(const model::ModelParameters& model, BatchState& batch, int lanes,
                      std::uint64_t first_trajectory, SummaryBatch& out) {
  with_real_type(batch.precision(), [&](auto precision) {
    gather_summaries_in<decltype(precision)>(model, batch, lanes, first_trajectory, out);
  });
}

std::size_t summary_state_bytes_for(const model::ModelParameters& model, int capacity,
                                    Precision precision) {
  std::size_t real_elements = 0, int_elements = 0;
  for (const model::RealField field : kSummaryRealFields) {
    real_elements += static_cast<std::size_t>(
        model::state_extent(model.dims, model::kRealFieldExtent[static_cast<int>(field)]));
  }
  for (const model::IntField field : kSummaryIntFields) {
    int_elements += static_cast<std::size_t>(
        model::state_extent(model.dims, model::kIntFieldExtent[static_cast<int>(field)]));
  }
  return static_cast<std::size_t>(BatchState::stride_for(capacity)) *
         (real_elements * real_bytes(precision) + int_elements * sizeof(std::int32_t) +
          static_cast<std::size_t>(model.drawn_count) * sizeof(double));
}

}  // namespace mineralsim::engine
