#pragma once
// Shared helpers for the tests: the small test scenario, a batch stepped day by day through the
// same model functions the backends call, and temporary files.
#include <unistd.h>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"
#include "mineralsim/scenario/scenario.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace mineralsim::testing {

inline std::string test_data(const std::string& relative) {
  return std::string(MINERALSIM_TEST_DATA_DIR) + "/" + relative;
}

inline scenario::Scenario small_scenario() {
  return scenario::load_scenario(test_data("scenarios/small.toml"));
}

// A batch of trajectories [first, first + lanes) advanced one day at a time on the host, in
// precision Real.
template <class Real = double>
class SteppedBatch {
 public:
  SteppedBatch(const scenario::Scenario& s, std::uint64_t seed, std::uint64_t first, int lanes)
      : compiled_(s),
        batch_(compiled_.view(), lanes, engine::kPrecisionOf<Real>),
        seed_(seed),
        first_(first),
        lanes_(lanes) {
    const model::ModelParameters& m = compiled_.view();
    for (int lane = 0; lane < lanes; ++lane) {
      model::draw_trajectory_parameters(m, seed, first + static_cast<std::uint64_t>(lane),
                                        batch_.draw_values(), batch_.stride(), lane);
      model::initialise_trajectory(m, params(lane), this->lane(lane), seed,
                                   first + static_cast<std::uint64_t>(lane));
    }
  }
  void step() {
    const model::ModelParameters& m = compiled_.view();
    for (int lane = 0; lane < lanes_; ++lane) {
      model::step_lane(m, batch_.draws(), batch_.layout(), batch_.reals<Real>(), batch_.ints(),
                       batch_.stride(), lane, seed_, first_ + static_cast<std::uint64_t>(lane),
                       day_);
    }
    ++day_;
  }
  int day() const { return day_; }  // days stepped so far
  int lanes() const { return lanes_; }
  model::LaneState<Real> lane(int i) const { return batch_.lane<Real>(i); }
  model::ParamReader<Real> params(int i) const { return batch_.params<Real>(compiled_.view(), i); }
  // What a model step of lane i sees on `day`: for calling one part of a step by itself.
  model::DayContext<Real> context(int i, int day) const {
    const model::ModelParameters& m = compiled_.view();
    return {m,
            params(i),
            lane(i),
            detail::DailyDraws<Real>{seed_, first_ + static_cast<std::uint64_t>(i),
                                     static_cast<std::uint32_t>(day)},
            model::DrawSites::for_dimensions(m.dims),
            day};
  }
  const model::ModelParameters& model() const { return compiled_.view(); }
  engine::BatchState& batch() { return batch_; }

 private:
  scenario::CompiledScenario compiled_;
  engine::BatchState batch_;
  std::uint64_t seed_;
  std::uint64_t first_;
  int lanes_;
  int day_ = 0;
};

// A path in a fresh temporary directory, removed with the object.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() /
           ("mineralsim_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / name).string();
  }
  ~TemporaryFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace mineralsim::testing
