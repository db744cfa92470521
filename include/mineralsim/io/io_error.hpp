#pragma once
// Errors of the file system or the HDF5 library while writing or reading results.
#include <stdexcept>
#include <string>

namespace mineralsim::io {

class IoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace mineralsim::io
