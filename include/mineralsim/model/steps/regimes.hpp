#pragma once
// Step 2: export regimes. Each regime moves at most one level a day by a Markov chain whose
// escalation intensity scales with exp(beta tau) and de-escalation with exp(-beta tau); scheduled
// events then override it. A pause holds OPEN and afterwards restores the level it interrupted.
// An escalation raises the target cover of every importer of that commodity (precautionary
// buying, the amplifier of the 2010-2011 rare-earth spike).
#include "mineralsim/model/day_context.hpp"

namespace mineralsim::model {

// Daily probabilities of one step up and one step down from `level`.
template <class Real>
struct RegimeMoveProbabilities {
  Real up;
  Real down;
};

template <class Real>
MINERALSIM_HD inline RegimeMoveProbabilities<Real> regime_move_probabilities(Real escalation_rate,
                                                                             Real deescalation_rate,
                                                                             Real beta, Real tau,
                                                                             int level) {
  const Real scale = detail::portable_exp(beta * tau);
  const Real up_rate = level < kEmbargo ? escalation_rate * scale : Real(0);
  const Real down_rate = level > kOpen ? deescalation_rate / scale : Real(0);
  RegimeMoveProbabilities<Real> p{Real(1) - detail::portable_exp(-up_rate),
                                  Real(1) - detail::portable_exp(-down_rate)};
  const Real total = p.up + p.down;
  if (total > Real(1)) {  // both saturated: split the day between them
    p.up = p.up / total;
    p.down = p.down / total;
  }
  return p;
}

template <class Real>
MINERALSIM_HD inline void apply_regime_event(const DayContext<Real>& ctx,
                                             const RegimeEvent& event) {
  const int x = event.regime;
  std::int32_t& level = ctx.state(IntField::regime_level, x);
  std::int32_t& pause_left = ctx.state(IntField::pause_days_left, x);
  std::int32_t& level_after = ctx.state(IntField::level_after_pause, x);
  switch (event.action) {
    case EventAction::kSetLevel:
      if (pause_left > 0) {
        level_after = event.argument;
      } else {
        level = event.argument;
      }
      break;
    case EventAction::kPause:
      if (pause_left == 0) level_after = level;
      level = kOpen;
      pause_left = event.argument;
      break;
    case EventAction::kResume:
      if (pause_left > 0) level = level_after;
      pause_left = 0;
      break;
    case EventAction::kBan:
      ctx.state(IntField::destination_banned, x * ctx.dims().importers + event.argument) = 1;
      break;
    case EventAction::kUnban:
      ctx.state(IntField::destination_banned, x * ctx.dims().importers + event.argument) = 0;
      break;
  }
}

template <class Real>
MINERALSIM_HD inline void raise_precaution(const DayContext<Real>& ctx, int commodity, int steps) {
  const Dimensions& d = ctx.dims();
  for (int k = 0; k < d.importers; ++k) {
    const int kc = k * d.commodities + commodity;
    ctx.state(RealField::precaution, kc) +=
        ctx.param(Param::precaution_gain, kc) * static_cast<Real>(steps);
  }
}

template <class Real>
MINERALSIM_HD inline void step_regimes(const DayContext<Real>& ctx) {
  const Dimensions& d = ctx.dims();
  const Real tau = ctx.state(RealField::tension);
  for (int x = 0; x < d.regimes; ++x) {
    std::int32_t& level = ctx.state(IntField::regime_level, x);
    std::int32_t& pause_left = ctx.state(IntField::pause_days_left, x);
    const int before = level;
    if (pause_left > 0) {
      pause_left -= 1;
      if (pause_left == 0) level = ctx.state(IntField::level_after_pause, x);
    } else {
      const RegimeMoveProbabilities<Real> p = regime_move_probabilities(
          ctx.param(Param::escalation_rate, x), ctx.param(Param::deescalation_rate, x),
          ctx.param(Param::tension_sensitivity, x), tau, level);
      const Real u = ctx.draws.uniform(DrawSites::kFirstRegime + static_cast<std::uint32_t>(x));
      if (u < p.up) {
        level += 1;
      } else if (u < p.up + p.down) {
        level -= 1;
      }
    }
    for (int e = 0; e < d.events; ++e) {
      const RegimeEvent& event = ctx.model.events[e];
      if (event.day == ctx.day && event.regime == x) apply_regime_event(ctx, event);
    }
    if (level > before) raise_precaution(ctx, ctx.model.regime_commodity[x], level - before);
  }
}

}  // namespace mineralsim::model
