// Custom atomics built from atomicCAS: atomicMax/atomicMin on float (via
// __float_as_int / __int_as_float) and an atomic multiply on double (via
// __double_as_longlong). Also a per-bucket float max.
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

__device__ float atomicMaxFloat(float *addr, float val) {
  int *ai = reinterpret_cast<int *>(addr);
  int old = *ai, assumed;
  while (__int_as_float(old) < val) {
    assumed = old;
    old = atomicCAS(ai, assumed, __float_as_int(val));
    if (old == assumed) break;
  }
  return __int_as_float(old);
}

__device__ float atomicMinFloat(float *addr, float val) {
  int *ai = reinterpret_cast<int *>(addr);
  int old = *ai, assumed;
  do {
    assumed = old;
    if (__int_as_float(assumed) <= val) break;
    old = atomicCAS(ai, assumed, __float_as_int(val));
  } while (old != assumed);
  return __int_as_float(old);
}

__device__ double atomicMulDouble(double *addr, double f) {
  unsigned long long *au = reinterpret_cast<unsigned long long *>(addr);
  unsigned long long old = *au, assumed;
  do {
    assumed = old;
    old = atomicCAS(au, assumed, __double_as_longlong(__longlong_as_double(assumed) * f));
  } while (old != assumed);
  return __longlong_as_double(old);
}

__global__ void extremes(const float *x, int n, float *mx, float *mn, float *bucketMax, double *prod) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    atomicMaxFloat(mx, x[i]);
    atomicMinFloat(mn, x[i]);
    atomicMaxFloat(&bucketMax[i % 10], x[i]);
    if (i % 1000 == 0) atomicMulDouble(prod, 2.0);  // powers of two: order-independent
  }
}

int main() {
  const int n = 100000;
  float *h = (float *)malloc(n * 4);
  unsigned s = 31337u;
  for (int i = 0; i < n; ++i) { s = s * 1664525u + 1013904223u; h[i] = ((float)(s >> 8) / 16777216.0f - 0.5f) * 1e4f; }
  float *dx, *dmx, *dmn, *dbk; double *dprod;
  CHECK(cudaMalloc(&dx, n * 4));
  CHECK(cudaMalloc(&dmx, 4));
  CHECK(cudaMalloc(&dmn, 4));
  CHECK(cudaMalloc(&dbk, 40));
  CHECK(cudaMalloc(&dprod, 8));
  CHECK(cudaMemcpy(dx, h, n * 4, cudaMemcpyHostToDevice));
  float neg = -INFINITY, pos = INFINITY, negs[10];
  double one = 1.0;
  for (int k = 0; k < 10; ++k) negs[k] = -INFINITY;
  CHECK(cudaMemcpy(dmx, &neg, 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dmn, &pos, 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dbk, negs, 40, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dprod, &one, 8, cudaMemcpyHostToDevice));
  extremes<<<(n + 255) / 256, 256>>>(dx, n, dmx, dmn, dbk, dprod);
  CHECK(cudaGetLastError());
  float rmx, rmn, rbk[10]; double rprod;
  CHECK(cudaMemcpy(&rmx, dmx, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&rmn, dmn, 4, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(rbk, dbk, 40, cudaMemcpyDeviceToHost));
  CHECK(cudaMemcpy(&rprod, dprod, 8, cudaMemcpyDeviceToHost));
  float emx = -INFINITY, emn = INFINITY, ebk[10];
  for (int k = 0; k < 10; ++k) ebk[k] = -INFINITY;
  for (int i = 0; i < n; ++i) {
    emx = fmaxf(emx, h[i]); emn = fminf(emn, h[i]);
    ebk[i % 10] = fmaxf(ebk[i % 10], h[i]);
  }
  if (rmx != emx || rmn != emn) { printf("FAIL: max %f vs %f, min %f vs %f\n", rmx, emx, rmn, emn); return 1; }
  for (int k = 0; k < 10; ++k)
    if (rbk[k] != ebk[k]) { printf("FAIL: bucket %d max %f vs %f\n", k, rbk[k], ebk[k]); return 1; }
  if (rprod != ldexp(1.0, n / 1000)) { printf("FAIL: product %g\n", rprod); return 1; }
  CHECK(cudaFree(dx)); CHECK(cudaFree(dmx)); CHECK(cudaFree(dmn)); CHECK(cudaFree(dbk)); CHECK(cudaFree(dprod));
  free(h);
  printf("PASS\n");
  return 0;
}
