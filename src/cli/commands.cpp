#include "commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <exception>

#include "backend_choice.hpp"
#include "mineralsim/engine/device_batch_size.hpp"
#include "mineralsim/engine/float_range.hpp"
#include "mineralsim/engine/interruption.hpp"
#include "mineralsim/engine/resource_limits.hpp"
#include "mineralsim/errors.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/io/results_reader.hpp"
#include "mineralsim/scenario/scenario_loader.hpp"
#include "mineralsim/version.hpp"

namespace mineralsim::cli {

namespace {

// Runs `body`, turning the project's exceptions into messages and exit codes.
template <class Body>
int guarded(Body body) {
  try {
    return body();
  } catch (const UserError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kInvalidInput;
  } catch (const io::IoError& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return kIoFailure;
  } catch (const engine::Interrupted& e) {
    fmt::print(stderr, "\n{}\n", e.what());
    return kInterruptedBase + e.signal();
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "error: out of memory; use a smaller --batch\n");
    return kInternalError;
  } catch (const std::exception& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return kInternalError;
  }
}

std::string megabytes(std::size_t bytes) {
  return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// "recycling_2030", or "recycling_2030-low" for a variant: names results files.
std::string run_name(const scenario::Scenario& scenario) {
  return scenario.variant.empty() ? scenario.name : scenario.name + "-" + scenario.variant;
}

// "'recycling_2030'", or "'recycling_2030' variant 'low'" for a variant: for messages.
std::string scenario_label(const scenario::Scenario& scenario) {
  std::string label = fmt::format("'{}'", scenario.name);
  if (!scenario.variant.empty()) label += fmt::format(" variant '{}'", scenario.variant);
  return label;
}

// "10000 trajectories", or "shard 1/4 (trajectories 2500 to 4999 of 10000)".
std::string trajectories_label(const engine::RunConfig& config) {
  if (!config.shard.sharded()) return fmt::format("{} trajectories", config.trajectories);
  const engine::TrajectoryRange range = engine::run_range(config);
  return fmt::format("{} (trajectories {} to {} of {})", engine::describe_shard(config.shard),
                     range.first, range.end - 1, config.trajectories);
}

void print_warnings(const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) {
    fmt::print(stderr, "mineralsim: warning: {}\n", warning);
  }
}

// "0, 312, 625", or "0, 312, ..., 19687" for a long list.
std::string some_of(const std::vector<std::uint64_t>& values) {
  if (values.size() <= 6) return fmt::format("{}", fmt::join(values, ", "));
  return fmt::format("{}, {}, {}, ..., {}", values[0], values[1], values[2], values.back());
}

std::string describe_verified_file(const engine::VerifyReport& r) {
  const std::string part = r.shard.sharded() ? engine::describe_shard(r.shard) + " of " : "";
  return fmt::format(
      "scenario '{}', {}{} trajectories x {} days, seed {}, {}; the file holds {} trajectories{}",
      r.scenario, part, r.trajectories_requested, r.days, r.seed, r.precision, r.rows,
      r.complete ? "" : " (incomplete)");
}

}  // namespace

std::string default_scenario_path() {
  const char* data = std::getenv("MINERALSIM_DATA_DIR");
  return std::string(data != nullptr ? data : MINERALSIM_DEFAULT_DATA_DIR) +
         "/scenarios/baseline.toml";
}

int run_command(RunOptions options) {
  return guarded([&] {
    const std::string path =
        options.scenario_path.empty() ? default_scenario_path() : options.scenario_path;
    const scenario::Scenario scenario = scenario::load_scenario(path, options.variant);
    engine::RunConfig& config = options.config;
    config.make_backend = choose_backend(options.backend, options.device);
    if (!options.seed_given) config.seed = scenario.seed;
    if (config.output.empty()) config.output = "results/" + run_name(scenario) + ".h5";
    const int days = config.days > 0 ? config.days : scenario.horizon_days;
    engine::check_float_range(scenario, config.precision, days);  // before the probe's work
    const scenario::CompiledScenario compiled(scenario);
    if (config.make_backend) {
      config.make_backend =
          trusted_device_backend(std::move(config.make_backend), options.backend, compiled.view(),
                                 config.precision, config.seed, days);
    }
    if (config.make_backend && !options.batch_given) {
      config.batch =
          engine::device_batch_size(compiled.view(), days, engine::run_range(config).size(),
                                    device_free_memory(options.device.value_or(0)),
                                    engine::available_memory_bytes(), config.precision);
    }
    fmt::print(stderr,
               "mineralsim: scenario {} ({}), {} x {} days, seed {}, on {} in {}, "
               "batch {}, about {} of memory\n",
               scenario_label(scenario), path, trajectories_label(config), days, config.seed,
               backend_description(config.make_backend, options.device.value_or(0)),
               engine::precision_name(config.precision), engine::batch_capacity(config),
               megabytes(engine::estimate_run_bytes(compiled, config, days)));
    const engine::RunSummary summary = engine::run_ensemble(scenario, config);
    const std::string resumed =
        config.resume ? fmt::format(", resumed after {} trajectories", summary.resumed_from) : "";
    fmt::print(
        "wrote {}: {} trajectories x {} days in {:.1f} s ({:.3g} trajectory-days/s, {} "
        "batches{})\n",
        config.output, summary.trajectories, summary.days, summary.seconds,
        summary.trajectory_days_per_second(), summary.batches, resumed);
    print_warnings(summary.warnings);
    return static_cast<int>(kSuccess);
  });
}

int merge_command(const engine::MergeConfig& config) {
  return guarded([&] {
    const engine::MergeSummary summary = engine::merge_shards(config);
    const std::string holds =
        summary.covered.sharded()
            ? fmt::format("{} ({} trajectories)", engine::describe_shard(summary.covered),
                          summary.trajectories)
            : fmt::format("{} trajectories", summary.trajectories);
    fmt::print("wrote {}: {} x {} days from {} file{} in {:.1f} s\n", config.output, holds,
               summary.days, summary.files, summary.files == 1 ? "" : "s", summary.seconds);
    print_warnings(summary.warnings);
    return static_cast<int>(kSuccess);
  });
}

int validate_command(const std::string& path, bool schema,
                     const std::optional<std::string>& variant) {
  return guarded([&] {
    if (schema) {
      fmt::print("{}", scenario::describe_schema());
      if (path.empty()) return static_cast<int>(kSuccess);
    }
    const scenario::Scenario scenario = scenario::load_scenario(path, variant);
    if (variant) {
      fmt::print("{}", scenario::describe_scenario(scenario));
      fmt::print("\n{} (variant {}): valid\n", path, *variant);
      return static_cast<int>(kSuccess);
    }
    // Every variant must load too; nothing is printed until all have.
    for (const std::string& name : scenario.variants) (void)scenario::load_scenario(path, name);
    fmt::print("{}", scenario::describe_scenario(scenario));
    if (!scenario.variants.empty()) {
      fmt::print("\nvariants: {} (each valid; `--variant NAME` prints one resolved)\n",
                 fmt::join(scenario.variants, ", "));
    }
    fmt::print("\n{}: valid\n", path);
    return static_cast<int>(kSuccess);
  });
}

int verify_command(const engine::VerifyConfig& config) {
  return guarded([&] {
    const engine::VerifyReport r = engine::verify_results(config);
    fmt::print("{}: {}\n", config.path, describe_verified_file(r));
    const std::string paths =
        r.paths_checked > 0 ? fmt::format(" and {} sampled paths", r.paths_checked) : "";
    const std::string build = r.same_build
                                  ? "this build"
                                  : fmt::format("build {}; this is {}", r.file_build, kGitRevision);
    if (r.reproduced()) {
      fmt::print(
          "reproduced: {} trajectories ({}){} simulated again: every value bit for bit (the "
          "file was written by {})\n",
          r.checked.size(), some_of(r.checked), paths, build);
      return static_cast<int>(kSuccess);
    }
    fmt::print("NOT reproduced: {} of {} trajectories", r.differing_trajectories, r.checked.size());
    if (r.paths_checked > 0) {
      fmt::print(" and {} of {} sampled paths", r.differing_paths, r.paths_checked);
    }
    fmt::print(" differ; the first differences:\n");
    for (const engine::Mismatch& m : r.first_mismatches) {
      fmt::print("  trajectory {}: {} is {} in the file, {} simulated again\n", m.trajectory,
                 m.what, m.in_file, m.simulated);
    }
    if (!r.same_build) {
      fmt::print(
          "The file was written by {}: another build may compute other bits. Verify with the "
          "build that wrote it.\n",
          build);
    }
    return static_cast<int>(kNotReproduced);
  });
}

int info_command(const std::string& path) {
  return guarded([&] {
    fmt::print("{}", io::describe_results(path));
    return static_cast<int>(kSuccess);
  });
}

}  // namespace mineralsim::cli
