#pragma once
// The subcommands of the `mineralsim` program. Each returns the process exit code (docs in
// README.md, "Exit codes").
#include <string>

#include "mineralsim/engine/ensemble_runner.hpp"

namespace mineralsim::cli {

enum ExitCode : int {
  kSuccess = 0,
  kInternalError = 1,
  kInvalidInput = 2,  // bad command line, scenario or option
  kIoFailure = 3,     // results file could not be written or read
};

struct RunOptions {
  std::string scenario_path;  // empty: the shipped baseline
  engine::RunConfig config;
  bool seed_given = false;
};

int run_command(RunOptions options);
int validate_command(const std::string& path, bool schema);
int info_command(const std::string& path);

// The shipped baseline scenario: $MINERALSIM_DATA_DIR/scenarios/baseline.toml, or the source
// tree's data/ when the variable is unset.
std::string default_scenario_path();

}  // namespace mineralsim::cli
