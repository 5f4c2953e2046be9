// Row-wise softmax: one block per row, a strided loop over the row's columns,
// shared-memory max reduction then sum reduction (two reductions, each a
// barrier loop), then normalisation. Rows are longer than the block.
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

#define BS 128

__global__ void softmaxRows(const float *in, float *out, int cols) {
  __shared__ float red[BS];
  const float *row = in + (size_t)blockIdx.x * cols;
  float *orow = out + (size_t)blockIdx.x * cols;
  int t = threadIdx.x;
  float m = -INFINITY;
  for (int c = t; c < cols; c += BS) m = fmaxf(m, row[c]);
  red[t] = m;
  __syncthreads();
  for (int s = BS / 2; s > 0; s >>= 1) {
    if (t < s) red[t] = fmaxf(red[t], red[t + s]);
    __syncthreads();
  }
  float rowMax = red[0];
  __syncthreads();   // everyone has read red[0] before it is reused
  float sum = 0.0f;
  for (int c = t; c < cols; c += BS) sum += expf(row[c] - rowMax);
  red[t] = sum;
  __syncthreads();
  for (int s = BS / 2; s > 0; s >>= 1) {
    if (t < s) red[t] += red[t + s];
    __syncthreads();
  }
  float inv = 1.0f / red[0];
  for (int c = t; c < cols; c += BS) orow[c] = expf(row[c] - rowMax) * inv;
}

int main() {
  const int rows = 200, cols = 1000;
  float *h = (float *)malloc(rows * cols * 4), *r = (float *)malloc(rows * cols * 4);
  unsigned s = 11u;
  for (int i = 0; i < rows * cols; ++i) { s = s * 1664525u + 1013904223u; h[i] = ((float)(s >> 8) / 16777216.0f - 0.5f) * 20.0f; }
  float *din, *dout;
  CHECK(cudaMalloc(&din, rows * cols * 4));
  CHECK(cudaMalloc(&dout, rows * cols * 4));
  CHECK(cudaMemcpy(din, h, rows * cols * 4, cudaMemcpyHostToDevice));
  softmaxRows<<<rows, BS>>>(din, dout, cols);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(r, dout, rows * cols * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < rows; ++i) {
    double m = -INFINITY, sum = 0, total = 0;
    for (int c = 0; c < cols; ++c) m = fmax(m, (double)h[i * cols + c]);
    for (int c = 0; c < cols; ++c) sum += exp((double)h[i * cols + c] - m);
    for (int c = 0; c < cols; ++c) {
      double ref = exp((double)h[i * cols + c] - m) / sum;
      double got = r[i * cols + c];
      total += got;
      if (fabs(got - ref) > 1e-5 * ref + 1e-9) { printf("FAIL: row %d col %d: %g expected %g\n", i, c, got, ref); return 1; }
    }
    if (fabs(total - 1.0) > 1e-4) { printf("FAIL: row %d sums to %f\n", i, total); return 1; }
  }
  CHECK(cudaFree(din)); CHECK(cudaFree(dout));
  free(h); free(r);
  printf("PASS\n");
  return 0;
}
