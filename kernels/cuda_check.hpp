#pragma once
// Every CUDA call is checked: MINERALSIM_CUDA_CALL returns (as an error message, from a function
// returning std::string) and MINERALSIM_CUDA_CHECK throws (std::runtime_error), each naming the
// call, the file and the line. For the CUDA sources only.
#include <cuda_runtime.h>

#include <stdexcept>
#include <string>

namespace mineralsim::kernels {

inline std::string cuda_failure(const char* call, cudaError_t status, const char* file, int line) {
  return std::string(call) + " failed at " + file + ":" + std::to_string(line) + ": " +
         cudaGetErrorString(status);
}

}  // namespace mineralsim::kernels

#define MINERALSIM_CUDA_CALL(call)                                                        \
  do {                                                                                    \
    const cudaError_t mineralsim_cuda_status = (call);                                    \
    if (mineralsim_cuda_status != cudaSuccess) {                                          \
      return ::mineralsim::kernels::cuda_failure(#call, mineralsim_cuda_status, __FILE__, \
                                                 __LINE__);                               \
    }                                                                                     \
  } while (false)
#define MINERALSIM_CUDA_CHECK(call)                                                                \
  do {                                                                                             \
    const cudaError_t mineralsim_cuda_status = (call);                                             \
    if (mineralsim_cuda_status != cudaSuccess) {                                                   \
      throw std::runtime_error("CUDA: " + ::mineralsim::kernels::cuda_failure(                     \
                                              #call, mineralsim_cuda_status, __FILE__, __LINE__)); \
    }                                                                                              \
  } while (false)
