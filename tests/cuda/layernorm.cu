// Layer normalisation over the last dimension with learned gamma/beta: one
// block per row, block reductions for mean and variance (two passes) through
// a helper __device__ function that contains the barriers.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <cuda_runtime.h>

#define CHECK(call)                                                        \
  do {                                                                     \
    cudaError_t err_ = (call);                                             \
    if (err_ != cudaSuccess) {                                             \
      printf("FAIL: %s:%d: %s: %s\n", __FILE__, __LINE__, #call,           \
             cudaGetErrorString(err_));                                    \
      return 1;                                                            \
    }                                                                      \
  } while (0)

#define BS 256

// Sum of v over the block; all threads get the result.
__device__ float blockReduceSum(float v, float *scratch) {
  int t = threadIdx.x;
  scratch[t] = v;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (t < s) scratch[t] += scratch[t + s];
    __syncthreads();
  }
  float r = scratch[0];
  __syncthreads();
  return r;
}

__global__ void layerNorm(const float *x, const float *gamma, const float *beta, float *y, int D, float eps) {
  __shared__ float scratch[BS];
  const float *row = x + (size_t)blockIdx.x * D;
  float s = 0.0f;
  for (int c = threadIdx.x; c < D; c += blockDim.x) s += row[c];
  float mean = blockReduceSum(s, scratch) / D;
  float sq = 0.0f;
  for (int c = threadIdx.x; c < D; c += blockDim.x) { float d = row[c] - mean; sq += d * d; }
  float var = blockReduceSum(sq, scratch) / D;
  float inv = rsqrtf(var + eps);
  for (int c = threadIdx.x; c < D; c += blockDim.x)
    y[(size_t)blockIdx.x * D + c] = (row[c] - mean) * inv * gamma[c] + beta[c];
}

int main() {
  const int rows = 64, D = 768;
  const float eps = 1e-5f;
  float *x = (float *)malloc(rows * D * 4), *g = (float *)malloc(D * 4), *b = (float *)malloc(D * 4), *r = (float *)malloc(rows * D * 4);
  unsigned s = 123u;
  auto rnd = [&]() { s = s * 1664525u + 1013904223u; return (float)(s >> 8) / 16777216.0f; };
  for (int i = 0; i < rows * D; ++i) x[i] = rnd() * 4.0f - 1.0f + (float)(i / D) * 0.1f;
  for (int c = 0; c < D; ++c) { g[c] = 0.5f + rnd(); b[c] = rnd() - 0.5f; }
  float *dx, *dg, *db, *dy;
  CHECK(cudaMalloc(&dx, rows * D * 4));
  CHECK(cudaMalloc(&dg, D * 4));
  CHECK(cudaMalloc(&db, D * 4));
  CHECK(cudaMalloc(&dy, rows * D * 4));
  CHECK(cudaMemcpy(dx, x, rows * D * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dg, g, D * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(db, b, D * 4, cudaMemcpyHostToDevice));
  layerNorm<<<rows, BS>>>(dx, dg, db, dy, D, eps);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dy, rows * D * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < rows; ++i) {
    double mean = 0, var = 0;
    for (int c = 0; c < D; ++c) mean += x[i * D + c];
    mean /= D;
    for (int c = 0; c < D; ++c) var += (x[i * D + c] - mean) * (x[i * D + c] - mean);
    var /= D;
    double inv = 1.0 / sqrt(var + eps);
    for (int c = 0; c < D; ++c) {
      double ref = (x[i * D + c] - mean) * inv * g[c] + b[c];
      if (fabs(r[i * D + c] - ref) > 1e-4 * (1.0 + fabs(ref))) { printf("FAIL: row %d col %d: %f expected %f\n", i, c, r[i * D + c], ref); return 1; }
    }
  }
  CHECK(cudaFree(dx)); CHECK(cudaFree(dg)); CHECK(cudaFree(db)); CHECK(cudaFree(dy));
  free(x); free(g); free(b); free(r);
  printf("PASS\n");
  return 0;
}
