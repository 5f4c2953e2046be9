// An MXFP8 linear layer as low-precision inference code runs it: a kernel
// quantises fp32 activations and weights to e4m3 with one E8M0 scale per
// 32 values along K (the power of two that brings the block's largest
// magnitude under e4m3's 448), writes the scales in cuBLASLt's tiled
// layout, and cublasLtMatmul multiplies with VEC32_UE8M0 block scaling into
// bf16. The quantised values are checked against e4m3's precision, and
// the product against the dequantised values' (up to fp32 sums and bf16
// rounding); how far MXFP8 is from the fp32 product is printed.
// txcc-flags: -lcublasLt
// private-memory-skip: the libraries refuse such devices (NOT_SUPPORTED)
#include <cublasLt.h>
#include <cuda_bf16.h>
#include <cuda_fp8.h>
#include <cuda_runtime.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

#define CHECK_CUDA(X)                                                          \
  do {                                                                         \
    cudaError_t E_ = (X);                                                      \
    if (E_ != cudaSuccess) {                                                   \
      printf("CUDA error %s at line %d\n", cudaGetErrorString(E_), __LINE__);  \
      return 1;                                                                \
    }                                                                          \
  } while (0)
#define CHECK_LT(X)                                                            \
  do {                                                                         \
    cublasStatus_t S_ = (X);                                                   \
    if (S_ != CUBLAS_STATUS_SUCCESS) {                                         \
      printf("cuBLASLt error %s at line %d\n", cublasLtGetStatusName(S_),      \
             __LINE__);                                                        \
      return 1;                                                                \
    }                                                                          \
  } while (0)

constexpr int Block = 32;

// cuBLASLt's layout of scale factors: tiles of 128 rows x 4 blocks (512
// bytes, tiles in row-major order); in a tile, row r's factors start at
// (r % 32) * 16 + (r / 32) * 4.
__host__ __device__ size_t scaleOffset(int row, int block, int blocks) {
  int tilesAlongK = (blocks + 3) / 4;
  size_t tile = size_t(row / 128) * tilesAlongK + block / 4;
  return tile * 512 + (row % 32) * 16 + ((row % 128) / 32) * 4 + block % 4;
}

// One warp per (row, block): X is rows x k, K-contiguous (a row of the
// activations, or a column of the weights). The block's amax by a warp
// reduction, the scale the E8M0 power of two that fits it under 448.
__global__ void quantise(const float *x, int rows, int k, __nv_fp8_e4m3 *q,
                         __nv_fp8_e8m0 *scales) {
  int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  int lane = threadIdx.x % 32, blocks = k / Block;
  if (warp >= rows * blocks)
    return;
  int row = warp / blocks, block = warp % blocks;
  float v = x[size_t(row) * k + block * Block + lane];
  float amax = fabsf(v);
  for (int d = 16; d > 0; d /= 2)
    amax = fmaxf(amax, __shfl_xor_sync(0xffffffff, amax, d));
  // The smallest power of two s with amax / s <= 448 (1 for an all-zero
  // block).
  int e = amax > 0 ? (int)ceilf(log2f(amax / 448.0f)) : 0;
  float s = ldexpf(1.0f, e);
  q[size_t(row) * k + block * Block + lane] = __nv_fp8_e4m3(v / s);
  if (lane == 0)
    scales[scaleOffset(row, block, blocks)] = __nv_fp8_e8m0(s);
}

int main() {
  const int M = 200, N = 96, K = 256; // M crosses a 128-row tile
  std::vector<float> hx(size_t(M) * K), hw(size_t(N) * K);
  for (size_t i = 0; i < hx.size(); ++i) // activations: varied magnitudes
    hx[i] = std::sin(0.37f * i) * std::ldexp(1.0f, int(i / Block % 7) - 3);
  for (size_t i = 0; i < hw.size(); ++i)
    hw[i] = std::cos(0.11f * i) * 0.05f;
  const int blocksK = K / Block;
  const size_t scaleBytesA =
                   size_t((M + 127) / 128) * ((blocksK + 3) / 4) * 512,
               scaleBytesB =
                   size_t((N + 127) / 128) * ((blocksK + 3) / 4) * 512;
  float *dx, *dw;
  __nv_fp8_e4m3 *qx, *qw;
  __nv_fp8_e8m0 *sx, *sw;
  __nv_bfloat16 *dy;
  CHECK_CUDA(cudaMalloc(&dx, hx.size() * 4));
  CHECK_CUDA(cudaMalloc(&dw, hw.size() * 4));
  CHECK_CUDA(cudaMalloc(&qx, hx.size()));
  CHECK_CUDA(cudaMalloc(&qw, hw.size()));
  CHECK_CUDA(cudaMalloc(&sx, scaleBytesA));
  CHECK_CUDA(cudaMalloc(&sw, scaleBytesB));
  CHECK_CUDA(cudaMalloc(&dy, size_t(M) * N * 2));
  CHECK_CUDA(cudaMemcpy(dx, hx.data(), hx.size() * 4, cudaMemcpyHostToDevice));
  CHECK_CUDA(cudaMemcpy(dw, hw.data(), hw.size() * 4, cudaMemcpyHostToDevice));
  quantise<<<(M * blocksK * 32 + 255) / 256, 256>>>(dx, M, K, qx, sx);
  quantise<<<(N * blocksK * 32 + 255) / 256, 256>>>(dw, N, K, qw, sw);
  CHECK_CUDA(cudaGetLastError());

  // y (M x N, column-major) = x w^T: A is x stored K x M (op T), B is w^T
  // stored K x N (op N), the TN form block scaling needs.
  cublasLtHandle_t lt;
  CHECK_LT(cublasLtCreate(&lt));
  cublasLtMatmulDesc_t desc;
  CHECK_LT(cublasLtMatmulDescCreate(&desc, CUBLAS_COMPUTE_32F, CUDA_R_32F));
  cublasOperation_t transA = CUBLAS_OP_T;
  int32_t mode = CUBLASLT_MATMUL_MATRIX_SCALE_VEC32_UE8M0;
  const void *scalesA = sx, *scalesB = sw;
  CHECK_LT(cublasLtMatmulDescSetAttribute(desc, CUBLASLT_MATMUL_DESC_TRANSA,
                                          &transA, sizeof transA));
  CHECK_LT(cublasLtMatmulDescSetAttribute(
      desc, CUBLASLT_MATMUL_DESC_A_SCALE_MODE, &mode, sizeof mode));
  CHECK_LT(cublasLtMatmulDescSetAttribute(
      desc, CUBLASLT_MATMUL_DESC_B_SCALE_MODE, &mode, sizeof mode));
  CHECK_LT(cublasLtMatmulDescSetAttribute(
      desc, CUBLASLT_MATMUL_DESC_A_SCALE_POINTER, &scalesA, sizeof scalesA));
  CHECK_LT(cublasLtMatmulDescSetAttribute(
      desc, CUBLASLT_MATMUL_DESC_B_SCALE_POINTER, &scalesB, sizeof scalesB));
  cublasLtMatrixLayout_t la, lb, ly;
  CHECK_LT(cublasLtMatrixLayoutCreate(&la, CUDA_R_8F_E4M3, K, M, K));
  CHECK_LT(cublasLtMatrixLayoutCreate(&lb, CUDA_R_8F_E4M3, K, N, K));
  CHECK_LT(cublasLtMatrixLayoutCreate(&ly, CUDA_R_16BF, M, N, M));
  float alpha = 1.0f, beta = 0.0f;
  cublasStatus_t status = cublasLtMatmul(lt, desc, &alpha, qx, la, qw, lb,
                                         &beta, dy, ly, dy, ly, nullptr,
                                         nullptr, 0, 0);
  cudaDeviceProp prop;
  CHECK_CUDA(cudaGetDeviceProperties(&prop, 0));
  if (status == CUBLAS_STATUS_NOT_SUPPORTED && !prop.integrated &&
      prop.major < 10) {
    // NVIDIA's cuBLASLt has block-scaled fp8 only from Blackwell (sm_100):
    // on older GPUs "not supported" is the right answer.
    printf("PASS: %s (sm_%d%d) has no MXFP8 matmul: "
           "CUBLAS_STATUS_NOT_SUPPORTED\n",
           prop.name, prop.major, prop.minor);
    return 0;
  }
  CHECK_LT(status);
  CHECK_CUDA(cudaDeviceSynchronize());

  std::vector<__nv_fp8_e4m3> hqx(hx.size()), hqw(hw.size());
  std::vector<__nv_fp8_e8m0> hsx(scaleBytesA), hsw(scaleBytesB);
  std::vector<__nv_bfloat16> hy(size_t(M) * N);
  CHECK_CUDA(cudaMemcpy(hqx.data(), qx, hqx.size(), cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(hqw.data(), qw, hqw.size(), cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(hsx.data(), sx, scaleBytesA, cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(hsw.data(), sw, scaleBytesB, cudaMemcpyDeviceToHost));
  CHECK_CUDA(cudaMemcpy(hy.data(), dy, hy.size() * 2, cudaMemcpyDeviceToHost));
  auto dequantised = [&](const std::vector<__nv_fp8_e4m3> &q,
                         const std::vector<__nv_fp8_e8m0> &s, int row, int k) {
    return double(float(q[size_t(row) * K + k])) *
           double(float(s[scaleOffset(row, k / Block, blocksK)]));
  };
  int failures = 0;
  double worst = 0, scaleOfY = 0;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double exact = 0, magnitude = 0, full = 0;
      for (int k = 0; k < K; ++k) {
        double term = dequantised(hqx, hsx, i, k) * dequantised(hqw, hsw, j, k);
        exact += term;
        magnitude += std::fabs(term);
        full += double(hx[size_t(i) * K + k]) * hw[size_t(j) * K + k];
      }
      double got = double(__bfloat162float(hy[size_t(j) * M + i]));
      // The product of the quantised operands, summed in fp32 and rounded
      // once to bf16.
      if (std::fabs(got - exact) >
              std::ldexp(std::fabs(exact), -8) + 1e-6 * magnitude &&
          ++failures <= 10)
        printf("FAIL: y[%d][%d] = %.7g, want %.7g\n", i, j, got, exact);
      worst = std::fmax(worst, std::fabs(got - full));
      scaleOfY = std::fmax(scaleOfY, std::fabs(full));
    }
  // The quantisation itself: e4m3 keeps 3 fraction bits, so each value is
  // within 2^-4 of itself, or (e4m3 subnormals, below 2^-6 of the scale)
  // within 2^-10 of its block's scale.
  auto checkQuantised = [&](const char *what, const std::vector<float> &v,
                            const std::vector<__nv_fp8_e4m3> &q,
                            const std::vector<__nv_fp8_e8m0> &s, int rows) {
    for (int row = 0; row < rows; ++row)
      for (int k = 0; k < K; ++k) {
        double value = v[size_t(row) * K + k];
        double scale = float(s[scaleOffset(row, k / Block, blocksK)]);
        double error = std::fabs(dequantised(q, s, row, k) - value);
        if (error > std::ldexp(std::fabs(value), -4) + std::ldexp(scale, -10) &&
            ++failures <= 10)
          printf("FAIL: %s[%d][%d] = %.7g quantised to %.7g\n", what, row, k,
                 value, dequantised(q, s, row, k));
      }
  };
  checkQuantised("x", hx, hqx, hsx, M);
  checkQuantised("w", hw, hqw, hsw, N);
  cublasLtMatrixLayoutDestroy(la);
  cublasLtMatrixLayoutDestroy(lb);
  cublasLtMatrixLayoutDestroy(ly);
  cublasLtMatmulDescDestroy(desc);
  cublasLtDestroy(lt);
  cudaFree(dx), cudaFree(dw), cudaFree(qx), cudaFree(qw), cudaFree(sx);
  cudaFree(sw), cudaFree(dy);
  if (failures) {
    printf("%d failures\n", failures);
    return 1;
  }
  printf("PASS (MXFP8 vs fp32: largest difference %.3g, largest |y| %.3g)\n",
         worst, scaleOfY);
  return 0;
}
