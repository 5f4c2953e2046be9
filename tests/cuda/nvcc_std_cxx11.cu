// A C++11 code base (-std=c++11): the CUDA headers it includes must build
// in that dialect, with C++11 idioms around them (constexpr one-liners,
// enum class, alias templates, decltype, range-for). Quantises a signal to
// half, bfloat16 and fp8 E4M3 in a kernel and reduces the squared errors
// with a cooperative-groups warp tile.
// CUDA 13's cooperative_groups.h requires C++17, so nvcc 13 builds the
// shuffle fallback; Tongxin presents CUDA 12.9 and takes the CG path.
// txcc-flags: -std=c++11
#include <cmath>
#include <cstdio>
#include <vector>
#include <cuda_runtime.h>
#include <vector_types.h>
#include <cuda_fp16.h>
#include <cuda_bf16.h>
#include <cuda_fp8.h>
#include <math_constants.h>
#if CUDART_VERSION < 13000 || __cplusplus >= 201703L
#include <cooperative_groups.h>
namespace cg = cooperative_groups;
#define USE_CG 1
#endif

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

static_assert(__cplusplus == 201103L, "built as C++11");
enum class Format : int { Half = 0, BFloat16 = 1, E4M3 = 2 };
template <typename T> using Ptr = T *;
constexpr int kBlock = 128;
constexpr int ceilDiv(int a, int b) { return (a + b - 1) / b; }

__device__ float warpSum(float v) {
#ifdef USE_CG
  cg::thread_block_tile<32> tile = cg::tiled_partition<32>(cg::this_thread_block());
  for (int o = 16; o > 0; o >>= 1) v += tile.shfl_down(v, o);
#else
  for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
#endif
  return v;
}

__host__ __device__ float quantize(float x, Format f) {
  return f == Format::Half ? __half2float(__float2half(x))
         : f == Format::BFloat16 ? __bfloat162float(__float2bfloat16(x))
                                 : static_cast<float>(__nv_fp8_e4m3(x));
}

__global__ void quantError(Ptr<const float2> in, Ptr<float> err, int n, Format f) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float e = 0.0f;
  if (i < n) {
    float2 v = in[i];
    float dx = quantize(v.x, f) - v.x, dy = quantize(v.y, f) - v.y;
    e = dx * dx + dy * dy;
  }
  e = warpSum(e);
  if ((threadIdx.x & 31) == 0) atomicAdd(err, e);
}

int main() {
  const int n = 4096;
  std::vector<float2> h(n);
  for (int i = 0; i < n; ++i)  // unit circle samples: sin/cos of multiples of pi/2048
    h[i] = make_float2(cosf(CUDART_PI_F * i / 2048), sinf(CUDART_PI_F * i / 2048));
  float2 *d;
  float *derr;
  CHECK(cudaMalloc(&d, n * sizeof(float2)));
  CHECK(cudaMalloc(&derr, sizeof(float)));
  CHECK(cudaMemcpy(d, h.data(), n * sizeof(float2), cudaMemcpyHostToDevice));
  const Format formats[] = {Format::Half, Format::BFloat16, Format::E4M3};
  double prev = 0.0;
  for (Format f : formats) {
    CHECK(cudaMemset(derr, 0, sizeof(float)));
    quantError<<<ceilDiv(n, kBlock), kBlock>>>(d, derr, n, f);
    CHECK(cudaGetLastError());
    float got = 0.0f;
    CHECK(cudaMemcpy(&got, derr, sizeof got, cudaMemcpyDeviceToHost));
    double ref = 0.0;
    for (const float2 &v : h) {
      decltype(ref) dx = quantize(v.x, f) - v.x, dy = quantize(v.y, f) - v.y;
      ref += dx * dx + dy * dy;
    }
    if (fabs(got - ref) > 1e-4 * ref || ref <= prev) {
      printf("FAIL: format %d: error %g expected %g (previous %g)\n", static_cast<int>(f), got, ref, prev);
      return 1;
    }
    prev = ref;  // coarser formats must lose more
  }
  CHECK(cudaFree(d)); CHECK(cudaFree(derr));
  printf("PASS\n");
  return 0;
}
