#pragma once
// The results' way from the device to the host, so that the kernels of batch k+1 overlap the copy
// of batch k. The batch runner's kernels run on the default stream; its snapshots of the results
// (device to device) go there too, after the batch's last kernel and before the next batch's
// first, so the next batch may then change the originals. The copy to the host goes on a stream of
// its own (non-blocking, so that it does not wait for the default stream's later kernels), into
// pinned host memory, after an event that marks the snapshots done. For the CUDA sources only.
#include <cuda_runtime.h>

#include <cstddef>

#include "cuda_check.hpp"

namespace mineralsim::kernels {

class CudaLink {
 public:
  // For the current device of the calling thread.
  CudaLink() {
    MINERALSIM_CUDA_CHECK(cudaGetDevice(&device_));
    MINERALSIM_CUDA_CHECK(cudaStreamCreateWithFlags(&copies_, cudaStreamNonBlocking));
    MINERALSIM_CUDA_CHECK(cudaEventCreateWithFlags(&snapshots_done_, cudaEventDisableTiming));
    for (cudaEvent_t& event : copied_) {
      MINERALSIM_CUDA_CHECK(cudaEventCreateWithFlags(&event, cudaEventDisableTiming));
    }
  }
  CudaLink(const CudaLink&) = delete;
  CudaLink& operator=(const CudaLink&) = delete;
  ~CudaLink() {
    cudaStreamSynchronize(copies_);
    for (unsigned char* slot : host_slots_) {
      if (pinned_) {
        cudaFreeHost(slot);
      } else {
        delete[] slot;
      }
    }
    for (cudaEvent_t event : copied_) cudaEventDestroy(event);
    cudaEventDestroy(snapshots_done_);
    cudaStreamDestroy(copies_);
  }

  // The device is per host thread: a thread that runs batches must select it first.
  void use_on_this_thread() { MINERALSIM_CUDA_CHECK(cudaSetDevice(device_)); }
  // Two host slots of `bytes` each: pinned, so that the copies run without the host; in ordinary
  // memory if the system cannot pin that much (the copies are then staged by the driver, slower
  // but the same bytes).
  void reserve(std::size_t bytes) {
    const std::size_t size = bytes > 0 ? bytes : 1;
    for (unsigned char*& slot : host_slots_) {
      void* pinned = nullptr;
      if (cudaMallocHost(&pinned, size) != cudaSuccess) {
        pinned_ = false;
        cudaGetLastError();  // the failed pinning is handled here, not reported later
        break;
      }
      slot = static_cast<unsigned char*>(pinned);
    }
    if (pinned_) return;
    for (unsigned char*& slot : host_slots_) {
      cudaFreeHost(slot);  // a slot pinned before the failure; null is a no-op
      slot = new unsigned char[size];
    }
  }
  // A copy within the device, ordered after this thread's earlier kernels and before its later
  // ones (both on the default stream).
  void snapshot(unsigned char* to, const unsigned char* from, std::size_t bytes) {
    MINERALSIM_CUDA_CHECK(cudaMemcpyAsync(to, from, bytes, cudaMemcpyDeviceToDevice, nullptr));
  }
  // After the snapshots, without holding up later kernels: `bytes` from `from` (device) into host
  // slot `slot`. Also reports a failure of this thread's earlier device work.
  void send_to_host(int slot, const unsigned char* from, std::size_t bytes) {
    MINERALSIM_CUDA_CHECK(cudaGetLastError());
    MINERALSIM_CUDA_CHECK(cudaEventRecord(snapshots_done_, nullptr));
    MINERALSIM_CUDA_CHECK(cudaStreamWaitEvent(copies_, snapshots_done_, 0));
    MINERALSIM_CUDA_CHECK(
        cudaMemcpyAsync(host_slots_[slot], from, bytes, cudaMemcpyDeviceToHost, copies_));
    MINERALSIM_CUDA_CHECK(cudaEventRecord(copied_[slot], copies_));
  }
  // Until what was sent to `slot` is in its host slot.
  void wait_for_host(int slot) { MINERALSIM_CUDA_CHECK(cudaEventSynchronize(copied_[slot])); }
  const unsigned char* host_slot(int slot) const { return host_slots_[slot]; }

 private:
  int device_ = 0;
  cudaStream_t copies_ = nullptr;
  cudaEvent_t snapshots_done_ = nullptr;
  cudaEvent_t copied_[2] = {nullptr, nullptr};
  unsigned char* host_slots_[2] = {nullptr, nullptr};
  bool pinned_ = true;
};

}  // namespace mineralsim::kernels
