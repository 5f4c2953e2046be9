#include "scale.h"

__global__ void scaleKernel(float *X, int N, float Factor) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    X[I] *= Factor;
}

cudaError_t scaleOnDevice(float *Device, int N, float Factor) {
  scaleKernel<<<(N + 255) / 256, 256>>>(Device, N, Factor);
  return cudaDeviceSynchronize();
}
