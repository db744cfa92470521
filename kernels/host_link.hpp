#pragma once
// The results' way to the host from a Thrust system whose memory the host reads (the OpenMP
// system of the tests): plain copies, done when the call returns. The CUDA equivalent is
// cuda_link.hpp; the batch runner calls both the same way.
#include <array>
#include <cstddef>
#include <cstring>
#include <vector>

namespace mineralsim::kernels {

class HostLink {
 public:
  // The calling thread may now use the system (nothing to do on the host).
  void use_on_this_thread() {}
  // Two host slots of `bytes` each.
  void reserve(std::size_t bytes) {
    for (std::vector<unsigned char>& slot : host_slots_) slot.assign(bytes, 0);
  }
  // A copy within the system's memory, before any later work of this thread.
  void snapshot(unsigned char* to, const unsigned char* from, std::size_t bytes) {
    std::memcpy(to, from, bytes);
  }
  // After the snapshots: `bytes` from `from` into host slot `slot`.
  void send_to_host(int slot, const unsigned char* from, std::size_t bytes) {
    std::memcpy(host_slots_[static_cast<std::size_t>(slot)].data(), from, bytes);
  }
  // Until what was sent to `slot` is there.
  void wait_for_host(int) {}
  const unsigned char* host_slot(int slot) const {
    return host_slots_[static_cast<std::size_t>(slot)].data();
  }

 private:
  std::array<std::vector<unsigned char>, 2> host_slots_;
};

}  // namespace mineralsim::kernels
