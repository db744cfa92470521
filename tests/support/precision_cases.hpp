#pragma once
// For tests run in both precisions a run can compute in: the parameter values and their names.
#include <gtest/gtest.h>

#include <string>

#include "mineralsim/engine/precision.hpp"

namespace mineralsim::testing {

inline const auto kBothPrecisions =
    ::testing::Values(engine::Precision::kDouble, engine::Precision::kFloat);

// "double" or "float", as the test cases are named.
inline std::string precision_case_name(
    const ::testing::TestParamInfo<engine::Precision>& case_info) {
  return engine::precision_name(case_info.param);
}

}  // namespace mineralsim::testing
