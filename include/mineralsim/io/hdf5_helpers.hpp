#pragma once
// Small typed helpers over the HDF5 C API used by the results writer and reader.
#include <cstdint>
#include <string>
#include <vector>

#include "mineralsim/io/compression.hpp"
#include "mineralsim/io/hdf5_call.hpp"

namespace mineralsim::io {

Hdf5Handle create_group(hid_t parent, const std::string& name);
void write_string_attribute(hid_t object, const std::string& name, const std::string& value);
void write_int_attribute(hid_t object, const std::string& name, std::int64_t value);
Hdf5Handle write_string_dataset(hid_t parent, const std::string& name,
                                const std::vector<std::string>& values);
// A fixed-shape dataset of doubles (H5T_NATIVE_DOUBLE) or int32/int64 (by `type`).
Hdf5Handle create_dataset(hid_t parent, const std::string& name, hid_t type,
                          const std::vector<hsize_t>& dims);
// A dataset that grows along its first axis, chunked by `chunk_rows` rows.
Hdf5Handle create_growing_dataset(hid_t parent, const std::string& name, hid_t type,
                                  const std::vector<hsize_t>& row_dims, hsize_t chunk_rows,
                                  Compression compression = Compression::kNone);
// Adds the --compress filters (deflate with shuffle) to dataset-creation properties of a chunked
// dataset.
void apply_compression(hid_t dataset_properties, Compression compression);
// Makes `dataset` the HDF5 dimension scale of the axis `axis`: the axis' coordinates.
void make_dimension_scale(hid_t dataset, const std::string& axis);
// Writes the attributes `units`, `description` and `dimensions` (the axis names, comma-separated)
// and attaches to each axis its dimension scale: the dataset named like the axis in the dataset's
// own group, or else /dimensions/<axis>, hard-linked into that group first. netCDF readers
// (h5netcdf, hence xarray) name a dimension after its scale and look for it only in the group and
// its ancestors, and take a group's coordinates from the group itself: the link provides both
// without a copy. Call it before the file starts SWMR writing, like everything that adds
// attributes or links.
void describe_dataset(hid_t dataset, const std::string& units, const std::string& description,
                      const std::vector<std::string>& dimension_names);
void write_all(hid_t dataset, hid_t type, const void* data);
// Appends `rows` rows after the current first-axis size.
void append_rows(hid_t dataset, hid_t type, hsize_t rows, const void* data);

std::string read_string_attribute(hid_t object, const std::string& name);
std::int64_t read_int_attribute(hid_t object, const std::string& name);
std::vector<std::string> read_string_dataset(hid_t parent, const std::string& name);
std::vector<hsize_t> dataset_shape(hid_t dataset);
std::vector<double> read_doubles(hid_t parent, const std::string& name);
std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name);
bool link_exists(hid_t parent, const std::string& path);

}  // namespace mineralsim::io
