#pragma once
// Compression of the growing datasets (per-trajectory summaries): `--compress none|fast|small`.
// HDF5's deflate with the shuffle filter, which groups the bytes of numbers so that they compress
// better; readers (h5py, xarray, netCDF) decompress transparently.
#include <optional>
#include <string>

namespace mineralsim::io {

enum class Compression { kNone, kFast, kSmall };

std::optional<Compression> compression_from_name(const std::string& name);
const char* compression_name(Compression compression);

}  // namespace mineralsim::io
