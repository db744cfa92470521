// The first day of unmet demand, over the whole run and within summary windows: the figures that
// answer "does the importer run short within 90 days of a date?".
#include <gtest/gtest.h>

#include "mineralsim/errors.hpp"
#include "support/minimal_scenario.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using model::IntField;
using model::RealField;

// An embargo from day 0: Buyer's inventory runs down and it runs short some weeks in.
scenario::Scenario embargo_with_windows(const std::string& windows) {
  return scenario::parse_scenario(minimal_scenario_toml("initial = \"EMBARGO\"\n", windows),
                                  "windows.toml");
}

TEST(UnmetWindow, FirstUnmetDaysMatchTheDailyUnmetDemand) {
  const scenario::Scenario s = embargo_with_windows(
      "[[window]]\nname = \"early\"\nstart_day = 0\ndays = 5\n\n"
      "[[window]]\nname = \"from_day_10\"\nstart_day = 10\ndays = 90\n\n"
      "[[window]]\nname = \"late\"\nstart_date = 2025-08-01\ndays = 30\n");
  ASSERT_EQ(s.window_start_day[2], 212);  // 2025-08-01 is day 212 of a run from 2025-01-01
  SteppedBatch batch(s, 11, 0, 1);
  const model::LaneState st = batch.lane(0);
  int first_unmet = -1;
  std::vector<int> expected(3, -1);
  for (int day = 0; day < 300; ++day) {
    batch.step();
    if (st(RealField::unmet_today, 0) <= 0.0) continue;
    if (first_unmet < 0) first_unmet = day;
    for (int w = 0; w < 3; ++w) {
      const int into = day - s.window_start_day[static_cast<std::size_t>(w)];
      if (expected[static_cast<std::size_t>(w)] < 0 && into >= 0 &&
          into < s.window_days[static_cast<std::size_t>(w)]) {
        expected[static_cast<std::size_t>(w)] = into;
      }
    }
  }
  ASSERT_GT(first_unmet, 10) << "the test needs the shortage to start inside the second window";
  ASSERT_LT(first_unmet, 100);
  EXPECT_EQ(st(IntField::first_unmet_day, 0), first_unmet);
  EXPECT_EQ(st(IntField::window_first_unmet_day, 0), -1);  // no shortage in days 0-4
  EXPECT_EQ(st(IntField::window_first_unmet_day, 1), first_unmet - 10);
  EXPECT_EQ(st(IntField::window_first_unmet_day, 2), expected[2]);
}

TEST(UnmetWindow, NoShortageLeavesMinusOne) {
  const scenario::Scenario s = scenario::parse_scenario(
      minimal_scenario_toml("", "[[window]]\nname = \"w\"\nstart_day = 0\ndays = 200\n"),
      "open.toml");
  SteppedBatch batch(s, 11, 0, 1);
  for (int day = 0; day < 200; ++day) batch.step();
  EXPECT_EQ(batch.lane(0)(RealField::unmet_total, 0), 0.0);
  EXPECT_EQ(batch.lane(0)(IntField::first_unmet_day, 0), -1);
  EXPECT_EQ(batch.lane(0)(IntField::window_first_unmet_day, 0), -1);
}

TEST(UnmetWindow, ScenarioErrorsNameTheKeyAndTheReason) {
  auto error_of = [](const std::string& windows) -> std::string {
    try {
      scenario::parse_scenario(minimal_scenario_toml("", windows), "bad.toml");
    } catch (const UserError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(error_of("[[window]]\nname = \"a\"\ndays = 5\n")
                .find("window[a].start_date: required key missing ('start_day' or 'start_date')"),
            std::string::npos);
  EXPECT_NE(error_of("[[window]]\nname = \"a\"\nstart_day = 0\ndays = 0\n")
                .find("window[a].days: must be between 1 and"),
            std::string::npos);
  EXPECT_NE(error_of("[[window]]\nname = \"a\"\nstart_day = 0\ndays = 5\n\n"
                     "[[window]]\nname = \"a\"\nstart_day = 9\ndays = 5\n")
                .find("duplicate window name 'a' (first declared as window[0])"),
            std::string::npos);
  EXPECT_NE(error_of("[[window]]\nname = \"a\"\nstart_date = 2024-12-31\ndays = 5\n")
                .find("2024-12-31 is before the scenario start_date 2025-01-01"),
            std::string::npos);
}

}  // namespace
}  // namespace mineralsim::testing
