// The warp-reduction idiom of AI kernels: a row-wise softmax where each warp
// owns a row, reduces max and sum with __shfl_xor_sync butterflies, and a
// block-level sum that combines per-warp partials through shared memory.
// Block size 96 (three warps) and rows longer than a warp.
#include <cmath>
#include <cstdio>
#include <vector>

#define CHECK(x)                                                               \
  do {                                                                         \
    cudaError_t e = (x);                                                       \
    if (e != cudaSuccess) {                                                    \
      printf("FAIL: %s:%d: %s\n", __FILE__, __LINE__, cudaGetErrorString(e));  \
      return 1;                                                                \
    }                                                                          \
  } while (0)

__device__ float warpMax(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
  return v;
}

__device__ float warpSum(float v) {
  for (int offset = 16; offset > 0; offset /= 2)
    v += __shfl_xor_sync(0xffffffffu, v, offset);
  return v;
}

__global__ void softmaxRows(const float *in, float *out, int rows, int cols) {
  int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  int lane = threadIdx.x % 32;
  if (warp >= rows)
    return;
  const float *row = in + warp * cols;
  float m = -INFINITY;
  for (int c = lane; c < cols; c += 32)
    m = fmaxf(m, row[c]);
  m = warpMax(m);
  float s = 0.f;
  for (int c = lane; c < cols; c += 32)
    s += expf(row[c] - m);
  s = warpSum(s);
  for (int c = lane; c < cols; c += 32)
    out[warp * cols + c] = expf(row[c] - m) / s;
}

__global__ void blockSum(const float *in, float *out, int n) {
  __shared__ float partial[32];
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = i < n ? in[i] : 0.f;
  v = warpSum(v);
  if (threadIdx.x % 32 == 0)
    partial[threadIdx.x / 32] = v;
  __syncthreads();
  if (threadIdx.x < 32) {
    int warps = blockDim.x / 32;
    v = threadIdx.x < warps ? partial[threadIdx.x] : 0.f;
    v = warpSum(v);
    if (threadIdx.x == 0)
      out[blockIdx.x] = v;
  }
}

int main() {
  const int rows = 37, cols = 200;
  std::vector<float> h(rows * cols), res(rows * cols);
  unsigned seed = 12345;
  for (float &x : h) {
    seed = seed * 1664525u + 1013904223u;
    x = (seed >> 8) / float(1 << 24) * 8.f - 4.f;
  }
  float *dIn, *dOut;
  CHECK(cudaMalloc(&dIn, h.size() * sizeof(float)));
  CHECK(cudaMalloc(&dOut, h.size() * sizeof(float)));
  CHECK(cudaMemcpy(dIn, h.data(), h.size() * sizeof(float), cudaMemcpyHostToDevice));
  int threads = 96, blocks = (rows * 32 + threads - 1) / threads;
  softmaxRows<<<blocks, threads>>>(dIn, dOut, rows, cols);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(res.data(), dOut, res.size() * sizeof(float), cudaMemcpyDeviceToHost));
  for (int r = 0; r < rows; ++r) {
    double m = -1e30, s = 0;
    for (int c = 0; c < cols; ++c) m = std::fmax(m, h[r * cols + c]);
    for (int c = 0; c < cols; ++c) s += std::exp(h[r * cols + c] - m);
    for (int c = 0; c < cols; ++c) {
      double want = std::exp(h[r * cols + c] - m) / s;
      if (std::fabs(res[r * cols + c] - want) > 1e-5 * want + 1e-7) {
        printf("FAIL: softmax[%d][%d] = %g, expected %g\n", r, c,
               res[r * cols + c], want);
        return 1;
      }
    }
  }

  const int n = rows * cols, sumThreads = 256;
  int sumBlocks = (n + sumThreads - 1) / sumThreads;
  float *dSums;
  CHECK(cudaMalloc(&dSums, sumBlocks * sizeof(float)));
  blockSum<<<sumBlocks, sumThreads>>>(dIn, dSums, n);
  CHECK(cudaGetLastError());
  std::vector<float> sums(sumBlocks);
  CHECK(cudaMemcpy(sums.data(), dSums, sumBlocks * sizeof(float), cudaMemcpyDeviceToHost));
  for (int b = 0; b < sumBlocks; ++b) {
    double want = 0;
    for (int i = b * sumThreads; i < n && i < (b + 1) * sumThreads; ++i)
      want += h[i];
    if (std::fabs(sums[b] - want) > 1e-3) {
      printf("FAIL: block %d sum %g expected %g\n", b, sums[b], want);
      return 1;
    }
  }
  CHECK(cudaFree(dIn)); CHECK(cudaFree(dOut)); CHECK(cudaFree(dSums));
  printf("PASS\n");
  return 0;
}
