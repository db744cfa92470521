#include "mineralsim/engine/backend_probe.hpp"

#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/path_recorder.hpp"

namespace mineralsim::engine {

namespace {

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// One backend's probe: its statistics and summaries.
struct ProbeResult {
  DailyStatistics statistics;
  SummaryBatch summaries;
};

ProbeResult run_probe(const model::ModelParameters& model, BatchBackend& backend,
                      std::uint64_t seed, int days, int lanes) {
  ProbeResult result{DailyStatistics(model, days), {}};
  PathRecorder no_paths(model, static_cast<std::uint64_t>(lanes), 0, days, 1);
  backend.run_batch(seed, 0, lanes, result.statistics, no_paths);
  gather_summaries(model, backend.state(), lanes, 0, result.summaries);
  return result;
}

}  // namespace

std::string first_differing_accumulator(const DailyStatistics& a, const DailyStatistics& b) {
  std::string differing;
  a.for_each_accumulator([&](const std::string& name, const auto& a_values) {
    b.for_each_accumulator([&](const std::string& b_name, const auto& b_values) {
      if constexpr (std::is_same_v<decltype(a_values), decltype(b_values)>) {
        if (differing.empty() && b_name == name && !same_bits(a_values, b_values)) {
          differing = name;
        }
      }
    });
  });
  return differing;
}

std::string first_differing_summary(const SummaryBatch& a, const SummaryBatch& b) {
  for (int column = 0; column < kSummaryColumnCount; ++column) {
    const auto c = static_cast<std::size_t>(column);
    if (!same_bits(a.reals[c], b.reals[c]) || !same_bits(a.ints[c], b.ints[c])) {
      return kSummaryColumns[column].name;
    }
  }
  return "";
}

std::string probe_against_cpu(const model::ModelParameters& model,
                              const BatchBackendFactory& make_backend, Precision precision,
                              std::uint64_t seed, int days, int lanes) {
  CpuBatchBackend cpu(model, lanes, days, precision);
  const ProbeResult expected = run_probe(model, cpu, seed, days, lanes);
  const std::unique_ptr<BatchBackend> backend =
      make_backend(model, lanes, DailyStatistics(model, days), precision);
  const ProbeResult probed = run_probe(model, *backend, seed, days, lanes);
  const std::string accumulator =
      first_differing_accumulator(expected.statistics, probed.statistics);
  if (!accumulator.empty()) return "the daily statistics differ (accumulator " + accumulator + ")";
  const std::string summary = first_differing_summary(expected.summaries, probed.summaries);
  if (!summary.empty()) return "the per-trajectory summaries differ (" + summary + ")";
  return "";
}

}  // namespace mineralsim::engine
