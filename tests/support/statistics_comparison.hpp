#pragma once
// Bitwise comparison of two DailyStatistics, accumulator by accumulator, and an observer that
// feeds a backend's days to DailyStatistics.
#include <cstdint>
#include <cstring>
#include <string>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/daily_statistics.hpp"

namespace mineralsim::testing {

inline constexpr const char* kAccumulatorNames[] = {
    "count", "sum", "square_sum", "min", "max", "positive", "histogram", "regime_count"};

// Number of elements of accumulator `name` that differ bitwise between a and b.
inline std::size_t differing_elements(const engine::DailyStatistics& a,
                                      const engine::DailyStatistics& b, const std::string& name) {
  const unsigned char* a_data = nullptr;
  const unsigned char* b_data = nullptr;
  std::size_t count = 0, element_bytes = 0;
  a.for_each_accumulator([&](const std::string& n, const auto& values) {
    if (n != name) return;
    a_data = reinterpret_cast<const unsigned char*>(values.data());
    count = values.size();
    element_bytes = sizeof(values[0]);
  });
  b.for_each_accumulator([&](const std::string& n, const auto& values) {
    if (n == name) b_data = reinterpret_cast<const unsigned char*>(values.data());
  });
  std::size_t differ = 0;
  for (std::size_t i = 0; i < count; ++i) {
    differ +=
        std::memcmp(a_data + i * element_bytes, b_data + i * element_bytes, element_bytes) != 0 ? 1
                                                                                                : 0;
  }
  return differ;
}

class StatisticsObserver : public engine::BatchObserver {
 public:
  explicit StatisticsObserver(engine::DailyStatistics& statistics) : statistics_(statistics) {}
  void on_day(int day, const engine::BatchState& batch, std::uint64_t, int lanes) override {
    statistics_.accumulate_day(day, batch, lanes);
  }

 private:
  engine::DailyStatistics& statistics_;
};

}  // namespace mineralsim::testing
