// The screen in front of toml++ 3.3: it passes every non-ASCII text TOML allows except the
// positions where that library has undefined behaviour, and it names the line and column of those.
#include "scenario/toml_text_screen.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "mineralsim/errors.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"

namespace mineralsim::scenario {
namespace {

using ::testing::HasSubstr;

UserError screen_error(const std::string& text) {
  try {
    screen_toml_text(text, "in.toml");
  } catch (const UserError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return UserError("", 0, 0, "", "");
}

TEST(TomlTextScreen, PassesNonAsciiInStringsAndComments) {
  EXPECT_NO_THROW(
      screen_toml_text("# Société Générale — § 3\n"
                       "a = \"é \\\" ϻ\" # ü\n"
                       "b = 'é ϻ'\n"
                       "c = '''\\\n  é'''\n"
                       "d = \"\"\"é \"\" ϻ\"\"\"\"\n"
                       "e = \"\"\"\\\n   x é\"\"\"\n"
                       "\"é\" = 1\n",
                       "in.toml"));
}

TEST(TomlTextScreen, RejectsNonAsciiOutsideStringsWithItsPosition) {
  const UserError e = screen_error("a = 1\nb = 2é\n");
  EXPECT_EQ(e.file(), "in.toml");
  EXPECT_EQ(e.line(), 2);
  EXPECT_EQ(e.column(), 6);
  EXPECT_THAT(e.reason(), HasSubstr("U+00E9 'é' outside a string or comment"));
}

TEST(TomlTextScreen, ColumnsCountCodePointsAndStringsEndWhereTomlEndsThem) {
  // The string and the multi-line string with two closing quotes of its own are both over by
  // the time the bare 'ϻ' comes.
  const UserError e = screen_error("a = \"éé\" \"\"\"x\"\"\"\"\" ϻ");
  EXPECT_EQ(e.line(), 1);
  EXPECT_EQ(e.column(), 20);
  EXPECT_THAT(e.reason(), HasSubstr("U+03FB"));
}

TEST(TomlTextScreen, RejectsNonAsciiRightAfterALineEndingBackslash) {
  const UserError e = screen_error("s = \"\"\"\\\n  \n  §\"\"\"\n");
  EXPECT_EQ(e.line(), 3);
  EXPECT_EQ(e.column(), 3);
  EXPECT_THAT(e.reason(), HasSubstr("U+00A7 '§' right after a line-ending backslash"));
  EXPECT_THAT(e.reason(), HasSubstr("\\u"));
}

TEST(TomlTextScreen, RejectsABackslashFollowedByNonAsciiInAMultiLineString) {
  EXPECT_THAT(screen_error("s = \"\"\"\\é\"\"\"").reason(),
              HasSubstr("invalid escape: a backslash followed by U+00E9"));
}

TEST(TomlTextScreen, NamesBytesThatAreNotUtf8) {
  EXPECT_THAT(screen_error("a = \xff").reason(), HasSubstr("the byte 0xFF (not UTF-8)"));
  EXPECT_THAT(screen_error("a = \xc3").reason(), HasSubstr("the byte 0xC3 (not UTF-8)"));
}

TEST(TomlTextScreen, TheLoaderScreensBeforeParsing) {
  try {
    parse_scenario("\xcf\xbb\x0f", "fuzzed.toml", std::nullopt);
    FAIL() << "no error";
  } catch (const UserError& e) {
    EXPECT_EQ(e.file(), "fuzzed.toml");
    EXPECT_EQ(e.line(), 1);
    EXPECT_EQ(e.column(), 1);
    EXPECT_THAT(e.reason(), HasSubstr("U+03FB"));
  }
}

}  // namespace
}  // namespace mineralsim::scenario
