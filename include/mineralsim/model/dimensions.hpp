#pragma once
// The sizes of one scenario. Nothing in the model is sized at compile time.
#include "mineralsim/detail/hd.hpp"
#include "mineralsim/model/parameter_table.hpp"

namespace mineralsim::model {

inline constexpr int kRegimeLevels = 4;
inline constexpr int kMaxLicenseStages = 16;

struct Dimensions {
  int commodities = 0;
  int suppliers = 0;
  int importers = 0;
  int regimes = 0;
  int projects = 0;
  int holdings = 0;  // stockpile holdings: one stockpile, one commodity
  int offtakes = 0;
  int tariffs = 0;  // tariffs on a controlling exporter's shipments to one importer
  int windows = 0;  // summary windows: spans of days watched for unmet demand
  int events = 0;
  int license_stages = 1;  // the largest licence pipeline of any regime

  MINERALSIM_HD int extent(Extent e) const {
    switch (e) {
      case Extent::kOne:
        return 1;
      case Extent::kCommodity:
        return commodities;
      case Extent::kSupply:
        return suppliers * commodities;
      case Extent::kDemand:
        return importers * commodities;
      case Extent::kRegime:
        return regimes;
      case Extent::kRegimeLevel:
        return regimes * kRegimeLevels;
      case Extent::kProject:
        return projects;
      case Extent::kHolding:
        return holdings;
      case Extent::kOfftake:
        return offtakes;
      case Extent::kTariff:
        return tariffs;
    }
    return 0;
  }
};

}  // namespace mineralsim::model
