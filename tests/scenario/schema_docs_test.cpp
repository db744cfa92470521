// docs/scenario.md carries the parameter table that `mineralsim validate --schema` prints; this
// keeps the two from drifting apart when a parameter is added or changed.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "mineralsim/scenario/scenario_loader.hpp"

namespace mineralsim::testing {
namespace {

TEST(SchemaDocs, ScenarioDocumentationHoldsTheCurrentParameterTable) {
  std::ifstream in(std::string(MINERALSIM_SOURCE_DIR) + "/docs/scenario.md");
  ASSERT_TRUE(in) << "cannot read docs/scenario.md";
  std::ostringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find(scenario::describe_schema()), std::string::npos)
      << "docs/scenario.md is out of date: replace its parameter table with the output of "
         "`mineralsim validate --schema`";
}

}  // namespace
}  // namespace mineralsim::testing
