// Scenario variants ([[variant]] in a scenario file): overrides of identified entries, appended
// entries, overwritten single tables, the base left alone, and one test per class of error (file,
// line:column, key and reason of the message).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "mineralsim/errors.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "support/scenario_text.hpp"

namespace mineralsim::scenario {
namespace {

using model::EventAction;
using model::Param;
using testing::at_last;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::small_plus;
using testing::small_text;

// The UserError that parsing `text` with `variant` applied raises.
UserError error_of(const std::string& text, const std::optional<std::string>& variant) {
  try {
    (void)parse_scenario(text, "inline.toml", variant);
  } catch (const UserError& e) {
    return e;
  }
  ADD_FAILURE() << "the scenario was accepted";
  return UserError("", 0, 0, "", "no error");
}

// Index of an importer's demand for a commodity in the demand-extent parameters.
int demand_index(const Scenario& s, const std::string& importer, const std::string& commodity) {
  const auto k = std::find(s.importers.begin(), s.importers.end(), importer) - s.importers.begin();
  const auto c =
      std::find(s.commodities.begin(), s.commodities.end(), commodity) - s.commodities.begin();
  return static_cast<int>(k * static_cast<std::ptrdiff_t>(s.commodities.size()) + c);
}

// The names of the values whose value or distribution differs between two loads of one file.
std::vector<std::string> changed_values(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.params.size(), b.params.size());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < a.params.size() && i < b.params.size(); ++i) {
    const ParamValue& x = a.params[i];
    const ParamValue& y = b.params[i];
    const bool same_distribution =
        x.distribution.has_value() == y.distribution.has_value() &&
        (!x.distribution ||
         (x.distribution->kind == y.distribution->kind && x.distribution->a == y.distribution->a &&
          x.distribution->b == y.distribution->b));
    if (x.value != y.value || !same_distribution) {
      names.push_back(a.value_name(static_cast<int>(i)));
    }
  }
  return names;
}

constexpr std::string_view kTwoVariants = R"([[variant]]
name = "low"
description = "less gallium demand in Korea"

[[variant.demand]]
importer = "Korea semiconductors"
commodity = "gallium"
quantity = 0.2

[[variant]]
name = "high"

[[variant.demand]]
importer = "Korea semiconductors"
commodity = "gallium"
quantity = 0.5
)";

// ---- applying a variant ---------------------------------------------------------------------

TEST(ScenarioVariants, OverrideOfADemandValueChangesExactlyThatParameter) {
  const std::string text = small_plus(kTwoVariants);
  const Scenario base = parse_scenario(text, "inline.toml");
  const Scenario low = parse_scenario(text, "inline.toml", "low");
  EXPECT_EQ(low.variant, "low");
  EXPECT_EQ(low.name, "small");
  EXPECT_THAT(changed_values(base, low),
              ElementsAre("demand[Korea semiconductors, gallium].quantity"));
  const int kc = demand_index(base, "Korea semiconductors", "gallium");
  EXPECT_EQ(base.param(Param::demand, kc).value, 0.35);
  EXPECT_EQ(low.param(Param::demand, kc).value, 0.2);
  // The rest of the entry is the base's.
  EXPECT_EQ(low.param(Param::target_cover_days, kc).value, 60.0);
  EXPECT_EQ(parse_scenario(text, "inline.toml", "high").param(Param::demand, kc).value, 0.5);
}

TEST(ScenarioVariants, OverrideReplacesWholeValuesNumberOrDistribution) {
  const std::string text = small_plus(R"([[variant]]
name = "fixed"

[[variant.demand]]
importer = "Japan industry"
commodity = "NdPr oxide"
elasticity = 0.2

[[variant.regime]]
exporter = "China"
commodity = "gallium"
escalation_rate = 0.003
deescalation_rate = { dist = "uniform", low = 0.001, high = 0.003 }
)");
  const Scenario base = parse_scenario(text, "inline.toml");
  const Scenario s = parse_scenario(text, "inline.toml", "fixed");
  EXPECT_THAT(changed_values(base, s), ElementsAre("demand[Japan industry, NdPr oxide].elasticity",
                                                   "regime[China/gallium].escalation_rate",
                                                   "regime[China/gallium].deescalation_rate"));
  const int japan_ndpr = demand_index(s, "Japan industry", "NdPr oxide");
  ASSERT_TRUE(base.param(Param::demand_elasticity, japan_ndpr).distribution.has_value());
  EXPECT_FALSE(s.param(Param::demand_elasticity, japan_ndpr).distribution.has_value());
  EXPECT_EQ(s.param(Param::demand_elasticity, japan_ndpr).value, 0.2);
  EXPECT_FALSE(s.param(Param::escalation_rate, 0).distribution.has_value());
  EXPECT_EQ(s.param(Param::escalation_rate, 0).value, 0.003);
  const auto& drawn = s.param(Param::deescalation_rate, 0).distribution;
  ASSERT_TRUE(drawn.has_value());
  EXPECT_EQ(drawn->kind, model::DistributionKind::kUniform);
  EXPECT_EQ(drawn->a, 0.001);
  EXPECT_EQ(drawn->b, 0.003);
}

TEST(ScenarioVariants, EventsOfAVariantAreAppended) {
  const std::string text = small_plus(R"([[variant]]
name = "embargo"

[[variant.event]]
day = 50
exporter = "China"
commodity = "gallium"
action = "EMBARGO"
note = "variant: embargo on day 50"
)");
  const Scenario base = parse_scenario(text, "inline.toml");
  const Scenario s = parse_scenario(text, "inline.toml", "embargo");
  ASSERT_EQ(base.events.size(), 3u);  // the ban on "*" is one event per regime of China
  ASSERT_EQ(s.events.size(), 4u);
  // Sorted by day: the base's bans on day 30, the variant's embargo on day 50, the pause on 313.
  EXPECT_EQ(s.events[1].day, 30);
  EXPECT_EQ(s.events[2].day, 50);
  EXPECT_EQ(s.events[2].regime, 0);
  EXPECT_EQ(s.events[2].action, EventAction::kSetLevel);
  EXPECT_EQ(s.events[2].argument, model::kEmbargo);
  EXPECT_EQ(s.event_notes[2], "variant: embargo on day 50");
  EXPECT_EQ(s.events[3].day, 313);
  EXPECT_TRUE(changed_values(base, s).empty());
}

TEST(ScenarioVariants, RemovalsTakeOutTheBaseEntriesTheyName) {
  const std::string text = small_plus(R"([[variant]]
name = "no_pause_no_komir"

[[variant.event]]
date = 2025-11-10
action = "pause"
remove = true

[[variant.event]]
day = 50
exporter = "China"
commodity = "gallium"
action = "EMBARGO"

[[variant.stockpile]]
name = "KOMIR"
commodity = "gallium"
remove = true
)");
  const Scenario base = parse_scenario(text, "inline.toml");
  const Scenario s = parse_scenario(text, "inline.toml", "no_pause_no_komir");
  ASSERT_EQ(base.events.size(), 3u);
  ASSERT_EQ(s.events.size(), 3u);  // the pause gone, the embargo added
  std::vector<int> days;
  for (const auto& event : s.events) days.push_back(event.day);
  EXPECT_THAT(days, ElementsAre(30, 30, 50));
  EXPECT_THAT(base.holding_names, ElementsAre("KOMIR/gallium"));
  EXPECT_TRUE(s.holding_names.empty());
}

TEST(ScenarioVariants, SingleTablesHaveTheirKeysOverwritten) {
  const std::string text = small_plus(R"([[variant]]
name = "calm"

[variant.scenario]
horizon_days = 100
seed = 9

[variant.tension]
jump_rate = 0.01
)");
  const Scenario s = parse_scenario(text, "inline.toml", "calm");
  EXPECT_EQ(s.name, "small");
  EXPECT_EQ(s.horizon_days, 100);
  EXPECT_EQ(s.seed, 9u);
  EXPECT_EQ(s.start_date.year, 2025);
  EXPECT_EQ(s.param(Param::tension_jump_rate).value, 0.01);
  EXPECT_EQ(s.param(Param::tension_reversion).value, 0.02);  // the base's
  EXPECT_THAT(changed_values(parse_scenario(text, "inline.toml"), s),
              ElementsAre("tension.jump_rate"));
}

TEST(ScenarioVariants, BaseLoadIgnoresTheVariantsButListsThem) {
  const Scenario plain = parse_scenario(small_text(), "inline.toml");
  const Scenario base = parse_scenario(small_plus(kTwoVariants), "inline.toml");
  EXPECT_TRUE(base.variant.empty());
  EXPECT_THAT(base.variants, ElementsAre("low", "high"));
  EXPECT_TRUE(plain.variants.empty());
  EXPECT_TRUE(changed_values(plain, base).empty());
  EXPECT_EQ(base.events.size(), plain.events.size());
  EXPECT_THAT(describe_scenario(base), Not(HasSubstr("variant:")));
  const Scenario low = parse_scenario(small_plus(kTwoVariants), "inline.toml", "low");
  EXPECT_THAT(low.variants, ElementsAre("low", "high"));
  EXPECT_EQ(low.variant_description, "less gallium demand in Korea");
  EXPECT_THAT(describe_scenario(low),
              HasSubstr("scenario: small\nvariant: low -- less gallium demand in Korea\n"));
}

// ---- errors ---------------------------------------------------------------------------------

TEST(ScenarioVariantErrors, NameOutsideTheFileNameAlphabet) {
  const UserError e = error_of(small_plus("[[variant]]\nname = \"a/b\"\n"), std::nullopt);
  EXPECT_EQ(e.key(), "variant[0].name");
  EXPECT_THAT(e.reason(), HasSubstr("'a/b' is not a valid variant name"));
}

TEST(ScenarioVariantErrors, UnknownVariantNameListsTheNames) {
  const UserError e = error_of(small_plus(kTwoVariants), "hihg");
  EXPECT_EQ(std::string(e.what()),
            "inline.toml: variant: unknown variant 'hihg' (known: low, high) (did you mean "
            "'high'?)");
  EXPECT_EQ(std::string(error_of(small_text(), "low").what()),
            "inline.toml: variant: unknown variant 'low': the file has no [[variant]] entries");
}

TEST(ScenarioVariantErrors, OverrideWithoutAMatchingBaseEntry) {
  const std::string text = small_plus(R"([[variant]]
name = "low"

[[variant.demand]]
importer = "Korea semiconductors"
commodity = "NdPr oxide"
quantity = 1.0
)");
  EXPECT_EQ(std::string(error_of(text, "low").what()),
            "inline.toml:" + at_last(text, "[[variant.demand]]") +
                ": variant[low].demand[0]: no [[demand]] entry for importer \"Korea "
                "semiconductors\" and commodity \"NdPr oxide\"");
}

TEST(ScenarioVariantErrors, OverrideWithAMisspelledNameSuggestsTheEntry) {
  const std::string text = small_plus(R"([[variant]]
name = "low"

[[variant.stockpile]]
name = "KOMRI"
commodity = "gallium"
initial = 10.0
)");
  const UserError e = error_of(text, "low");
  EXPECT_EQ(e.key(), "variant[low].stockpile[0]");
  EXPECT_EQ(e.reason(),
            "no [[stockpile]] entry for name \"KOMRI\" and commodity \"gallium\" (did you mean "
            "name \"KOMIR\" and commodity \"gallium\"?)");
}

TEST(ScenarioVariantErrors, RemovalThatNamesNoEntryOrSeveralOrNothing) {
  const std::string none = small_plus(R"([[variant]]
name = "v"

[[variant.event]]
date = 2025-11-11
action = "pause"
remove = true
)");
  const UserError missing = error_of(none, "v");
  EXPECT_EQ(std::string(missing.what()),
            "inline.toml:" + at_last(none, "[[variant.event]]") +
                ": variant[v].event[0]: no [[event]] entry has action = 'pause', date = "
                "2025-11-11");
  const std::string several = small_plus(R"([[variant]]
name = "v"

[[variant.event]]
exporter = "China"
remove = true
)");
  EXPECT_EQ(error_of(several, "v").reason(),
            "2 [[event]] entries have exporter = 'China'; give more of the entry's values to "
            "name one");
  const std::string nothing =
      small_plus("[[variant]]\nname = \"v\"\n\n[[variant.event]]\nremove = true\n");
  EXPECT_THAT(error_of(nothing, "v").reason(), HasSubstr("a removal gives values of the entry"));
}

TEST(ScenarioVariantErrors, RemovalMustBeTrueAndGiveOnlyTheIdentity) {
  const std::string not_true = small_plus(R"([[variant]]
name = "v"

[[variant.event]]
day = 30
remove = false
)");
  const UserError flag = error_of(not_true, "v");
  EXPECT_EQ(flag.key(), "variant[v].event[0].remove");
  EXPECT_THAT(flag.reason(), HasSubstr("must be true"));
  const std::string with_value = small_plus(R"([[variant]]
name = "v"

[[variant.stockpile]]
name = "KOMIR"
commodity = "gallium"
initial = 5.0
remove = true
)");
  const UserError extra = error_of(with_value, "v");
  EXPECT_EQ(extra.key(), "variant[v].stockpile[0].initial");
  EXPECT_EQ(extra.reason(),
            "a removal gives only the keys that name the entry (and remove = true)");
}

TEST(ScenarioVariantErrors, OverrideMissingAnIdentityKey) {
  const std::string text = small_plus(R"([[variant]]
name = "low"

[[variant.supply]]
supplier = "China"
capacity = 1.0
)");
  const UserError e = error_of(text, "low");
  EXPECT_EQ(e.key(), "variant[low].supply[0]");
  EXPECT_EQ(e.reason(),
            "an override of [[supply]] needs 'supplier' and 'commodity' (strings) to name the "
            "entry it changes");
}

TEST(ScenarioVariantErrors, DuplicateVariantNames) {
  const std::string text = small_plus(R"([[variant]]
name = "low"

[[variant]]
name = "low"
)");
  // Reported whatever is loaded, the base included.
  EXPECT_EQ(std::string(error_of(text, std::nullopt).what()),
            "inline.toml:" + at_last(text, "\"low\"") +
                ": variant[1].name: duplicate variant name 'low' (also variant[0])");
}

TEST(ScenarioVariantErrors, VariantWithoutAName) {
  const std::string text = small_plus("[[variant]]\ndescription = \"no name\"\n");
  EXPECT_EQ(
      std::string(error_of(text, std::nullopt).what()),
      "inline.toml:" + at_last(text, "[[variant]]") + ": variant[0].name: required key missing");
}

TEST(ScenarioVariantErrors, UnknownKeyInAVariant) {
  const std::string text = small_plus("[[variant]]\nname = \"low\"\n\n[[variant.demnd]]\n");
  const UserError e = error_of(text, std::nullopt);
  EXPECT_EQ(e.key(), "variant[low].demnd");
  EXPECT_EQ(e.reason(),
            "unknown key 'demnd': a variant holds name, description and tables of the scenario "
            "(did you mean 'demand'?)");
}

TEST(ScenarioVariantErrors, TableOfTheWrongShape) {
  const std::string text = small_plus("[[variant]]\nname = \"low\"\n\n[variant.event]\nday = 1\n");
  const UserError e = error_of(text, std::nullopt);
  EXPECT_EQ(e.key(), "variant[low].event");
  EXPECT_EQ(e.reason(), "must be an array of tables ([[variant.event]])");
}

TEST(ScenarioVariantErrors, ScenarioNameCannotBeOverridden) {
  const std::string text =
      small_plus("[[variant]]\nname = \"low\"\n\n[variant.scenario]\nname = \"other\"\n");
  const UserError e = error_of(text, "low");
  EXPECT_EQ(std::to_string(e.line()) + ":" + std::to_string(e.column()),
            at_last(text, "\"other\""));
  EXPECT_EQ(e.key(), "variant[low].scenario.name");
  EXPECT_THAT(e.reason(), HasSubstr("a variant cannot rename the scenario"));
}

TEST(ScenarioVariantErrors, LoaderErrorPointsIntoTheVariantAndNamesIt) {
  const std::string text = small_plus(R"([[variant]]
name = "low"

[[variant.demand]]
importer = "Korea semiconductors"
commodity = "gallium"
elasticity = -0.3
)");
  EXPECT_NO_THROW((void)parse_scenario(text, "inline.toml"));
  EXPECT_EQ(std::string(error_of(text, "low").what()),
            "inline.toml:" + at_last(text, "-0.3") +
                ": demand[Korea semiconductors, gallium].elasticity: must be between 0 and 5, got "
                "-0.3 (with variant 'low' applied)");
}

}  // namespace
}  // namespace mineralsim::scenario
