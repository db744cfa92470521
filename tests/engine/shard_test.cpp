// Shards (engine/shard.hpp, engine/shard_merge.hpp): an ensemble split over jobs with --shard I/M
// and joined with merge gives the file of the unsplit run, bit for bit; merge refuses shards that
// are not one whole run.
#include <gtest/gtest.h>

#include <memory>

#include "mineralsim/engine/cpu_backend.hpp"
#include "mineralsim/engine/ensemble_runner.hpp"
#include "mineralsim/engine/interruption.hpp"
#include "mineralsim/engine/shard.hpp"
#include "mineralsim/engine/shard_merge.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "support/results_content.hpp"
#include "support/run_program.hpp"
#include "support/signalling_backend.hpp"
#include "support/test_support.hpp"

namespace mineralsim::testing {
namespace {

using engine::Shard;

TEST(ShardRange, SplitsTheEnsembleIntoContiguousPartsThatCoverItOnce) {
  EXPECT_EQ(engine::shard_range(10, Shard{0, 3}).first, 0u);
  EXPECT_EQ(engine::shard_range(10, Shard{0, 3}).end, 4u);  // the remainder goes first
  EXPECT_EQ(engine::shard_range(10, Shard{1, 3}).first, 4u);
  EXPECT_EQ(engine::shard_range(10, Shard{1, 3}).end, 7u);
  EXPECT_EQ(engine::shard_range(10, Shard{2, 3}).first, 7u);
  EXPECT_EQ(engine::shard_range(10, Shard{2, 3}).end, 10u);
  EXPECT_EQ(engine::shard_range(10, Shard{}).size(), 10u);       // unsharded: all of them
  EXPECT_EQ(engine::shard_range(10, Shard{1, 3, 2}).first, 4u);  // shards 1 and 2 together
  EXPECT_EQ(engine::shard_range(10, Shard{1, 3, 2}).end, 10u);
  for (const std::uint64_t n : {1ull, 7ull, 1000ull, 4294967295ull}) {
    for (const int count : {1, 2, 7}) {
      if (static_cast<std::uint64_t>(count) > n) continue;
      std::uint64_t next = 0;
      for (int i = 0; i < count; ++i) {
        const engine::TrajectoryRange range = engine::shard_range(n, Shard{i, count});
        EXPECT_EQ(range.first, next) << n << " in " << count;
        EXPECT_GE(range.size(), n / static_cast<std::uint64_t>(count));
        EXPECT_LE(range.size(), n / static_cast<std::uint64_t>(count) + 1);
        next = range.end;
      }
      EXPECT_EQ(next, n) << n << " in " << count;
    }
  }
}

TEST(ParseShard, ReadsIndexAndCount) {
  const Shard shard = engine::parse_shard("2/8");
  EXPECT_EQ(shard.index, 2);
  EXPECT_EQ(shard.count, 8);
  EXPECT_TRUE(shard.sharded());
  EXPECT_EQ(engine::describe_shard(shard), "shard 2/8");
  EXPECT_EQ(shard.span, 1);
  EXPECT_EQ(engine::describe_shard(Shard{2, 8, 3}), "shards 2-4/8");
}

TEST(ParseShard, RefusesMalformedOrMissingShards) {
  for (const char* text : {"8/8", "-1/8", "0/0", "1", "1/x", "x/2", "1/2/3", "/2", "1/", " 1/2"}) {
    try {
      (void)engine::parse_shard(text);
      ADD_FAILURE() << "accepted '" << text << "'";
    } catch (const UserError& e) {
      EXPECT_EQ(e.key(), "--shard") << text;
      EXPECT_NE(e.reason().find(text), std::string::npos) << e.what();
    }
  }
}

class ShardMerge : public ::testing::Test {
 protected:
  static constexpr int kShards = 3;

  // Shard i of the comparable run, in batches of its own size.
  engine::RunConfig shard_run(int i) const {
    engine::RunConfig config = comparable_run(shard_files_[i]->path());
    config.shard = Shard{i, kShards};
    config.batch = 40 + 25 * i;
    return config;
  }
  void run_all_shards() {
    for (int i = 0; i < kShards; ++i) engine::run_ensemble(scenario_, shard_run(i));
  }
  engine::MergeConfig merge_into(const std::string& output) const {
    engine::MergeConfig config;
    for (const auto& file : shard_files_) config.shards.push_back(file->path());
    config.output = output;
    config.progress = nullptr;
    return config;
  }
  // The reason of the UserError that merging `config` throws.
  static std::string refusal(const engine::MergeConfig& config) {
    try {
      engine::merge_shards(config);
    } catch (const UserError& e) {
      return e.what();
    }
    return "merged";
  }

  void SetUp() override {
    for (int i = 0; i < kShards; ++i) {
      shard_files_.push_back(std::make_unique<TemporaryFile>("shard.h5"));
    }
  }

  const scenario::Scenario scenario_ = small_scenario();
  std::vector<std::unique_ptr<TemporaryFile>> shard_files_;
  TemporaryFile merged_{"merged.h5"};
};

TEST_F(ShardMerge, ShardsInBatchesOfTheirOwnMergeIntoTheFileOfTheUnsplitRun) {
  TemporaryFile whole("whole.h5");
  engine::run_ensemble(scenario_, comparable_run(whole.path()));
  run_all_shards();
  engine::MergeConfig config = merge_into(merged_.path());
  std::swap(config.shards[0], config.shards[2]);  // any order
  const engine::MergeSummary summary = engine::merge_shards(config);
  EXPECT_EQ(summary.trajectories, 300u);
  EXPECT_EQ(summary.files, kShards);
  EXPECT_FALSE(summary.covered.sharded());

  EXPECT_EQ(differing_datasets(simulated_content(whole.path()), simulated_content(merged_.path())),
            std::vector<std::size_t>{});
  const io::Hdf5Handle file = io::open_results(merged_.path());
  const io::ResultsProgress progress = io::progress_of(file.get());
  EXPECT_TRUE(progress.complete);
  EXPECT_EQ(progress.trajectories_done, 300u);
  EXPECT_FALSE(io::shard_of(file.get()).sharded());                    // a whole run's file
  EXPECT_FALSE(std::filesystem::exists(merged_.path() + ".merging"));  // moved into place
  const std::vector<std::int64_t> index = io::read_int64s(file.get(), "/trajectory/index");
  ASSERT_EQ(index.size(), 300u);
  for (std::size_t i = 0; i < index.size(); ++i) ASSERT_EQ(index[i], static_cast<std::int64_t>(i));
  // Not vacuous: the shards' files each hold only their own part.
  const io::Hdf5Handle middle = io::open_results(shard_files_[1]->path());
  EXPECT_EQ(io::read_int64s(middle.get(), "/trajectory/index").front(), 100);
  EXPECT_EQ(io::progress_of(middle.get()).trajectories_done, 100u);
}

// A tree of merges: consecutive shards merged with --partial give a file that holds them all and
// merges like a shard, into the same bits as the unsplit run.
TEST_F(ShardMerge, PartialMergesOfConsecutiveShardsMergeLikeShards) {
  TemporaryFile whole("whole.h5");
  engine::run_ensemble(scenario_, comparable_run(whole.path()));
  run_all_shards();
  const std::string& shard0 = shard_files_[0]->path();
  const std::string& shard1 = shard_files_[1]->path();
  const std::string& shard2 = shard_files_[2]->path();
  const auto merge = [](std::vector<std::string> shards, const std::string& output, bool partial) {
    engine::MergeConfig config;
    config.shards = std::move(shards);
    config.output = output;
    config.overwrite = true;
    config.partial = partial;
    config.progress = nullptr;
    return engine::merge_shards(config);
  };

  TemporaryFile first_two("first_two.h5");
  const engine::MergeSummary summary = merge({shard1, shard0}, first_two.path(), true);
  EXPECT_EQ(summary.covered, (Shard{0, kShards, 2}));
  EXPECT_EQ(summary.trajectories, 200u);
  {
    const io::Hdf5Handle file = io::open_results(first_two.path());
    EXPECT_EQ(io::shard_of(file.get()), (Shard{0, kShards, 2}));
    const io::ResultsProgress progress = io::progress_of(file.get());
    EXPECT_TRUE(progress.complete);
    EXPECT_EQ(progress.trajectories_done, 200u);
    EXPECT_EQ(io::read_int64s(file.get(), "/trajectory/index").back(), 199);
  }
  EXPECT_NE(io::describe_results(first_two.path())
                .find("part           shards 0-1/3: trajectories 0 to 199 of 300"),
            std::string::npos);
  merge({shard2, first_two.path()}, merged_.path(), false);
  EXPECT_EQ(differing_datasets(simulated_content(whole.path()), simulated_content(merged_.path())),
            std::vector<std::size_t>{});

  TemporaryFile last_two("last_two.h5");
  merge({shard1, shard2}, last_two.path(), true);
  merge({last_two.path(), shard0}, merged_.path(), false);
  EXPECT_EQ(differing_datasets(simulated_content(whole.path()), simulated_content(merged_.path())),
            std::vector<std::size_t>{});

  // --partial over all the shards is the whole run.
  EXPECT_FALSE(merge({shard0, shard1, shard2}, merged_.path(), true).covered.sharded());
  EXPECT_EQ(differing_datasets(simulated_content(whole.path()), simulated_content(merged_.path())),
            std::vector<std::size_t>{});
}

TEST_F(ShardMerge, ATreeOfMergesNamesEachBackendOnce) {
  run_all_shards();
  // Shards 0 and 2 as if from a GPU whose description holds a comma, shard 1 from the CPU.
  const std::string gpu = "cuda (NVIDIA H100, device 0)";
  for (const int i : {0, 2}) {
    const io::Hdf5Handle file(H5Fopen(shard_files_[i]->path().c_str(), H5F_ACC_RDWR, H5P_DEFAULT),
                              H5Fclose);
    ASSERT_GE(H5Adelete(file.get(), "backend"), 0);
    io::write_string_attribute(file.get(), "backend", gpu);
  }
  TemporaryFile first_two("first_two.h5");
  engine::MergeConfig partial = merge_into(first_two.path());
  partial.shards.pop_back();
  partial.partial = true;
  engine::merge_shards(partial);
  engine::MergeConfig whole = merge_into(merged_.path());
  whole.shards = {first_two.path(), shard_files_[2]->path()};
  engine::merge_shards(whole);
  const auto backend_of = [](const std::string& path) {
    return io::read_string_attribute(io::open_results(path).get(), "backend");
  };
  EXPECT_EQ(backend_of(first_two.path()), "merged from 2 shards (" + gpu + ", cpu)");
  EXPECT_EQ(backend_of(merged_.path()), "merged from 3 shards (" + gpu + ", cpu)");
}

TEST_F(ShardMerge, RefusesOverlapsGapsAndPartialFilesThatDoNotCoverTheRun) {
  run_all_shards();
  TemporaryFile first_two("first_two.h5");
  engine::MergeConfig partial = merge_into(first_two.path());
  partial.shards.pop_back();
  partial.partial = true;
  engine::merge_shards(partial);

  engine::MergeConfig overlapping = merge_into(merged_.path());
  overlapping.shards.push_back(first_two.path());
  EXPECT_NE(refusal(overlapping).find("shards 0-1/3 and shard 0/3"), std::string::npos)
      << refusal(overlapping);
  engine::MergeConfig alone = merge_into(merged_.path());
  alone.shards = {first_two.path()};
  EXPECT_NE(refusal(alone).find("shard 2 of 3 missing: every shard 0 to 2 must be given once"),
            std::string::npos)
      << refusal(alone);
  engine::MergeConfig gap = merge_into(merged_.path());
  gap.shards.erase(gap.shards.begin() + 1);
  gap.partial = true;
  EXPECT_NE(refusal(gap).find("shard 1 of 3 missing: a partial merge joins consecutive shards"),
            std::string::npos)
      << refusal(gap);
  EXPECT_FALSE(std::filesystem::exists(merged_.path()));
}

TEST_F(ShardMerge, AShardInterruptedAndResumedMergesTheSame) {
  TemporaryFile whole("whole.h5");
  engine::run_ensemble(scenario_, comparable_run(whole.path()));
  run_all_shards();
  engine::RunConfig stopped = shard_run(1);
  stopped.batch = 20;
  stopped.checkpoint_seconds = 0;
  stopped.make_backend = [](const model::ModelParameters& model, int capacity,
                            const engine::DailyStatistics& statistics, engine::Precision) {
    return std::make_unique<SignallingBackend<engine::CpuBatchBackend>>(
        2, nullptr, model, capacity, statistics.days(), engine::Precision::kDouble);
  };
  EXPECT_THROW(engine::run_ensemble(scenario_, stopped), engine::Interrupted);
  EXPECT_EQ(io::read_progress(shard_files_[1]->path()).trajectories_done, 40u);
  EXPECT_NE(refusal(merge_into(merged_.path())).find("shard 1/3 is incomplete (40 of its 100"),
            std::string::npos);

  engine::RunConfig resumed = shard_run(1);
  resumed.overwrite = false;
  resumed.resume = true;
  engine::run_ensemble(scenario_, resumed);
  engine::merge_shards(merge_into(merged_.path()));
  EXPECT_EQ(differing_datasets(simulated_content(whole.path()), simulated_content(merged_.path())),
            std::vector<std::size_t>{});
}

TEST_F(ShardMerge, ResumeRefusesTheFileOfAnotherShard) {
  engine::run_ensemble(scenario_, shard_run(0));
  engine::RunConfig other = shard_run(1);
  other.output = shard_files_[0]->path();
  other.overwrite = false;
  other.resume = true;
  try {
    engine::run_ensemble(scenario_, other);
    FAIL() << "resumed another shard's file";
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("the file holds shard 0/3, this run asks for shard 1/3"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(ShardMerge, RefusesAMissingOrRepeatedShard) {
  run_all_shards();
  engine::MergeConfig missing = merge_into(merged_.path());
  missing.shards.erase(missing.shards.begin() + 1);
  EXPECT_NE(refusal(missing).find("shard 1 of 3 missing"), std::string::npos) << refusal(missing);
  engine::MergeConfig repeated = merge_into(merged_.path());
  repeated.shards[1] = repeated.shards[2];
  EXPECT_NE(refusal(repeated).find("shard 2/3 is given twice"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(merged_.path()));  // refused before writing anything
}

TEST_F(ShardMerge, RefusesShardsOfAnotherRunAndFilesOfWholeRuns) {
  run_all_shards();
  engine::RunConfig other_seed = shard_run(2);
  other_seed.seed = 99;
  engine::run_ensemble(scenario_, other_seed);
  const std::string seed_refusal = refusal(merge_into(merged_.path()));
  EXPECT_NE(seed_refusal.find(shard_files_[2]->path() + ": merge: written for another seed ('99'"),
            std::string::npos)
      << seed_refusal;

  engine::RunConfig whole = comparable_run(shard_files_[2]->path());
  engine::run_ensemble(scenario_, whole);
  EXPECT_NE(refusal(merge_into(merged_.path())).find("not the file of a shard"), std::string::npos);

  engine::RunConfig other_size = shard_run(2);
  other_size.trajectories = 301;
  engine::run_ensemble(scenario_, other_size);
  EXPECT_NE(refusal(merge_into(merged_.path())).find("written for another ensemble size (-n)"),
            std::string::npos);
}

TEST_F(ShardMerge, RefusesAnExistingOutputWithoutForce) {
  run_all_shards();
  write_text_file(merged_.path(), "an earlier file");
  EXPECT_THROW(engine::merge_shards(merge_into(merged_.path())), io::IoError);
  EXPECT_EQ(std::filesystem::file_size(merged_.path()), 15u);  // left as it was
  engine::MergeConfig forced = merge_into(merged_.path());
  forced.overwrite = true;
  engine::merge_shards(forced);
  EXPECT_TRUE(io::read_progress(merged_.path()).complete);
}

TEST_F(ShardMerge, RefusesToWriteOverOneOfItsShards) {
  run_all_shards();
  engine::MergeConfig config = merge_into(shard_files_[1]->path());
  config.overwrite = true;
  EXPECT_NE(refusal(config).find("--out: is one of the shards being merged"), std::string::npos);
  EXPECT_TRUE(io::read_progress(shard_files_[1]->path()).complete);  // left as it was
}

TEST(ShardRun, RefusesMoreShardsThanTrajectories) {
  TemporaryFile file("tiny.h5");
  engine::RunConfig config = comparable_run(file.path());
  config.trajectories = 2;
  config.shard = Shard{0, 3};
  try {
    engine::run_ensemble(small_scenario(), config);
    FAIL() << "ran an empty shard";
  } catch (const UserError& e) {
    EXPECT_EQ(e.key(), "--shard");
    EXPECT_NE(e.reason().find("3 shards of 2 trajectories would leave a shard empty"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace mineralsim::testing
