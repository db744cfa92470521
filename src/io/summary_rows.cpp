#include "mineralsim/io/summary_rows.hpp"

#include <string>
#include <vector>

#include "mineralsim/io/hdf5_helpers.hpp"

namespace mineralsim::io {

namespace {

// Rows [first, first + count) of a dataset [rows, width...] into `out` (count * width values).
template <class T>
void read_rows(hid_t file, const std::string& name, hid_t memory_type, std::uint64_t first,
               int count, std::size_t width, std::vector<T>& out) {
  const Hdf5Handle set(MINERALSIM_H5_CALL(H5Dopen2(file, name.c_str(), H5P_DEFAULT)), H5Dclose);
  const Hdf5Handle space(MINERALSIM_H5_CALL(H5Dget_space(set.get())), H5Sclose);
  std::vector<hsize_t> start = dataset_shape(set.get());
  std::vector<hsize_t> extent = start;
  for (auto& s : start) s = 0;
  start[0] = first;
  extent[0] = static_cast<hsize_t>(count);
  MINERALSIM_H5_CALL(H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, start.data(), nullptr,
                                         extent.data(), nullptr));
  const Hdf5Handle memory(
      MINERALSIM_H5_CALL(H5Screate_simple(static_cast<int>(extent.size()), extent.data(), nullptr)),
      H5Sclose);
  out.resize(static_cast<std::size_t>(count) * width);
  if (out.empty()) return;
  MINERALSIM_H5_CALL(
      H5Dread(set.get(), memory_type, memory.get(), space.get(), H5P_DEFAULT, out.data()));
}

}  // namespace

void read_summary_rows(hid_t file, const model::ModelParameters& model, std::uint64_t row,
                       int count, engine::SummaryBatch& out) {
  std::vector<std::uint64_t> first_index;
  read_rows(file, "/trajectory/index", H5T_NATIVE_UINT64, row, count > 0 ? 1 : 0, 1, first_index);
  out.first_trajectory = first_index.empty() ? row : first_index[0];
  out.lanes = count;
  out.reals.assign(engine::kSummaryColumnCount, {});
  out.ints.assign(engine::kSummaryColumnCount, {});
  for (int c = 0; c < engine::kSummaryColumnCount; ++c) {
    const engine::SummaryColumn& column = engine::kSummaryColumns[c];
    const auto width = static_cast<std::size_t>(engine::summary_width(model, column.extent));
    if (width == 0) continue;
    const std::string name = std::string("/trajectory/") + column.name;
    if (column.type == engine::SummaryType::kReal) {
      read_rows(file, name, H5T_NATIVE_DOUBLE, row, count, width,
                out.reals[static_cast<std::size_t>(c)]);
    } else {
      read_rows(file, name, H5T_NATIVE_INT32, row, count, width,
                out.ints[static_cast<std::size_t>(c)]);
    }
  }
}

}  // namespace mineralsim::io
