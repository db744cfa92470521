#pragma once
// Everything one model step needs for one trajectory on one day.
#include <cstdint>

#include "mineralsim/detail/hd.hpp"
#include "mineralsim/detail/random.hpp"
#include "mineralsim/model/model_parameters.hpp"
#include "mineralsim/model/state.hpp"

namespace mineralsim::model {

// Draw sites: which Philox block each random quantity of a day uses. Fixed by the dimensions, so
// a draw never depends on what else happened that day.
struct DrawSites {
  static constexpr std::uint32_t kTensionNoise = 0;
  static constexpr std::uint32_t kTensionJump = 1;
  static constexpr std::uint32_t kFirstRegime = 2;
  std::uint32_t first_price;
  std::uint32_t first_home_price;
  std::uint32_t first_demand;

  MINERALSIM_HD static DrawSites for_dimensions(const Dimensions& d) {
    DrawSites sites{};
    sites.first_price = kFirstRegime + static_cast<std::uint32_t>(d.regimes);
    sites.first_home_price = sites.first_price + static_cast<std::uint32_t>(d.commodities);
    sites.first_demand = sites.first_home_price + static_cast<std::uint32_t>(d.regimes);
    return sites;
  }
};

// Real: the precision the run computes in (double or float).
template <class Real>
struct DayContext {
  const ModelParameters& model;
  ParamReader<Real> param;
  LaneState<Real> state;
  detail::DailyDraws<Real> draws;
  DrawSites sites;
  int day;

  MINERALSIM_HD const Dimensions& dims() const { return model.dims; }
};

}  // namespace mineralsim::model
