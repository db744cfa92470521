#include "command_line.hpp"

#include "mineralsim/errors.hpp"
#include "mineralsim/io/compression.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::cli {

namespace {
// A path given on the command line must not be empty ("" from a script's unset variable).
const CLI::Validator kNonEmpty(
    [](std::string& value) {
      return value.empty() ? std::string("must not be empty") : std::string();
    },
    "NONEMPTY");

void add_compress_option(CLI::App& command, io::Compression& compression) {
  command
      .add_option_function<std::string>(
          "--compress",
          [&compression](const std::string& name) {
            compression = *io::compression_from_name(name);
          },
          "compression of the per-trajectory summaries: none, fast (shuffle and deflate 1, "
          "default) or small (shuffle and deflate 6)")
      ->check(CLI::IsMember({"none", "fast", "small"}));
}
}  // namespace

CommandLineParser::CommandLineParser()
    : app_("mineralsim: Monte-Carlo ensembles of an agent-based critical-minerals market") {
  app_.set_version_flag("--version", std::string(kVersion) + " (git " + kGitRevision + ")");
  app_.require_subcommand(1);
  RunOptions& run = parsed_.run;
  run_ = app_.add_subcommand("run", "simulate an ensemble and write an HDF5 results file");
  run_->add_option("scenario", run.scenario_path,
                   "scenario TOML file (default: the shipped baseline)")
      ->check(kNonEmpty);
  run_->add_option_function<std::string>(
          "--variant", [&run](const std::string& name) { run.variant = name; },
          "apply the scenario file's [[variant]] of this name")
      ->check(kNonEmpty);
  run_->add_option("-n,--trajectories", run.config.trajectories, "number of trajectories")
      ->capture_default_str();
  run_->add_option("--days", run.config.days,
                   "days to simulate (default: the scenario's horizon_days)");
  run_->add_option("--seed", run.config.seed, "random seed (default: the scenario's seed)")
      ->each([&run](const std::string&) { run.seed_given = true; });
  run_->add_option("--out", run.config.output,
                   "results file (default: results/<scenario name>[-<variant>].h5)")
      ->check(kNonEmpty);
  auto* force =
      run_->add_flag("--force", run.config.overwrite, "overwrite an existing results file");
  run_->add_flag("--resume", run.config.resume,
                 "continue the interrupted run whose results file is --out (same scenario, seed, "
                 "-n, --days, --precision and --paths)")
      ->excludes(force);
  run_->add_option("--checkpoint-every", run.config.checkpoint_seconds,
                   "seconds between checkpoints that --resume restarts from (0: every batch)")
      ->capture_default_str();
  run_->add_option_function<std::string>(
          "--shard",
          [&run](const std::string& text) { run.config.shard = engine::parse_shard(text); },
          "run only shard I of M (I/M, counting from 0) of the -n trajectories, for one job of "
          "many; `mineralsim merge` joins the shards' files into the file of the whole run")
      ->check(kNonEmpty);
  add_compress_option(*run_, run.config.compression);
  run_->add_option("--threads", run.config.threads, "OpenMP threads (0: all cores)")
      ->capture_default_str();
  run_->add_option(
          "--backend", run.backend,
          "where batches run: cpu; cuda (an NVIDIA GPU); auto (the GPU when there is one, "
          "else cpu). A GPU first runs a short probe of the run that must give the CPU's bits: "
          "if it does not, cuda stops and auto falls back to cpu")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}))
      ->capture_default_str();
  run_->add_option_function<std::string>(
          "--precision",
          [&run](const std::string& name) { run.config.precision = engine::parse_precision(name); },
          "what the model computes in: double (default) or float (half the memory, faster on "
          "GPUs; statistics are kept in double either way)")
      ->check(CLI::IsMember({"double", "float"}));
  run_->add_option_function<int>(
          "--device", [&run](int device) { run.device = device; },
          "CUDA device number for --backend cuda (default 0)")
      ->check(CLI::NonNegativeNumber);
  run_->add_option("--batch", run.config.batch,
                   "trajectories per batch (results do not depend on it; on a GPU the default is "
                   "as many as its memory holds)")
      ->capture_default_str()
      ->each([&run](const std::string&) { run.batch_given = true; });
  run_->add_option("--paths", run.config.paths, "trajectories whose full daily paths are kept")
      ->capture_default_str();
  run_->add_option("--every", run.config.path_every, "keep sampled paths every k-th day")
      ->capture_default_str();
  run_->add_flag_callback(
      "--quiet", [&run] { run.config.progress = nullptr; }, "no progress output");

  validate_ = app_.add_subcommand("validate", "check a scenario file and print it resolved");
  validate_->add_option("file", parsed_.path, "scenario TOML file")->check(kNonEmpty);
  validate_->add_flag("--schema", parsed_.schema, "print the table of scenario parameters");
  validate_
      ->add_option_function<std::string>(
          "--variant", [this](const std::string& name) { parsed_.variant = name; },
          "check and print this [[variant]] (default: the base, after checking every variant)")
      ->check(kNonEmpty);

  CLI::App* info = app_.add_subcommand("info", "summarise a results file");
  info->add_option("file", parsed_.path, "results .h5 file")->required()->check(kNonEmpty);

  engine::MergeConfig& merge = parsed_.merge;
  merge_ = app_.add_subcommand(
      "merge", "join the results files of an ensemble's shards (run --shard I/M) into one");
  merge_
      ->add_option("shards", merge.shards,
                   "the shards' results files (of run --shard, or of merge --partial), every "
                   "shard once")
      ->required()
      ->check(kNonEmpty);
  merge_->add_flag("--partial", merge.partial,
                   "join consecutive shards, not all of them, into a file that merges like a "
                   "shard (for merging thousands of shards in a tree of jobs)");
  merge_->add_option("--out", merge.output, "the merged results file")
      ->required()
      ->check(kNonEmpty);
  merge_->add_flag("--force", merge.overwrite, "overwrite an existing results file");
  add_compress_option(*merge_, merge.compression);
  merge_->add_flag_callback(
      "--quiet", [&merge] { merge.progress = nullptr; }, "no progress output");

  engine::VerifyConfig& verify = parsed_.verify;
  verify_ = app_.add_subcommand(
      "verify",
      "simulate some of a results file's trajectories again and compare them with the file, bit "
      "for bit");
  verify_->add_option("file", verify.path, "results .h5 file")->required()->check(kNonEmpty);
  verify_
      ->add_option("--trajectories", verify.sample,
                   "how many trajectories to simulate again, spread evenly over the file "
                   "(0: all of them)")
      ->capture_default_str();
  verify_->add_flag_callback(
      "--quiet", [&verify] { verify.progress = nullptr; }, "no progress output");
}

CommandLine CommandLineParser::parse(int argc, const char* const* argv) {
  parsed_.run.config.command_line = argc > 0 ? argv[0] : "mineralsim";
  for (int i = 1; i < argc; ++i) parsed_.run.config.command_line += std::string(" ") + argv[i];
  parsed_.merge.command_line = parsed_.run.config.command_line;
  app_.parse(argc, argv);
  if (*run_) {
    parsed_.command = Command::kRun;
  } else if (*merge_) {
    parsed_.command = Command::kMerge;
  } else if (*verify_) {
    parsed_.command = Command::kVerify;
  } else if (*validate_) {
    parsed_.command = Command::kValidate;
    if (parsed_.path.empty() && !parsed_.schema) {
      throw UserError("", 0, 0, "validate", "a scenario file is required");
    }
  } else {
    parsed_.command = Command::kInfo;
  }
  return parsed_;
}

int CommandLineParser::exit_code_for(const CLI::ParseError& error) {
  const int code = app_.exit(error);
  return code == 0 ? static_cast<int>(kSuccess) : static_cast<int>(kInvalidInput);
}

}  // namespace mineralsim::cli
