# Warnings are errors. Floating-point contraction is off everywhere so that a*b+c is never fused
# into an FMA: the model then gives the same bits on every compiler and on the GPU.
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-ffp-contract=off>
                    $<$<COMPILE_LANGUAGE:CXX>:-fno-fast-math>)

# -DMINERALSIM_MARCH=native (or x86-64-v3, znver4, ...) builds the C++ code for that CPU: faster
# (bench/RESULTS.md, "Building for the CPU at hand"), the same bits, since contraction stays off,
# but the binary then runs only on CPUs that have those instructions. Empty (the default): any x86-64.
set(MINERALSIM_MARCH "" CACHE STRING "Target CPU for the C++ code (-march), empty for portable x86-64")
if(MINERALSIM_MARCH)
  add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-march=${MINERALSIM_MARCH}>)
endif()

function(mineralsim_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Wdouble-promotion -Werror>)
endfunction()

# ASan + UBSan for the whole build (preset "asan"): any invalid access, leak or undefined
# behaviour aborts the test that caused it.
option(MINERALSIM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(MINERALSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
