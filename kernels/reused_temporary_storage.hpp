#pragma once
// Temporary storage for Thrust algorithms, kept and handed out again. Thrust asks for a block on
// every reduce_by_key (the daily statistics: every day of every batch). On CUDA its own allocation
// is a cudaMalloc and a cudaFree, and cudaFree waits for the whole device, including the previous
// batch's results on their way to the host. The blocks here live as long as the runner, so after
// the first day no call allocates. Use as `policy(storage)`.
#include <thrust/memory.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace mineralsim::kernels {

// Vector: a container of the Thrust system the storage is for (thrust::cuda::vector, ...).
template <template <class...> class Vector>
class ReusedTemporaryStorage {
 public:
  using value_type = char;

  // A block of at least `bytes` that is not lent out, or a new one.
  char* allocate(std::ptrdiff_t bytes) {
    const auto size = static_cast<std::size_t>(bytes);
    for (Block& block : blocks_) {
      if (!block.lent && block.storage->size() >= size) {
        block.lent = true;
        return start(block);
      }
    }
    blocks_.push_back({std::make_unique<Vector<char>>(size), true});
    return start(blocks_.back());
  }
  void deallocate(char* p, std::size_t) {
    for (Block& block : blocks_) {
      if (start(block) == p) block.lent = false;
    }
  }
  std::size_t blocks() const { return blocks_.size(); }

 private:
  struct Block {
    std::unique_ptr<Vector<char>> storage;  // its address stays when blocks_ grows
    bool lent;
  };
  static char* start(Block& block) { return thrust::raw_pointer_cast(block.storage->data()); }

  std::vector<Block> blocks_;
};

}  // namespace mineralsim::kernels
