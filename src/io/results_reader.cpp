#include "mineralsim/io/results_reader.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include "mineralsim/engine/daily_statistics.hpp"
#include "mineralsim/io/checkpoint.hpp"
#include "mineralsim/io/hdf5_call.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/io_error.hpp"
#include "mineralsim/model/regime_level.hpp"

namespace mineralsim::io {

Hdf5Handle open_results(const std::string& path) {
  silence_hdf5_errors();
  // SWMR read: the file may still be growing in another process.
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY | H5F_ACC_SWMR_READ, H5P_DEFAULT);
  if (file < 0) {
    // HDF5 says only that it failed: the system's reason (missing, no permission, too many open
    // files) is worth more than a guess that the file is not HDF5.
    const int descriptor = ::open(path.c_str(), O_RDONLY);
    if (descriptor < 0) {
      throw IoError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    }
    ::close(descriptor);
    throw IoError(path + ": cannot open as an HDF5 results file (not HDF5, or damaged)");
  }
  Hdf5Handle handle(file, H5Fclose);
  if (H5Aexists(file, "format_version") <= 0 || !link_exists(file, "/progress")) {
    throw IoError(path + ": not a mineralsim results file (no format_version or /progress)");
  }
  return handle;
}

ResultsProgress progress_of(hid_t file) {
  const std::vector<std::int64_t> p = read_int64s(file, "/progress");
  return {static_cast<std::uint64_t>(p.at(0)), static_cast<std::uint64_t>(p.at(1)), p.at(2) == 1};
}

engine::Shard shard_of(hid_t file) {
  const auto attribute = [file](const char* name, int absent) {
    return H5Aexists(file, name) > 0 ? static_cast<int>(read_int_attribute(file, name)) : absent;
  };
  // Files written before partial merges have no shard_span: each held one shard.
  return {attribute("shard_index", 0), attribute("shard_count", 0), attribute("shard_span", 1)};
}

ResultsProgress read_progress(const std::string& path) {
  const Hdf5Handle file = open_results(path);
  return progress_of(file.get());
}

std::string describe_results(const std::string& path) {
  const Hdf5Handle handle = open_results(path);
  const hid_t file = handle.get();
  const ResultsProgress progress = progress_of(file);
  const auto attribute = [file](const char* name) { return read_string_attribute(file, name); };
  const std::vector<std::string> commodities = read_string_dataset(file, "/dimensions/commodity");
  const std::vector<std::string> importers = read_string_dataset(file, "/dimensions/importer");
  const std::vector<std::string> regimes = read_string_dataset(file, "/dimensions/regime");
  const std::vector<double> levels = read_doubles(file, "/dimensions/quantile");
  const auto days = read_int64s(file, "/dimensions/day").size();

  std::string out;
  out += fmt::format("results file   {}\n", path);
  out += fmt::format("scenario       {} ({})\n", attribute("scenario_name"),
                     attribute("scenario_file"));
  // Files written before variants existed have no scenario_variant.
  const std::string variant =
      H5Aexists(file, "scenario_variant") > 0 ? attribute("scenario_variant") : "";
  if (!variant.empty()) out += fmt::format("variant        {}\n", variant);
  out += fmt::format("start date     {}   horizon {} days\n", attribute("start_date"), days);
  out += fmt::format("status         {} ({} trajectories in {} batches)\n",
                     progress.complete ? "complete" : "INCOMPLETE", progress.trajectories_done,
                     progress.batches_done);
  if (const engine::Shard shard = shard_of(file); shard.sharded()) {
    const auto first = read_int_attribute(file, "first_trajectory");
    out += fmt::format(
        "part           {}: trajectories {} to {} of {} (`mineralsim merge` joins the shards)\n",
        engine::describe_shard(shard), first,
        first + read_int_attribute(file, "shard_trajectories") - 1,
        read_int_attribute(file, "trajectories_requested"));
  }
  if (!progress.complete && link_exists(file, "/checkpoint")) {
    const std::optional<CheckpointProgress> checkpoint = latest_checkpoint(file);
    out += fmt::format(
        "resume         the same command with --resume restarts from {}\n",
        checkpoint ? fmt::format("the checkpoint after {} trajectories", checkpoint->trajectories)
                   : std::string("the first trajectory (no checkpoint yet)"));
  }
  out += fmt::format("created        {} by mineralsim {} (git {} {})\n", attribute("created_utc"),
                     attribute("mineralsim_version"), attribute("git_revision").substr(0, 12),
                     attribute("git_tree"));
  out += fmt::format("run            backend {}, precision {}, seed {}\n", attribute("backend"),
                     attribute("precision"), attribute("seed"));
  out += fmt::format("command        {}\n", attribute("command_line"));
  out += fmt::format("sizes          {} commodities, {} importers, {} regimes\n",
                     commodities.size(), importers.size(), regimes.size());
  if (progress.trajectories_done == 0 || days == 0) return out + "no completed batch yet\n";

  const std::size_t last = days - 1;
  const std::size_t Q = levels.size();
  out += fmt::format("\nWorld price on the last day (USD/kg): mean and quantiles\n");
  out += fmt::format("  {:<22} {:>10} {:>10} {:>10} {:>10} {:>10}\n", "commodity", "day 0 mean",
                     "mean", "5%", "50%", "95%");
  const std::vector<double> mean = read_doubles(file, "/daily/price/mean");
  const std::vector<double> quantiles = read_doubles(file, "/daily/price/quantiles");
  const std::size_t C = commodities.size();
  auto q_index = [&levels](double level) {
    for (std::size_t i = 0; i < levels.size(); ++i) {
      if (levels[i] == level) return i;
    }
    return std::size_t{0};
  };
  for (std::size_t c = 0; c < C; ++c) {
    const std::size_t cell = last * C + c;
    out += fmt::format("  {:<22} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g} {:>10.4g}\n",
                       commodities[c], mean[c], mean[cell], quantiles[cell * Q + q_index(0.05)],
                       quantiles[cell * Q + q_index(0.5)], quantiles[cell * Q + q_index(0.95)]);
  }

  out += "\nShare of trajectories with any unmet demand over the horizon\n";
  if (link_exists(file, "/trajectory/unmet_longest_run")) {
    // Stored as int32; read_int64s converts.
    const std::vector<std::int64_t> runs = read_int64s(file, "/trajectory/unmet_longest_run");
    const std::size_t K = importers.size();
    // Only the committed rows: a killed run's file may hold rows past /progress.
    const std::size_t rows =
        K * C == 0 ? 0 : std::min<std::size_t>(runs.size() / (K * C), progress.trajectories_done);
    bool any = false;
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t c = 0; c < C; ++c) {
        std::size_t short_count = 0;
        for (std::size_t n = 0; n < rows; ++n) short_count += runs[(n * K + k) * C + c] > 0 ? 1 : 0;
        if (short_count == 0) continue;
        any = true;
        out += fmt::format("  {:<24} {:<22} {:>7.3f}\n", importers[k], commodities[c],
                           static_cast<double>(short_count) / static_cast<double>(rows));
      }
    }
    if (!any) out += "  none\n";
  }
  if (!regimes.empty()) {
    out += "\nRegime occupancy on the last day\n";
    const std::vector<double> occupancy = read_doubles(file, "/daily/regime_probability");
    for (std::size_t x = 0; x < regimes.size(); ++x) {
      std::string row = fmt::format("  {:<24}", regimes[x]);
      for (int level = 0; level < model::kRegimeLevels; ++level) {
        row += fmt::format(" {}={:.3f}", model::kRegimeLevelNames[level],
                           occupancy[(last * regimes.size() + x) * model::kRegimeLevels +
                                     static_cast<std::size_t>(level)]);
      }
      out += row + "\n";
    }
  }
  return out;
}

}  // namespace mineralsim::io
