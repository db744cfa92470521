#pragma once
// The precision a run's model computes in: double (the default) or float, which halves the state
// and is several times faster on GPUs with slow double arithmetic. Statistics, summaries and
// paths are kept in double either way (a float converts to double exactly).
#include <cstddef>
#include <stdexcept>
#include <string>

namespace mineralsim::engine {

enum class Precision { kDouble, kFloat };

inline const char* precision_name(Precision p) {
  return p == Precision::kFloat ? "float" : "double";
}

// "double" or "float"; anything else throws std::invalid_argument.
inline Precision parse_precision(const std::string& name) {
  if (name == "double") return Precision::kDouble;
  if (name == "float") return Precision::kFloat;
  throw std::invalid_argument("precision must be 'double' or 'float', not '" + name + "'");
}

// The bytes of one real in precision p.
inline std::size_t real_bytes(Precision p) {
  return p == Precision::kFloat ? sizeof(float) : sizeof(double);
}

template <class Real>
inline constexpr Precision kPrecisionOf = Precision::kDouble;
template <>
inline constexpr Precision kPrecisionOf<float> = Precision::kFloat;

// Calls f(Real{}) with Real the C++ type of p, so that code templated on Real runs in it.
template <class F>
decltype(auto) with_real_type(Precision p, F&& f) {
  if (p == Precision::kFloat) return f(float{});
  return f(double{});
}

}  // namespace mineralsim::engine
