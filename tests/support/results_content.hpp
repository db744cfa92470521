#pragma once
// Every number of a results file that depends on the simulation (not on time stamps), to compare
// the files of runs that must agree bitwise.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"

namespace mineralsim::testing {

// The settings of the runs whose files the tests compare: 300 trajectories of the small scenario
// over 200 days, 5 sampled paths, quiet, into `path` (overwritten).
inline engine::RunConfig comparable_run(const std::string& path) {
  engine::RunConfig config;
  config.trajectories = 300;
  config.days = 200;
  config.seed = 4242;
  config.paths = 5;
  config.output = path;
  config.overwrite = true;
  config.progress = nullptr;
  return config;
}

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

// Datasets of two simulated_content() results that differ in any bit.
inline std::vector<std::size_t> differing_datasets(const std::vector<std::vector<double>>& a,
                                                   const std::vector<std::vector<double>>& b) {
  std::vector<std::size_t> differ;
  for (std::size_t d = 0; d < a.size() || d < b.size(); ++d) {
    const bool same = d < a.size() && d < b.size() && a[d].size() == b[d].size() &&
                      std::memcmp(a[d].data(), b[d].data(), a[d].size() * sizeof(double)) == 0;
    if (!same) differ.push_back(d);
  }
  return differ;
}

}  // namespace mineralsim::testing
