#include "cpu_batch_loop.hpp"

namespace mineralsim::engine {

template void CpuBackend::run_batch_in<double>(std::uint64_t seed, std::uint64_t first, int lanes,
                                               int days, BatchObserver& observer);

}  // namespace mineralsim::engine
