#include "mineralsim/io/hdf5_call.hpp"

#include <string>

#include "mineralsim/io/io_error.hpp"

namespace mineralsim::io {

namespace {
herr_t collect_message(unsigned, const H5E_error2_t* error, void* out) {
  auto* message = static_cast<std::string*>(out);
  if (message->empty() && error != nullptr && error->desc != nullptr) *message = error->desc;
  return 0;
}
}  // namespace

void throw_hdf5_error(const char* call, const char* file, int line) {
  std::string detail;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_message, &detail);
  throw IoError(std::string("HDF5 call failed: ") + call + " at " + file + ":" +
                std::to_string(line) + (detail.empty() ? "" : " (" + detail + ")"));
}

void silence_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

}  // namespace mineralsim::io
