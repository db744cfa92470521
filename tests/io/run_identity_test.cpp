// A run's identity, which `--resume` and `merge` compare: a file's identity is that of the run
// that wrote it, and each way two identities can differ is named, with both values.
#include "mineralsim/io/run_identity.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

TEST(RunIdentity, AFilesIdentityIsThatOfTheRunThatWroteIt) {
  TemporaryFile file("identity.h5");
  const scenario::Scenario s = small_scenario();
  engine::RunConfig config;
  config.trajectories = 60;
  config.days = 40;
  config.seed = 11;
  config.paths = 3;
  config.path_every = 7;
  config.output = file.path();
  config.progress = nullptr;
  engine::run_ensemble(s, config);

  const scenario::CompiledScenario compiled(s);
  io::Provenance provenance;
  provenance.seed = 11;
  provenance.trajectories = 60;
  provenance.days = 40;
  const engine::PathRecorder paths(compiled.view(), 60, 3, 40, 7);
  const io::RunIdentity run = io::identity_of_run(s, provenance, paths);
  const io::Hdf5Handle handle = io::open_results(file.path());
  const io::RunIdentity written = io::identity_of_file(handle.get());
  EXPECT_FALSE(io::first_difference(written, run).has_value());
  EXPECT_EQ(written.path_trajectories.size(), 3u);
  EXPECT_EQ(written.path_days, (std::vector<std::int64_t>{0, 7, 14, 21, 28, 35}));

  provenance.seed = 12;
  const auto difference = io::first_difference(written, io::identity_of_run(s, provenance, paths));
  ASSERT_TRUE(difference.has_value());
  EXPECT_EQ(difference->what, "seed");
  EXPECT_EQ(difference->found, "'11'");
  EXPECT_EQ(difference->expected, "'12'");
}

io::RunIdentity some_identity() {
  io::RunIdentity r;
  r.version = "1.0";
  r.git_revision = "abc";
  r.scenario_text = "name = \"a\"\nseed = 1\nhorizon_days = 30\n";
  r.seed = "5";
  r.precision = "double";
  r.trajectories = 100;
  r.days = 30;
  r.path_trajectories = {0, 50};
  r.path_days = {0, 10, 20};
  return r;
}

TEST(RunIdentity, EachDifferenceIsNamedWithBothValues) {
  struct Case {
    std::function<void(io::RunIdentity&)> change;
    io::IdentityDifference expected;
  };
  // The seed is not set from a literal: GCC 12 warns falsely of overlap (-Wrestrict) there.
  const std::vector<Case> cases = {
      {[](io::RunIdentity& r) { r.version = "1.1"; }, {"mineralsim version", "'1.1'", "'1.0'"}},
      {[](io::RunIdentity& r) { r.git_revision = "def"; },
       {"build (git revision)", "'def'", "'abc'"}},
      {[](io::RunIdentity& r) { r.variant = "tight"; }, {"scenario variant", "'tight'", "''"}},
      {[](io::RunIdentity& r) { r.seed = std::to_string(6); }, {"seed", "'6'", "'5'"}},
      {[](io::RunIdentity& r) { r.precision = "float"; }, {"precision", "'float'", "'double'"}},
      {[](io::RunIdentity& r) { r.trajectories = 200; }, {"ensemble size (-n)", "200", "100"}},
      {[](io::RunIdentity& r) { r.days = 31; }, {"number of days", "31", "30"}},
      {[](io::RunIdentity& r) { r.shard_count = 4; }, {"split (--shard)", "4 shards", "not split"}},
      {[](io::RunIdentity& r) {
         r.path_days = {0, 15};
       },
       {"choice of sampled paths (--paths, --every)", "2 paths every 15 days",
        "2 paths every 10 days"}},
      {[](io::RunIdentity& r) { r.path_trajectories.clear(); },
       {"choice of sampled paths (--paths, --every)", "no sampled paths", "2 paths every 10 days"}},
      {[](io::RunIdentity& r) { r.scenario_text = "name = \"a\"\nseed = 2\nhorizon_days = 30\n"; },
       {"scenario (its stored text differs from line 2)", "'seed = 2'", "'seed = 1'"}},
      {[](io::RunIdentity& r) { r.scenario_text = "name = \"a\"\n"; },
       {"scenario (its stored text differs from line 2)", "its end", "'seed = 1'"}},
  };
  const io::RunIdentity base = some_identity();
  EXPECT_FALSE(io::first_difference(base, base).has_value());
  for (const Case& c : cases) {
    io::RunIdentity changed = base;
    c.change(changed);
    const auto difference = io::first_difference(changed, base);
    ASSERT_TRUE(difference.has_value()) << c.expected.what;
    EXPECT_EQ(difference->what, c.expected.what);
    EXPECT_EQ(difference->found, c.expected.found) << c.expected.what;
    EXPECT_EQ(difference->expected, c.expected.expected) << c.expected.what;
  }
}

}  // namespace
}  // namespace mineralsim::testing
