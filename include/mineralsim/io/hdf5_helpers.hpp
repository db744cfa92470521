#pragma once
// Small typed helpers over the HDF5 C API used by the results writer and reader.
#include <cstdint>
#include <string>
#include <vector>

#include "mineralsim/io/hdf5_call.hpp"

namespace mineralsim::io {

Hdf5Handle create_group(hid_t parent, const std::string& name);
void write_string_attribute(hid_t object, const std::string& name, const std::string& value);
void write_int_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_string_dataset(hid_t parent, const std::string& name,
                          const std::vector<std::string>& values);
// A fixed-shape dataset of doubles (H5T_NATIVE_DOUBLE) or int32/int64 (by `type`).
Hdf5Handle create_dataset(hid_t parent, const std::string& name, hid_t type,
                          const std::vector<hsize_t>& dims);
// A dataset that grows along its first axis, chunked by `chunk_rows` rows.
Hdf5Handle create_growing_dataset(hid_t parent, const std::string& name, hid_t type,
                                  const std::vector<hsize_t>& row_dims, hsize_t chunk_rows);
void describe_dataset(hid_t dataset, const std::string& units, const std::string& description,
                      const std::vector<std::string>& dimension_names);
void write_all(hid_t dataset, hid_t type, const void* data);
// Appends `rows` rows after the current first-axis size.
void append_rows(hid_t dataset, hid_t type, hsize_t rows, const void* data);

std::string read_string_attribute(hid_t object, const std::string& name);
std::vector<std::string> read_string_dataset(hid_t parent, const std::string& name);
std::vector<hsize_t> dataset_shape(hid_t dataset);
std::vector<double> read_doubles(hid_t parent, const std::string& name);
std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name);
bool link_exists(hid_t parent, const std::string& path);

}  // namespace mineralsim::io
