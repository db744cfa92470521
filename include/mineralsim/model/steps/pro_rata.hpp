#pragma once
// Weighted pro-rata allocation with caps ("water filling"). Participant i asks for r_i with
// priority weight w_i. If supply covers all requests everyone is served; otherwise each gets
// min(r_i, lambda w_i r_i) with lambda chosen so that the grants add up to the supply. Those with
// w_i >= 1/lambda are served in full; the loop finds that threshold in at most n passes.
#include "mineralsim/detail/hd.hpp"

namespace mineralsim::model {

struct ProRataShares {
  double lambda;
  double full_service_weight;  // weights at or above this are served in full

  MINERALSIM_HD double grant(double request, double weight) const {
    return weight >= full_service_weight ? request : lambda * weight * request;
  }
};

// Participants: count(), request(i), weight(i).
template <class Participants>
MINERALSIM_HD ProRataShares pro_rata_shares(const Participants& p, double supply) {
  const int n = p.count();
  double total = 0.0;
  for (int i = 0; i < n; ++i) total += p.request(i);
  if (total <= supply) return ProRataShares{1.0, 0.0};
  ProRataShares shares{0.0, 1.0e308};
  for (int pass = 0; pass <= n; ++pass) {
    double left = supply;
    double weighted = 0.0;
    for (int i = 0; i < n; ++i) {
      if (p.weight(i) >= shares.full_service_weight) {
        left -= p.request(i);
      } else {
        weighted += p.weight(i) * p.request(i);
      }
    }
    if (weighted <= 0.0) break;
    shares.lambda = left / weighted;
    bool saturated = false;
    for (int i = 0; i < n; ++i) {
      const double w = p.weight(i);
      if (w < shares.full_service_weight && p.request(i) > 0.0 && shares.lambda * w >= 1.0) {
        saturated = true;
      }
    }
    if (!saturated) break;
    shares.full_service_weight = 1.0 / shares.lambda;
  }
  return shares;
}

}  // namespace mineralsim::model
