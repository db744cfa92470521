#pragma once
// Step 1: tension, a mean-reverting latent state with jumps (dt = 1 day):
//   tau += -theta tau + sigma_tau z + J 1{u < lambda_J}
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

MINERALSIM_HD inline void step_tension(const DayContext& ctx) {
  const double theta = ctx.param(Param::tension_reversion);
  const double sigma = ctx.param(Param::tension_volatility);
  const double jump =
      ctx.draws.uniform(DrawSites::kTensionJump) < ctx.param(Param::tension_jump_rate)
          ? ctx.param(Param::tension_jump_size)
          : 0.0;
  double& tau = ctx.state(RealField::tension);
  // Bounded so that exp(beta tau) in the regime chain stays finite for every valid beta.
  tau = detail::clamp(tau - theta * tau + sigma * ctx.draws.normal(DrawSites::kTensionNoise) + jump,
                      -30.0, 30.0);
}

}  // namespace mineralsim::model
