// CUDA kernels that run the single-source model (include/mineralsim/model) on the device.
#include <cuda_runtime.h>

#include <string>
#include <vector>

#include "mineralsim/model/day_step.hpp"
#include "mineralsim/model/initial_state.hpp"
#include "model_kernels.hpp"

namespace mineralsim::kernels {

namespace {

#define MINERALSIM_CUDA_CALL(call)                                                               \
  do {                                                                                           \
    const cudaError_t mineralsim_cuda_status = (call);                                           \
    if (mineralsim_cuda_status != cudaSuccess) {                                                 \
      return std::string(#call) + " failed at " __FILE__ ":" + std::to_string(__LINE__) + ": " + \
             cudaGetErrorString(mineralsim_cuda_status);                                         \
    }                                                                                            \
  } while (false)

// Device copies of every array a ModelParameters points to; freed on destruction.
class DeviceModel {
 public:
  ~DeviceModel() {
    for (void* p : allocations_) cudaFree(p);
  }
  template <class T>
  std::string copy(const T* host, int count, const T*& device) {
    device = nullptr;
    if (count <= 0) return "";
    void* p = nullptr;
    MINERALSIM_CUDA_CALL(cudaMalloc(&p, sizeof(T) * static_cast<std::size_t>(count)));
    allocations_.push_back(p);
    MINERALSIM_CUDA_CALL(
        cudaMemcpy(p, host, sizeof(T) * static_cast<std::size_t>(count), cudaMemcpyHostToDevice));
    device = static_cast<const T*>(p);
    return "";
  }
  std::string upload(const model::ModelParameters& h, model::ModelParameters& d) {
    d = h;
    const model::Dimensions& n = h.dims;
    const int supply = n.suppliers * n.commodities;
    const int demand = n.importers * n.commodities;
    std::string e;
    if (!(e = copy(h.values, h.value_count, d.values)).empty()) return e;
    if (!(e = copy(h.drawn_slot, h.value_count, d.drawn_slot)).empty()) return e;
    if (!(e = copy(h.drawn_value_index, h.drawn_count, d.drawn_value_index)).empty()) return e;
    if (!(e = copy(h.distributions, h.drawn_count, d.distributions)).empty()) return e;
    if (!(e = copy(h.regime_exporter, n.regimes, d.regime_exporter)).empty()) return e;
    if (!(e = copy(h.regime_commodity, n.regimes, d.regime_commodity)).empty()) return e;
    if (!(e = copy(h.regime_initial_level, n.regimes, d.regime_initial_level)).empty()) return e;
    if (!(e = copy(h.license_stages, n.regimes, d.license_stages)).empty()) return e;
    if (!(e = copy(h.regime_of_supply, supply, d.regime_of_supply)).empty()) return e;
    if (!(e = copy(h.restricted_destination, n.regimes * n.importers, d.restricted_destination))
             .empty())
      return e;
    if (!(e = copy(h.project_supplier, n.projects, d.project_supplier)).empty()) return e;
    if (!(e = copy(h.project_commodity, n.projects, d.project_commodity)).empty()) return e;
    if (!(e = copy(h.project_day, n.projects, d.project_day)).empty()) return e;
    if (!(e = copy(h.holding_importer, n.holdings, d.holding_importer)).empty()) return e;
    if (!(e = copy(h.holding_commodity, n.holdings, d.holding_commodity)).empty()) return e;
    if (!(e = copy(h.offtake_supplier, n.offtakes, d.offtake_supplier)).empty()) return e;
    if (!(e = copy(h.offtake_importer, n.offtakes, d.offtake_importer)).empty()) return e;
    if (!(e = copy(h.offtake_commodity, n.offtakes, d.offtake_commodity)).empty()) return e;
    if (!(e = copy(h.recycling_start_day, demand, d.recycling_start_day)).empty()) return e;
    if (!(e = copy(h.recycling_end_day, demand, d.recycling_end_day)).empty()) return e;
    if (!(e = copy(h.tariff_importer, n.tariffs, d.tariff_importer)).empty()) return e;
    if (!(e = copy(h.tariff_regime, n.tariffs, d.tariff_regime)).empty()) return e;
    if (!(e = copy(h.tariff_start_day, n.tariffs, d.tariff_start_day)).empty()) return e;
    if (!(e = copy(h.tariff_end_day, n.tariffs, d.tariff_end_day)).empty()) return e;
    if (!(e = copy(h.window_start_day, n.windows, d.window_start_day)).empty()) return e;
    if (!(e = copy(h.window_days, n.windows, d.window_days)).empty()) return e;
    return copy(h.events, n.events, d.events);
  }

 private:
  std::vector<void*> allocations_;
};

__global__ void initialise_kernel(model::ModelParameters m, model::StateLayout layout,
                                  double* reals, std::int32_t* ints, double* draws, int lanes,
                                  std::uint64_t seed, std::uint64_t first) {
  const int lane = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (lane >= lanes) return;
  const std::uint64_t trajectory = first + static_cast<std::uint64_t>(lane);
  model::draw_trajectory_parameters(m, seed, trajectory, draws, lanes, lane);
  model::initialise_trajectory(m, model::ParamReader{&m, {draws, lanes}, lane},
                               model::LaneState{&layout, reals, ints, lanes, lane}, seed,
                               trajectory);
}

__global__ void step_kernel(model::ModelParameters m, model::StateLayout layout, double* reals,
                            std::int32_t* ints, const double* draws, int lanes, std::uint64_t seed,
                            std::uint64_t first, int day) {
  const int lane = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  if (lane >= lanes) return;
  model::step_lane(m, {draws, lanes}, layout, reals, ints, lanes, lane, seed,
                   first + static_cast<std::uint64_t>(lane), day);
}

template <class T>
struct DeviceBuffer {
  T* data = nullptr;
  ~DeviceBuffer() { cudaFree(data); }
};

}  // namespace

int cuda_device_count() {
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) return 0;
  return count;
}

std::string simulate_on_device(const model::ModelParameters& host_model, std::uint64_t seed,
                               std::uint64_t first, int lanes, int days, double* host_reals,
                               std::int32_t* host_ints, double* host_draws) {
  DeviceModel device_model;
  model::ModelParameters m{};
  std::string error = device_model.upload(host_model, m);
  if (!error.empty()) return error;
  // The layout is passed by value; the kernel's LaneState points at this copy in local memory.
  const model::StateLayout layout = model::StateLayout::for_dimensions(host_model.dims);
  const auto n = static_cast<std::size_t>(lanes);
  const std::size_t real_count = static_cast<std::size_t>(layout.real_elements) * n;
  const std::size_t int_count = static_cast<std::size_t>(layout.int_elements) * n;
  const std::size_t draw_count = static_cast<std::size_t>(host_model.drawn_count) * n;
  DeviceBuffer<double> reals, draws;
  DeviceBuffer<std::int32_t> ints;
  MINERALSIM_CUDA_CALL(cudaMalloc(&reals.data, sizeof(double) * real_count));
  MINERALSIM_CUDA_CALL(cudaMalloc(&ints.data, sizeof(std::int32_t) * int_count));
  MINERALSIM_CUDA_CALL(cudaMalloc(&draws.data, sizeof(double) * (draw_count > 0 ? draw_count : 1)));
  constexpr int kThreads = 128;
  const int blocks = (lanes + kThreads - 1) / kThreads;
  initialise_kernel<<<blocks, kThreads>>>(m, layout, reals.data, ints.data, draws.data, lanes, seed,
                                          first);
  MINERALSIM_CUDA_CALL(cudaGetLastError());
  for (int day = 0; day < days; ++day) {
    step_kernel<<<blocks, kThreads>>>(m, layout, reals.data, ints.data, draws.data, lanes, seed,
                                      first, day);
    MINERALSIM_CUDA_CALL(cudaGetLastError());
  }
  MINERALSIM_CUDA_CALL(cudaDeviceSynchronize());
  MINERALSIM_CUDA_CALL(
      cudaMemcpy(host_reals, reals.data, sizeof(double) * real_count, cudaMemcpyDeviceToHost));
  MINERALSIM_CUDA_CALL(
      cudaMemcpy(host_ints, ints.data, sizeof(std::int32_t) * int_count, cudaMemcpyDeviceToHost));
  if (draw_count > 0) {
    MINERALSIM_CUDA_CALL(
        cudaMemcpy(host_draws, draws.data, sizeof(double) * draw_count, cudaMemcpyDeviceToHost));
  }
  return "";
}

}  // namespace mineralsim::kernels
