#include "mineralsim/engine/resource_limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "mineralsim/errors.hpp"

namespace mineralsim::engine {

namespace {

std::uint64_t meminfo_available() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::uint64_t kilobytes = 0;
  std::string unit;
  while (in >> key >> kilobytes >> unit) {
    if (key == "MemAvailable:") return kilobytes * 1024;
  }
  return 0;
}

// A number from a cgroup file, or 0 if absent or "max".
std::uint64_t read_cgroup_number(const std::string& path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text == "max") return 0;
  try {
    return std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

std::uint64_t cgroup_headroom() {
  // cgroup v2, then v1. A v1 "unlimited" limit is a huge number; treat that as no limit.
  std::uint64_t limit = read_cgroup_number("/sys/fs/cgroup/memory.max");
  std::uint64_t used = read_cgroup_number("/sys/fs/cgroup/memory.current");
  if (limit == 0) {
    limit = read_cgroup_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    used = read_cgroup_number("/sys/fs/cgroup/memory/memory.usage_in_bytes");
    if (limit >= (std::uint64_t{1} << 60)) limit = 0;
  }
  if (limit == 0) return 0;
  return limit > used ? limit - used : 1;
}

std::string gibibytes(std::uint64_t bytes) {
  return fmt::format("{:.2f} GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
}

}  // namespace

std::uint64_t available_memory_bytes() {
  const std::uint64_t system = meminfo_available();
  const std::uint64_t cgroup = cgroup_headroom();
  if (system == 0) return cgroup;
  if (cgroup == 0) return system;
  return std::min(system, cgroup);
}

void check_memory(std::uint64_t estimated_bytes, std::uint64_t available_bytes) {
  if (available_bytes == 0 || estimated_bytes <= available_bytes / 10 * 9) return;
  throw UserError("", 0, 0, "--batch",
                  fmt::format("the run needs about {} of memory but only {} is available; use a "
                              "smaller --batch, fewer --days or fewer --paths",
                              gibibytes(estimated_bytes), gibibytes(available_bytes)));
}

}  // namespace mineralsim::engine
