// libFuzzer harness: the scenario parser, validator, printer and a short simulation.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  mineralsim::fuzz::exercise_scenario_text({reinterpret_cast<const char*>(data), size});
  return 0;
}
