#include "mineralsim/engine/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <string>

namespace mineralsim::engine {

namespace {
std::string duration(double seconds) {
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}
}  // namespace

ProgressReporter::ProgressReporter(std::FILE* out, std::uint64_t total, int days)
    : out_(out),
      terminal_(out != nullptr && isatty(fileno(out)) != 0),
      total_(total),
      days_(days),
      start_(std::chrono::steady_clock::now()) {}

double ProgressReporter::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void ProgressReporter::update(std::uint64_t done) {
  if (out_ == nullptr || total_ == 0) return;
  const double elapsed = elapsed_seconds();
  const double rate = elapsed > 0.0 ? static_cast<double>(done) / elapsed : 0.0;
  const double fraction = static_cast<double>(done) / static_cast<double>(total_);
  const double eta = rate > 0.0 ? static_cast<double>(total_ - done) / rate : 0.0;
  const std::string figures = fmt::format(
      "{:>3.0f}% {}/{} trajectories  {:.0f} traj/s  {:.3g} traj-days/s  elapsed {}  ETA {}",
      100.0 * fraction, done, total_, rate, rate * days_, duration(elapsed), duration(eta));
  if (terminal_) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    fmt::print(out_, "\r[{}{}] {}", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(kWidth - filled), ' '), figures);
    std::fflush(out_);
    return;
  }
  const int decile = static_cast<int>(fraction * 10.0);
  if (decile > last_decile_ || elapsed - last_line_seconds_ >= 30.0) {
    last_decile_ = decile;
    last_line_seconds_ = elapsed;
    fmt::print(out_, "progress: {}\n", figures);
    std::fflush(out_);
  }
}

void ProgressReporter::finish() {
  if (out_ != nullptr && terminal_) fmt::print(out_, "\n");
}

}  // namespace mineralsim::engine
