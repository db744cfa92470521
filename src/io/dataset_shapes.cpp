#include "mineralsim/io/dataset_shapes.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "mineralsim/io/hdf5_helpers.hpp"

namespace mineralsim::io {

using model::StateExtent;

Shape observable_shape(const model::Dimensions& d, StateExtent extent) {
  const auto C = static_cast<hsize_t>(d.commodities);
  switch (extent) {
    case StateExtent::kCommodity:
      return {{C}, {"commodity"}};
    case StateExtent::kRegime:
      return {{static_cast<hsize_t>(d.regimes)}, {"regime"}};
    case StateExtent::kDemand:
      return {{static_cast<hsize_t>(d.importers), C}, {"importer", "commodity"}};
    case StateExtent::kHolding:
      return {{static_cast<hsize_t>(d.holdings)}, {"holding"}};
    case StateExtent::kWindowDemand:
      return {{static_cast<hsize_t>(d.windows), static_cast<hsize_t>(d.importers), C},
              {"window", "importer", "commodity"}};
    default:
      return {{}, {}};
  }
}

Shape summary_shape(const model::ModelParameters& m, engine::SummaryExtent extent) {
  const model::Dimensions& d = m.dims;
  switch (extent) {
    case engine::SummaryExtent::kOne:
      return {{}, {}};
    case engine::SummaryExtent::kCommodity:
      return observable_shape(d, StateExtent::kCommodity);
    case engine::SummaryExtent::kDemand:
      return observable_shape(d, StateExtent::kDemand);
    case engine::SummaryExtent::kWindowDemand:
      return observable_shape(d, StateExtent::kWindowDemand);
    case engine::SummaryExtent::kHolding:
      return observable_shape(d, StateExtent::kHolding);
    case engine::SummaryExtent::kRegime:
      return observable_shape(d, StateExtent::kRegime);
    case engine::SummaryExtent::kDrawn:
      return {{static_cast<hsize_t>(m.drawn_count)}, {"drawn_parameter"}};
  }
  return {{}, {}};
}

std::string element_labels(hid_t file, const Shape& shape, std::size_t element) {
  if (shape.dims.empty()) return "";
  std::vector<std::string> labels(shape.dims.size());
  for (std::size_t axis = shape.dims.size(); axis-- > 0;) {
    const auto size = static_cast<std::size_t>(shape.dims[axis]);
    labels[axis] = read_string_dataset(file, "/dimensions/" + shape.names[axis]).at(element % size);
    element /= size;
  }
  return fmt::format("[{}]", fmt::join(labels, ", "));
}

}  // namespace mineralsim::io
