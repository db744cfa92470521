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

// `limits`: shell commands run first (e.g. "ulimit -f 300;"); SIGXFSZ is ignored so that a file
// size limit makes writes fail instead of killing the program.
inline Outcome run_mineralsim(const std::string& arguments, const std::string& limits = "") {
  const std::string command = "bash -c \"trap '' XFSZ; " + limits + " exec " +
                              std::string(MINERALSIM_CLI_PATH) + " " + arguments + "\" 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

inline void write_text_file(const std::string& path, const std::string& text) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

}  // namespace mineralsim::testing
