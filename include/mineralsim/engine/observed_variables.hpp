#pragma once
// The flat list of recorded variables: every element of every observable, in table order.
#include <vector>

#include "mineralsim/model/observables.hpp"

namespace mineralsim::engine {

struct ObservedVariable {
  model::Observable observable;
  int element;
  double scale;  // see model::observable_scale
};

struct ObservedVariables {
  std::vector<ObservedVariable> variables;
  int first[model::kObservableCount];  // index of each observable's first element
  int count[model::kObservableCount];

  static ObservedVariables for_model(const model::ModelParameters& m) {
    ObservedVariables v{};
    for (int o = 0; o < model::kObservableCount; ++o) {
      const auto observable = static_cast<model::Observable>(o);
      v.first[o] = static_cast<int>(v.variables.size());
      v.count[o] = model::state_extent(m.dims, model::kObservableInfo[o].extent);
      for (int e = 0; e < v.count[o]; ++e) {
        v.variables.push_back({observable, e, model::observable_scale(m, observable, e)});
      }
    }
    return v;
  }
  int size() const { return static_cast<int>(variables.size()); }
};

}  // namespace mineralsim::engine
