#pragma once
// The device backend's code (kernels/) instantiated for Thrust's OpenMP system, as the tests run
// it on the CPU. Include only where MINERALSIM_HAVE_THRUST is defined.
#include <thrust/system/omp/execution_policy.h>
#include <thrust/system/omp/vector.h>

#include <type_traits>

#include "device_batch_backend.hpp"
#include "host_link.hpp"
#include "thrust_batch_runner.hpp"

namespace mineralsim::testing {

using OmpPolicy = std::decay_t<decltype(thrust::omp::par)>;
template <class Real>
using OmpRunner =
    kernels::ThrustBatchRunner<OmpPolicy, thrust::omp::vector, Real, kernels::HostLink>;
template <class Real>
using OmpBackend =
    kernels::DeviceBatchBackend<OmpPolicy, thrust::omp::vector, Real, kernels::HostLink>;

}  // namespace mineralsim::testing
