#pragma once
// Up-front limits of a run, checked before any work: sizes beyond what the engine counts
// exactly, and memory beyond what this machine (or its cgroup) has available.
#include <cstdint>
#include <string>

namespace mineralsim::engine {

inline constexpr std::uint64_t kMaxTrajectories = 4294967295ull;  // histogram counts are 32-bit
inline constexpr int kMaxDays = 100000;                           // as the scenario's horizon_days

// Bytes of memory this process may still use: the smaller of MemAvailable (/proc/meminfo) and
// the cgroup's memory limit less its current use. 0 if neither can be read.
std::uint64_t available_memory_bytes();

// Throws UserError naming the option when a run of `estimated_bytes` does not fit in
// `available_bytes` (ignored when 0).
void check_memory(std::uint64_t estimated_bytes, std::uint64_t available_bytes);

}  // namespace mineralsim::engine
