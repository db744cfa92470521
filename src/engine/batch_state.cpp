#include "mineralsim/engine/batch_state.hpp"

namespace mineralsim::engine {

int BatchState::stride_for(int capacity) {
  constexpr int kLanesPerLine = 8;  // doubles in a 64-byte cache line
  int lines = (capacity + kLanesPerLine - 1) / kLanesPerLine;
  if (lines % 2 == 0) lines += 1;
  return lines * kLanesPerLine;
}

BatchState::BatchState(const model::ModelParameters& model, int capacity)
    : capacity_(capacity),
      stride_(stride_for(capacity)),
      layout_(model::StateLayout::for_dimensions(model.dims)) {
  const auto lanes = static_cast<std::size_t>(stride_);
  reals_.assign(static_cast<std::size_t>(layout_.real_elements) * lanes, 0.0);
  ints_.assign(static_cast<std::size_t>(layout_.int_elements) * lanes, 0);
  draws_.assign(static_cast<std::size_t>(model.drawn_count) * lanes, 0.0);
}

std::size_t BatchState::bytes_for(const model::ModelParameters& model, int capacity) {
  const auto layout = model::StateLayout::for_dimensions(model.dims);
  const auto lanes = static_cast<std::size_t>(stride_for(capacity));
  return lanes * (static_cast<std::size_t>(layout.real_elements) * sizeof(double) +
                  static_cast<std::size_t>(layout.int_elements) * sizeof(std::int32_t) +
                  static_cast<std::size_t>(model.drawn_count) * sizeof(double));
}

}  // namespace mineralsim::engine
