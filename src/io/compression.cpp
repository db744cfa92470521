#include "mineralsim/io/compression.hpp"

namespace mineralsim::io {

std::optional<Compression> compression_from_name(const std::string& name) {
  if (name == "none") return Compression::kNone;
  if (name == "fast") return Compression::kFast;
  if (name == "small") return Compression::kSmall;
  return std::nullopt;
}

const char* compression_name(Compression compression) {
  switch (compression) {
    case Compression::kNone:
      return "none";
    case Compression::kFast:
      return "fast";
    case Compression::kSmall:
      return "small";
  }
  return "?";
}

}  // namespace mineralsim::io
