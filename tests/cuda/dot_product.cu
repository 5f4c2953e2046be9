// Dot product: per-thread grid-stride partial sums, shared-memory block
// reduction, then one atomicAdd per block into a double accumulator.
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

__global__ void dot(const float *x, const float *y, int n, double *result) {
  __shared__ double cache[BS];
  double acc = 0.0;
  for (int i = blockIdx.x * BS + threadIdx.x; i < n; i += gridDim.x * BS) acc += (double)x[i] * y[i];
  cache[threadIdx.x] = acc;
  __syncthreads();
  for (int s = BS / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) cache[threadIdx.x] += cache[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(result, cache[0]);
}

int main() {
  const int n = 1000003;
  float *x = (float *)malloc(n * 4), *y = (float *)malloc(n * 4);
  unsigned s = 2718u;
  for (int i = 0; i < n; ++i) {
    s = s * 1664525u + 1013904223u; x[i] = (float)(s >> 8) / 16777216.0f - 0.5f;
    s = s * 1664525u + 1013904223u; y[i] = (float)(s >> 8) / 16777216.0f - 0.5f;
  }
  float *dx, *dy; double *dr;
  CHECK(cudaMalloc(&dx, n * 4));
  CHECK(cudaMalloc(&dy, n * 4));
  CHECK(cudaMalloc(&dr, 8));
  CHECK(cudaMemcpy(dx, x, n * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dy, y, n * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemset(dr, 0, 8));
  dot<<<128, BS>>>(dx, dy, n, dr);
  CHECK(cudaGetLastError());
  double r;
  CHECK(cudaMemcpy(&r, dr, 8, cudaMemcpyDeviceToHost));
  double ref = 0, absref = 0;
  for (int i = 0; i < n; ++i) { ref += (double)x[i] * y[i]; absref += fabs((double)x[i] * y[i]); }
  if (fabs(r - ref) > 1e-10 * absref) { printf("FAIL: dot %.15g expected %.15g\n", r, ref); return 1; }
  CHECK(cudaFree(dx)); CHECK(cudaFree(dy)); CHECK(cudaFree(dr));
  free(x); free(y);
  printf("PASS\n");
  return 0;
}
