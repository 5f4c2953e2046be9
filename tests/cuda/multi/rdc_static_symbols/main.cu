// File-local kernels and device variables of the same name in two files
// compiled with -rdc: each file launches and sets its own.
#include "counters.h"
#include <cstdio>

static __device__ int Scale = 5;

static __global__ void fill(int *Out, int N) {
  int I = blockIdx.x * blockDim.x + threadIdx.x;
  if (I < N)
    Out[I] = twice(I) + Scale;
}

int main() {
  const int N = 200;
  int *A, *B;
  cudaMallocManaged(&A, N * sizeof(int));
  cudaMallocManaged(&B, N * sizeof(int));
  int Eleven = 11;
  cudaMemcpyToSymbol(Scale, &Eleven, sizeof(int));
  fill<<<(N + 63) / 64, 64>>>(A, N);
  cudaError_t Err = cudaDeviceSynchronize();
  int Status = runCounters(B, N);
  int Read = 0;
  cudaMemcpyFromSymbol(&Read, Scale, sizeof(int));
  int Bad = 0;
  for (int I = 0; I < N; ++I)
    Bad += A[I] != 2 * I + 11 || B[I] != 2 * I * 7;
  printf("errors %s %d, mismatches %d, main's Scale %d\n",
         cudaGetErrorString(Err), Status, Bad, Read);
  printf("%s\n", Err == cudaSuccess && Status == 0 && !Bad && Read == 11
                     ? "PASS"
                     : "FAIL");
  return 0;
}
