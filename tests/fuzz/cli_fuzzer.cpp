// libFuzzer harness: the command-line parser.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mineralsim::fuzz::exercise_command_line({reinterpret_cast<const char*>(data), size});
  return 0;
}
