// Every input in tests/fuzz/regressions/ once crashed a fuzzer; each must now pass through the
// same code without a crash (an abort here fails the whole test binary). The corpora are replayed
// too, as a quick smoke test of the fuzz targets in the normal suite.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "fuzz/fuzz_targets.hpp"

namespace mineralsim::testing {
namespace {

std::vector<std::string> inputs_in(const std::string& relative) {
  std::vector<std::string> texts;
  const std::filesystem::path dir =
      std::filesystem::path(MINERALSIM_SOURCE_DIR) / "tests/fuzz" / relative;
  if (!std::filesystem::exists(dir)) return texts;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    texts.push_back(text.str());
  }
  return texts;
}

// Feeds every input of the kind's regressions and corpus to `exercise`; returns how many.
template <class Exercise>
std::size_t replay(const std::string& kind, Exercise exercise) {
  std::size_t count = 0;
  for (const std::string& dir : {"regressions/" + kind, "corpus/" + kind}) {
    for (const std::string& text : inputs_in(dir)) {
      exercise(text);
      ++count;
    }
  }
  return count;
}

TEST(FuzzRegressions, ScenarioInputsPassWithoutCrashing) {
  EXPECT_GE(replay("scenario", fuzz::exercise_scenario_text), 3u)
      << "the scenario corpus is missing";
}

TEST(FuzzRegressions, CommandLineInputsPassWithoutCrashing) {
  EXPECT_GE(replay("cli", fuzz::exercise_command_line), 3u) << "the command-line corpus is missing";
}

}  // namespace
}  // namespace mineralsim::testing
