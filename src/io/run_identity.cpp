#include "mineralsim/io/run_identity.hpp"

#include <fmt/format.h>

#include <sstream>

#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::io {

namespace {

std::string text_attribute(hid_t file, const char* name) {
  return H5Aexists(file, name) > 0 ? read_string_attribute(file, name) : std::string();
}

template <class T>
std::vector<std::int64_t> as_int64s(const std::vector<T>& values) {
  return {values.begin(), values.end()};
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Scenario texts are long: the difference shown is their first differing line.
IdentityDifference scenario_difference(const std::string& found, const std::string& expected) {
  const std::vector<std::string> a = lines_of(found);
  const std::vector<std::string> b = lines_of(expected);
  std::size_t line = 0;
  while (line < a.size() && line < b.size() && a[line] == b[line]) ++line;
  const auto quoted = [line](const std::vector<std::string>& lines) {
    return line < lines.size() ? fmt::format("'{}'", lines[line]) : std::string("its end");
  };
  return {fmt::format("scenario (its stored text differs from line {})", line + 1), quoted(a),
          quoted(b)};
}

std::string describe_paths(const RunIdentity& r) {
  if (r.path_trajectories.empty()) return "no sampled paths";
  const std::int64_t every = r.path_days.size() > 1 ? r.path_days[1] - r.path_days[0] : r.days;
  return fmt::format("{} paths every {} days", r.path_trajectories.size(), every);
}

}  // namespace

RunIdentity identity_of_file(hid_t file) {
  RunIdentity r;
  r.version = text_attribute(file, "mineralsim_version");
  r.git_revision = text_attribute(file, "git_revision");
  r.scenario_text = read_string_dataset(file, "/provenance/scenario_toml").at(0);
  r.variant = text_attribute(file, "scenario_variant");
  r.seed = text_attribute(file, "seed");
  r.precision = text_attribute(file, "precision");
  r.trajectories = read_int_attribute(file, "trajectories_requested");
  r.days = read_int_attribute(file, "days");
  r.shard_count = shard_of(file).count;
  r.path_trajectories = read_int64s(file, "/paths/trajectory");
  r.path_days = read_int64s(file, "/paths/day");
  return r;
}

RunIdentity identity_of_run(const scenario::Scenario& scenario, const Provenance& provenance,
                            const engine::PathRecorder& paths) {
  RunIdentity r;
  r.version = kVersion;
  r.git_revision = kGitRevision;
  r.scenario_text = scenario.source_text;
  r.variant = scenario.variant;
  r.seed = std::to_string(provenance.seed);
  r.precision = provenance.precision;
  r.trajectories = static_cast<std::int64_t>(provenance.trajectories);
  r.days = provenance.days;
  r.shard_count = provenance.shard.count;
  r.path_trajectories = as_int64s(paths.trajectories());
  r.path_days = as_int64s(paths.days());
  return r;
}

engine::PathRecorder sampled_paths_of(const RunIdentity& run, const model::ModelParameters& model) {
  const auto days = static_cast<int>(run.days);
  const int every = run.path_days.size() > 1 ? static_cast<int>(run.path_days[1]) : days;
  return engine::PathRecorder(model, static_cast<std::uint64_t>(run.trajectories),
                              static_cast<int>(run.path_trajectories.size()), days, every);
}

std::optional<IdentityDifference> first_difference(const RunIdentity& found,
                                                   const RunIdentity& expected) {
  const auto quoted = [](const std::string& s) { return fmt::format("'{}'", s); };
  if (found.version != expected.version) {
    return IdentityDifference{"mineralsim version", quoted(found.version),
                              quoted(expected.version)};
  }
  if (found.git_revision != expected.git_revision) {
    return IdentityDifference{"build (git revision)", quoted(found.git_revision),
                              quoted(expected.git_revision)};
  }
  if (found.scenario_text != expected.scenario_text) {
    return scenario_difference(found.scenario_text, expected.scenario_text);
  }
  if (found.variant != expected.variant) {
    return IdentityDifference{"scenario variant", quoted(found.variant), quoted(expected.variant)};
  }
  if (found.seed != expected.seed) {
    return IdentityDifference{"seed", quoted(found.seed), quoted(expected.seed)};
  }
  if (found.precision != expected.precision) {
    return IdentityDifference{"precision", quoted(found.precision), quoted(expected.precision)};
  }
  if (found.trajectories != expected.trajectories) {
    return IdentityDifference{"ensemble size (-n)", std::to_string(found.trajectories),
                              std::to_string(expected.trajectories)};
  }
  if (found.days != expected.days) {
    return IdentityDifference{"number of days", std::to_string(found.days),
                              std::to_string(expected.days)};
  }
  if (found.shard_count != expected.shard_count) {
    const auto shards = [](int count) {
      return count == 0 ? std::string("not split") : fmt::format("{} shards", count);
    };
    return IdentityDifference{"split (--shard)", shards(found.shard_count),
                              shards(expected.shard_count)};
  }
  if (found.path_trajectories != expected.path_trajectories ||
      found.path_days != expected.path_days) {
    return IdentityDifference{"choice of sampled paths (--paths, --every)", describe_paths(found),
                              describe_paths(expected)};
  }
  return std::nullopt;
}

}  // namespace mineralsim::io
