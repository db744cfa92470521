#include "mineralsim/engine/batch_backend.hpp"

#include <stdexcept>

namespace mineralsim::engine {

void StartedBatches::push(const BatchRequest& request) {
  if (requests_.size() >= 2) {
    throw std::logic_error("BatchBackend: a third batch started before the first was finished");
  }
  requests_.push_back(request);
  ++started_;
}

BatchRequest StartedBatches::pop() {
  if (requests_.empty()) throw std::logic_error("BatchBackend: finish_batch with no batch started");
  const BatchRequest oldest = requests_.front();
  requests_.pop_front();
  return oldest;
}

}  // namespace mineralsim::engine
