#pragma once
// MINERALSIM_HD marks functions that run on both the host and a CUDA device. All model math is
// written once, in inline headers carrying this macro, so CPU tests exercise the GPU's code.
#if defined(__CUDACC__)
#define MINERALSIM_HD __host__ __device__
#else
#define MINERALSIM_HD
#endif
