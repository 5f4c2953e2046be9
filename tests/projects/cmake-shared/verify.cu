#include <cuda_runtime.h>

// Counts the elements of Y that differ from A * (I % 100) + 1, on the
// device (built for CUDAARCHS, while the library is built for "all").
__global__ void countMismatches(const float *Y, int N, float A, unsigned *Bad) {
  for (int I = blockIdx.x * blockDim.x + threadIdx.x; I < N;
       I += gridDim.x * blockDim.x)
    if (Y[I] != A * (I % 100) + 1.0f)
      atomicAdd(Bad, 1u);
}

unsigned mismatchesOnDevice(const float *Y, int N, float A) {
  float *DY;
  unsigned *Bad, Result = ~0u;
  cudaMalloc(&DY, N * sizeof(float));
  cudaMalloc(&Bad, sizeof(unsigned));
  cudaMemcpy(DY, Y, N * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemset(Bad, 0, sizeof(unsigned));
  countMismatches<<<16, 256>>>(DY, N, A, Bad);
  cudaMemcpy(&Result, Bad, sizeof(unsigned), cudaMemcpyDeviceToHost);
  cudaFree(DY);
  cudaFree(Bad);
  return Result;
}
