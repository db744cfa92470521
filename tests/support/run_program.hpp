#pragma once
// Runs the mineralsim program as a user would, capturing its exit code and output.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace mineralsim::testing {

struct Outcome {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line, capturing its exit code and output.
inline Outcome run_command(const std::string& command_line) {
  std::FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// `limits`: shell commands run first (e.g. "ulimit -f 300;"); SIGXFSZ is ignored so that a file
// size limit makes writes fail instead of killing the program.
inline Outcome run_mineralsim(const std::string& arguments, const std::string& limits = "") {
  return run_command("bash -c \"trap '' XFSZ; " + limits + " exec " +
                     std::string(MINERALSIM_CLI_PATH) + " " + arguments + "\"");
}

inline void write_text_file(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

}  // namespace mineralsim::testing
