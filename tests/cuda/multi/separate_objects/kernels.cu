// Kernels and their launchers, compiled separately from main.cpp.
#include "kernels.h"
#include <cuda_runtime.h>

__global__ void saxpyKernel(int n, float a, const float *x, float *y) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) y[i] = a * x[i] + y[i];
}

__global__ void sumKernel(const int *in, int n, long long *out) {
  __shared__ long long s[256];
  long long v = 0;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) v += in[i];
  s[threadIdx.x] = v;
  __syncthreads();
  for (int st = 128; st > 0; st >>= 1) {
    if (threadIdx.x < st) s[threadIdx.x] += s[threadIdx.x + st];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd((unsigned long long *)out, (unsigned long long)s[0]);
}

cudaError_t launchSaxpy(int n, float a, const float *x, float *y, cudaStream_t stream) {
  saxpyKernel<<<64, 256, 0, stream>>>(n, a, x, y);
  return cudaGetLastError();
}

cudaError_t launchSum(const int *in, int n, long long *out, cudaStream_t stream) {
  cudaError_t e = cudaMemsetAsync(out, 0, sizeof(long long), stream);
  if (e != cudaSuccess) return e;
  sumKernel<<<32, 256, 0, stream>>>(in, n, out);
  return cudaGetLastError();
}
