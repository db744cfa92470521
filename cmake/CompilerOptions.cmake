# Warnings are errors. Floating-point contraction is off everywhere so that a*b+c is never fused
# into an FMA: the model then gives the same bits on every compiler and on the GPU.
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-ffp-contract=off>
                    $<$<COMPILE_LANGUAGE:CXX>:-fno-fast-math>)

function(mineralsim_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror>)
endfunction()
