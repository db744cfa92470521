#pragma once
// Per-trajectory summaries (MODEL.md section 5), gathered from a finished batch into row-major
// buffers [trajectory][element] ready to append to the results file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/engine/precision.hpp"
#include "mineralsim/model/state.hpp"

namespace mineralsim::engine {

enum class SummaryType { kReal, kInt };

// clang-format off
// X(name, extent, type, unit, description); extent kDrawn: one column per drawn parameter.
#define MINERALSIM_SUMMARIES(X) \
  X(peak_price,            kCommodity, kReal, "USD/kg", "highest world price") \
  X(peak_day,              kCommodity, kInt,  "day",    "day of the highest world price") \
  X(days_above_double,     kCommodity, kInt,  "days",   "days with the price above twice its initial value") \
  X(unmet_total,           kDemand,    kReal, "t",      "cumulative unmet demand") \
  X(unmet_longest_run,     kDemand,    kInt,  "days",   "longest run of consecutive days with unmet demand") \
  X(first_unmet_day,       kDemand,    kInt,  "day",    "first day with unmet demand (-1: never)") \
  X(window_first_unmet_day, kWindowDemand, kInt, "days", "first day with unmet demand within the window, counted from its start (-1: none in the window)") \
  X(stock_empty_day,       kHolding,   kInt,  "day",    "first day the stockpile holding ran out (-1: never)") \
  X(floor_cost_musd,       kOne,       kReal, "USD million", "government cost of price floors") \
  X(stockpile_cost_musd,   kOne,       kReal, "USD million", "government cost of stockpile refills") \
  X(tariff_revenue_musd,   kOne,       kReal, "USD million", "revenue of origin tariffs") \
  X(exporter_import_share, kRegime,    kReal, "1",      "share of the commodity's imports delivered by this regime's exporter") \
  X(parameters,            kDrawn,     kReal, "",       "this trajectory's draws of the scenario's distributions")
// clang-format on

enum class SummaryExtent { kOne, kCommodity, kDemand, kWindowDemand, kHolding, kRegime, kDrawn };

enum class SummaryId : int {
#define MINERALSIM_SUMMARY_ID(name, extent, type, unit, doc) name,
  MINERALSIM_SUMMARIES(MINERALSIM_SUMMARY_ID)
#undef MINERALSIM_SUMMARY_ID
};

struct SummaryColumn {
  const char* name;
  SummaryExtent extent;
  SummaryType type;
  const char* unit;
  const char* description;
};

inline constexpr SummaryColumn kSummaryColumns[] = {
#define MINERALSIM_SUMMARY_COLUMN(name, extent, type, unit, doc) \
  {#name, SummaryExtent::extent, SummaryType::type, unit, doc},
    MINERALSIM_SUMMARIES(MINERALSIM_SUMMARY_COLUMN)
#undef MINERALSIM_SUMMARY_COLUMN
};
inline constexpr int kSummaryColumnCount = sizeof(kSummaryColumns) / sizeof(kSummaryColumns[0]);

int summary_width(const model::ModelParameters& model, SummaryExtent extent);

// One batch of summaries: for each column, `lanes` rows of summary_width values.
struct SummaryBatch {
  std::uint64_t first_trajectory = 0;
  int lanes = 0;
  std::vector<std::vector<double>> reals;       // per column (empty for integer columns)
  std::vector<std::vector<std::int32_t>> ints;  // per column (empty for real columns)
};

// The state fields gather_summaries reads (besides the parameter draws): all that a device backend
// brings back to the host after a batch.
inline constexpr model::RealField kSummaryRealFields[] = {
    model::RealField::peak_price,          model::RealField::unmet_total,
    model::RealField::floor_cost_musd,     model::RealField::stockpile_cost_musd,
    model::RealField::tariff_revenue_musd, model::RealField::exporter_deliveries,
    model::RealField::imports_total};
inline constexpr model::IntField kSummaryIntFields[] = {model::IntField::peak_day,
                                                        model::IntField::days_above_double,
                                                        model::IntField::unmet_longest_run,
                                                        model::IntField::first_unmet_day,
                                                        model::IntField::window_first_unmet_day,
                                                        model::IntField::stock_empty_day};

void gather_summaries(const model::ModelParameters& model, BatchState& batch, int lanes,
                      std::uint64_t first_trajectory, SummaryBatch& out);

// The bytes of those fields and of the draws in a batch of `capacity` lanes: what a device backend
// sends to the host after each batch besides the statistics.
std::size_t summary_state_bytes_for(const model::ModelParameters& model, int capacity,
                                    Precision precision);

}  // namespace mineralsim::engine
