#pragma once
// Weighted pro-rata allocation with caps ("water filling"). Participant i asks for r_i with
// priority weight w_i. If supply covers all requests everyone is served; otherwise each gets
// min(r_i, lambda w_i r_i) with lambda chosen so that the grants add up to the supply. Those with
// w_i >= 1/lambda are served in full; the loop finds that threshold in at most n passes.
#include "mineralsim/detail/hd.hpp"
#include "mineralsim/detail/largest_finite.hpp"

namespace mineralsim::model {

template <class Real>
struct ProRataShares {
  Real lambda;
  Real full_service_weight;  // weights at or above this are served in full

  MINERALSIM_HD Real grant(Real request, Real weight) const {
    return weight >= full_service_weight ? request : lambda * weight * request;
  }
};

// Participants: count(), request(i), weight(i).
template <class Participants, class Real>
MINERALSIM_HD ProRataShares<Real> pro_rata_shares(const Participants& p, Real supply) {
  const int n = p.count();
  Real total = Real(0);
  for (int i = 0; i < n; ++i) total += p.request(i);
  if (total <= supply) return ProRataShares<Real>{Real(1), Real(0)};
  ProRataShares<Real> shares{Real(0), detail::largest_finite(Real{})};
  for (int pass = 0; pass <= n; ++pass) {
    Real left = supply;
    Real weighted = Real(0);
    for (int i = 0; i < n; ++i) {
      if (p.weight(i) >= shares.full_service_weight) {
        left -= p.request(i);
      } else {
        weighted += p.weight(i) * p.request(i);
      }
    }
    if (weighted <= Real(0)) break;
    shares.lambda = left / weighted;
    bool saturated = false;
    for (int i = 0; i < n; ++i) {
      const Real w = p.weight(i);
      if (w < shares.full_service_weight && p.request(i) > Real(0) &&
          shares.lambda * w >= Real(1)) {
        saturated = true;
      }
    }
    if (!saturated) break;
    shares.full_service_weight = Real(1) / shares.lambda;
  }
  return shares;
}

}  // namespace mineralsim::model
