#include "mineralsim/engine/batch_state.hpp"

#include <stdexcept>
#include <string>

namespace mineralsim::engine {

int BatchState::stride_for(int capacity) {
  constexpr int kLanesPerLine = 8;  // doubles in a 64-byte cache line
  int lines = (capacity + kLanesPerLine - 1) / kLanesPerLine;
  if (lines % 2 == 0) lines += 1;
  return lines * kLanesPerLine;
}

BatchState::BatchState(const model::ModelParameters& model, int capacity, Precision precision)
    : precision_(precision),
      capacity_(capacity),
      stride_(stride_for(capacity)),
      layout_(model::StateLayout::for_dimensions(model.dims)) {
  const auto lanes = static_cast<std::size_t>(stride_);
  const std::size_t reals = static_cast<std::size_t>(layout_.real_elements) * lanes;
  if (precision == Precision::kFloat) {
    float_reals_.assign(reals, 0.0f);
  } else {
    double_reals_.assign(reals, 0.0);
  }
  ints_.assign(static_cast<std::size_t>(layout_.int_elements) * lanes, 0);
  draws_.assign(static_cast<std::size_t>(model.drawn_count) * lanes, 0.0);
}

void BatchState::throw_precision_mismatch(Precision asked) const {
  throw std::logic_error(std::string("BatchState: the batch is in ") + precision_name(precision_) +
                         ", read as " + precision_name(asked));
}

std::size_t BatchState::bytes_for(const model::ModelParameters& model, int capacity,
                                  Precision precision) {
  const auto layout = model::StateLayout::for_dimensions(model.dims);
  const auto lanes = static_cast<std::size_t>(stride_for(capacity));
  return lanes * (static_cast<std::size_t>(layout.real_elements) * real_bytes(precision) +
                  static_cast<std::size_t>(layout.int_elements) * sizeof(std::int32_t) +
                  static_cast<std::size_t>(model.drawn_count) * sizeof(double));
}

}  // namespace mineralsim::engine
