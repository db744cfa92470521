// mineralsim: run, validate and inspect critical-minerals market ensembles.
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "mineralsim/version.hpp"

int main(int argc, char** argv) {
  using namespace mineralsim;
  CLI::App app{"mineralsim: Monte-Carlo ensembles of an agent-based critical-minerals market"};
  app.set_version_flag("--version", std::string(kVersion) + " (git " + kGitRevision + ")");
  app.require_subcommand(1);

  cli::RunOptions run;
  run.config.command_line = argv[0];
  for (int i = 1; i < argc; ++i) run.config.command_line += std::string(" ") + argv[i];
  CLI::App* run_app =
      app.add_subcommand("run", "simulate an ensemble and write an HDF5 results file");
  run_app->add_option("scenario", run.scenario_path,
                      "scenario TOML file (default: the shipped baseline)");
  run_app->add_option("-n,--trajectories", run.config.trajectories, "number of trajectories")
      ->capture_default_str();
  run_app->add_option("--days", run.config.days,
                      "days to simulate (default: the scenario's horizon_days)");
  run_app->add_option("--seed", run.config.seed, "random seed (default: the scenario's seed)")
      ->each([&run](const std::string&) { run.seed_given = true; });
  run_app->add_option("--out", run.config.output,
                      "results file (default: results/<scenario name>.h5)");
  run_app->add_flag("--force", run.config.overwrite, "overwrite an existing results file");
  run_app->add_option("--threads", run.config.threads, "OpenMP threads (0: all cores)")
      ->capture_default_str();
  run_app
      ->add_option("--batch", run.config.batch,
                   "trajectories per batch (results do not depend on it)")
      ->capture_default_str();
  run_app->add_option("--paths", run.config.paths, "trajectories whose full daily paths are kept")
      ->capture_default_str();
  run_app->add_option("--every", run.config.path_every, "keep sampled paths every k-th day")
      ->capture_default_str();
  run_app->add_flag_callback(
      "--quiet", [&run] { run.config.progress = nullptr; }, "no progress output");

  std::string validate_path;
  bool schema = false;
  CLI::App* validate_app =
      app.add_subcommand("validate", "check a scenario file and print it resolved");
  validate_app->add_option("file", validate_path, "scenario TOML file");
  validate_app->add_flag("--schema", schema, "print the table of scenario parameters");

  std::string info_path;
  CLI::App* info_app = app.add_subcommand("info", "summarise a results file");
  info_app->add_option("file", info_path, "results .h5 file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(cli::kInvalidInput);
  }
  if (*run_app) return cli::run_command(run);
  if (*validate_app) {
    if (validate_path.empty() && !schema) {
      std::fprintf(stderr, "error: validate: a scenario file is required\n");
      return cli::kInvalidInput;
    }
    return cli::validate_command(validate_path, schema);
  }
  return cli::info_command(info_path);
}
