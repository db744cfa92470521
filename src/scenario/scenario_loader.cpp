// Reads a scenario TOML file (schema: docs/scenario.md) into a scenario::Scenario. Every problem
// is a UserError naming the file, the line and column of the offending node, the key (written as
// `table[label].key`, e.g. `demand[Korea semiconductors, gallium].elasticity`) and the reason.
#include "mineralsim/scenario/scenario_loader.hpp"

#include <fmt/format.h>

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mineralsim/scenario/scenario_variants.hpp"
#include "name_matching.hpp"
#include "toml_text_screen.hpp"

namespace mineralsim::scenario {

using model::DistributionKind;
using model::EventAction;
using model::Extent;
using model::kParamCount;
using model::kParamInfo;
using model::kRegimeLevelNames;
using model::kRegimeLevels;
using model::Param;
using model::ParamInfo;

namespace {

constexpr std::int64_t kMaxDay = 1000000;  // about 2,700 years: any day, pause or recycling date
constexpr std::int64_t kMaxHorizon = 100000;

struct Position {
  int line = 0;
  int column = 0;
};

Position position_of(const toml::source_region& region) {
  return {static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}
Position position_of(const toml::node& node) { return position_of(node.source()); }
Position position_of(const toml::key& key) { return position_of(key.source()); }

// Numbers in messages: shortest round-trip form, with large round numbers as 1e9 and exponents
// without padding (1e-6, not 1e-06).
std::string number_text(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::string s = fmt::format("{}", v);
  const auto e = s.find('e');
  if (e != std::string::npos) {
    std::string mantissa = s.substr(0, e);
    std::string exponent = s.substr(e + 1);
    bool negative = false;
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
      negative = exponent[0] == '-';
      exponent.erase(0, 1);
    }
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    return mantissa + "e" + (negative ? "-" : "") + exponent;
  }
  // An integer with six or more trailing zeros: 1000000000 -> 1e9, 2500000 -> 2.5e6.
  if (s.find('.') == std::string::npos) {
    const bool negative = !s.empty() && s[0] == '-';
    std::string digits = negative ? s.substr(1) : s;
    std::size_t zeros = 0;
    while (zeros < digits.size() && digits[digits.size() - 1 - zeros] == '0') ++zeros;
    if (zeros >= 6 && zeros < digits.size()) {
      const std::string significant = digits.substr(0, digits.size() - zeros);
      const std::size_t exponent = zeros + significant.size() - 1;
      std::string out = significant.substr(0, 1);
      if (significant.size() > 1) out += "." + significant.substr(1);
      return (negative ? "-" : "") + out + "e" + std::to_string(exponent);
    }
  }
  return s;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string date_text(int year, int month, int day) {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

bool is_number(const toml::node& node) { return node.is_integer() || node.is_floating_point(); }

double number_of(const toml::node& node) {
  if (const auto* i = node.as_integer()) return static_cast<double>(i->get());
  return node.as_floating_point()->get();
}

// The names of the params in one TOML table, in table order.
std::vector<int> params_of_table(std::string_view table) {
  std::vector<int> out;
  for (int p = 0; p < kParamCount; ++p) {
    if (table == kParamInfo[p].table) out.push_back(p);
  }
  return out;
}

// One entry being read: a table and the prefix of its keys in messages.
struct Entry {
  const toml::table* table = nullptr;
  std::string prefix;  // "supply[China, gallium]", "event[3]", "tension"
  std::string key(std::string_view k) const { return prefix + "." + std::string(k); }
  const toml::node* find(std::string_view k) const { return table->get(k); }
};

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  Scenario load(const toml::table& root, std::string_view text);

 private:
  [[noreturn]] void fail(Position where, const std::string& key, const std::string& reason) const {
    throw UserError(file_, where.line, where.column, key, reason);
  }

  // Structure readers.
  void check_top_level(const toml::table& root);
  const toml::array* entries(const toml::table& root, std::string_view name) const;
  void check_keys(const Entry& entry, std::string_view table,
                  std::initializer_list<std::string_view> structural) const;
  const toml::node& required(const Entry& entry, std::string_view key) const;
  std::string string_value(const Entry& entry, std::string_view key, const toml::node& node) const;
  std::optional<std::string> optional_string(const Entry& entry, std::string_view key) const;
  std::int64_t integer_value(const Entry& entry, std::string_view key, const toml::node& node,
                             std::int64_t lo, std::int64_t hi) const;
  std::int64_t optional_integer(const Entry& entry, std::string_view key, std::int64_t lo,
                                std::int64_t hi, std::int64_t fallback) const;
  toml::date date_value(const Entry& entry, std::string_view key, const toml::node& node) const;
  // A day given as `<prefix>day` (a day number) or `<prefix>date` (a calendar date on or after
  // the start date); nullopt when neither key is present.
  std::optional<int> optional_day(const Entry& entry, std::string_view prefix) const;
  int lookup(const Entry& entry, std::string_view key, const std::vector<std::string>& names,
             std::string_view kind) const;
  // Checks the entry's keys before its names are resolved: the messages use the names label
  // `table[a, b]` where every name resolves, else the index form `table[i]`.
  using NameKeys =
      std::initializer_list<std::pair<std::string_view, const std::vector<std::string>*>>;
  void check_keys_early(const Entry& entry, std::string_view table,
                        std::initializer_list<std::string_view> structural, NameKeys names) const;
  int level_value(const Entry& entry, std::string_view key, const toml::node& node) const;

  void read_scenario(const toml::table& root);
  void read_names(const toml::table& root, std::string_view table, std::vector<std::string>& names,
                  std::vector<std::string>* units);

  // Parameters.
  void apply_params(const Entry& entry, std::string_view table, int element);
  ParamValue parse_value(const toml::node& node, int p, const std::string& key) const;
  ParamValue parse_distribution(const toml::table& table, const ParamInfo& info,
                                const std::string& key) const;
  void check_fixed_bounds(double v, const ParamInfo& info, Position where,
                          const std::string& key) const;

  void read_tension(const toml::table& root);
  void read_commodity_params(const toml::table& root);
  void read_supply(const toml::table& root);
  void read_demand(const toml::table& root);
  void read_regimes(const toml::table& root);
  void read_projects(const toml::table& root);
  void read_stockpiles(const toml::table& root);
  void read_offtakes(const toml::table& root);
  void read_events(const toml::table& root);
  void read_tariffs(const toml::table& root);
  void read_windows(const toml::table& root);

  std::string file_;
  Scenario s_;
  int commodities_ = 0;
  std::vector<int> supply_entry_;  // [S*C] index of the [[supply]] entry, or -1
  std::vector<int> demand_entry_;  // [K*C] index of the [[demand]] entry, or -1
};

constexpr std::string_view kTopLevel[] = {
    "scenario", "tension", "commodity", "supplier", "importer", "supply", "demand", "regime",
    "event",    "project", "stockpile", "offtake",  "tariff",   "window", "variant"};

void Loader::check_top_level(const toml::table& root) {
  std::vector<std::pair<const toml::key*, const toml::node*>> keys;
  for (auto&& [k, v] : root) keys.emplace_back(&k, &v);
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) {
    const auto pa = a.first->source().begin;
    const auto pb = b.first->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  const std::vector<std::string> known(std::begin(kTopLevel), std::end(kTopLevel));
  for (const auto& [k, v] : keys) {
    const std::string name(k->str());
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      fail(position_of(*k), name,
           fmt::format("unknown table '{}'{}", name, suggestion(name, known)));
    }
    if (name == "scenario" || name == "tension") {
      if (!v->is_table()) fail(position_of(*k), name, fmt::format("must be a table ([{}])", name));
    } else if (!v->is_array_of_tables()) {
      fail(position_of(*k), name, fmt::format("must be an array of tables ([[{}]])", name));
    }
  }
}

const toml::array* Loader::entries(const toml::table& root, std::string_view name) const {
  const toml::node* node = root.get(name);
  return node != nullptr ? node->as_array() : nullptr;
}

void Loader::check_keys(const Entry& entry, std::string_view table,
                        std::initializer_list<std::string_view> structural) const {
  std::vector<std::string> known(structural.begin(), structural.end());
  for (int p : params_of_table(table)) known.emplace_back(kParamInfo[p].key);
  std::vector<const toml::key*> keys;
  for (auto&& [k, v] : *entry.table) keys.push_back(&k);
  std::sort(keys.begin(), keys.end(), [](const toml::key* a, const toml::key* b) {
    const auto pa = a->source().begin;
    const auto pb = b->source().begin;
    return pa.line != pb.line ? pa.line < pb.line : pa.column < pb.column;
  });
  for (const toml::key* k : keys) {
    const std::string name(k->str());
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      fail(position_of(*k), entry.key(name),
           fmt::format("unknown key '{}'{}", name, suggestion(name, known)));
    }
  }
}

const toml::node& Loader::required(const Entry& entry, std::string_view key) const {
  const toml::node* node = entry.find(key);
  if (node == nullptr) fail(position_of(*entry.table), entry.key(key), "required key missing");
  return *node;
}

std::string Loader::string_value(const Entry& entry, std::string_view key,
                                 const toml::node& node) const {
  const auto* s = node.as_string();
  if (s == nullptr) fail(position_of(node), entry.key(key), "must be a string");
  return s->get();
}

std::optional<std::string> Loader::optional_string(const Entry& entry, std::string_view key) const {
  const toml::node* node = entry.find(key);
  if (node == nullptr) return std::nullopt;
  return string_value(entry, key, *node);
}

std::int64_t Loader::integer_value(const Entry& entry, std::string_view key, const toml::node& node,
                                   std::int64_t lo, std::int64_t hi) const {
  const auto* i = node.as_integer();
  if (i == nullptr) fail(position_of(node), entry.key(key), "must be an integer");
  const std::int64_t v = i->get();
  if (v < lo || v > hi) {
    fail(position_of(node), entry.key(key),
         fmt::format("must be between {} and {}, got {}", lo, hi, v));
  }
  return v;
}

std::int64_t Loader::optional_integer(const Entry& entry, std::string_view key, std::int64_t lo,
                                      std::int64_t hi, std::int64_t fallback) const {
  const toml::node* node = entry.find(key);
  return node != nullptr ? integer_value(entry, key, *node, lo, hi) : fallback;
}

toml::date Loader::date_value(const Entry& entry, std::string_view key,
                              const toml::node& node) const {
  const auto* d = node.as_date();
  if (d == nullptr) {
    fail(position_of(node), entry.key(key), "must be a date, written unquoted as 2025-01-01");
  }
  return d->get();
}

std::optional<int> Loader::optional_day(const Entry& entry, std::string_view prefix) const {
  const std::string day_key = std::string(prefix) + "day";
  const std::string date_key = std::string(prefix) + "date";
  const toml::node* day_node = entry.find(day_key);
  const toml::node* date_node = entry.find(date_key);
  if (day_node != nullptr && date_node != nullptr) {
    fail(position_of(*date_node), entry.key(date_key),
         fmt::format("give '{}' or '{}', not both", day_key, date_key));
  }
  if (day_node != nullptr) {
    return static_cast<int>(integer_value(entry, day_key, *day_node, 0, kMaxDay));
  }
  if (date_node == nullptr) return std::nullopt;
  const toml::date date = date_value(entry, date_key, *date_node);
  const std::int64_t offset =
      days_from_civil(date.year, date.month, date.day) -
      days_from_civil(s_.start_date.year, static_cast<unsigned>(s_.start_date.month),
                      static_cast<unsigned>(s_.start_date.day));
  if (offset < 0) {
    fail(position_of(*date_node), entry.key(date_key),
         fmt::format("{} is before the scenario start_date {}",
                     date_text(date.year, date.month, date.day),
                     date_text(s_.start_date.year, s_.start_date.month, s_.start_date.day)));
  }
  if (offset > kMaxDay) {
    fail(position_of(*date_node), entry.key(date_key), "is too far after the start_date");
  }
  return static_cast<int>(offset);
}

int Loader::lookup(const Entry& entry, std::string_view key, const std::vector<std::string>& names,
                   std::string_view kind) const {
  const toml::node& node = required(entry, key);
  const std::string name = string_value(entry, key, node);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  fail(position_of(node), entry.key(key),
       fmt::format("unknown {} '{}' (known: {})", kind, name, join(names)));
}

void Loader::check_keys_early(const Entry& entry, std::string_view table,
                              std::initializer_list<std::string_view> structural,
                              NameKeys names) const {
  Entry named = entry;
  std::vector<std::string> parts;
  for (const auto& [key, known] : names) {
    const toml::node* node = entry.find(key);
    const auto* text = node != nullptr ? node->as_string() : nullptr;
    if (text == nullptr) break;
    if (known != nullptr && std::find(known->begin(), known->end(), text->get()) == known->end()) {
      break;
    }
    parts.push_back(text->get());
  }
  if (parts.size() == names.size()) named.prefix = fmt::format("{}[{}]", table, join(parts));
  check_keys(named, table, structural);
}

int Loader::level_value(const Entry& entry, std::string_view key, const toml::node& node) const {
  const std::string text = string_value(entry, key, node);
  for (int level = 0; level < kRegimeLevels; ++level) {
    if (text == kRegimeLevelNames[level]) return level;
  }
  fail(position_of(node), entry.key(key),
       fmt::format("must be one of OPEN, LICENSED, RESTRICTED, EMBARGO, got '{}'", text));
}

void Loader::read_scenario(const toml::table& root) {
  const toml::node* node = root.get("scenario");
  if (node == nullptr) fail({}, "scenario", "required table [scenario] missing");
  const Entry entry{node->as_table(), "scenario"};
  check_keys(entry, "scenario", {"name", "description", "start_date", "horizon_days", "seed"});
  s_.name = string_value(entry, "name", required(entry, "name"));
  if (s_.name.empty()) fail(position_of(*entry.find("name")), "scenario.name", "must not be empty");
  s_.description = optional_string(entry, "description").value_or("");
  if (const toml::node* d = entry.find("start_date")) {
    const toml::date date = date_value(entry, "start_date", *d);
    s_.start_date = {date.year, date.month, date.day};
  }
  s_.horizon_days = static_cast<int>(optional_integer(entry, "horizon_days", 1, kMaxHorizon, 1095));
  s_.seed = static_cast<std::uint64_t>(
      optional_integer(entry, "seed", 0, std::numeric_limits<std::int64_t>::max(), 1));
}

void Loader::read_names(const toml::table& root, std::string_view table,
                        std::vector<std::string>& names, std::vector<std::string>* units) {
  const toml::array* array = entries(root, table);
  if (array == nullptr || array->empty()) {
    fail({}, std::string(table), fmt::format("at least one [[{}]] entry is required", table));
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Entry entry{array->get(i)->as_table(), fmt::format("{}[{}]", table, i)};
    if (units != nullptr) {
      check_keys_early(entry, table, {"name", "unit"}, {{"name", nullptr}});
    } else {
      check_keys_early(entry, table, {"name"}, {{"name", nullptr}});
    }
    const toml::node& node = required(entry, "name");
    std::string name = string_value(entry, "name", node);
    if (name.empty()) fail(position_of(node), entry.key("name"), "must not be empty");
    const auto previous = std::find(names.begin(), names.end(), name);
    if (previous != names.end()) {
      fail(position_of(node), entry.key("name"),
           fmt::format("duplicate name '{}' (also {}[{}])", name, table, previous - names.begin()));
    }
    names.push_back(std::move(name));
    if (units != nullptr) units->push_back(optional_string(entry, "unit").value_or("t"));
  }
}

// ---- parameters -----------------------------------------------------------------------------

void Loader::check_fixed_bounds(double v, const ParamInfo& info, Position where,
                                const std::string& key) const {
  if (!std::isfinite(v)) fail(where, key, "must be a finite number");
  if (v < info.lower || v > info.upper) {
    if (std::isinf(info.upper)) {
      fail(where, key,
           fmt::format("must be at least {}, got {}", number_text(info.lower), number_text(v)));
    }
    fail(where, key,
         fmt::format("must be between {} and {}, got {}", number_text(info.lower),
                     number_text(info.upper), number_text(v)));
  }
}

ParamValue Loader::parse_value(const toml::node& node, int p, const std::string& key) const {
  const ParamInfo& info = kParamInfo[p];
  if (is_number(node)) {
    const double v = number_of(node);
    check_fixed_bounds(v, info, position_of(node), key);
    return ParamValue{v, std::nullopt};
  }
  if (const auto* table = node.as_table()) return parse_distribution(*table, info, key);
  fail(position_of(node), key,
       "must be a number or a distribution such as { dist = \"uniform\", low = 1, high = 2 }");
}

ParamValue Loader::parse_distribution(const toml::table& table, const ParamInfo& info,
                                      const std::string& key) const {
  const Position where = position_of(table);
  const toml::node* dist = table.get("dist");
  if (dist == nullptr) {
    fail(where, key, "a distribution needs 'dist' (uniform, normal, lognormal or triangular)");
  }
  const auto* dist_name = dist->as_string();
  if (dist_name == nullptr) fail(position_of(*dist), key + ".dist", "must be a string");
  const std::string kind = dist_name->get();
  const std::vector<std::string> kinds = {"uniform", "normal", "lognormal", "triangular"};
  std::vector<std::string> fields;
  if (kind == "uniform") {
    fields = {"low", "high"};
  } else if (kind == "normal") {
    fields = {"mean", "sd", "min", "max"};
  } else if (kind == "lognormal") {
    fields = {"median", "sigma"};
  } else if (kind == "triangular") {
    fields = {"low", "mode", "high"};
  } else {
    fail(position_of(*dist), key + ".dist",
         fmt::format("unknown distribution '{}' (known: {}){}", kind, join(kinds),
                     suggestion(kind, kinds)));
  }
  std::vector<std::string> allowed = fields;
  allowed.emplace_back("dist");
  for (auto&& [k, v] : table) {
    const std::string name(k.str());
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      fail(position_of(k), key + "." + name,
           fmt::format("unknown key '{}' in a {} distribution{}", name, kind,
                       suggestion(name, allowed)));
    }
  }
  // Values of the given fields; NaN where absent.
  auto field = [&](std::string_view name) {
    const toml::node* node = table.get(name);
    if (node == nullptr) return std::numeric_limits<double>::quiet_NaN();
    if (!is_number(*node))
      fail(position_of(*node), key + "." + std::string(name), "must be a number");
    const double v = number_of(*node);
    if (!std::isfinite(v)) {
      fail(position_of(*node), key + "." + std::string(name), "must be a finite number");
    }
    return v;
  };
  auto need = [&](std::string_view name) {
    const double v = field(name);
    if (std::isnan(v)) fail(where, key, fmt::format("a {} distribution needs '{}'", kind, name));
    return v;
  };
  const std::string bounds =
      fmt::format("[{}, {}]", number_text(info.lower), number_text(info.upper));
  auto check_support = [&](double lo, double hi) {
    if (lo < info.lower || hi > info.upper) {
      fail(where, key,
           fmt::format("distribution support [{}, {}] must lie within the bounds {}",
                       number_text(lo), number_text(hi), bounds));
    }
  };

  ParamValue out;
  model::Distribution d{DistributionKind::kUniform, 0.0, 0.0, 0.0, info.lower, info.upper};
  if (kind == "uniform") {
    const double low = need("low");
    const double high = need("high");
    if (!(low < high)) {
      fail(where, key,
           fmt::format("a uniform distribution needs low < high, got low {}, high {}",
                       number_text(low), number_text(high)));
    }
    check_support(low, high);
    d = {DistributionKind::kUniform, low, high, 0.0, info.lower, info.upper};
    out.value = 0.5 * (low + high);
  } else if (kind == "normal") {
    const double mean = need("mean");
    const double sd = need("sd");
    const double lo = field("min");
    const double hi = field("max");
    if (sd < 0.0) {
      fail(where, key, fmt::format("a normal distribution needs sd >= 0, got {}", number_text(sd)));
    }
    if (std::isnan(lo) || std::isnan(hi) || lo < info.lower || hi > info.upper) {
      fail(where, key, fmt::format("normal distribution needs min and max within {}", bounds));
    }
    if (!(lo < hi)) {
      fail(where, key,
           fmt::format("a normal distribution needs min < max, got min {}, max {}", number_text(lo),
                       number_text(hi)));
    }
    if (mean < lo || mean > hi) {
      fail(where, key,
           fmt::format("normal distribution mean {} is outside [min {}, max {}]", number_text(mean),
                       number_text(lo), number_text(hi)));
    }
    d = {DistributionKind::kNormal, mean, sd, 0.0, lo, hi};
    out.value = mean;
  } else if (kind == "lognormal") {
    if (info.upper < 1e6) {
      fail(where, key,
           fmt::format("a lognormal distribution is only allowed for parameters with no upper "
                       "bound below 1e6 (this one is at most {}); use uniform, normal or "
                       "triangular",
                       number_text(info.upper)));
    }
    const double median = need("median");
    const double sigma = need("sigma");
    if (!(median > 0.0)) {
      fail(where, key,
           fmt::format("a lognormal distribution needs median > 0, got {}", number_text(median)));
    }
    if (sigma < 0.0) {
      fail(where, key,
           fmt::format("a lognormal distribution needs sigma >= 0, got {}", number_text(sigma)));
    }
    if (median < info.lower || median > info.upper) {
      fail(where, key,
           fmt::format("lognormal median {} must lie within the bounds {}", number_text(median),
                       bounds));
    }
    d = {DistributionKind::kLognormal, median, sigma, 0.0, info.lower, info.upper};
    out.value = median;
  } else {
    const double low = need("low");
    const double mode = need("mode");
    const double high = need("high");
    if (!(low <= mode && mode <= high && low < high)) {
      fail(where, key,
           fmt::format("a triangular distribution needs low <= mode <= high and low < high, got "
                       "low {}, mode {}, high {}",
                       number_text(low), number_text(mode), number_text(high)));
    }
    check_support(low, high);
    d = {DistributionKind::kTriangular, low, mode, high, info.lower, info.upper};
    out.value = mode;
  }
  out.distribution = d;
  return out;
}

// Sets every parameter of `table` given in the entry for element `element` of its extent, and
// checks that the required ones are there.
void Loader::apply_params(const Entry& entry, std::string_view table, int element) {
  for (int p : params_of_table(table)) {
    const ParamInfo& info = kParamInfo[p];
    const std::string key = entry.key(info.key);
    const toml::node* node = entry.find(info.key);
    if (node == nullptr) {
      if (std::isnan(info.default_value)) {
        fail(position_of(*entry.table), key, "required key missing");
      }
      continue;
    }
    const auto param = static_cast<Param>(p);
    if (info.extent == Extent::kRegimeLevel) {
      const auto* array = node->as_array();
      if (array == nullptr || array->size() != static_cast<std::size_t>(kRegimeLevels)) {
        fail(position_of(*node), key,
             fmt::format("must be an array of {} values (OPEN, LICENSED, RESTRICTED, EMBARGO)",
                         kRegimeLevels));
      }
      for (int level = 0; level < kRegimeLevels; ++level) {
        const toml::node& item = *array->get(static_cast<std::size_t>(level));
        s_.param(param, element * kRegimeLevels + level) =
            parse_value(item, p, fmt::format("{}[{}]", key, level));
      }
    } else {
      s_.param(param, element) = parse_value(*node, p, key);
    }
  }
}

void Loader::read_tension(const toml::table& root) {
  const toml::node* node = root.get("tension");
  if (node == nullptr) return;
  const Entry entry{node->as_table(), "tension"};
  check_keys(entry, "tension", {});
  apply_params(entry, "tension", 0);
}

void Loader::read_commodity_params(const toml::table& root) {
  const toml::array* array = entries(root, "commodity");
  for (std::size_t c = 0; c < array->size(); ++c) {
    const Entry entry{array->get(c)->as_table(), fmt::format("commodity[{}]", s_.commodities[c])};
    apply_params(entry, "commodity", static_cast<int>(c));
  }
}

void Loader::read_supply(const toml::table& root) {
  const int suppliers = static_cast<int>(s_.suppliers.size());
  supply_entry_.assign(static_cast<std::size_t>(suppliers * commodities_), -1);
  if (const toml::array* array = entries(root, "supply")) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      Entry entry{array->get(i)->as_table(), fmt::format("supply[{}]", i)};
      check_keys_early(entry, "supply", {"supplier", "commodity"},
                       {{"supplier", &s_.suppliers}, {"commodity", &s_.commodities}});
      const int s = lookup(entry, "supplier", s_.suppliers, "supplier");
      const int c = lookup(entry, "commodity", s_.commodities, "commodity");
      int& slot = supply_entry_[static_cast<std::size_t>(s * commodities_ + c)];
      if (slot >= 0) {
        fail(position_of(*entry.table), entry.prefix,
             fmt::format("duplicate entry for {} and {} (first declared as supply[{}])",
                         s_.suppliers[s], s_.commodities[c], slot));
      }
      slot = static_cast<int>(i);
      entry.prefix = fmt::format("supply[{}, {}]", s_.suppliers[s], s_.commodities[c]);
      apply_params(entry, "supply", s * commodities_ + c);
    }
  }
  // A supplier that does not produce a commodity: no capacity.
  for (std::size_t sc = 0; sc < supply_entry_.size(); ++sc) {
    if (supply_entry_[sc] >= 0) continue;
    s_.param(Param::capacity, static_cast<int>(sc)).value = 0.0;
    s_.param(Param::cost, static_cast<int>(sc)).value = 1.0;
  }
}

void Loader::read_demand(const toml::table& root) {
  const int importers = static_cast<int>(s_.importers.size());
  const auto size = static_cast<std::size_t>(importers * commodities_);
  demand_entry_.assign(size, -1);
  s_.recycling_start_day.assign(size, 0);
  s_.recycling_end_day.assign(size, 0);
  if (const toml::array* array = entries(root, "demand")) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      Entry entry{array->get(i)->as_table(), fmt::format("demand[{}]", i)};
      check_keys_early(entry, "demand",
                       {"importer", "commodity", "recycling_start_day", "recycling_end_day"},
                       {{"importer", &s_.importers}, {"commodity", &s_.commodities}});
      const int k = lookup(entry, "importer", s_.importers, "importer");
      const int c = lookup(entry, "commodity", s_.commodities, "commodity");
      const int kc = k * commodities_ + c;
      int& slot = demand_entry_[static_cast<std::size_t>(kc)];
      if (slot >= 0) {
        fail(position_of(*entry.table), entry.prefix,
             fmt::format("duplicate entry for {} and {} (first declared as demand[{}])",
                         s_.importers[k], s_.commodities[c], slot));
      }
      slot = static_cast<int>(i);
      entry.prefix = fmt::format("demand[{}, {}]", s_.importers[k], s_.commodities[c]);
      const auto start = optional_integer(entry, "recycling_start_day", 0, kMaxDay, 0);
      const auto end = optional_integer(entry, "recycling_end_day", 0, kMaxDay, 0);
      if (start > end) {
        const toml::node* where = entry.find("recycling_end_day");
        if (where == nullptr) where = entry.find("recycling_start_day");
        fail(position_of(*where), entry.key("recycling_end_day"),
             fmt::format("recycling_start_day ({}) must not be after recycling_end_day ({})", start,
                         end));
      }
      s_.recycling_start_day[static_cast<std::size_t>(kc)] = static_cast<int>(start);
      s_.recycling_end_day[static_cast<std::size_t>(kc)] = static_cast<int>(end);
      apply_params(entry, "demand", kc);
    }
  }
  // An importer that does not use a commodity: no demand.
  for (std::size_t kc = 0; kc < demand_entry_.size(); ++kc) {
    if (demand_entry_[kc] < 0) s_.param(Param::demand, static_cast<int>(kc)).value = 0.0;
  }
}

void Loader::read_regimes(const toml::table& root) {
  const int suppliers = static_cast<int>(s_.suppliers.size());
  const int importers = static_cast<int>(s_.importers.size());
  const int regimes = s_.dims.regimes;
  s_.regime_of_supply.assign(static_cast<std::size_t>(suppliers * commodities_), -1);
  s_.restricted_destination.assign(static_cast<std::size_t>(regimes * importers), 0);
  s_.dims.license_stages = 1;
  const toml::array* array = entries(root, "regime");
  for (int x = 0; x < regimes; ++x) {
    Entry entry{array->get(static_cast<std::size_t>(x))->as_table(), fmt::format("regime[{}]", x)};
    check_keys_early(
        entry, "regime",
        {"exporter", "commodity", "initial", "license_stages", "restricted_destinations"},
        {{"exporter", &s_.suppliers}, {"commodity", &s_.commodities}});
    const int s = lookup(entry, "exporter", s_.suppliers, "supplier");
    const int c = lookup(entry, "commodity", s_.commodities, "commodity");
    const int sc = s * commodities_ + c;
    int& owner = s_.regime_of_supply[static_cast<std::size_t>(sc)];
    if (owner >= 0) {
      fail(position_of(*entry.table), entry.prefix,
           fmt::format("duplicate regime for {} on {} (first declared as regime[{}])",
                       s_.suppliers[s], s_.commodities[c], owner));
    }
    entry.prefix = fmt::format("regime[{}, {}]", s_.suppliers[s], s_.commodities[c]);
    if (supply_entry_[static_cast<std::size_t>(sc)] < 0) {
      fail(position_of(*entry.find("exporter")), entry.key("exporter"),
           fmt::format("{} has no [[supply]] entry for {}: declare one first", s_.suppliers[s],
                       s_.commodities[c]));
    }
    owner = x;
    s_.regime_names.push_back(s_.suppliers[s] + "/" + s_.commodities[c]);
    s_.regime_exporter.push_back(s);
    s_.regime_commodity.push_back(c);
    const toml::node* initial = entry.find("initial");
    s_.regime_initial_level.push_back(initial != nullptr ? level_value(entry, "initial", *initial)
                                                         : model::kOpen);
    const auto stages =
        static_cast<int>(optional_integer(entry, "license_stages", 1, model::kMaxLicenseStages, 3));
    s_.license_stages.push_back(stages);
    s_.dims.license_stages = std::max(s_.dims.license_stages, stages);
    if (const toml::node* node = entry.find("restricted_destinations")) {
      const auto* list = node->as_array();
      if (list == nullptr) {
        fail(position_of(*node), entry.key("restricted_destinations"),
             "must be an array of importer names");
      }
      for (const toml::node& item : *list) {
        const auto* name = item.as_string();
        if (name == nullptr) {
          fail(position_of(item), entry.key("restricted_destinations"),
               "must be an array of importer names");
        }
        const auto it = std::find(s_.importers.begin(), s_.importers.end(), name->get());
        if (it == s_.importers.end()) {
          fail(position_of(item), entry.key("restricted_destinations"),
               fmt::format("unknown importer '{}' (known: {})", name->get(), join(s_.importers)));
        }
        const auto k = static_cast<int>(it - s_.importers.begin());
        s_.restricted_destination[static_cast<std::size_t>(x * importers + k)] = 1;
      }
    }
    apply_params(entry, "regime", x);
  }
}

void Loader::read_projects(const toml::table& root) {
  const toml::array* array = entries(root, "project");
  for (int p = 0; p < s_.dims.projects; ++p) {
    const Entry entry{array->get(static_cast<std::size_t>(p))->as_table(),
                      fmt::format("project[{}]", p)};
    check_keys(entry, "project", {"supplier", "commodity", "day"});
    const int s = lookup(entry, "supplier", s_.suppliers, "supplier");
    const int c = lookup(entry, "commodity", s_.commodities, "commodity");
    if (supply_entry_[static_cast<std::size_t>(s * commodities_ + c)] < 0) {
      fail(position_of(*entry.find("supplier")), entry.key("supplier"),
           fmt::format("{} has no [[supply]] entry for {}: a project adds capacity to a declared "
                       "supply",
                       s_.suppliers[s], s_.commodities[c]));
    }
    const auto day =
        static_cast<int>(integer_value(entry, "day", required(entry, "day"), 0, kMaxDay));
    s_.project_supplier.push_back(s);
    s_.project_commodity.push_back(c);
    s_.project_day.push_back(day);
    std::string name = fmt::format("{}/{}@day {}", s_.suppliers[s], s_.commodities[c], day);
    const std::string base = name;
    for (int n = 2; std::find(s_.project_names.begin(), s_.project_names.end(), name) !=
                    s_.project_names.end();
         ++n) {
      name = fmt::format("{} #{}", base, n);
    }
    s_.project_names.push_back(std::move(name));
    apply_params(entry, "project", p);
  }
}

void Loader::read_stockpiles(const toml::table& root) {
  const toml::array* array = entries(root, "stockpile");
  for (int g = 0; g < s_.dims.holdings; ++g) {
    Entry entry{array->get(static_cast<std::size_t>(g))->as_table(),
                fmt::format("stockpile[{}]", g)};
    check_keys_early(entry, "stockpile", {"name", "importer", "commodity"},
                     {{"name", nullptr}, {"commodity", &s_.commodities}});
    const toml::node& name_node = required(entry, "name");
    const std::string name = string_value(entry, "name", name_node);
    if (name.empty()) fail(position_of(name_node), entry.key("name"), "must not be empty");
    const int k = lookup(entry, "importer", s_.importers, "importer");
    const int c = lookup(entry, "commodity", s_.commodities, "commodity");
    const std::string holding = name + "/" + s_.commodities[c];
    const auto previous = std::find(s_.holding_names.begin(), s_.holding_names.end(), holding);
    if (previous != s_.holding_names.end()) {
      fail(position_of(*entry.table), entry.prefix,
           fmt::format("duplicate stockpile holding {} of {} (first declared as stockpile[{}])",
                       name, s_.commodities[c], previous - s_.holding_names.begin()));
    }
    entry.prefix = fmt::format("stockpile[{}, {}]", name, s_.commodities[c]);
    s_.holding_names.push_back(holding);
    s_.holding_importer.push_back(k);
    s_.holding_commodity.push_back(c);
    apply_params(entry, "stockpile", g);
    const ParamValue& initial = s_.param(Param::stock_initial, g);
    const ParamValue& capacity = s_.param(Param::stock_capacity, g);
    if (!initial.distribution && !capacity.distribution && initial.value > capacity.value) {
      fail(position_of(*entry.find("initial")), entry.key("initial"),
           fmt::format("initial stock {} exceeds the capacity {}", number_text(initial.value),
                       number_text(capacity.value)));
    }
  }
}

// The largest value a parameter can take: the fixed value or the top of the distribution.
double upper_end(const ParamValue& v) {
  if (!v.distribution) return v.value;
  const model::Distribution& d = *v.distribution;
  switch (d.kind) {
    case DistributionKind::kUniform:
      return d.b;
    case DistributionKind::kTriangular:
      return d.c;
    case DistributionKind::kNormal:
    case DistributionKind::kLognormal:
      return d.upper;
  }
  return d.upper;
}

void Loader::read_offtakes(const toml::table& root) {
  const toml::array* array = entries(root, "offtake");
  std::vector<double> share_sum(supply_entry_.size(), 0.0);
  for (int o = 0; o < s_.dims.offtakes; ++o) {
    Entry entry{array->get(static_cast<std::size_t>(o))->as_table(), fmt::format("offtake[{}]", o)};
    check_keys_early(
        entry, "offtake", {"supplier", "importer", "commodity"},
        {{"supplier", &s_.suppliers}, {"importer", &s_.importers}, {"commodity", &s_.commodities}});
    const int s = lookup(entry, "supplier", s_.suppliers, "supplier");
    const int k = lookup(entry, "importer", s_.importers, "importer");
    const int c = lookup(entry, "commodity", s_.commodities, "commodity");
    const auto sc = static_cast<std::size_t>(s * commodities_ + c);
    for (int q = 0; q < o; ++q) {
      if (s_.offtake_supplier[static_cast<std::size_t>(q)] == s &&
          s_.offtake_importer[static_cast<std::size_t>(q)] == k &&
          s_.offtake_commodity[static_cast<std::size_t>(q)] == c) {
        fail(position_of(*entry.table), entry.prefix,
             fmt::format("duplicate offtake of {} to {} on {} (first declared as offtake[{}])",
                         s_.suppliers[s], s_.importers[k], s_.commodities[c], q));
      }
    }
    entry.prefix =
        fmt::format("offtake[{}, {}, {}]", s_.suppliers[s], s_.importers[k], s_.commodities[c]);
    if (supply_entry_[sc] < 0) {
      fail(position_of(*entry.find("supplier")), entry.key("supplier"),
           fmt::format("{} has no [[supply]] entry for {}", s_.suppliers[s], s_.commodities[c]));
    }
    const int regime = s_.regime_of_supply[sc];
    if (regime >= 0) {
      fail(position_of(*entry.find("supplier")), entry.key("supplier"),
           fmt::format("{} exports of {} are controlled by regime {}: regime-bound supply "
                       "cannot have offtakes",
                       s_.suppliers[s], s_.commodities[c],
                       s_.regime_names[static_cast<std::size_t>(regime)]));
    }
    s_.offtake_supplier.push_back(s);
    s_.offtake_importer.push_back(k);
    s_.offtake_commodity.push_back(c);
    s_.offtake_names.push_back(s_.suppliers[s] + "->" + s_.importers[k] + "/" + s_.commodities[c]);
    apply_params(entry, "offtake", o);
    share_sum[sc] += upper_end(s_.param(Param::offtake_share, o));
    if (share_sum[sc] > 1.0 + 1e-12) {
      fail(position_of(*entry.find("share")), entry.key("share"),
           fmt::format("offtake shares of {} on {} add up to {}, more than 1 (a distribution "
                       "counts with its upper end)",
                       s_.suppliers[s], s_.commodities[c], number_text(share_sum[sc])));
    }
  }
}

void Loader::read_events(const toml::table& root) {
  const toml::array* array = entries(root, "event");
  if (array == nullptr) return;
  std::vector<model::RegimeEvent> events;
  std::vector<std::string> notes;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const Entry entry{array->get(i)->as_table(), fmt::format("event[{}]", i)};
    check_keys(entry, "event",
               {"day", "date", "exporter", "commodity", "action", "days", "importer", "note"});
    const std::optional<int> event_day = optional_day(entry, "");
    if (!event_day) {
      fail(position_of(*entry.table), entry.key("day"), "required key missing ('day' or 'date')");
    }
    const int day = *event_day;
    const int s = lookup(entry, "exporter", s_.suppliers, "supplier");

    // The regimes affected.
    std::vector<int> regimes;
    const toml::node& commodity_node = required(entry, "commodity");
    auto add_commodity = [&](const toml::node& item) {
      const auto* name = item.as_string();
      if (name == nullptr) {
        fail(position_of(item), entry.key("commodity"),
             "must be a commodity name, a list of names, or \"*\"");
      }
      const auto it = std::find(s_.commodities.begin(), s_.commodities.end(), name->get());
      if (it == s_.commodities.end()) {
        fail(position_of(item), entry.key("commodity"),
             fmt::format("unknown commodity '{}' (known: {})", name->get(), join(s_.commodities)));
      }
      const auto c = static_cast<int>(it - s_.commodities.begin());
      const int x = s_.regime_of_supply[static_cast<std::size_t>(s * commodities_ + c)];
      if (x < 0) {
        fail(position_of(item), entry.key("commodity"),
             fmt::format("no regime for {} on {}: declare a [[regime]] first", s_.suppliers[s],
                         s_.commodities[c]));
      }
      if (std::find(regimes.begin(), regimes.end(), x) != regimes.end()) {
        fail(position_of(item), entry.key("commodity"),
             fmt::format("commodity '{}' is listed twice", name->get()));
      }
      regimes.push_back(x);
    };
    if (const auto* text = commodity_node.as_string(); text != nullptr && text->get() == "*") {
      for (int x = 0; x < s_.dims.regimes; ++x) {
        if (s_.regime_exporter[static_cast<std::size_t>(x)] == s) regimes.push_back(x);
      }
      if (regimes.empty()) {
        fail(position_of(commodity_node), entry.key("commodity"),
             fmt::format("no regime for {}: declare a [[regime]] first", s_.suppliers[s]));
      }
    } else if (const auto* list = commodity_node.as_array()) {
      if (list->empty()) {
        fail(position_of(commodity_node), entry.key("commodity"), "must not be an empty list");
      }
      for (const toml::node& item : *list) add_commodity(item);
    } else {
      add_commodity(commodity_node);
    }

    // The action and its argument.
    const toml::node& action_node = required(entry, "action");
    const std::string action = string_value(entry, "action", action_node);
    EventAction kind = EventAction::kSetLevel;
    int argument = 0;
    bool known_level = false;
    for (int level = 0; level < kRegimeLevels; ++level) {
      if (action == kRegimeLevelNames[level]) {
        argument = level;
        known_level = true;
      }
    }
    if (!known_level) {
      if (action == "pause") {
        kind = EventAction::kPause;
      } else if (action == "resume") {
        kind = EventAction::kResume;
      } else if (action == "ban") {
        kind = EventAction::kBan;
      } else if (action == "unban") {
        kind = EventAction::kUnban;
      } else {
        const std::vector<std::string> actions = {"OPEN",  "LICENSED", "RESTRICTED", "EMBARGO",
                                                  "pause", "resume",   "ban",        "unban"};
        fail(position_of(action_node), entry.key("action"),
             fmt::format("unknown action '{}' (known: {}){}", action, join(actions),
                         suggestion(action, actions)));
      }
    }
    const toml::node* days_node = entry.find("days");
    const toml::node* importer_node = entry.find("importer");
    if (kind == EventAction::kPause) {
      argument =
          static_cast<int>(integer_value(entry, "days", required(entry, "days"), 1, kMaxDay));
    } else if (days_node != nullptr) {
      fail(position_of(*days_node), entry.key("days"), "only applies to action = \"pause\"");
    }
    if (kind == EventAction::kBan || kind == EventAction::kUnban) {
      argument = lookup(entry, "importer", s_.importers, "importer");
    } else if (importer_node != nullptr) {
      fail(position_of(*importer_node), entry.key("importer"),
           "only applies to action = \"ban\" or \"unban\"");
    }
    const std::string note = optional_string(entry, "note").value_or("");
    for (int x : regimes) {
      events.push_back(model::RegimeEvent{day, x, kind, argument});
      notes.push_back(note);
    }
  }
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return events[a].day < events[b].day; });
  for (std::size_t i : order) {
    s_.events.push_back(events[i]);
    s_.event_notes.push_back(std::move(notes[i]));
  }
}

void Loader::read_tariffs(const toml::table& root) {
  const toml::array* array = entries(root, "tariff");
  for (int t = 0; t < s_.dims.tariffs; ++t) {
    Entry entry{array->get(static_cast<std::size_t>(t))->as_table(), fmt::format("tariff[{}]", t)};
    check_keys_early(
        entry, "tariff",
        {"importer", "exporter", "commodity", "start_day", "start_date", "end_day", "end_date",
         "note"},
        {{"exporter", &s_.suppliers}, {"importer", &s_.importers}, {"commodity", &s_.commodities}});
    const int x_supplier = lookup(entry, "exporter", s_.suppliers, "supplier");
    const int k = lookup(entry, "importer", s_.importers, "importer");
    const int c = lookup(entry, "commodity", s_.commodities, "commodity");
    entry.prefix = fmt::format("tariff[{}, {}, {}]", s_.suppliers[x_supplier], s_.importers[k],
                               s_.commodities[c]);
    const int x = s_.regime_of_supply[static_cast<std::size_t>(x_supplier * commodities_ + c)];
    if (x < 0) {
      fail(position_of(*entry.find("exporter")), entry.key("exporter"),
           fmt::format("no regime for {} on {}: origin tariffs apply to a controlling exporter's "
                       "shipments; declare a [[regime]] first",
                       s_.suppliers[x_supplier], s_.commodities[c]));
    }
    const int start = optional_day(entry, "start_").value_or(0);
    const int end = optional_day(entry, "end_").value_or(static_cast<int>(kMaxDay));
    if (end < start) {
      const char* end_key = entry.find("end_day") != nullptr ? "end_day" : "end_date";
      fail(position_of(*entry.find(end_key)), entry.key(end_key),
           fmt::format("ends on day {}, before it starts (day {})", end, start));
    }
    for (int q = 0; q < t; ++q) {
      const auto qi = static_cast<std::size_t>(q);
      if (s_.tariff_regime[qi] == x && s_.tariff_importer[qi] == k &&
          start <= s_.tariff_end_day[qi] && s_.tariff_start_day[qi] <= end) {
        fail(position_of(*entry.table), entry.prefix,
             fmt::format("overlaps tariff[{}] on the same route (days {} to {}); give "
                         "successive tariffs disjoint periods",
                         q, s_.tariff_start_day[qi], s_.tariff_end_day[qi]));
      }
    }
    s_.tariff_regime.push_back(x);
    s_.tariff_importer.push_back(k);
    s_.tariff_start_day.push_back(start);
    s_.tariff_end_day.push_back(end);
    s_.tariff_names.push_back(fmt::format("{}->{}/{}@{}", s_.suppliers[x_supplier], s_.importers[k],
                                          s_.commodities[c], start));
    apply_params(entry, "tariff", t);
  }
}

void Loader::read_windows(const toml::table& root) {
  const toml::array* array = entries(root, "window");
  for (int w = 0; w < s_.dims.windows; ++w) {
    Entry entry{array->get(static_cast<std::size_t>(w))->as_table(), fmt::format("window[{}]", w)};
    check_keys(entry, "window", {"name", "start_day", "start_date", "days"});
    const std::string name = string_value(entry, "name", required(entry, "name"));
    if (name.empty())
      fail(position_of(*entry.find("name")), entry.key("name"), "must not be empty");
    const auto previous = std::find(s_.window_names.begin(), s_.window_names.end(), name);
    if (previous != s_.window_names.end()) {
      fail(position_of(*entry.find("name")), entry.key("name"),
           fmt::format("duplicate window name '{}' (first declared as window[{}])", name,
                       previous - s_.window_names.begin()));
    }
    entry.prefix = fmt::format("window[{}]", name);
    const std::optional<int> start = optional_day(entry, "start_");
    if (!start) {
      fail(position_of(*entry.table), entry.key("start_date"),
           "required key missing ('start_day' or 'start_date')");
    }
    const int days =
        static_cast<int>(integer_value(entry, "days", required(entry, "days"), 1, kMaxDay));
    s_.window_names.push_back(name);
    s_.window_start_day.push_back(*start);
    s_.window_days.push_back(days);
  }
}

Scenario Loader::load(const toml::table& root, std::string_view text) {
  s_.source_path = file_;
  s_.source_text = std::string(text);
  check_top_level(root);
  read_scenario(root);
  read_names(root, "commodity", s_.commodities, &s_.commodity_units);
  read_names(root, "supplier", s_.suppliers, nullptr);
  read_names(root, "importer", s_.importers, nullptr);
  commodities_ = static_cast<int>(s_.commodities.size());

  auto count = [&](std::string_view table) {
    const toml::array* array = entries(root, table);
    return array != nullptr ? static_cast<int>(array->size()) : 0;
  };
  model::Dimensions& d = s_.dims;
  d.commodities = commodities_;
  d.suppliers = static_cast<int>(s_.suppliers.size());
  d.importers = static_cast<int>(s_.importers.size());
  d.regimes = count("regime");
  d.projects = count("project");
  d.holdings = count("stockpile");
  d.offtakes = count("offtake");
  d.tariffs = count("tariff");
  d.windows = count("window");
  d.events = 0;
  d.license_stages = 1;
  allocate_parameters(s_);

  read_tension(root);
  read_commodity_params(root);
  read_supply(root);
  read_demand(root);
  read_regimes(root);
  read_projects(root);
  read_stockpiles(root);
  read_offtakes(root);
  read_events(root);
  read_tariffs(root);
  read_windows(root);
  d.events = static_cast<int>(s_.events.size());
  return std::move(s_);
}

}  // namespace

Scenario parse_scenario(std::string_view toml_text, const std::string& source_name,
                        const std::optional<std::string>& variant) {
  screen_toml_text(toml_text, source_name);
  toml::table root;
  try {
    root = toml::parse(toml_text, std::string_view(source_name));
  } catch (const toml::parse_error& e) {
    const auto begin = e.source().begin;
    throw UserError(source_name, static_cast<int>(begin.line), static_cast<int>(begin.column), "",
                    fmt::format("TOML syntax error: {}", e.description()));
  }
  std::vector<std::string> variants = variant_names(root, source_name);
  const std::string description = variant ? variant_description(root, *variant) : "";
  const toml::table resolved = resolve_variant(std::move(root), variant, source_name);
  Loader loader(source_name);
  Scenario scenario;
  try {
    scenario = loader.load(resolved, toml_text);
  } catch (const UserError& e) {
    if (!variant) throw;
    // The resolved tree mixes the base's nodes and the variant's: say which variant was applied.
    throw UserError(e.file(), e.line(), e.column(), e.key(),
                    fmt::format("{} (with variant '{}' applied)", e.reason(), *variant));
  }
  scenario.variant = variant.value_or("");
  scenario.variant_description = description;
  scenario.variants = std::move(variants);
  return scenario;
}

Scenario load_scenario(const std::string& path, const std::optional<std::string>& variant) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    throw UserError(path, 0, 0, "", "cannot read file: it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw UserError(
        path, 0, 0, "",
        fmt::format("cannot read file: {}", error != 0 ? std::strerror(error) : "unknown error"));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    throw UserError(path, 0, 0, "", fmt::format("cannot read file: {}", std::strerror(errno)));
  }
  return parse_scenario(text.str(), path, variant);
}

}  // namespace mineralsim::scenario
