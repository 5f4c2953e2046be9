// A C++20 code base (-std=c++20): the CUDA headers next to concepts,
// designated initialisers, consteval, template lambdas, [[likely]] and
// operator<=>. A concept-constrained kernel template over __half,
// __nv_bfloat16 and __nv_fp8_e5m2 storage types, cooperative-groups
// reductions (cg::reduce) and vector types.
// txcc-flags: -std=c++20
#include <compare>
#include <concepts>
#include <cstdio>
#include <cuda_runtime.h>
#include <vector_types.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <cuda_fp8.h>
#include <math_constants.h>
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

static_assert(__cplusplus >= 202002L, "built as C++20");

template <typename T>
concept Storage16or8 = (sizeof(T) == 2 || sizeof(T) == 1) && requires(T t) { static_cast<float>(t); };

struct LaunchConfig {
  int blocks = 1, threads = 32;
  size_t shared = 0;
  auto operator<=>(const LaunchConfig &) const = default;
};

consteval int tileWidth() { return 32; }

template <Storage16or8 T>
__global__ void sumOfSquares(const T *in, float *out, int n) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<tileWidth()> tile = cg::tiled_partition<tileWidth()>(block);
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 0.0f;
  if (i < n) [[likely]] {
    float f = static_cast<float>(in[i]);
    v = f * f;
  }
  float s = cg::reduce(tile, v, cg::plus<float>());
  if (tile.thread_rank() == 0) atomicAdd(out, s);
}

template <Storage16or8 T>
static int run(const char *name, int n) {
  T *h = new T[n];
  double ref = 0.0;
  for (int i = 0; i < n; ++i) {
    h[i] = T(0.25f * (float)(i % 13) - 1.5f);  // exactly representable in all three formats
    double f = static_cast<float>(h[i]);
    ref += f * f;
  }
  T *d;
  float *dsum, sum = 0.0f;
  CHECK(cudaMalloc(&d, n * sizeof(T)));
  CHECK(cudaMalloc(&dsum, sizeof(float)));
  CHECK(cudaMemcpy(d, h, n * sizeof(T), cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dsum, 0, sizeof(float)));
  constexpr LaunchConfig base{.threads = 128};
  LaunchConfig cfg{.blocks = (n + base.threads - 1) / base.threads, .threads = base.threads};
  if ((cfg <=> base) == std::strong_ordering::less) { printf("FAIL: operator<=>\n"); return 1; }
  sumOfSquares<<<cfg.blocks, cfg.threads, cfg.shared>>>(d, dsum, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(&sum, dsum, sizeof sum, cudaMemcpyDeviceToHost));
  if (sum != (float)ref) { printf("FAIL: %s: %g expected %g\n", name, sum, ref); return 1; }
  CHECK(cudaFree(d)); CHECK(cudaFree(dsum));
  delete[] h;
  return 0;
}

int main() {
  auto check = []<typename T>(T v, T lo, T hi) { return v >= lo && v <= hi; };  // template lambda
  if (!check(CUDART_PI_F, 3.14f, 3.15f) || !check(make_int2(1, 2).y, 0, 3)) { printf("FAIL: constants\n"); return 1; }
  if (run<__half>("half", 3000) || run<__nv_bfloat16>("bfloat16", 3000) || run<__nv_fp8_e5m2>("fp8 e5m2", 3000))
    return 1;
  printf("PASS\n");
  return 0;
}
