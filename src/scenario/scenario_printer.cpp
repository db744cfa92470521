// Readable text of a resolved scenario (`mineralsim validate`, results files) and the parameter
// table as Markdown (`mineralsim validate --schema`).
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "mineralsim/scenario/scenario_loader.hpp"

namespace mineralsim::scenario {

using model::DistributionKind;
using model::EventAction;
using model::Extent;
using model::kParamCount;
using model::kParamInfo;
using model::kRegimeLevelNames;

namespace {

std::string g10(double v) { return fmt::format("{:.10g}", v); }

// Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? static_cast<unsigned>(-3) : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

CalendarDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

std::string date_text(const CalendarDate& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string date_of_day(const CalendarDate& start, int day) {
  const std::int64_t base = days_from_civil(start.year, static_cast<unsigned>(start.month),
                                            static_cast<unsigned>(start.day));
  return date_text(civil_from_days(base + day));
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out;
}

std::string value_text(const ParamValue& v) {
  if (!v.distribution) return g10(v.value);
  const model::Distribution& d = *v.distribution;
  switch (d.kind) {
    case DistributionKind::kUniform:
      return fmt::format("uniform({}, {})", g10(d.a), g10(d.b));
    case DistributionKind::kNormal:
      return fmt::format("normal(mean {}, sd {}, clipped to [{}, {}])", g10(d.a), g10(d.b),
                         g10(d.lower), g10(d.upper));
    case DistributionKind::kLognormal:
      return fmt::format("lognormal(median {}, sigma {})", g10(d.a), g10(d.b));
    case DistributionKind::kTriangular:
      return fmt::format("triangular({}, {}, {})", g10(d.a), g10(d.b), g10(d.c));
  }
  return g10(v.value);
}

// Bounds and defaults in the schema: 10.0, 0.01, 1e9, 1e-6 (as written in parameter_table.hpp).
std::string schema_number(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v != 0.0) {
    const double exponent = std::round(std::log10(std::fabs(v)));
    if (std::fabs(exponent) >= 3 && std::fabs(v) == std::pow(10.0, exponent)) {
      return fmt::format("{}1e{}", v < 0 ? "-" : "", static_cast<int>(exponent));
    }
  }
  if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.1f}", v);
  return fmt::format("{}", v);
}

const char* extent_words(Extent e) {
  switch (e) {
    case Extent::kOne:
      return "one";
    case Extent::kCommodity:
      return "per commodity";
    case Extent::kSupply:
      return "per supplier and commodity";
    case Extent::kDemand:
      return "per importer and commodity";
    case Extent::kRegime:
      return "per regime";
    case Extent::kRegimeLevel:
      return "per regime, 4 values (one per level)";
    case Extent::kProject:
      return "per project";
    case Extent::kHolding:
      return "per stockpile holding";
    case Extent::kOfftake:
      return "per offtake";
    case Extent::kTariff:
      return "per origin tariff";
  }
  return "";
}

std::string event_text(const Scenario& s, const model::RegimeEvent& e) {
  switch (e.action) {
    case EventAction::kSetLevel:
      return fmt::format("set {}", e.argument >= 0 && e.argument < model::kRegimeLevels
                                       ? kRegimeLevelNames[e.argument]
                                       : "?");
    case EventAction::kPause:
      return fmt::format("pause {} days", e.argument);
    case EventAction::kResume:
      return "resume";
    case EventAction::kBan:
      return fmt::format("ban {}", s.importers.at(static_cast<std::size_t>(e.argument)));
    case EventAction::kUnban:
      return fmt::format("unban {}", s.importers.at(static_cast<std::size_t>(e.argument)));
  }
  return "?";
}

}  // namespace

std::string describe_scenario(const Scenario& s) {
  const model::Dimensions& d = s.dims;
  std::string out;
  auto line = [&out](const std::string& text) {
    out += text;
    out += '\n';
  };
  line(fmt::format("scenario: {}", s.name));
  if (!s.variant.empty()) {
    line(fmt::format("variant: {}{}", s.variant,
                     s.variant_description.empty() ? "" : " -- " + s.variant_description));
  }
  if (!s.description.empty()) line(fmt::format("description: {}", s.description));
  if (!s.source_path.empty()) line(fmt::format("source: {}", s.source_path));
  line(fmt::format("start date: {} (day 0)", date_text(s.start_date)));
  line(fmt::format("horizon: {} days (last day {}, {})", s.horizon_days, s.horizon_days - 1,
                   date_of_day(s.start_date, s.horizon_days - 1)));
  line(fmt::format("seed: {}", s.seed));
  std::size_t drawn = 0;
  for (const ParamValue& v : s.params) drawn += v.distribution ? 1 : 0;
  line(fmt::format(
      "sizes: {}, {}, {}, {}, {}, {}, {}, {}, licence pipelines of up to {} stages",
      plural(s.commodities.size(), "commodity", "commodities"),
      plural(s.suppliers.size(), "supplier", "suppliers"),
      plural(s.importers.size(), "importer", "importers"),
      plural(static_cast<std::size_t>(d.regimes), "regime", "regimes"),
      plural(static_cast<std::size_t>(d.projects), "project", "projects"),
      plural(static_cast<std::size_t>(d.holdings), "stockpile holding", "stockpile holdings"),
      plural(static_cast<std::size_t>(d.offtakes), "offtake", "offtakes"),
      plural(s.events.size(), "event", "events"), d.license_stages));
  line(fmt::format("parameters: {} values, {} drawn per trajectory", s.params.size(), drawn));

  const std::size_t commodities = s.commodities.size();
  line("");
  line("commodities:");
  for (std::size_t c = 0; c < commodities; ++c) {
    const std::string unit = c < s.commodity_units.size() ? s.commodity_units[c] : "t";
    line(fmt::format("  {} (unit {})", s.commodities[c], unit));
  }

  // Which supplier produces and which importer demands what: capacity or demand declared > 0 or
  // drawn.
  line("suppliers:");
  for (std::size_t i = 0; i < s.suppliers.size(); ++i) {
    std::vector<std::string> produces;
    for (std::size_t c = 0; c < commodities; ++c) {
      const ParamValue& v = s.param(model::Param::capacity, static_cast<int>(i * commodities + c));
      if (v.distribution || v.value > 0.0) produces.push_back(s.commodities[c]);
    }
    line(fmt::format(
        "  {}{}", s.suppliers[i],
        produces.empty() ? std::string(": no capacity at day 0") : ": produces " + join(produces)));
  }
  line("importers:");
  for (std::size_t k = 0; k < s.importers.size(); ++k) {
    std::vector<std::string> uses;
    for (std::size_t c = 0; c < commodities; ++c) {
      const ParamValue& v = s.param(model::Param::demand, static_cast<int>(k * commodities + c));
      if (v.distribution || v.value > 0.0) uses.push_back(s.commodities[c]);
    }
    line(fmt::format(
        "  {}{}", s.importers[k],
        uses.empty() ? std::string(": no demand at day 0") : ": demands " + join(uses)));
  }

  line(fmt::format("regimes ({}):", d.regimes));
  for (int x = 0; x < d.regimes; ++x) {
    const auto xi = static_cast<std::size_t>(x);
    std::vector<std::string> restricted;
    for (std::size_t k = 0; k < s.importers.size(); ++k) {
      if (s.restricted_destination[xi * s.importers.size() + k] != 0) {
        restricted.push_back(s.importers[k]);
      }
    }
    line(fmt::format("  {}: initial {}, {} licence stages, restricted destinations: {}",
                     s.regime_names[xi], kRegimeLevelNames[s.regime_initial_level[xi]],
                     s.license_stages[xi], restricted.empty() ? "none" : join(restricted)));
  }
  line(fmt::format("projects ({}):", d.projects));
  for (int p = 0; p < d.projects; ++p) {
    const auto pi = static_cast<std::size_t>(p);
    line(fmt::format("  {}: {} adds {} capacity, scheduled day {} ({})", s.project_names[pi],
                     s.suppliers[static_cast<std::size_t>(s.project_supplier[pi])],
                     s.commodities[static_cast<std::size_t>(s.project_commodity[pi])],
                     s.project_day[pi], date_of_day(s.start_date, s.project_day[pi])));
  }
  line(fmt::format("stockpile holdings ({}):", d.holdings));
  for (int g = 0; g < d.holdings; ++g) {
    const auto gi = static_cast<std::size_t>(g);
    line(fmt::format("  {}: releases {} to {}", s.holding_names[gi],
                     s.commodities[static_cast<std::size_t>(s.holding_commodity[gi])],
                     s.importers[static_cast<std::size_t>(s.holding_importer[gi])]));
  }
  line(fmt::format("offtakes ({}):", d.offtakes));
  for (int o = 0; o < d.offtakes; ++o) {
    const auto oi = static_cast<std::size_t>(o);
    line(fmt::format("  {}: {} reserves {} of its {} for {}", s.offtake_names[oi],
                     s.suppliers[static_cast<std::size_t>(s.offtake_supplier[oi])],
                     value_text(s.param(model::Param::offtake_share, o)),
                     s.commodities[static_cast<std::size_t>(s.offtake_commodity[oi])],
                     s.importers[static_cast<std::size_t>(s.offtake_importer[oi])]));
  }
  line(fmt::format("origin tariffs ({}):", d.tariffs));
  for (int t = 0; t < d.tariffs; ++t) {
    const auto ti = static_cast<std::size_t>(t);
    const int start = s.tariff_start_day[ti];
    const int end = s.tariff_end_day[ti];
    const std::string until =
        end >= s.horizon_days - 1
            ? std::string("to the end of the run")
            : fmt::format("to day {} ({})", end, date_of_day(s.start_date, end));
    line(fmt::format("  {}: rate {}, reference price {}, substitution {}, from day {} ({}) {}",
                     s.tariff_names[ti], value_text(s.param(model::Param::tariff_rate, t)),
                     value_text(s.param(model::Param::tariff_reference_price, t)),
                     value_text(s.param(model::Param::tariff_substitution, t)), start,
                     date_of_day(s.start_date, start), until));
  }
  // Demand entries whose recycled share changes over the run, with the days of the ramp.
  std::vector<std::string> ramps;
  for (int k = 0; k < d.importers; ++k) {
    for (int c = 0; c < d.commodities; ++c) {
      const int kc = k * d.commodities + c;
      const std::string from = value_text(s.param(model::Param::recycling_start_share, kc));
      const std::string to = value_text(s.param(model::Param::recycling_end_share, kc));
      if (from == to) continue;
      const int start = s.recycling_start_day[static_cast<std::size_t>(kc)];
      const int end = s.recycling_end_day[static_cast<std::size_t>(kc)];
      ramps.push_back(fmt::format(
          "  {}, {}: recycled share {} to {}, from day {} ({}) to day {} ({})",
          s.importers[static_cast<std::size_t>(k)], s.commodities[static_cast<std::size_t>(c)],
          from, to, start, date_of_day(s.start_date, start), end, date_of_day(s.start_date, end)));
    }
  }
  line(fmt::format("recycling ramps ({}):", ramps.size()));
  for (const std::string& ramp : ramps) line(ramp);
  line(fmt::format("summary windows ({}):", d.windows));
  for (int w = 0; w < d.windows; ++w) {
    const auto wi = static_cast<std::size_t>(w);
    line(fmt::format("  {}: {} days from day {} ({})", s.window_names[wi], s.window_days[wi],
                     s.window_start_day[wi], date_of_day(s.start_date, s.window_start_day[wi])));
  }
  line(fmt::format("events ({}):", s.events.size()));
  for (std::size_t e = 0; e < s.events.size(); ++e) {
    const model::RegimeEvent& ev = s.events[e];
    std::string text =
        fmt::format("  day {} ({}): {}: {}", ev.day, date_of_day(s.start_date, ev.day),
                    s.regime_names[static_cast<std::size_t>(ev.regime)], event_text(s, ev));
    if (e < s.event_notes.size() && !s.event_notes[e].empty()) {
      text += " -- " + s.event_notes[e];
    }
    line(text);
  }

  line("");
  line("parameters:");
  for (std::size_t i = 0; i < s.params.size(); ++i) {
    line(fmt::format("  {} = {}", s.value_name(static_cast<int>(i)), value_text(s.params[i])));
  }
  return out;
}

std::string describe_schema() {
  std::string out =
      "| table | key | extent | bounds | default | unit | meaning |\n"
      "| --- | --- | --- | --- | --- | --- | --- |\n";
  for (int p = 0; p < kParamCount; ++p) {
    const model::ParamInfo& info = kParamInfo[p];
    std::string default_text;
    if (std::isnan(info.default_value)) {
      default_text = "required";
    } else if (std::isinf(info.default_value)) {
      default_text = "unlimited";
    } else {
      default_text = schema_number(info.default_value);
    }
    out += fmt::format("| `{}` | `{}` | {} | [{}, {}] | {} | {} | {} |\n", info.table, info.key,
                       extent_words(info.extent), schema_number(info.lower),
                       schema_number(info.upper), default_text, info.unit, info.description);
  }
  return out;
}

}  // namespace mineralsim::scenario
