#include "mineralsim/engine/shard.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "mineralsim/errors.hpp"

namespace mineralsim::engine {

TrajectoryRange shard_range(std::uint64_t trajectories, Shard shard) {
  if (!shard.sharded()) return {0, trajectories};
  const auto count = static_cast<std::uint64_t>(shard.count);
  const std::uint64_t base = trajectories / count;
  const std::uint64_t larger = trajectories % count;  // shards holding base + 1
  // Where shard i starts; shard count would start at N.
  const auto start = [&](int i) {
    const auto index = static_cast<std::uint64_t>(i);
    return index * base + std::min(index, larger);
  };
  return {start(shard.index), start(shard.end())};
}

std::string describe_shard(Shard shard) {
  if (!shard.sharded()) return "the whole ensemble";
  if (shard.span == 1) return fmt::format("shard {}/{}", shard.index, shard.count);
  return fmt::format("shards {}-{}/{}", shard.index, shard.end() - 1, shard.count);
}

Shard parse_shard(const std::string& text) {
  const auto refuse = [&](const std::string& reason) {
    throw UserError("", 0, 0, "--shard", fmt::format("'{}': {}", text, reason));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) refuse("expected I/M, shard I of M, counting from 0");
  const auto number = [&](std::size_t begin, std::size_t end) {
    int value = -1;
    const char* first = text.data() + begin;
    const char* last = text.data() + end;
    const auto [stop, error] = std::from_chars(first, last, value);
    if (error != std::errc() || stop != last || first == last) {
      refuse("expected I/M with whole numbers, shard I of M, counting from 0");
    }
    return value;
  };
  const Shard shard{number(0, slash), number(slash + 1, text.size())};
  if (shard.count < 1) refuse("M, the number of shards, must be at least 1");
  if (shard.index < 0 || shard.index >= shard.count) {
    refuse(fmt::format("I must be 0 to {} (shards count from 0)", shard.count - 1));
  }
  return shard;
}

}  // namespace mineralsim::engine
