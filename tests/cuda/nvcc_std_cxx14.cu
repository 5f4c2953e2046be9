// A C++14 code base (-std=c++14): the CUDA headers must build in that
// dialect, next to C++14 idioms (generic lambdas, constexpr functions with
// loops, variable templates, binary literals and digit separators,
// std::make_unique). __half2 / __nv_bfloat162 packed arithmetic in a
// kernel, a cooperative-groups block-tile reduction, vector types and
// math_constants.h.
// CUDA 13's cooperative_groups.h requires C++17, so nvcc 13 builds the
// shuffle fallback; Tongxin presents CUDA 12.9 and takes the CG path.
// txcc-flags: -std=c++14
#include <cmath>
#include <cstdio>
#include <memory>
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

static_assert(__cplusplus == 201402L, "built as C++14");
template <typename T> constexpr T kScale = T(0.5);
constexpr unsigned kMask = 0b1111'1111;
constexpr int log2Ceil(int v) {  // C++14: loops in constexpr functions
  int r = 0;
  while ((1 << r) < v) ++r;
  return r;
}
static_assert(log2Ceil(1'000) == 10, "log2Ceil");

__device__ float tileSum(float v) {
#ifdef USE_CG
  auto tile = cg::tiled_partition<16>(cg::this_thread_block());
  for (int o = tile.size() / 2; o > 0; o >>= 1) v += tile.shfl_xor(v, o);
#else
  for (int o = 8; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o, 16);
#endif
  return v;
}

// y = a * x + y on pairs, in half and in bfloat16; then a 16-lane sum.
__global__ void axpyPairs(const float2 *x, const float2 *y, float4 *out, float *sums, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float s = 0.0f;
  if (i < n) {
    __half2 a = __float2half2_rn(kScale<float>);
    __half2 rh = __hfma2(a, __float22half2_rn(x[i]), __float22half2_rn(y[i]));
    __nv_bfloat162 ab = __float2bfloat162_rn(kScale<float>);
    __nv_bfloat162 rb = __hfma2(ab, __float22bfloat162_rn(x[i]), __float22bfloat162_rn(y[i]));
    float2 fh = __half22float2(rh), fb = __bfloat1622float2(rb);
    out[i] = make_float4(fh.x, fh.y, fb.x, fb.y);
    s = fh.x + fh.y;
  }
  s = tileSum(s);
  if ((threadIdx.x & 15) == 0) sums[i / 16] = s;
}

int main() {
  const int n = 1024;
  auto x = std::make_unique<float2[]>(n);
  auto y = std::make_unique<float2[]>(n);
  auto out = std::make_unique<float4[]>(n);
  auto sums = std::make_unique<float[]>(n / 16);
  auto wave = [](auto k, auto scale) { return scale * sinf(CUDART_PIO4_F * (k & kMask) / 8); };  // generic lambda
  for (int i = 0; i < n; ++i) {
    x[i] = make_float2(wave(i, 4.0f), wave(i + 3, 2.0f));
    y[i] = make_float2((float)(i % 16) * 0.25f, -1.0f);
  }
  float2 *dx, *dy;
  float4 *dout;
  float *dsums;
  CHECK(cudaMalloc(&dx, n * sizeof(float2)));
  CHECK(cudaMalloc(&dy, n * sizeof(float2)));
  CHECK(cudaMalloc(&dout, n * sizeof(float4)));
  CHECK(cudaMalloc(&dsums, n / 16 * sizeof(float)));
  CHECK(cudaMemcpy(dx, x.get(), n * sizeof(float2), cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dy, y.get(), n * sizeof(float2), cudaMemcpyHostToDevice));
  axpyPairs<<<n / 128, 128>>>(dx, dy, dout, dsums, n);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(out.get(), dout, n * sizeof(float4), cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(sums.get(), dsums, n / 16 * sizeof(float), cudaMemcpyDeviceToHost));
  for (int i = 0; i < n; ++i) {
    // Each packed result is the exact a*x+y rounded once to the format.
    float h0 = __half2float(__float2half_rn(x[i].x)), h1 = __half2float(__float2half_rn(x[i].y));
    float b0 = __bfloat162float(__float2bfloat16_rn(x[i].x)), b1 = __bfloat162float(__float2bfloat16_rn(x[i].y));
    float r[4] = {__half2float(__float2half_rn(0.5f * h0 + __half2float(__float2half_rn(y[i].x)))),
                  __half2float(__float2half_rn(0.5f * h1 - 1.0f)),
                  __bfloat162float(__float2bfloat16_rn(0.5f * b0 + __bfloat162float(__float2bfloat16_rn(y[i].x)))),
                  __bfloat162float(__float2bfloat16_rn(0.5f * b1 - 1.0f))};
    float g[4] = {out[i].x, out[i].y, out[i].z, out[i].w};
    for (int k = 0; k < 4; ++k)
      if (g[k] != r[k]) { printf("FAIL: out[%d][%d] = %g expected %g\n", i, k, g[k], r[k]); return 1; }
  }
  for (int t = 0; t < n / 16; ++t) {
    float ref = 0.0f;
    for (int i = t * 16; i < t * 16 + 16; ++i) ref += out[i].x + out[i].y;
    if (fabsf(sums[t] - ref) > 1e-4f) { printf("FAIL: tile %d sum %g expected %g\n", t, sums[t], ref); return 1; }
  }
  CHECK(cudaFree(dx)); CHECK(cudaFree(dy)); CHECK(cudaFree(dout)); CHECK(cudaFree(dsums));
  printf("PASS\n");
  return 0;
}
