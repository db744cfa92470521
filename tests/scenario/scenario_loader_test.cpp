// Scenario loading: the shipped test scenario, calendar dates, the printed description, and one
// test per class of user error (file, line:column, key and reason of the message).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "mineralsim/errors.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "support/scenario_text.hpp"

namespace mineralsim::scenario {
namespace {

using model::DistributionKind;
using model::EventAction;
using model::Param;
using testing::at_last;
using ::testing::HasSubstr;
using testing::small_plus;
using testing::small_text;

const std::string kSmallPath = testing::small_path();
using ::testing::StartsWith;

// small.toml with one exact occurrence of `from` replaced by `to`.
std::string replaced(std::string text, std::string_view from, std::string_view to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "fragment not found: " << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "fragment not unique: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}
std::string small_with(std::string_view from, std::string_view to) {
  return replaced(small_text(), from, to);
}
// The UserError that parsing `text` raises.
UserError error_of(const std::string& text) {
  try {
    (void)parse_scenario(text, "inline.toml");
  } catch (const UserError& e) {
    return e;
  }
  ADD_FAILURE() << "the scenario was accepted";
  return UserError("", 0, 0, "", "no error");
}

constexpr std::string_view kMinimal = R"([scenario]
name = "minimal"

[[commodity]]
name = "gallium"
price = 100.0

[[supplier]]
name = "China"

[[importer]]
name = "Korea"

[[supply]]
supplier = "China"
commodity = "gallium"
capacity = 1.0
cost = 50.0
)";

// ---- the shipped test scenario --------------------------------------------------------------

TEST(ScenarioLoader, LoadsSmallScenarioDimensionsAndNames) {
  const Scenario s = load_scenario(kSmallPath);
  EXPECT_EQ(s.source_path, kSmallPath);
  EXPECT_EQ(s.source_text, small_text());
  EXPECT_EQ(s.name, "small");
  EXPECT_EQ(s.start_date.year, 2025);
  EXPECT_EQ(s.start_date.month, 1);
  EXPECT_EQ(s.start_date.day, 1);
  EXPECT_EQ(s.horizon_days, 730);
  EXPECT_EQ(s.seed, 7u);

  const model::Dimensions& d = s.dims;
  EXPECT_EQ(d.commodities, 2);
  EXPECT_EQ(d.suppliers, 3);
  EXPECT_EQ(d.importers, 3);
  EXPECT_EQ(d.regimes, 2);
  EXPECT_EQ(d.projects, 1);
  EXPECT_EQ(d.holdings, 1);
  EXPECT_EQ(d.offtakes, 1);
  EXPECT_EQ(d.events, 3);
  EXPECT_EQ(d.license_stages, 3);

  EXPECT_EQ(s.commodities, (std::vector<std::string>{"gallium", "NdPr oxide"}));
  EXPECT_EQ(s.commodity_units, (std::vector<std::string>{"t", "t"}));
  EXPECT_EQ(s.suppliers, (std::vector<std::string>{"China", "Australia", "Japan"}));
  EXPECT_EQ(s.importers,
            (std::vector<std::string>{"Korea semiconductors", "Japan industry", "US defense"}));
  EXPECT_EQ(s.regime_names, (std::vector<std::string>{"China/gallium", "China/NdPr oxide"}));
  EXPECT_EQ(s.holding_names, (std::vector<std::string>{"KOMIR/gallium"}));
  EXPECT_EQ(s.offtake_names, (std::vector<std::string>{"Australia->Japan industry/NdPr oxide"}));
  ASSERT_EQ(s.project_names.size(), 1u);
  EXPECT_EQ(s.project_names[0], "Australia/NdPr oxide@day 500");
}

TEST(ScenarioLoader, LoadsSmallScenarioStructure) {
  const Scenario s = load_scenario(kSmallPath);
  // regime_of_supply[s * C + c]: China (0) controls gallium (0) and NdPr oxide (1).
  EXPECT_EQ(s.regime_of_supply, (std::vector<int>{0, 1, -1, -1, -1, -1}));
  EXPECT_EQ(s.regime_exporter, (std::vector<int>{0, 0}));
  EXPECT_EQ(s.regime_commodity, (std::vector<int>{0, 1}));
  EXPECT_EQ(s.regime_initial_level, (std::vector<int>{model::kLicensed, model::kOpen}));
  EXPECT_EQ(s.license_stages, (std::vector<int>{3, 2}));
  // restricted_destination[x * K + k]: US defense (2) barred from China/gallium while RESTRICTED.
  EXPECT_EQ(s.restricted_destination, (std::vector<std::uint8_t>{0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(s.project_supplier, (std::vector<int>{1}));
  EXPECT_EQ(s.project_commodity, (std::vector<int>{1}));
  EXPECT_EQ(s.project_day, (std::vector<int>{500}));
  EXPECT_EQ(s.holding_importer, (std::vector<int>{0}));
  EXPECT_EQ(s.holding_commodity, (std::vector<int>{0}));
  EXPECT_EQ(s.offtake_supplier, (std::vector<int>{1}));
  EXPECT_EQ(s.offtake_importer, (std::vector<int>{1}));
  EXPECT_EQ(s.offtake_commodity, (std::vector<int>{1}));
  // recycling days [k * C + c]: Japan industry (1) on gallium (0).
  EXPECT_EQ(s.recycling_start_day, (std::vector<int>{0, 0, 100, 0, 0, 0}));
  EXPECT_EQ(s.recycling_end_day, (std::vector<int>{0, 0, 600, 0, 0, 0}));
}

TEST(ScenarioLoader, LoadsSmallScenarioParameters) {
  const Scenario s = load_scenario(kSmallPath);
  const int C = 2;
  EXPECT_DOUBLE_EQ(s.param(Param::tension_initial).value, 0.5);
  EXPECT_DOUBLE_EQ(s.param(Param::tension_jump_rate).value, 0.002);
  EXPECT_DOUBLE_EQ(s.param(Param::price_initial, 0).value, 400.0);
  EXPECT_DOUBLE_EQ(s.param(Param::price_initial, 1).value, 60.0);
  EXPECT_DOUBLE_EQ(s.param(Param::capacity, 0 * C + 0).value, 2.0);   // China gallium
  EXPECT_DOUBLE_EQ(s.param(Param::capacity, 1 * C + 1).value, 30.0);  // Australia NdPr
  EXPECT_DOUBLE_EQ(s.param(Param::home_demand, 0 * C + 1).value, 150.0);
  // Undeclared supply (Australia gallium, Japan NdPr): neutral values.
  EXPECT_DOUBLE_EQ(s.param(Param::capacity, 1 * C + 0).value, 0.0);
  EXPECT_DOUBLE_EQ(s.param(Param::cost, 1 * C + 0).value, 1.0);
  EXPECT_DOUBLE_EQ(s.param(Param::capacity, 2 * C + 1).value, 0.0);
  EXPECT_DOUBLE_EQ(s.param(Param::min_utilisation, 2 * C + 1).value, 0.5);  // default
  // Demand; Korea semiconductors has no NdPr demand.
  EXPECT_DOUBLE_EQ(s.param(Param::demand, 0 * C + 0).value, 0.35);
  EXPECT_DOUBLE_EQ(s.param(Param::demand, 0 * C + 1).value, 0.0);
  EXPECT_DOUBLE_EQ(s.param(Param::priority, 2 * C + 0).value, 2.0);
  EXPECT_DOUBLE_EQ(s.param(Param::demand_elasticity, 0 * C + 0).value, 0.05);
  // Regimes, openness per level.
  EXPECT_DOUBLE_EQ(s.param(Param::baseline_exports, 1).value, 60.0);
  EXPECT_DOUBLE_EQ(s.param(Param::openness, 0 * 4 + model::kLicensed).value, 0.5);
  EXPECT_DOUBLE_EQ(s.param(Param::openness, 1 * 4 + model::kRestricted).value, 0.3);
  EXPECT_DOUBLE_EQ(s.param(Param::license_delay_days, 0).value, 45.0);  // default
  EXPECT_DOUBLE_EQ(s.param(Param::project_delay_median_days, 0).value, 120.0);
  EXPECT_DOUBLE_EQ(s.param(Param::project_delay_sigma, 0).value, 0.5);
  EXPECT_DOUBLE_EQ(s.param(Param::response_delay_days, 0).value, 8.0);
  EXPECT_DOUBLE_EQ(s.param(Param::stock_initial, 0).value, 20.0);
  EXPECT_TRUE(std::isinf(s.param(Param::budget_musd, 0).value));
  EXPECT_DOUBLE_EQ(s.param(Param::offtake_share, 0).value, 0.3);
  // No value is left NaN.
  for (std::size_t i = 0; i < s.params.size(); ++i) {
    EXPECT_FALSE(std::isnan(s.params[i].value)) << s.value_name(static_cast<int>(i));
  }
}

TEST(ScenarioLoader, ParsesDistributionsWithKindAndBounds) {
  const Scenario s = load_scenario(kSmallPath);
  const ParamValue& escalation = s.param(Param::escalation_rate, 0);
  ASSERT_TRUE(escalation.distribution.has_value());
  EXPECT_EQ(escalation.distribution->kind, DistributionKind::kUniform);
  EXPECT_DOUBLE_EQ(escalation.distribution->a, 0.001);
  EXPECT_DOUBLE_EQ(escalation.distribution->b, 0.004);
  EXPECT_DOUBLE_EQ(escalation.distribution->lower, 0.0);
  EXPECT_DOUBLE_EQ(escalation.distribution->upper, 1.0);
  EXPECT_DOUBLE_EQ(escalation.value, 0.0025);

  const ParamValue& elasticity = s.param(Param::demand_elasticity, 1 * 2 + 1);
  ASSERT_TRUE(elasticity.distribution.has_value());
  EXPECT_EQ(elasticity.distribution->kind, DistributionKind::kNormal);
  EXPECT_DOUBLE_EQ(elasticity.distribution->a, 0.1);
  EXPECT_DOUBLE_EQ(elasticity.distribution->b, 0.03);
  EXPECT_DOUBLE_EQ(elasticity.distribution->lower, 0.0);
  EXPECT_DOUBLE_EQ(elasticity.distribution->upper, 0.5);
  EXPECT_DOUBLE_EQ(elasticity.value, 0.1);

  EXPECT_FALSE(s.param(Param::escalation_rate, 1).distribution.has_value());
}

TEST(ScenarioLoader, ParsesLognormalAndTriangular) {
  std::string text = small_with("capacity = 15.0             # test value, t/day",
                                "capacity = { dist = \"lognormal\", median = 15, sigma = 0.3 }");
  text = replaced(text, "delay_median_days = 120.0   # test value",
                  "delay_median_days = { dist = \"triangular\", low = 30, mode = 45, high = 90 }");
  const Scenario s = parse_scenario(text, "inline.toml");
  const ParamValue& capacity = s.param(Param::project_capacity, 0);
  ASSERT_TRUE(capacity.distribution.has_value());
  EXPECT_EQ(capacity.distribution->kind, DistributionKind::kLognormal);
  EXPECT_DOUBLE_EQ(capacity.distribution->a, 15.0);
  EXPECT_DOUBLE_EQ(capacity.distribution->b, 0.3);
  EXPECT_DOUBLE_EQ(capacity.distribution->lower, 0.0);
  EXPECT_DOUBLE_EQ(capacity.distribution->upper, 1e9);
  EXPECT_DOUBLE_EQ(capacity.value, 15.0);
  const ParamValue& delay = s.param(Param::project_delay_median_days, 0);
  ASSERT_TRUE(delay.distribution.has_value());
  EXPECT_EQ(delay.distribution->kind, DistributionKind::kTriangular);
  EXPECT_DOUBLE_EQ(delay.distribution->a, 30.0);
  EXPECT_DOUBLE_EQ(delay.distribution->b, 45.0);
  EXPECT_DOUBLE_EQ(delay.distribution->c, 90.0);
  EXPECT_DOUBLE_EQ(delay.distribution->upper, 36500.0);
  EXPECT_DOUBLE_EQ(delay.value, 45.0);
  const std::string described = describe_scenario(s);
  EXPECT_THAT(described, HasSubstr("= lognormal(median 15, sigma 0.3)"));
  EXPECT_THAT(described, HasSubstr("= triangular(30, 45, 90)"));
}

TEST(ScenarioLoader, DescriptionListsRecyclingRampsWithTheirDays) {
  const std::string described = describe_scenario(load_scenario(kSmallPath));
  EXPECT_THAT(described,
              HasSubstr("recycling ramps (1):\n  Japan industry, gallium: recycled share "
                        "0.05 to 0.15, from day 100 (2025-04-11) to day 600 "
                        "(2026-08-24)\n"));
}

TEST(ScenarioLoader, EventsAreExpandedAndSortedByDay) {
  const Scenario s = load_scenario(kSmallPath);
  ASSERT_EQ(s.events.size(), 3u);
  ASSERT_EQ(s.event_notes.size(), 3u);
  // The ban (day 30, commodity "*") comes first, once per regime of China, in regime order.
  EXPECT_EQ(s.events[0].day, 30);
  EXPECT_EQ(s.events[0].regime, 0);
  EXPECT_EQ(s.events[0].action, EventAction::kBan);
  EXPECT_EQ(s.events[0].argument, 2);  // US defense
  EXPECT_EQ(s.events[1].day, 30);
  EXPECT_EQ(s.events[1].regime, 1);
  EXPECT_EQ(s.events[1].action, EventAction::kBan);
  EXPECT_EQ(s.event_notes[0], "test: ban on every regime of China");
  EXPECT_EQ(s.event_notes[1], "test: ban on every regime of China");
  // The pause, given by date 2025-11-10 = day 313.
  EXPECT_EQ(s.events[2].day, 313);
  EXPECT_EQ(s.events[2].regime, 0);
  EXPECT_EQ(s.events[2].action, EventAction::kPause);
  EXPECT_EQ(s.events[2].argument, 365);
  EXPECT_EQ(s.event_notes[2], "test: one-year suspension of a ban");
}

TEST(ScenarioLoader, ConvertsCalendarDatesToDays) {
  const Scenario s = parse_scenario(small_plus(R"([[event]]
date = 2025-10-09
exporter = "China"
commodity = ["NdPr oxide"]
action = "RESTRICTED"
)"),
                                    "inline.toml");
  ASSERT_EQ(s.events.size(), 4u);
  EXPECT_EQ(s.events[2].day, 281);
  EXPECT_EQ(s.events[2].regime, 1);
  EXPECT_EQ(s.events[2].action, EventAction::kSetLevel);
  EXPECT_EQ(s.events[2].argument, model::kRestricted);
  EXPECT_EQ(s.event_notes[2], "");

  // Across a leap day and a year end.
  const std::string leap = std::string(kMinimal) + R"(
[[regime]]
exporter = "China"
commodity = "gallium"
baseline_exports = 1.0
home_price = 50.0
openness = [1, 0.5, 0.2, 0]

[[event]]
date = 2024-03-01
exporter = "China"
commodity = "gallium"
action = "EMBARGO"

[[event]]
date = 2025-01-01
exporter = "China"
commodity = "gallium"
action = "OPEN"
)";
  const Scenario t = parse_scenario(
      replaced(leap, "name = \"minimal\"", "name = \"minimal\"\nstart_date = 2024-02-28"),
      "inline.toml");
  ASSERT_EQ(t.events.size(), 2u);
  EXPECT_EQ(t.events[0].day, 2);
  EXPECT_EQ(t.events[1].day, 308);
}

TEST(ScenarioLoader, MinimalScenarioUsesDefaults) {
  const Scenario s = parse_scenario(kMinimal, "inline.toml");
  EXPECT_EQ(s.horizon_days, 1095);
  EXPECT_EQ(s.seed, 1u);
  EXPECT_EQ(s.start_date.year, 2025);
  EXPECT_EQ(s.dims.regimes, 0);
  EXPECT_EQ(s.dims.events, 0);
  EXPECT_EQ(s.dims.license_stages, 1);
  EXPECT_EQ(s.regime_of_supply, (std::vector<int>{-1}));
  EXPECT_EQ(s.commodity_units, (std::vector<std::string>{"t"}));
  EXPECT_DOUBLE_EQ(s.param(Param::tension_reversion).value, 0.01);
  EXPECT_EQ(s.source_path, "inline.toml");
}

TEST(ScenarioLoader, DescribeScenarioListsEntitiesAndDistributions) {
  const Scenario s = load_scenario(kSmallPath);
  const std::string text = describe_scenario(s);
  for (const std::string& c : s.commodities) EXPECT_THAT(text, HasSubstr(c));
  for (const std::string& k : s.importers) EXPECT_THAT(text, HasSubstr(k));
  EXPECT_THAT(text, HasSubstr("scenario: small"));
  EXPECT_THAT(text, HasSubstr("China/gallium: initial LICENSED, 3 licence stages, restricted "
                              "destinations: US defense"));
  EXPECT_THAT(text, HasSubstr("regime[China/gallium].escalation_rate = uniform(0.001, 0.004)"));
  EXPECT_THAT(text, HasSubstr("demand[Japan industry, NdPr oxide].elasticity = normal(mean 0.1, "
                              "sd 0.03, clipped to [0, 0.5])"));
  EXPECT_THAT(text, HasSubstr("supply[China, gallium].capacity = 2\n"));
  EXPECT_THAT(text, HasSubstr("day 313 (2025-11-10): China/gallium: pause 365 days"));
  EXPECT_THAT(text, HasSubstr("day 30 (2025-01-31): China/NdPr oxide: ban US defense"));
  EXPECT_THAT(text, HasSubstr("stockpile[KOMIR/gallium].budget_musd = inf"));
  // Every value has its line.
  for (std::size_t i = 0; i < s.params.size(); ++i) {
    EXPECT_THAT(text, HasSubstr(s.value_name(static_cast<int>(i)) + " = "));
  }
}

TEST(ScenarioLoader, DescribeSchemaTabulatesEveryParameter) {
  const std::string text = describe_schema();
  EXPECT_THAT(text, StartsWith("| table | key |"));
  EXPECT_THAT(text, HasSubstr("| `demand` | `elasticity` | per importer and commodity | [0.0, "
                              "5.0] | 0.05 | 1 |"));
  EXPECT_THAT(text,
              HasSubstr("| `commodity` | `price` | per commodity | [1e-6, 1e9] | required |"));
  EXPECT_THAT(text, HasSubstr("| `stockpile` | `budget_musd` | per stockpile holding | [0.0, 1e9] "
                              "| unlimited |"));
  for (int p = 0; p < model::kParamCount; ++p) {
    EXPECT_THAT(text, HasSubstr(std::string("`") + model::kParamInfo[p].key + "`"));
  }
}

// ---- one test per class of error ------------------------------------------------------------

TEST(ScenarioLoaderErrors, TomlSyntaxError) {
  const std::string text = small_plus("[[supply]\nsupplier = \"China\"\n");
  const UserError e = error_of(text);
  EXPECT_EQ(e.file(), "inline.toml");
  const std::string where = at_last(text, "[[supply]");
  EXPECT_EQ(std::to_string(e.line()), where.substr(0, where.find(':')));
  EXPECT_EQ(e.key(), "");
  EXPECT_THAT(e.reason(), StartsWith("TOML syntax error: "));
  EXPECT_EQ(std::string(e.what()), "inline.toml:" + std::to_string(e.line()) + ":" +
                                       std::to_string(e.column()) + ": " + e.reason());
}

TEST(ScenarioLoaderErrors, UnknownKeyWithSuggestion) {
  const std::string text =
      small_with("elasticity = 0.05           # test value", "elastcity = 0.05");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "elastcity") +
                ": demand[Korea semiconductors, gallium].elastcity: unknown key 'elastcity' "
                "(did you mean 'elasticity'?)");
  // An unknown table, and a key with nothing close.
  const std::string table = small_plus("[[evnt]]\nday = 3\n");
  EXPECT_EQ(std::string(error_of(table).what()),
            "inline.toml:" + at_last(table, "evnt") +
                ": evnt: unknown table 'evnt' (did you mean 'event'?)");
  // A misspelt name key is reported as unknown (not as a missing 'supplier'), in index form.
  const std::string name_key =
      small_plus("[[supply]]\nsuplier = \"Japan\"\ncommodity = \"NdPr oxide\"\n");
  EXPECT_EQ(std::string(error_of(name_key).what()),
            "inline.toml:" + at_last(name_key, "suplier") +
                ": supply[4].suplier: unknown key 'suplier' (did you mean 'supplier'?)");
  const std::string far = small_with("seed = 7 ", "colour = 7 ");
  EXPECT_EQ(std::string(error_of(far).what()),
            "inline.toml:" + at_last(far, "colour") + ": scenario.colour: unknown key 'colour'");
}

TEST(ScenarioLoaderErrors, WrongType) {
  const std::string text = small_with("capacity = 2.0 ", "capacity = \"lots\" ");
  const UserError e = error_of(text);
  EXPECT_EQ(std::to_string(e.line()) + ":" + std::to_string(e.column()), at_last(text, "\"lots\""));
  EXPECT_EQ(e.key(), "supply[China, gallium].capacity");
  EXPECT_THAT(e.reason(), StartsWith("must be a number or a distribution"));

  const std::string integer = small_with("horizon_days = 730", "horizon_days = 730.5");
  EXPECT_EQ(
      std::string(error_of(integer).what()),
      "inline.toml:" + at_last(integer, "730.5") + ": scenario.horizon_days: must be an integer");
  const std::string string = small_with("name = \"KOMIR\"", "name = 12");
  EXPECT_EQ(std::string(error_of(string).what()),
            "inline.toml:" + at_last(string, "12\n") + ": stockpile[0].name: must be a string");
  const std::string date = small_with("start_date = 2025-01-01", "start_date = \"2025-01-01\"");
  EXPECT_EQ(error_of(date).reason(), "must be a date, written unquoted as 2025-01-01");
  const std::string table = std::string(kMinimal) + "\n[[tension]]\ninitial = 1\n";
  EXPECT_EQ(error_of(table).reason(), "must be a table ([tension])");
}

TEST(ScenarioLoaderErrors, ValueOutOfBounds) {
  const std::string text =
      small_with("elasticity = 0.05           # test value", "elasticity = -0.3");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "-0.3") +
                ": demand[Korea semiconductors, gallium].elasticity: must be between 0 and 5, got "
                "-0.3");
  const std::string openness =
      small_with("openness = [1.0, 0.5, 0.2, 0.0]", "openness = [1.0, 0.5, 1.2, 0.0]");
  EXPECT_EQ(std::string(error_of(openness).what()),
            "inline.toml:" + at_last(openness, "1.2") +
                ": regime[China, gallium].openness[2]: must be between 0 and 1, got 1.2");
  const std::string horizon = small_with("horizon_days = 730", "horizon_days = 0");
  EXPECT_EQ(error_of(horizon).reason(), "must be between 1 and 100000, got 0");
  const std::string price = small_with("price = 60.0 ", "price = 2e9 ");
  EXPECT_EQ(error_of(price).reason(), "must be between 1e-6 and 1e9, got 2e9");
}

TEST(ScenarioLoaderErrors, RequiredKeyMissing) {
  const std::string text = small_with("home_price = 250.0          # test value, USD/kg\n", "");
  const UserError e = error_of(text);
  // Reported at the entry's own [[regime]] header (the first regime).
  const auto header = text.find("[[regime]]");
  const int line =
      static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(header), '\n')) +
      1;
  EXPECT_EQ(e.line(), line);
  EXPECT_EQ(e.column(), 1);
  EXPECT_EQ(e.key(), "regime[China, gallium].home_price");
  EXPECT_EQ(e.reason(), "required key missing");

  const std::string name = small_with("name = \"small\"\n", "");
  EXPECT_EQ(error_of(name).key(), "scenario.name");
  EXPECT_EQ(error_of(name).reason(), "required key missing");

  const std::string event = small_with("days = 365                  # test value\n", "");
  EXPECT_EQ(error_of(event).key(), "event[0].days");
  EXPECT_EQ(error_of(event).reason(), "required key missing");

  const std::string no_importer =
      replaced(std::string(kMinimal), "[[importer]]\nname = \"Korea\"\n", "");
  EXPECT_EQ(std::string(error_of(no_importer).what()),
            "inline.toml: importer: at least one [[importer]] entry is required");
}

TEST(ScenarioLoaderErrors, UnknownSupplierName) {
  const std::string text = small_plus("[[supply]]\nsupplier = \"Chna\"\ncommodity = \"gallium\"\n");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "\"Chna\"") +
                ": supply[4].supplier: unknown supplier 'Chna' (known: China, Australia, Japan)");
  const std::string importer =
      small_with("importer = \"US defense\"\nnote", "importer = \"UK\"\nnote");
  EXPECT_EQ(error_of(importer).key(), "event[1].importer");
  EXPECT_EQ(error_of(importer).reason(),
            "unknown importer 'UK' (known: Korea semiconductors, Japan industry, US defense)");
}

TEST(ScenarioLoaderErrors, DuplicateName) {
  const std::string text = small_plus("[[importer]]\nname = \"US defense\"\n");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "\"US defense\"") +
                ": importer[3].name: duplicate name 'US defense' (also importer[2])");
  // A duplicate (supplier, commodity) pair.
  const std::string pair = small_plus(
      "[[supply]]\nsupplier = \"Japan\"\ncommodity = \"gallium\"\ncapacity = 1\ncost = 1\n");
  EXPECT_EQ(error_of(pair).key(), "supply[4]");
  EXPECT_EQ(error_of(pair).reason(),
            "duplicate entry for Japan and gallium (first declared as supply[1])");
  EXPECT_EQ(std::to_string(error_of(pair).line()) + ":" + std::to_string(error_of(pair).column()),
            at_last(pair, "[[supply]]"));
  // A second regime on the same supply.
  const std::string regime = small_plus(
      "[[regime]]\nexporter = \"China\"\ncommodity = \"gallium\"\nbaseline_exports = 1\n"
      "home_price = 1\nopenness = [1, 1, 1, 1]\n");
  EXPECT_EQ(error_of(regime).reason(),
            "duplicate regime for China on gallium (first declared as regime[0])");
}

TEST(ScenarioLoaderErrors, DistributionSupportOutsideBounds) {
  const std::string text =
      small_with("deescalation_rate = 0.002   # test value, 1/day",
                 "approval_share = { dist = \"uniform\", low = 0.5, high = 1.5 }");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "{ dist") +
                ": regime[China, gallium].approval_share: distribution support [0.5, 1.5] must "
                "lie within the bounds [0, 1]");
  const std::string triangular = small_with(
      "deescalation_rate = 0.002   # test value, 1/day",
      "deescalation_rate = { dist = \"triangular\", low = 0.1, mode = 0.05, high = 0.2 }");
  EXPECT_THAT(error_of(triangular).reason(),
              HasSubstr("triangular distribution needs low <= mode <= high"));
  const std::string lognormal =
      small_with("deescalation_rate = 0.002   # test value, 1/day",
                 "deescalation_rate = { dist = \"lognormal\", median = 0.01, sigma = 0.5 }");
  EXPECT_THAT(error_of(lognormal).reason(),
              HasSubstr("lognormal distribution is only allowed for parameters with no upper "
                        "bound below 1e6 (this one is at most 1)"));
  const std::string unknown =
      small_with("deescalation_rate = 0.002   # test value, 1/day",
                 "deescalation_rate = { dist = \"unifrom\", low = 0.1, high = 0.2 }");
  EXPECT_EQ(error_of(unknown).key(), "regime[China, gallium].deescalation_rate.dist");
  EXPECT_EQ(error_of(unknown).reason(),
            "unknown distribution 'unifrom' (known: uniform, normal, lognormal, triangular) (did "
            "you mean 'uniform'?)");
}

TEST(ScenarioLoaderErrors, NormalWithoutMinMax) {
  const std::string text =
      small_with("elasticity = { dist = \"normal\", mean = 0.1, sd = 0.03, min = 0.0, max = 0.5 }",
                 "elasticity = { dist = \"normal\", mean = 0.1, sd = 0.03 }");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "{ dist = \"normal\"") +
                ": demand[Japan industry, NdPr oxide].elasticity: normal distribution needs min "
                "and max within [0, 5]");
  const std::string outside =
      small_with("elasticity = { dist = \"normal\", mean = 0.1, sd = 0.03, min = 0.0, max = 0.5 }",
                 "elasticity = { dist = \"normal\", mean = 0.1, sd = 0.03, min = -1, max = 0.5 }");
  EXPECT_EQ(error_of(outside).reason(), "normal distribution needs min and max within [0, 5]");
}

TEST(ScenarioLoaderErrors, EventBeforeStartDate) {
  const std::string text = small_with("date = 2025-11-10", "date = 2024-12-31");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "2024-12-31") +
                ": event[0].date: 2024-12-31 is before the scenario start_date 2025-01-01");
  const std::string both = small_with("date = 2025-11-10", "date = 2025-11-10\nday = 3");
  EXPECT_EQ(error_of(both).reason(), "give 'day' or 'date', not both");
}

TEST(ScenarioLoaderErrors, EventForCommodityWithoutRegime) {
  const std::string text = small_plus(
      "[[event]]\nday = 5\nexporter = \"China\"\ncommodity = [\"gallium\", \"NdPr oxide\"]\n"
      "action = \"EMBARGO\"\n"
      "[[event]]\nday = 5\nexporter = \"Japan\"\ncommodity = \"gallium\"\naction = \"EMBARGO\"\n");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "\"gallium\"") +
                ": event[3].commodity: no regime for Japan on gallium: declare a [[regime]] first");
  const std::string action = small_with("action = \"pause\"", "action = \"Pause\"");
  EXPECT_EQ(error_of(action).reason(),
            "unknown action 'Pause' (known: OPEN, LICENSED, RESTRICTED, EMBARGO, pause, resume, "
            "ban, unban) (did you mean 'pause'?)");
}

TEST(ScenarioLoaderErrors, OfftakeOnRegimeControlledSupply) {
  const std::string text = small_plus(
      "[[offtake]]\nsupplier = \"China\"\nimporter = \"Japan industry\"\ncommodity = \"gallium\"\n"
      "share = 0.1\n");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "\"China\"") +
                ": offtake[China, Japan industry, gallium].supplier: China exports of gallium are "
                "controlled by regime China/gallium: regime-bound supply cannot have offtakes");
}

TEST(ScenarioLoaderErrors, OfftakeSharesAboveOne) {
  const std::string text = small_plus(
      "[[offtake]]\nsupplier = \"Australia\"\nimporter = \"US defense\"\ncommodity = \"NdPr "
      "oxide\"\n"
      "share = { dist = \"uniform\", low = 0.6, high = 0.8 }\n");
  EXPECT_EQ(
      std::string(error_of(text).what()),
      "inline.toml:" + at_last(text, "{ dist") +
          ": offtake[Australia, US defense, NdPr oxide].share: offtake shares of Australia on "
          "NdPr oxide add up to 1.1, more than 1 (a distribution counts with its upper end)");
}

TEST(ScenarioLoaderErrors, StockpileInitialAboveCapacity) {
  const std::string text = small_with("initial = 20.0 ", "initial = 50.0 ");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "50.0") +
                ": stockpile[KOMIR, gallium].initial: initial stock 50 exceeds the capacity 40");
}

TEST(ScenarioLoaderErrors, RecyclingStartAfterEnd) {
  const std::string text = small_with("recycling_start_day = 100", "recycling_start_day = 700");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "600") +
                ": demand[Japan industry, gallium].recycling_end_day: recycling_start_day (700) "
                "must not be after recycling_end_day (600)");
}

TEST(ScenarioLoaderErrors, RegimeWithoutSupply) {
  const std::string text = small_plus(
      "[[regime]]\nexporter = \"Japan\"\ncommodity = \"NdPr oxide\"\nbaseline_exports = 1\n"
      "home_price = 1\nopenness = [1, 1, 1, 1]\n");
  EXPECT_EQ(std::string(error_of(text).what()),
            "inline.toml:" + at_last(text, "\"Japan\"") +
                ": regime[Japan, NdPr oxide].exporter: Japan has no [[supply]] entry for NdPr "
                "oxide: declare one first");
}

TEST(ScenarioLoaderErrors, MissingFile) {
  try {
    (void)load_scenario("/nonexistent/dir/missing.toml");
    ADD_FAILURE() << "no error";
  } catch (const UserError& e) {
    EXPECT_EQ(std::string(e.what()),
              "/nonexistent/dir/missing.toml: cannot read file: No such file or directory");
    EXPECT_EQ(e.line(), 0);
  }
}

}  // namespace
}  // namespace mineralsim::scenario
