#pragma once
// The small test scenario as TOML text, edited for error tests, and where a fragment sits in it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace mineralsim::testing {

inline std::string small_path() {
  return std::string(MINERALSIM_TEST_DATA_DIR) + "/scenarios/small.toml";
}

inline std::string small_text() {
  const std::string path = small_path();
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// small.toml followed by `fragment` (more tables).
inline std::string small_plus(std::string_view fragment) {
  return small_text() + "\n" + std::string(fragment);
}

// "line:column" (1-based) of the last occurrence of `needle` in `text`.
inline std::string at_last(const std::string& text, std::string_view needle) {
  const auto pos = text.rfind(needle);
  EXPECT_NE(pos, std::string::npos) << "not found: " << needle;
  if (pos == std::string::npos) return "?";
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return std::to_string(line) + ":" + std::to_string(pos - line_start + 1);
}

}  // namespace mineralsim::testing
