#pragma once
// What the fuzzers do with one input, shared with the regression test that replays every input
// that once crashed (tests/fuzz/regressions/). A violated invariant aborts, so that libFuzzer and
// the sanitizers report it as a crash.
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_line.hpp"
#include "mineralsim/engine/batch_state.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace mineralsim::fuzz {

inline void require(bool invariant) {
  if (!invariant) std::abort();
}

inline void exercise_scenario(const scenario::Scenario& s);

// Parses the text as a scenario, and then each of its variants; a valid one is printed, compiled
// and simulated briefly (2 trajectories, up to 30 days) with its prices checked.
inline void exercise_scenario_text(std::string_view text) {
  scenario::Scenario base;
  try {
    base = scenario::parse_scenario(text, "fuzz.toml");
  } catch (const UserError& e) {
    require(std::string(e.what()).rfind("fuzz.toml", 0) == 0);  // every error names the file
    return;
  }
  exercise_scenario(base);
  for (const std::string& variant : base.variants) {
    try {
      exercise_scenario(scenario::parse_scenario(text, "fuzz.toml", variant));
    } catch (const UserError& e) {
      require(std::string(e.what()).rfind("fuzz.toml", 0) == 0);
    }
  }
}

inline void exercise_scenario(const scenario::Scenario& s) {
  require(!scenario::describe_scenario(s).empty());
  if (s.params.size() > 4000) return;  // valid but too large to simulate quickly
  const scenario::CompiledScenario compiled(s);
  const model::ModelParameters& m = compiled.view();
  engine::BatchState batch(m, 2);
  for (int lane = 0; lane < 2; ++lane) {
    model::draw_trajectory_parameters(m, s.seed, static_cast<std::uint64_t>(lane),
                                      batch.draw_values(), batch.stride(), lane);
    model::initialise_trajectory(m, batch.params(m, lane), batch.lane(lane), s.seed,
                                 static_cast<std::uint64_t>(lane));
  }
  const int days = s.horizon_days < 30 ? s.horizon_days : 30;
  for (int day = 0; day < days; ++day) {
    for (int lane = 0; lane < 2; ++lane) {
      model::step_lane(m, batch.draws(), batch.layout(), batch.reals(), batch.ints(),
                       batch.stride(), lane, s.seed, static_cast<std::uint64_t>(lane), day);
      for (int c = 0; c < m.dims.commodities; ++c) {
        const double price = batch.lane(lane)(model::RealField::price, c);
        require(std::isfinite(price) && price > 0.0);
      }
    }
  }
}

// Splits the text into arguments (whitespace) and parses them as a mineralsim command line.
inline void exercise_command_line(std::string_view text) {
  std::istringstream words{std::string(text)};
  std::vector<std::string> args{"mineralsim"};
  for (std::string word; words >> word && args.size() < 64;) args.push_back(word);
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  cli::CommandLineParser parser;
  try {
    const cli::CommandLine line = parser.parse(static_cast<int>(argv.size()), argv.data());
    require(line.command != cli::Command::kInfo || !line.path.empty());
    require(line.command != cli::Command::kMerge ||
            (!line.merge.shards.empty() && !line.merge.output.empty()));
    require(!line.run.config.shard.sharded() ||
            (line.run.config.shard.index >= 0 &&
             line.run.config.shard.index < line.run.config.shard.count));
  } catch (const CLI::ParseError&) {
  } catch (const UserError&) {
  }
}

}  // namespace mineralsim::fuzz
