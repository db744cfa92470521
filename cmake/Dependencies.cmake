# Every dependency comes from the system (Debian packages installed by scripts/setup.sh).
# Nothing is downloaded at build time.
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(Threads REQUIRED)  # the background results writer
# HL: the dimension scales (H5DS) that name the results file's axes.
find_package(HDF5 REQUIRED COMPONENTS C HL)
find_package(fmt REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(CLI11 REQUIRED)
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)

# Header-only dependencies of the single-source model (host and device).
add_library(mineralsim_deps_model INTERFACE)
target_include_directories(mineralsim_deps_model SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})
add_library(mineralsim::deps_model ALIAS mineralsim_deps_model)

# Thrust (CCCL, from the CUDA toolkit) for host-only code on Thrust's OpenMP system: the tests run
# the device-side reductions of kernels/ on the CPU with it. Optional: without it those tests skip.
find_path(MINERALSIM_CCCL_INCLUDE_DIR thrust/version.h
  PATHS /usr/local/cuda/include/cccl ${CUDAToolkit_INCLUDE_DIRS}/cccl NO_DEFAULT_PATH)
