#pragma once
// The per-element axes of the results file's datasets: their sizes and the names of their
// /dimensions axes, for a daily or path variable (by its state extent) and for a per-trajectory
// summary column. The writer lays the datasets out by them; readers name elements by them.
#include <hdf5.h>

#include <string>
#include <vector>

#include "mineralsim/engine/trajectory_summaries.hpp"
#include "mineralsim/model/model_parameters.hpp"

namespace mineralsim::io {

struct Shape {
  std::vector<hsize_t> dims;
  std::vector<std::string> names;  // each an axis of /dimensions
};

Shape observable_shape(const model::Dimensions& d, model::StateExtent extent);
Shape summary_shape(const model::ModelParameters& m, engine::SummaryExtent extent);

// "[Korea semiconductors, gallium]": the labels (from the file's /dimensions) of element
// `element` of a row of `shape`, in row-major order; "" for a scalar.
std::string element_labels(hid_t file, const Shape& shape, std::size_t element);

}  // namespace mineralsim::io
