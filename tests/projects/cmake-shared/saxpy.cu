#include "saxpy.h"

__global__ void saxpyKernel(int N, float A, const float *X, float *Y) {
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    Y[I] = A * X[I] + Y[I];
}

extern "C" int saxpyOnDevice(int N, float A, const float *X, float *Y) {
  float *DX, *DY;
  if (cudaMalloc(&DX, N * sizeof(float)) != cudaSuccess ||
      cudaMalloc(&DY, N * sizeof(float)) != cudaSuccess)
    return -1;
  cudaMemcpy(DX, X, N * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(DY, Y, N * sizeof(float), cudaMemcpyHostToDevice);
  saxpyKernel<<<32, SAXPY_BLOCK>>>(N, A, DX, DY);
  cudaMemcpy(Y, DY, N * sizeof(float), cudaMemcpyDeviceToHost);
  cudaFree(DX);
  cudaFree(DY);
  return cudaGetLastError() == cudaSuccess ? 0 : -1;
}
