// The single-source model (include/mineralsim/model) and its statistics on a CUDA device, through
// the Thrust batch runner (thrust_batch_runner.hpp) with the CUDA system.
#include <cuda_runtime.h>

#include <thrust/system/cuda/execution_policy.h>
#include <thrust/system/cuda/vector.h>
#include <thrust/system_error.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "cuda_check.hpp"
#include "cuda_link.hpp"
#include "device_batch_backend.hpp"
#include "model_kernels.hpp"

namespace mineralsim::kernels {

namespace {

using CudaPolicy = std::decay_t<decltype(thrust::cuda::par)>;

// Device arrays, freed on destruction.
class DeviceArrays {
 public:
  DeviceArrays() = default;
  DeviceArrays(const DeviceArrays&) = delete;
  DeviceArrays& operator=(const DeviceArrays&) = delete;
  ~DeviceArrays() {
    for (void* p : allocations_) cudaFree(p);
  }
  template <class T>
  std::string allocate(std::size_t count, T*& device) {
    void* p = nullptr;
    MINERALSIM_CUDA_CALL(cudaMalloc(&p, sizeof(T) * (count > 0 ? count : 1)));
    allocations_.push_back(p);
    device = static_cast<T*>(p);
    return "";
  }
  template <class T>
  std::string upload(const T* host, std::size_t count, T*& device) {
    const std::string error = allocate(count, device);
    if (!error.empty() || count == 0) return error;
    MINERALSIM_CUDA_CALL(cudaMemcpy(device, host, sizeof(T) * count, cudaMemcpyHostToDevice));
    return "";
  }
  // For the read-only arrays a ModelParameters points to; null when there are none.
  template <class T>
  std::string upload_constant(const T* host, int count, const T*& device) {
    device = nullptr;
    if (count <= 0) return "";
    T* p = nullptr;
    const std::string error = upload(host, static_cast<std::size_t>(count), p);
    device = p;
    return error;
  }

 private:
  std::vector<void*> allocations_;
};

// d: h with every array it points to copied to the device (owned by `arrays`).
std::string upload_model(DeviceArrays& arrays, const model::ModelParameters& h,
                         model::ModelParameters& d) {
  d = h;
  const model::Dimensions& n = h.dims;
  const int supply = n.suppliers * n.commodities;
  const int demand = n.importers * n.commodities;
  std::string e;
  auto copy = [&arrays, &e](const auto* host, int count, const auto*& device) {
    if (e.empty()) e = arrays.upload_constant(host, count, device);
  };
  copy(h.values, h.value_count, d.values);
  copy(h.drawn_slot, h.value_count, d.drawn_slot);
  copy(h.drawn_value_index, h.drawn_count, d.drawn_value_index);
  copy(h.distributions, h.drawn_count, d.distributions);
  copy(h.regime_exporter, n.regimes, d.regime_exporter);
  copy(h.regime_commodity, n.regimes, d.regime_commodity);
  copy(h.regime_initial_level, n.regimes, d.regime_initial_level);
  copy(h.license_stages, n.regimes, d.license_stages);
  copy(h.regime_of_supply, supply, d.regime_of_supply);
  copy(h.restricted_destination, n.regimes * n.importers, d.restricted_destination);
  copy(h.project_supplier, n.projects, d.project_supplier);
  copy(h.project_commodity, n.projects, d.project_commodity);
  copy(h.project_day, n.projects, d.project_day);
  copy(h.holding_importer, n.holdings, d.holding_importer);
  copy(h.holding_commodity, n.holdings, d.holding_commodity);
  copy(h.offtake_supplier, n.offtakes, d.offtake_supplier);
  copy(h.offtake_importer, n.offtakes, d.offtake_importer);
  copy(h.offtake_commodity, n.offtakes, d.offtake_commodity);
  copy(h.recycling_start_day, demand, d.recycling_start_day);
  copy(h.recycling_end_day, demand, d.recycling_end_day);
  copy(h.route_tariffs_begin, n.regimes * n.importers + 1, d.route_tariffs_begin);
  copy(h.route_tariffs, n.tariffs, d.route_tariffs);
  copy(h.supply_offtakes_begin, supply + 1, d.supply_offtakes_begin);
  copy(h.supply_offtakes, n.offtakes, d.supply_offtakes);
  copy(h.tariff_start_day, n.tariffs, d.tariff_start_day);
  copy(h.tariff_end_day, n.tariffs, d.tariff_end_day);
  copy(h.window_start_day, n.windows, d.window_start_day);
  copy(h.window_days, n.windows, d.window_days);
  copy(h.events, n.events, d.events);
  return e;
}

}  // namespace

int cuda_device_count() {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) return 0;
  return count;
}

std::string cuda_device_name(int device) {
  cudaDeviceProp properties{};
  if (cudaGetDeviceProperties(&properties, device) != cudaSuccess) return "unknown";
  return properties.name;
}

std::string cuda_backend_description(int device) {
  return "cuda (device " + std::to_string(device) + ": " + cuda_device_name(device) + ")";
}

std::uint64_t cuda_free_memory(int device) {
  std::size_t free_bytes = 0, total_bytes = 0;
  if (cudaSetDevice(device) != cudaSuccess) return 0;
  if (cudaMemGetInfo(&free_bytes, &total_bytes) != cudaSuccess) return 0;
  return free_bytes;
}

namespace {

// The CUDA backend of a run in precision Real: the model's arrays copied to the device once, then
// the device batch backend over them.
template <class Real>
class CudaBatchBackend : public engine::BatchBackend {
 public:
  CudaBatchBackend(const model::ModelParameters& host_model, int capacity,
                   const engine::DailyStatistics& statistics, int device) {
    MINERALSIM_CUDA_CHECK(cudaSetDevice(device));
    const std::string error = upload_model(arrays_, host_model, device_model_);
    if (!error.empty()) throw std::runtime_error("CUDA: " + error);
    inner_ =
        std::make_unique<CudaDeviceBackend>(thrust::cuda::par, host_model, device_model_, capacity,
                                            statistics, cuda_backend_description(device));
  }
  void start_batch(std::uint64_t seed, std::uint64_t first, int lanes) override {
    naming_device_failures([&] { inner_->start_batch(seed, first, lanes); });
  }
  void finish_batch(engine::DailyStatistics& statistics, engine::PathRecorder& paths) override {
    naming_device_failures([&] { inner_->finish_batch(statistics, paths); });
  }
  engine::BatchState& state() override { return inner_->state(); }
  std::string description() const override { return inner_->description(); }
  void copy_whole_state_to(engine::BatchState& host) const { inner_->copy_whole_state_to(host); }

 private:
  using CudaDeviceBackend = DeviceBatchBackend<CudaPolicy, thrust::cuda::vector, Real, CudaLink>;
  // Thrust reports a failed kernel or allocation as a thrust::system_error.
  template <class Work>
  static void naming_device_failures(Work&& work) {
    try {
      work();
    } catch (const thrust::system_error& e) {
      throw std::runtime_error(std::string("CUDA: the batch's device work failed: ") + e.what());
    }
  }
  DeviceArrays arrays_;
  model::ModelParameters device_model_{};
  std::unique_ptr<CudaDeviceBackend> inner_;
};

}  // namespace

std::unique_ptr<engine::BatchBackend> make_cuda_backend(const model::ModelParameters& host_model,
                                                        int capacity,
                                                        const engine::DailyStatistics& statistics,
                                                        int device, engine::Precision precision) {
  return engine::with_real_type(precision, [&](auto real) -> std::unique_ptr<engine::BatchBackend> {
    return std::make_unique<CudaBatchBackend<decltype(real)>>(host_model, capacity, statistics,
                                                              device);
  });
}

std::string run_on_device(const model::ModelParameters& host_model, std::uint64_t seed,
                          std::uint64_t first, int lanes, engine::DailyStatistics& statistics,
                          engine::BatchState& final_state) {
  int device = 0;
  MINERALSIM_CUDA_CALL(cudaGetDevice(&device));
  try {
    // The backend a `--backend cuda` run uses, in the final state's precision, without sampled
    // paths.
    engine::with_real_type(final_state.precision(), [&](auto real) {
      CudaBatchBackend<decltype(real)> backend(host_model, final_state.capacity(), statistics,
                                               device);
      engine::PathRecorder no_paths(host_model, first + static_cast<std::uint64_t>(lanes), 0,
                                    statistics.days(), 1);
      backend.run_batch(seed, first, lanes, statistics, no_paths);
      backend.copy_whole_state_to(final_state);
    });
  } catch (const std::exception& e) {
    return e.what();
  }
  MINERALSIM_CUDA_CALL(cudaDeviceSynchronize());
  return "";
}

}  // namespace mineralsim::kernels
