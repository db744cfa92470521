#pragma once
// Step 1: tension, a mean-reverting latent state with jumps (dt = 1 day):
//   tau += -theta tau + sigma_tau z + J 1{u < lambda_J}
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

template <class Real>
MINERALSIM_HD inline void step_tension(const DayContext<Real>& ctx) {
  const Real theta = ctx.param(Param::tension_reversion);
  const Real sigma = ctx.param(Param::tension_volatility);
  const Real jump = ctx.draws.uniform(DrawSites::kTensionJump) < ctx.param(Param::tension_jump_rate)
                        ? ctx.param(Param::tension_jump_size)
                        : Real(0);
  Real& tau = ctx.state(RealField::tension);
  // Bounded so that exp(beta tau) in the regime chain stays finite for every valid beta.
  tau = detail::clamp(tau - theta * tau + sigma * ctx.draws.normal(DrawSites::kTensionNoise) + jump,
                      -Real(30), Real(30));
}

}  // namespace mineralsim::model
