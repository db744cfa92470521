#include "mineralsim/io/checkpoint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <type_traits>
#include <vector>

#include "mineralsim/io/compression.hpp"
#include "mineralsim/io/hdf5_helpers.hpp"
#include "mineralsim/io/io_error.hpp"

namespace mineralsim::io {

namespace {

static_assert(sizeof(detail::ExactSum) == 5 * sizeof(std::uint64_t) &&
                  std::is_standard_layout_v<detail::ExactSum>,
              "an ExactSum is stored as five uint64 words");

// How one accumulator vector is stored: its HDF5 file and memory types and element count.
struct StoredType {
  hid_t file;
  hid_t memory;
  std::size_t words_per_element;
};

template <class T>
StoredType stored_type() {
  if constexpr (std::is_same_v<T, double>) {
    return {H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 1};
  } else if constexpr (std::is_same_v<T, std::uint32_t>) {
    return {H5T_STD_U32LE, H5T_NATIVE_UINT32, 1};
  } else if constexpr (std::is_same_v<T, std::uint64_t>) {
    return {H5T_STD_U64LE, H5T_NATIVE_UINT64, 1};
  } else {
    static_assert(std::is_same_v<T, detail::ExactSum>);
    return {H5T_STD_U64LE, H5T_NATIVE_UINT64, 5};
  }
}

std::string slot_name(int slot) { return fmt::format("/checkpoint/slot{}", slot); }

// A 1-D dataset of `size` elements, chunked and compressed: histograms are mostly zeros.
void create_compressed(hid_t group, const std::string& name, hid_t type, hsize_t size) {
  const hsize_t dims[1] = {size};
  const Hdf5Handle space(MINERALSIM_H5_CALL(H5Screate_simple(1, dims, nullptr)), H5Sclose);
  const Hdf5Handle properties(MINERALSIM_H5_CALL(H5Pcreate(H5P_DATASET_CREATE)), H5Pclose);
  if (size > 0) {
    const hsize_t chunk[1] = {std::min<hsize_t>(size, 1 << 20)};
    MINERALSIM_H5_CALL(H5Pset_chunk(properties.get(), 1, chunk));
    apply_compression(properties.get(), Compression::kFast);
  }
  const Hdf5Handle set(MINERALSIM_H5_CALL(H5Dcreate2(group, name.c_str(), type, space.get(),
                                                     H5P_DEFAULT, properties.get(), H5P_DEFAULT)),
                       H5Dclose);
}

constexpr std::int64_t kInvalid[2] = {-1, -1};

void write_slot_progress(hid_t slot_group, const std::int64_t progress[2]) {
  const Hdf5Handle set(MINERALSIM_H5_CALL(H5Dopen2(slot_group, "progress", H5P_DEFAULT)), H5Dclose);
  write_all(set.get(), H5T_NATIVE_INT64, progress);
}

void flush(hid_t file) { MINERALSIM_H5_CALL(H5Fflush(file, H5F_SCOPE_GLOBAL)); }

}  // namespace

void create_checkpoint(hid_t file, const engine::DailyStatistics& statistics) {
  const Hdf5Handle group = create_group(file, "checkpoint");
  write_string_attribute(group.get(), "description",
                         "raw accumulators of the daily statistics after a committed batch, for "
                         "`mineralsim run --resume`; each slot's progress (trajectories, "
                         "batches) is -1 while the slot is invalid");
  for (int slot = 0; slot < kCheckpointSlots; ++slot) {
    const Hdf5Handle slot_group = create_group(file, slot_name(slot));
    const Hdf5Handle progress = create_dataset(slot_group.get(), "progress", H5T_STD_I64LE, {2});
    write_all(progress.get(), H5T_NATIVE_INT64, kInvalid);
    statistics.for_each_accumulator([&](const char* name, const auto& values) {
      using T = typename std::decay_t<decltype(values)>::value_type;
      const StoredType type = stored_type<T>();
      create_compressed(slot_group.get(), name, type.file,
                        static_cast<hsize_t>(values.size() * type.words_per_element));
    });
  }
}

void write_checkpoint(hid_t file, const engine::DailyStatistics& statistics,
                      const CheckpointProgress& progress) {
  const Hdf5Handle group(
      MINERALSIM_H5_CALL(H5Gopen2(file, slot_name(progress.slot).c_str(), H5P_DEFAULT)), H5Gclose);
  write_slot_progress(group.get(), kInvalid);
  flush(file);
  statistics.for_each_accumulator([&](const char* name, const auto& values) {
    using T = typename std::decay_t<decltype(values)>::value_type;
    if (values.empty()) return;
    const Hdf5Handle set(MINERALSIM_H5_CALL(H5Dopen2(group.get(), name, H5P_DEFAULT)), H5Dclose);
    write_all(set.get(), stored_type<T>().memory, values.data());
  });
  flush(file);
  const std::int64_t done[2] = {static_cast<std::int64_t>(progress.trajectories),
                                static_cast<std::int64_t>(progress.batches)};
  write_slot_progress(group.get(), done);
  flush(file);
}

std::optional<CheckpointProgress> latest_checkpoint(hid_t file) {
  std::optional<CheckpointProgress> latest;
  for (int slot = 0; slot < kCheckpointSlots; ++slot) {
    const std::vector<std::int64_t> p = read_int64s(file, slot_name(slot) + "/progress");
    if (p.size() != 2 || p[0] < 0 || p[1] < 0) continue;
    const CheckpointProgress found{slot, static_cast<std::uint64_t>(p[0]),
                                   static_cast<std::uint64_t>(p[1])};
    if (!latest || found.batches > latest->batches) latest = found;
  }
  return latest;
}

void read_checkpoint(hid_t file, engine::DailyStatistics& statistics, int slot) {
  const Hdf5Handle group(MINERALSIM_H5_CALL(H5Gopen2(file, slot_name(slot).c_str(), H5P_DEFAULT)),
                         H5Gclose);
  statistics.for_each_accumulator([&](const char* name, auto& values) {
    using T = typename std::decay_t<decltype(values)>::value_type;
    const StoredType type = stored_type<T>();
    const Hdf5Handle set(MINERALSIM_H5_CALL(H5Dopen2(group.get(), name, H5P_DEFAULT)), H5Dclose);
    const std::vector<hsize_t> shape = dataset_shape(set.get());
    if (shape.size() != 1 || shape[0] != values.size() * type.words_per_element) {
      throw IoError(fmt::format("checkpoint {}/{} does not match this scenario's statistics",
                                slot_name(slot), name));
    }
    if (values.empty()) return;
    MINERALSIM_H5_CALL(
        H5Dread(set.get(), type.memory, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()));
  });
}

}  // namespace mineralsim::io
