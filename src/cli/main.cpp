// mineralsim: run, validate, inspect, merge and verify critical-minerals market ensembles.
#include <fmt/format.h>

#include "command_line.hpp"
#include "commands.hpp"
#include "mineralsim/errors.hpp"

int main(int argc, char** argv) {
  using namespace mineralsim::cli;
  CommandLineParser parser;
  CommandLine command;
  try {
    command = parser.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return parser.exit_code_for(e);
  } catch (const mineralsim::UserError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kInvalidInput;
  }
  switch (command.command) {
    case Command::kRun:
      return run_command(command.run);
    case Command::kValidate:
      return validate_command(command.path, command.schema, command.variant);
    case Command::kInfo:
      return info_command(command.path);
    case Command::kMerge:
      return merge_command(command.merge);
    case Command::kVerify:
      return verify_command(command.verify);
  }
  return kInternalError;
}
