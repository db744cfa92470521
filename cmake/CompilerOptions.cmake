# Warnings are errors. Floating-point contraction is off everywhere so that a*b+c is never fused
# into an FMA: the model then gives the same bits on every compiler and on the GPU.
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-ffp-contract=off>
                    $<$<COMPILE_LANGUAGE:CXX>:-fno-fast-math>)

function(mineralsim_warnings target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion -Werror>)
endfunction()

# ASan + UBSan for the whole build (preset "asan"): any invalid access, leak or undefined
# behaviour aborts the test that caused it.
option(MINERALSIM_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(MINERALSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
