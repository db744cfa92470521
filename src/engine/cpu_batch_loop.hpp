#pragma once
// The CPU backend's batch loop in precision Real, instantiated for each precision in its own
// translation unit (cpu_batch_loop_double.cpp, cpu_batch_loop_float.cpp): GCC budgets inlining per
// unit, and with both instantiations in one unit it inlined less of the model into each (measured:
// 0.9% more instructions on the baseline in double).
#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"

namespace mineralsim::engine {

template <class Real>
void CpuBackend::run_batch_in(std::uint64_t seed, std::uint64_t first, int lanes, int days,
                              BatchObserver& observer) {
  const model::StateLayout& layout = batch_.layout();
  const int stride = batch_.stride();
  Real* reals = batch_.reals<Real>();
  std::int32_t* ints = batch_.ints();
#pragma omp parallel for schedule(static)
  for (int lane = 0; lane < lanes; ++lane) {
    const std::uint64_t trajectory = first + static_cast<std::uint64_t>(lane);
    model::draw_trajectory_parameters(model_, seed, trajectory, batch_.draw_values(), stride, lane);
    model::initialise_trajectory(model_, batch_.params<Real>(model_, lane), batch_.lane<Real>(lane),
                                 seed, trajectory);
  }
  const model::TrajectoryDraws draws = batch_.draws();
  for (int day = 0; day < days; ++day) {
#pragma omp parallel for schedule(static)
    for (int lane = 0; lane < lanes; ++lane) {
      model::step_lane(model_, draws, layout, reals, ints, stride, lane, seed,
                       first + static_cast<std::uint64_t>(lane), day);
    }
    observer.on_day(day, batch_, first, lanes);
  }
}

}  // namespace mineralsim::engine
