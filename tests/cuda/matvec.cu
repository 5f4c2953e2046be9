// Dense matrix-vector product y = A x, two variants: one thread per row
// (row-major, strided access) and one block per row with a shared-memory
// reduction over a strided column loop.
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

__global__ void matvecThreadPerRow(const float *A, const float *x, float *y, int rows, int cols) {
  int r = blockIdx.x * blockDim.x + threadIdx.x;
  if (r < rows) {
    float acc = 0.0f;
    for (int c = 0; c < cols; ++c) acc += A[(size_t)r * cols + c] * x[c];
    y[r] = acc;
  }
}

__global__ void matvecBlockPerRow(const float *A, const float *x, float *y, int cols) {
  extern __shared__ float part[];
  int r = blockIdx.x;
  float acc = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) acc += A[(size_t)r * cols + c] * x[c];
  part[threadIdx.x] = acc;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) y[r] = part[0];
}

int main() {
  const int rows = 700, cols = 900;
  float *A = (float *)malloc(rows * cols * 4), *x = (float *)malloc(cols * 4), *y = (float *)malloc(rows * 4);
  unsigned s = 77u;
  for (int i = 0; i < rows * cols; ++i) { s = s * 1664525u + 1013904223u; A[i] = (float)(s >> 8) / 16777216.0f - 0.5f; }
  for (int c = 0; c < cols; ++c) x[c] = (float)(c % 13) * 0.1f - 0.6f;
  float *dA, *dx, *dy;
  CHECK(cudaMalloc(&dA, rows * cols * 4));
  CHECK(cudaMalloc(&dx, cols * 4));
  CHECK(cudaMalloc(&dy, rows * 4));
  CHECK(cudaMemcpy(dA, A, rows * cols * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dx, x, cols * 4, cudaMemcpyHostToDevice));
  for (int variant = 0; variant < 2; ++variant) {
    CHECK(cudaMemset(dy, 0, rows * 4));
    if (variant == 0) matvecThreadPerRow<<<(rows + 127) / 128, 128>>>(dA, dx, dy, rows, cols);
    else matvecBlockPerRow<<<rows, 64, 64 * sizeof(float)>>>(dA, dx, dy, cols);
    CHECK(cudaGetLastError());
    CHECK(cudaMemcpy(y, dy, rows * 4, cudaMemcpyDeviceToHost));
    for (int r = 0; r < rows; ++r) {
      double acc = 0, mag = 0;
      for (int c = 0; c < cols; ++c) { double p = (double)A[r * cols + c] * x[c]; acc += p; mag += fabs(p); }
      if (fabs(y[r] - acc) > 2e-5 * mag + 1e-6) { printf("FAIL: variant %d row %d: %f expected %f\n", variant, r, y[r], acc); return 1; }
    }
  }
  CHECK(cudaFree(dA)); CHECK(cudaFree(dx)); CHECK(cudaFree(dy));
  free(A); free(x); free(y);
  printf("PASS\n");
  return 0;
}
