#pragma once
// Every number of a results file that depends on the simulation (not on time stamps), to compare
// the files of runs that must agree bitwise.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mineralsim/io/hdf5_helpers.hpp"

namespace mineralsim::testing {

inline std::vector<std::vector<double>> simulated_content(const std::string& path) {
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(file, 0);
  std::vector<std::vector<double>> content;
  for (const char* name :
       {"/daily/price/mean", "/daily/price/std", "/daily/price/quantiles", "/daily/cover_days/mean",
        "/daily/cover_days/quantiles", "/daily/unmet/probability_positive", "/daily/stock/mean",
        "/daily/regime_probability", "/trajectory/peak_price", "/trajectory/unmet_total",
        "/trajectory/parameters", "/paths/price"}) {
    content.push_back(io::read_doubles(file, name));
  }
  H5Fclose(file);
  return content;
}

}  // namespace mineralsim::testing
