#pragma once
// The subcommands of the `mineralsim` program. Each returns the process exit code (docs in
// README.md, "Exit codes").
#include <optional>
#include <string>

#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/engine/shard_merge.hpp"
#include "mineralsim/engine/verification.hpp"

namespace mineralsim::cli {

enum ExitCode : int {
  kSuccess = 0,
  kInternalError = 1,
  kInvalidInput = 2,       // bad command line, scenario or option
  kIoFailure = 3,          // results file could not be written or read
  kNotReproduced = 4,      // verify: the file's trajectories did not come out the same
  kInterruptedBase = 128,  // + the signal number (130 SIGINT, 143 SIGTERM), as shells report it
};

struct RunOptions {
  std::string scenario_path;           // empty: the shipped baseline
  std::optional<std::string> variant;  // --variant: one of the file's [[variant]] entries
  engine::RunConfig config;
  bool seed_given = false;
  bool batch_given = false;
  std::string backend = "auto";  // --backend: auto, cpu or cuda
  std::optional<int> device;     // --device: CUDA device number
};

int run_command(RunOptions options);
// Without a variant, checks the base scenario and every variant, and prints the base.
int validate_command(const std::string& path, bool schema,
                     const std::optional<std::string>& variant = std::nullopt);
int info_command(const std::string& path);
int merge_command(const engine::MergeConfig& config);
int verify_command(const engine::VerifyConfig& config);

// The shipped baseline scenario: $MINERALSIM_DATA_DIR/scenarios/baseline.toml, or the source
// tree's data/ when the variable is unset.
std::string default_scenario_path();

}  // namespace mineralsim::cli
