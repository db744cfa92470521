// Resolves the [[variant]] entries of a scenario file on its parsed TOML tree (see
// scenario_variants.hpp). Every problem is a UserError naming the file, the line and column of the
// variant's node, the key (written as `variant[low].demand[0]`) and the reason.
#include "mineralsim/scenario/scenario_variants.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <sstream>
#include <string_view>
#include <utility>

#include "mineralsim/errors.hpp"
#include "name_matching.hpp"

namespace mineralsim::scenario {

namespace {

// How a variant's table combines with the base table of the same name.
enum class Merge {
  kKeys,      // [scenario], [tension]: the variant's keys overwrite the base's
  kOverride,  // each entry changes the one base entry with the same identity keys
  kAppend,    // entries are added after the base's
};

struct TableRule {
  std::string_view table;
  Merge merge;
  std::vector<std::string_view> identity;  // kOverride: the keys that name an entry
};

// Every top-level table of a scenario file but `variant` itself: keep in step with the loader's
// kTopLevel. The identity keys are those the loader refuses to see twice in one table. Offtakes and
// windows are unique too, but are appended so that a variant can add one (the loader refuses a
// duplicate).
const std::vector<TableRule>& table_rules() {
  static const std::vector<TableRule> rules = {
      {"scenario", Merge::kKeys, {}},
      {"tension", Merge::kKeys, {}},
      {"commodity", Merge::kOverride, {"name"}},
      {"supplier", Merge::kOverride, {"name"}},
      {"importer", Merge::kOverride, {"name"}},
      {"supply", Merge::kOverride, {"supplier", "commodity"}},
      {"demand", Merge::kOverride, {"importer", "commodity"}},
      {"regime", Merge::kOverride, {"exporter", "commodity"}},
      {"stockpile", Merge::kOverride, {"name", "commodity"}},
      {"event", Merge::kAppend, {}},
      {"project", Merge::kAppend, {}},
      {"offtake", Merge::kAppend, {}},
      {"tariff", Merge::kAppend, {}},
      {"window", Merge::kAppend, {}},
  };
  return rules;
}

const TableRule* rule_of(std::string_view table) {
  for (const TableRule& rule : table_rules()) {
    if (rule.table == table) return &rule;
  }
  return nullptr;
}

[[noreturn]] void fail(const std::string& file, const toml::source_region& where,
                       const std::string& key, const std::string& reason) {
  throw UserError(file, static_cast<int>(where.begin.line), static_cast<int>(where.begin.column),
                  key, reason);
}

// ---- checking the [[variant]] entries -------------------------------------------------------

// The [[variant]] array, or nullptr where the file has none.
const toml::array* variant_array(const toml::table& root, const std::string& file) {
  const toml::node* node = root.get("variant");
  if (node == nullptr) return nullptr;
  if (!node->is_array_of_tables()) {
    fail(file, node->source(), "variant", "must be an array of tables ([[variant]])");
  }
  return node->as_array();
}

std::string checked_name(const toml::table& entry, std::size_t index, const std::string& file) {
  const std::string key = fmt::format("variant[{}].name", index);
  const toml::node* node = entry.get("name");
  if (node == nullptr) fail(file, entry.source(), key, "required key missing");
  const auto* name = node->as_string();
  if (name == nullptr) fail(file, node->source(), key, "must be a string");
  const std::string& text = name->get();
  // The name goes into the default results file name: keep it to a safe file-name alphabet.
  const bool safe = !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '-' || ch == '.';
  });
  if (!safe) {
    fail(file, node->source(), key,
         fmt::format("'{}' is not a valid variant name: use letters, digits, '_', '-' and '.'",
                     text));
  }
  return text;
}

// Checks the shape of one of a variant's tables: `where` is `variant[low].demand`.
void check_variant_table(const TableRule& rule, const toml::key& key, const toml::node& node,
                         const std::string& where, const std::string& file) {
  if (rule.merge != Merge::kKeys) {
    if (!node.is_array_of_tables()) {
      fail(file, key.source(), where,
           fmt::format("must be an array of tables ([[variant.{}]])", rule.table));
    }
    return;
  }
  const toml::table* table = node.as_table();
  if (table == nullptr) {
    fail(file, key.source(), where, fmt::format("must be a table ([variant.{}])", rule.table));
  }
  const toml::node* renamed = rule.table == "scenario" ? table->get("name") : nullptr;
  if (renamed != nullptr) {
    fail(file, renamed->source(), where + ".name",
         "a variant cannot rename the scenario: results record the variant's name separately");
  }
}

// Checks every key of one variant: `label` is `variant[low]`.
void check_variant_keys(const toml::table& entry, const std::string& label,
                        const std::string& file) {
  std::vector<std::string> known = {"name", "description"};
  for (const TableRule& rule : table_rules()) known.emplace_back(rule.table);
  for (auto&& [key, node] : entry) {
    const std::string name(key.str());
    const std::string where = label + "." + name;
    if (name == "name") continue;
    if (name == "description") {
      if (!node.is_string()) fail(file, node.source(), where, "must be a string");
      continue;
    }
    const TableRule* rule = rule_of(name);
    if (rule == nullptr) {
      fail(file, key.source(), where,
           fmt::format("unknown key '{}': a variant holds name, description and tables of the "
                       "scenario{}",
                       name, suggestion(name, known)));
    }
    check_variant_table(*rule, key, node, where, file);
  }
}

// ---- applying one variant -------------------------------------------------------------------

// `remove = true` in a variant's entry: the base entry it names goes instead of being changed or
// added. `key` is the entry's, `variant[low].event[0]`.
bool is_removal(const toml::table& entry, const std::string& key, const std::string& file) {
  const toml::node* node = entry.get("remove");
  if (node == nullptr) return false;
  const auto* flag = node->as_boolean();
  if (flag == nullptr || !flag->get()) {
    fail(file, node->source(), key + ".remove",
         "must be true (the entry then removes the base entry it names); leave it out to change "
         "or add an entry");
  }
  return true;
}

// Takes `entry` out of the array of tables `table`, and the array out of `root` once it is empty
// (an empty array is not an array of tables to the loader, and a file without it has none).
void erase_entry(toml::table& root, std::string_view table, const toml::table& entry) {
  toml::array& array = *root.get(table)->as_array();
  for (auto it = array.begin(); it != array.end(); ++it) {
    if (it->as_table() == &entry) {
      array.erase(it);
      break;
    }
  }
  if (array.empty()) root.erase(table);
}

bool is_identity(const TableRule& rule, std::string_view key) {
  return std::find(rule.identity.begin(), rule.identity.end(), key) != rule.identity.end();
}

// The values of the rule's identity keys in `entry`; nullopt where one is missing or not a string.
std::optional<std::vector<std::string>> identity_of(const toml::table& entry,
                                                    const TableRule& rule) {
  std::vector<std::string> values;
  for (std::string_view key : rule.identity) {
    const toml::node* node = entry.get(key);
    const auto* text = node != nullptr ? node->as_string() : nullptr;
    if (text == nullptr) return std::nullopt;
    values.push_back(text->get());
  }
  return values;
}

// `importer "Korea batteries" and commodity "graphite"`
std::string identity_text(const TableRule& rule, const std::vector<std::string>& values) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < values.size(); ++i) {
    parts.push_back(fmt::format("{} \"{}\"", rule.identity[i], values[i]));
  }
  return join(parts, " and ");
}

// The one entry of `base` (nullptr: the base has no such table) that `changes` names. `key` is
// the override's, `variant[low].demand[0]`.
toml::table& matching_entry(toml::array* base, const toml::table& changes, const TableRule& rule,
                            const std::string& key, const std::string& file) {
  const std::optional<std::vector<std::string>> wanted = identity_of(changes, rule);
  if (!wanted) {
    std::vector<std::string> keys;
    for (std::string_view id : rule.identity) keys.push_back(fmt::format("'{}'", id));
    fail(file, changes.source(), key,
         fmt::format("an override of [[{}]] needs {} (strings) to name the entry it changes",
                     rule.table, join(keys, " and ")));
  }
  const std::string wanted_text = identity_text(rule, *wanted);
  std::vector<toml::table*> matches;
  std::vector<std::string> candidates;
  if (base != nullptr) {
    for (toml::node& node : *base) {
      toml::table* entry = node.as_table();
      const auto have = entry != nullptr ? identity_of(*entry, rule) : std::nullopt;
      if (!have) continue;
      if (*have == *wanted) matches.push_back(entry);
      candidates.push_back(identity_text(rule, *have));
    }
  }
  if (matches.size() == 1) return *matches.front();
  if (matches.empty()) {
    const auto best = closest_name(wanted_text, candidates);
    fail(file, changes.source(), key,
         fmt::format("no [[{}]] entry for {}{}", rule.table, wanted_text,
                     best ? fmt::format(" (did you mean {}?)", *best) : ""));
  }
  fail(file, changes.source(), key,
       fmt::format("{} [[{}]] entries match {}; an override must match exactly one", matches.size(),
                   rule.table, wanted_text));
}

// [variant.tension] into [tension]: each key replaces the base's value; a base without the table
// takes the variant's.
void overwrite_keys(toml::table& root, const toml::key& table, toml::table& changes) {
  toml::node* base = root.get(table.str());
  if (base == nullptr) {
    root.insert(table, std::move(changes));
    return;
  }
  toml::table* target = base->as_table();
  if (target == nullptr) return;  // a malformed base table is the loader's to report
  for (auto&& [key, value] : changes) target->insert_or_assign(key, std::move(value));
}

// The one base entry with every value a removal gives (`remove` aside): entries of these tables
// have no identity keys, so the removal names one by as many of its values as it takes.
toml::table& entry_with_values(toml::array* base, const toml::table& removal,
                               std::string_view table, const std::string& key,
                               const std::string& file) {
  if (removal.size() == 1) {
    fail(file, removal.source(), key,
         "a removal gives values of the entry it removes (date, exporter, action, ...)");
  }
  std::vector<toml::table*> matches;
  if (base != nullptr) {
    for (toml::node& node : *base) {
      toml::table* entry = node.as_table();
      if (entry == nullptr) continue;
      const bool same = std::all_of(removal.begin(), removal.end(), [&](const auto& given) {
        return given.first.str() == "remove" ||
               toml::node_view<const toml::node>(entry->get(given.first.str())) ==
                   toml::node_view<const toml::node>(&given.second);
      });
      if (same) matches.push_back(entry);
    }
  }
  if (matches.size() == 1) return *matches.front();
  std::vector<std::string> given;
  for (auto&& [name, value] : removal) {
    if (name.str() == "remove") continue;
    std::ostringstream text;
    text << toml::node_view<const toml::node>(&value);
    given.push_back(fmt::format("{} = {}", name.str(), text.str()));
  }
  fail(file, removal.source(), key,
       matches.empty()
           ? fmt::format("no [[{}]] entry has {}", table, join(given, ", "))
           : fmt::format("{} [[{}]] entries have {}; give more of the entry's values to name one",
                         matches.size(), table, join(given, ", ")));
}

// [[variant.event]] into [[event]]: removals take out the base entries they name, then the other
// entries are added after the base's.
void append_entries(toml::table& root, const toml::key& table, toml::array& entries,
                    const std::string& label, const std::string& file) {
  toml::node* base = root.get(table.str());
  if (base != nullptr && !base->is_array()) return;  // malformed: the loader's to report
  toml::array additions;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    toml::table& entry = *entries.get(i)->as_table();
    const std::string key = fmt::format("{}.{}[{}]", label, table.str(), i);
    if (!is_removal(entry, key, file)) {
      additions.push_back(std::move(entry));
      continue;
    }
    const toml::table& removed = entry_with_values(base != nullptr ? base->as_array() : nullptr,
                                                   entry, table.str(), key, file);
    erase_entry(root, table.str(), removed);
    base = root.get(table.str());
  }
  if (additions.empty()) return;
  if (base == nullptr) {
    root.insert(table, std::move(additions));
    return;
  }
  for (toml::node& entry : additions) base->as_array()->push_back(std::move(entry));
}

// [[variant.demand]] into [[demand]]: each entry names one base entry by its identity keys and
// replaces the values it gives; the other values of the base entry stay.
void override_entries(toml::table& root, const TableRule& rule, toml::array& overrides,
                      const std::string& label, const std::string& file) {
  toml::node* base = root.get(rule.table);
  if (base != nullptr && !base->is_array()) return;  // malformed: the loader's to report
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    toml::table& changes = *overrides.get(i)->as_table();
    const std::string key = fmt::format("{}.{}[{}]", label, rule.table, i);
    const bool removal = is_removal(changes, key, file);
    toml::table& target =
        matching_entry(base != nullptr ? base->as_array() : nullptr, changes, rule, key, file);
    if (removal) {
      for (auto&& [name, value] : changes) {
        if (name.str() != "remove" && !is_identity(rule, name.str())) {
          fail(file, value.source(), fmt::format("{}.{}", key, name.str()),
               "a removal gives only the keys that name the entry (and remove = true)");
        }
      }
      erase_entry(root, rule.table, target);
      base = root.get(rule.table);
      continue;
    }
    for (auto&& [name, value] : changes) {
      if (!is_identity(rule, name.str())) target.insert_or_assign(name, std::move(value));
    }
  }
}

void apply_variant(toml::table& root, toml::table& variant, const std::string& label,
                   const std::string& file) {
  for (auto&& [key, node] : variant) {
    const TableRule* rule = rule_of(key.str());
    if (rule == nullptr) continue;  // name and description
    switch (rule->merge) {
      case Merge::kKeys:
        overwrite_keys(root, key, *node.as_table());
        break;
      case Merge::kOverride:
        override_entries(root, *rule, *node.as_array(), label, file);
        break;
      case Merge::kAppend:
        append_entries(root, key, *node.as_array(), label, file);
        break;
    }
  }
}

std::string unknown_variant_reason(const std::string& variant,
                                   const std::vector<std::string>& names) {
  if (names.empty()) {
    return fmt::format("unknown variant '{}': the file has no [[variant]] entries", variant);
  }
  return fmt::format("unknown variant '{}' (known: {}){}", variant, join(names),
                     suggestion(variant, names));
}

}  // namespace

std::vector<std::string> variant_names(const toml::table& root, const std::string& file) {
  std::vector<std::string> names;
  const toml::array* variants = variant_array(root, file);
  if (variants == nullptr) return names;
  for (std::size_t i = 0; i < variants->size(); ++i) {
    const toml::table& entry = *variants->get(i)->as_table();
    std::string name = checked_name(entry, i, file);
    const auto previous = std::find(names.begin(), names.end(), name);
    if (previous != names.end()) {
      fail(file, entry.get("name")->source(), fmt::format("variant[{}].name", i),
           fmt::format("duplicate variant name '{}' (also variant[{}])", name,
                       previous - names.begin()));
    }
    check_variant_keys(entry, fmt::format("variant[{}]", name), file);
    names.push_back(std::move(name));
  }
  return names;
}

std::string variant_description(const toml::table& root, const std::string& variant) {
  const toml::node* variants = root.get("variant");
  if (variants == nullptr || !variants->is_array_of_tables()) return "";
  for (const toml::node& entry : *variants->as_array()) {
    const toml::table& table = *entry.as_table();
    if (table["name"].value_or(std::string()) == variant) {
      return table["description"].value_or(std::string());
    }
  }
  return "";
}

toml::table resolve_variant(toml::table root, const std::optional<std::string>& variant,
                            const std::string& file) {
  const std::vector<std::string> names = variant_names(root, file);
  std::optional<toml::table> chosen;
  if (variant) {
    const auto it = std::find(names.begin(), names.end(), *variant);
    if (it == names.end()) fail(file, {}, "variant", unknown_variant_reason(*variant, names));
    const auto index = static_cast<std::size_t>(it - names.begin());
    chosen = std::move(*root.get("variant")->as_array()->get(index)->as_table());
  }
  root.erase("variant");
  if (chosen) apply_variant(root, *chosen, fmt::format("variant[{}]", *variant), file);
  return root;
}

}  // namespace mineralsim::scenario
