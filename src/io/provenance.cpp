#include "mineralsim/io/provenance.hpp"

#include <H5public.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <Random123/features/compilerfeatures.h>
#include <toml++/toml.h>
#include <chrono>

namespace mineralsim::io {

std::string current_utc_time() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::now()));
}

Provenance make_provenance(Provenance p) {
  p.created_utc = current_utc_time();
  return p;
}

std::string library_versions() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return fmt::format(
      "hdf5 {}.{}.{}; toml++ {}.{}.{}; fmt {}; Random123 (Debian librandom123); "
      "compiler {}",
      major, minor, release, TOML_LIB_MAJOR, TOML_LIB_MINOR, TOML_LIB_PATCH, FMT_VERSION,
      __VERSION__);
}

}  // namespace mineralsim::io
