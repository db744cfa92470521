#pragma once
// The command line of the `mineralsim` program (CLI11), separate from main so that the fuzzer and
// the tests can parse without running anything.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "commands.hpp"

namespace mineralsim::cli {

enum class Command { kRun, kValidate, kInfo, kMerge, kVerify };

struct CommandLine {
  Command command = Command::kRun;
  RunOptions run;
  engine::MergeConfig merge;
  engine::VerifyConfig verify;
  std::string path;                    // validate / info
  bool schema = false;                 // validate --schema
  std::optional<std::string> variant;  // validate --variant
};

class CommandLineParser {
 public:
  CommandLineParser();
  // Throws CLI::ParseError (also for --help and --version) or UserError.
  CommandLine parse(int argc, const char* const* argv);
  // Prints what CLI11 prints for `error` and returns the exit code.
  int exit_code_for(const CLI::ParseError& error);

 private:
  CLI::App app_;
  CommandLine parsed_;
  CLI::App* run_ = nullptr;
  CLI::App* validate_ = nullptr;
  CLI::App* merge_ = nullptr;
  CLI::App* verify_ = nullptr;
};

}  // namespace mineralsim::cli
