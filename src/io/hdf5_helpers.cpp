#include "mineralsim/io/hdf5_helpers.hpp"

#include <hdf5_hl.h>

#include <numeric>

namespace mineralsim::io {

namespace {
Hdf5Handle string_type() {
  Hdf5Handle type(MINERALSIM_H5_CALL(H5Tcopy(H5T_C_S1)), H5Tclose);
  MINERALSIM_H5_CALL(H5Tset_size(type.get(), H5T_VARIABLE));
  MINERALSIM_H5_CALL(H5Tset_cset(type.get(), H5T_CSET_UTF8));
  return type;
}
Hdf5Handle simple_space(const std::vector<hsize_t>& dims, const hsize_t* max_dims = nullptr) {
  return Hdf5Handle(
      MINERALSIM_H5_CALL(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), max_dims)),
      H5Sclose);
}
}  // namespace

Hdf5Handle create_group(hid_t parent, const std::string& name) {
  return Hdf5Handle(
      MINERALSIM_H5_CALL(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)),
      H5Gclose);
}

void write_string_attribute(hid_t object, const std::string& name, const std::string& value) {
  const Hdf5Handle type = string_type();
  const Hdf5Handle space(MINERALSIM_H5_CALL(H5Screate(H5S_SCALAR)), H5Sclose);
  const Hdf5Handle attribute(MINERALSIM_H5_CALL(H5Acreate2(object, name.c_str(), type.get(),
                                                           space.get(), H5P_DEFAULT, H5P_DEFAULT)),
                             H5Aclose);
  const char* text = value.c_str();
  MINERALSIM_H5_CALL(H5Awrite(attribute.get(), type.get(), &text));
}

void write_int_attribute(hid_t object, const std::string& name, std::int64_t value) {
  const Hdf5Handle space(MINERALSIM_H5_CALL(H5Screate(H5S_SCALAR)), H5Sclose);
  const Hdf5Handle attribute(MINERALSIM_H5_CALL(H5Acreate2(object, name.c_str(), H5T_STD_I64LE,
                                                           space.get(), H5P_DEFAULT, H5P_DEFAULT)),
                             H5Aclose);
  MINERALSIM_H5_CALL(H5Awrite(attribute.get(), H5T_NATIVE_INT64, &value));
}

Hdf5Handle write_string_dataset(hid_t parent, const std::string& name,
                                const std::vector<std::string>& values) {
  const Hdf5Handle type = string_type();
  const Hdf5Handle space = simple_space({static_cast<hsize_t>(values.size())});
  Hdf5Handle dataset(MINERALSIM_H5_CALL(H5Dcreate2(parent, name.c_str(), type.get(), space.get(),
                                                   H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)),
                     H5Dclose);
  std::vector<const char*> pointers;
  for (const std::string& v : values) pointers.push_back(v.c_str());
  if (!values.empty()) {
    MINERALSIM_H5_CALL(
        H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()));
  }
  return dataset;
}

Hdf5Handle create_dataset(hid_t parent, const std::string& name, hid_t type,
                          const std::vector<hsize_t>& dims) {
  const Hdf5Handle space = simple_space(dims);
  // Space is allocated now, not at the first write, so that a file system too small for the
  // results fails before any simulation work.
  const Hdf5Handle properties(MINERALSIM_H5_CALL(H5Pcreate(H5P_DATASET_CREATE)), H5Pclose);
  MINERALSIM_H5_CALL(H5Pset_alloc_time(properties.get(), H5D_ALLOC_TIME_EARLY));
  return Hdf5Handle(MINERALSIM_H5_CALL(H5Dcreate2(parent, name.c_str(), type, space.get(),
                                                  H5P_DEFAULT, properties.get(), H5P_DEFAULT)),
                    H5Dclose);
}

void apply_compression(hid_t dataset_properties, Compression compression) {
  constexpr unsigned kFastLevel = 1;   // most of the gain for little CPU
  constexpr unsigned kSmallLevel = 6;  // zlib's default trade-off
  if (compression == Compression::kNone) return;
  MINERALSIM_H5_CALL(H5Pset_shuffle(dataset_properties));
  MINERALSIM_H5_CALL(H5Pset_deflate(dataset_properties,
                                    compression == Compression::kFast ? kFastLevel : kSmallLevel));
}

Hdf5Handle create_growing_dataset(hid_t parent, const std::string& name, hid_t type,
                                  const std::vector<hsize_t>& row_dims, hsize_t chunk_rows,
                                  Compression compression) {
  std::vector<hsize_t> dims{0};
  std::vector<hsize_t> max_dims{H5S_UNLIMITED};
  std::vector<hsize_t> chunk{chunk_rows};
  for (hsize_t d : row_dims) {
    dims.push_back(d);
    max_dims.push_back(d);
    chunk.push_back(d);
  }
  const Hdf5Handle space = simple_space(dims, max_dims.data());
  const Hdf5Handle properties(MINERALSIM_H5_CALL(H5Pcreate(H5P_DATASET_CREATE)), H5Pclose);
  MINERALSIM_H5_CALL(H5Pset_chunk(properties.get(), static_cast<int>(chunk.size()), chunk.data()));
  apply_compression(properties.get(), compression);
  return Hdf5Handle(MINERALSIM_H5_CALL(H5Dcreate2(parent, name.c_str(), type, space.get(),
                                                  H5P_DEFAULT, properties.get(), H5P_DEFAULT)),
                    H5Dclose);
}

void make_dimension_scale(hid_t dataset, const std::string& axis) {
  MINERALSIM_H5_CALL(H5DSset_scale(dataset, axis.c_str()));
}

namespace {
// The group that holds `object`.
Hdf5Handle parent_group(hid_t object) {
  const auto length = static_cast<std::size_t>(MINERALSIM_H5_CALL(H5Iget_name(object, nullptr, 0)));
  std::string path(length + 1, '\0');
  MINERALSIM_H5_CALL(H5Iget_name(object, path.data(), path.size()));
  path.resize(length);
  const std::size_t slash = path.rfind('/');
  const std::string parent = slash == 0 ? "/" : path.substr(0, slash);
  return Hdf5Handle(MINERALSIM_H5_CALL(H5Gopen2(object, parent.c_str(), H5P_DEFAULT)), H5Gclose);
}

// The dimension scale of `axis` for the datasets of `group` (see describe_dataset).
Hdf5Handle axis_scale(hid_t group, const std::string& axis) {
  if (H5Lexists(group, axis.c_str(), H5P_DEFAULT) <= 0) {
    MINERALSIM_H5_CALL(H5Lcreate_hard(group, ("/dimensions/" + axis).c_str(), group, axis.c_str(),
                                      H5P_DEFAULT, H5P_DEFAULT));
  }
  return Hdf5Handle(MINERALSIM_H5_CALL(H5Dopen2(group, axis.c_str(), H5P_DEFAULT)), H5Dclose);
}
}  // namespace

void describe_dataset(hid_t dataset, const std::string& units, const std::string& description,
                      const std::vector<std::string>& dimension_names) {
  write_string_attribute(dataset, "units", units);
  write_string_attribute(dataset, "description", description);
  std::string joined;
  for (const std::string& d : dimension_names) joined += (joined.empty() ? "" : ",") + d;
  write_string_attribute(dataset, "dimensions", joined);
  const Hdf5Handle group = parent_group(dataset);
  for (std::size_t axis = 0; axis < dimension_names.size(); ++axis) {
    const Hdf5Handle scale = axis_scale(group.get(), dimension_names[axis]);
    MINERALSIM_H5_CALL(H5DSattach_scale(dataset, scale.get(), static_cast<unsigned>(axis)));
  }
}

void write_all(hid_t dataset, hid_t type, const void* data) {
  MINERALSIM_H5_CALL(H5Dwrite(dataset, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data));
}

void append_rows(hid_t dataset, hid_t type, hsize_t rows, const void* data) {
  if (rows == 0) return;
  std::vector<hsize_t> dims = dataset_shape(dataset);
  const hsize_t start_row = dims[0];
  dims[0] += rows;
  MINERALSIM_H5_CALL(H5Dset_extent(dataset, dims.data()));
  const Hdf5Handle file_space(MINERALSIM_H5_CALL(H5Dget_space(dataset)), H5Sclose);
  std::vector<hsize_t> start(dims.size(), 0);
  std::vector<hsize_t> count = dims;
  start[0] = start_row;
  count[0] = rows;
  MINERALSIM_H5_CALL(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                         count.data(), nullptr));
  const Hdf5Handle memory_space = simple_space(count);
  MINERALSIM_H5_CALL(
      H5Dwrite(dataset, type, memory_space.get(), file_space.get(), H5P_DEFAULT, data));
}

std::int64_t read_int_attribute(hid_t object, const std::string& name) {
  const Hdf5Handle attribute(MINERALSIM_H5_CALL(H5Aopen(object, name.c_str(), H5P_DEFAULT)),
                             H5Aclose);
  std::int64_t value = 0;
  MINERALSIM_H5_CALL(H5Aread(attribute.get(), H5T_NATIVE_INT64, &value));
  return value;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  const Hdf5Handle attribute(MINERALSIM_H5_CALL(H5Aopen(object, name.c_str(), H5P_DEFAULT)),
                             H5Aclose);
  const Hdf5Handle type = string_type();
  char* text = nullptr;
  MINERALSIM_H5_CALL(H5Aread(attribute.get(), type.get(), &text));
  std::string value = text != nullptr ? text : "";
  H5free_memory(text);
  return value;
}

std::vector<std::string> read_string_dataset(hid_t parent, const std::string& name) {
  const Hdf5Handle dataset(MINERALSIM_H5_CALL(H5Dopen2(parent, name.c_str(), H5P_DEFAULT)),
                           H5Dclose);
  const std::vector<hsize_t> shape = dataset_shape(dataset.get());
  std::vector<char*> pointers(shape.empty() ? 0 : shape[0], nullptr);
  if (pointers.empty()) return {};
  const Hdf5Handle type = string_type();
  MINERALSIM_H5_CALL(
      H5Dread(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()));
  std::vector<std::string> values;
  for (char* p : pointers) {
    values.emplace_back(p != nullptr ? p : "");
    H5free_memory(p);
  }
  return values;
}

std::vector<hsize_t> dataset_shape(hid_t dataset) {
  const Hdf5Handle space(MINERALSIM_H5_CALL(H5Dget_space(dataset)), H5Sclose);
  const int rank = MINERALSIM_H5_CALL(H5Sget_simple_extent_ndims(space.get()));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  MINERALSIM_H5_CALL(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr));
  return dims;
}

namespace {
template <class T>
std::vector<T> read_numbers(hid_t parent, const std::string& name, hid_t memory_type) {
  const Hdf5Handle dataset(MINERALSIM_H5_CALL(H5Dopen2(parent, name.c_str(), H5P_DEFAULT)),
                           H5Dclose);
  const std::vector<hsize_t> shape = dataset_shape(dataset.get());
  const hsize_t count =
      std::accumulate(shape.begin(), shape.end(), hsize_t{1}, std::multiplies<hsize_t>());
  std::vector<T> values(count);
  if (count > 0) {
    MINERALSIM_H5_CALL(
        H5Dread(dataset.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()));
  }
  return values;
}
}  // namespace

std::vector<double> read_doubles(hid_t parent, const std::string& name) {
  return read_numbers<double>(parent, name, H5T_NATIVE_DOUBLE);
}

std::vector<std::int64_t> read_int64s(hid_t parent, const std::string& name) {
  return read_numbers<std::int64_t>(parent, name, H5T_NATIVE_INT64);
}

bool link_exists(hid_t parent, const std::string& path) {
  std::string prefix;
  std::size_t start = path[0] == '/' ? 1 : 0;
  while (start <= path.size()) {
    const std::size_t end = path.find('/', start);
    prefix = path.substr(0, end == std::string::npos ? path.size() : end);
    if (H5Lexists(parent, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

}  // namespace mineralsim::io
