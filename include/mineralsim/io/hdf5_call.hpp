#pragma once
// One checked-call macro for HDF5 (names the call, file and line) and an owning handle.
#include <hdf5.h>

#include <string>
#include <utility>

namespace mineralsim::io {

// Throws IoError naming the failed call and where it was made.
[[noreturn]] void throw_hdf5_error(const char* call, const char* file, int line);

#define MINERALSIM_H5_CALL(call)                                                                 \
  ([&]() {                                                                                       \
    const auto mineralsim_h5_result = (call);                                                    \
    if (mineralsim_h5_result < 0) ::mineralsim::io::throw_hdf5_error(#call, __FILE__, __LINE__); \
    return mineralsim_h5_result;                                                                 \
  }())

// Owns an hid_t and closes it with the right H5*close function.
class Hdf5Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Hdf5Handle() = default;
  Hdf5Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Hdf5Handle(Hdf5Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), closer_(other.closer_) {}
  Hdf5Handle& operator=(Hdf5Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      closer_ = other.closer_;
    }
    return *this;
  }
  Hdf5Handle(const Hdf5Handle&) = delete;
  Hdf5Handle& operator=(const Hdf5Handle&) = delete;
  ~Hdf5Handle() { reset(); }

  hid_t get() const { return id_; }
  // Gives up the id without closing it.
  hid_t release() { return std::exchange(id_, H5I_INVALID_HID); }
  void reset() {
    if (id_ >= 0 && closer_ != nullptr) closer_(id_);
    id_ = H5I_INVALID_HID;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Silences HDF5's own error stack printing; our messages say what failed.
void silence_hdf5_errors();

}  // namespace mineralsim::io
