// Old-school CUDA code with `register` loop counters and accumulators, in
// kernels and in the host reference. ISO C++17 removed the storage class
// (clang makes it an error); nvcc accepts it in C++17 with a warning, and
// so must txcc (built here with its default, -std=c++17).
#include <cstdio>
#include <cstdlib>
#include <cuda_runtime.h>

#define CUDA_SAFE_CALL(call)                                               \
  do {                                                                     \
    cudaError_t err = call;                                                \
    if (cudaSuccess != err) {                                              \
      fprintf(stderr, "FAIL: Cuda error in file '%s' in line %i : %s.\n",  \
              __FILE__, __LINE__, cudaGetErrorString(err));                \
      exit(EXIT_FAILURE);                                                  \
    }                                                                      \
  } while (0)

#define N 96
#define BLOCK 16

// C = A * B for N x N matrices, one thread per element.
__global__ void matMul(const float *A, const float *B, float *C) {
  register int row = blockIdx.y * BLOCK + threadIdx.y;
  register int col = blockIdx.x * BLOCK + threadIdx.x;
  register float acc = 0.0f;
  for (register int k = 0; k < N; ++k) acc += A[row * N + k] * B[k * N + col];
  C[row * N + col] = acc;
}

static void matMulHost(const float *A, const float *B, float *C) {
  for (register int i = 0; i < N; ++i)
    for (register int j = 0; j < N; ++j) {
      register float acc = 0.0f;
      for (register int k = 0; k < N; ++k) acc += A[i * N + k] * B[k * N + j];
      C[i * N + j] = acc;
    }
}

int main() {
  static float A[N * N], B[N * N], C[N * N], R[N * N];
  // Small integers: every product and partial sum is exact in float.
  for (register int i = 0; i < N * N; ++i) {
    A[i] = (float)((i * 7) % 11 - 5);
    B[i] = (float)((i * 3) % 13 - 6);
  }
  float *dA, *dB, *dC;
  CUDA_SAFE_CALL(cudaMalloc((void **)&dA, sizeof A));
  CUDA_SAFE_CALL(cudaMalloc((void **)&dB, sizeof B));
  CUDA_SAFE_CALL(cudaMalloc((void **)&dC, sizeof C));
  CUDA_SAFE_CALL(cudaMemcpy(dA, A, sizeof A, cudaMemcpyHostToDevice));
  CUDA_SAFE_CALL(cudaMemcpy(dB, B, sizeof B, cudaMemcpyHostToDevice));
  dim3 grid(N / BLOCK, N / BLOCK), block(BLOCK, BLOCK);
  matMul<<<grid, block>>>(dA, dB, dC);
  CUDA_SAFE_CALL(cudaGetLastError());
  CUDA_SAFE_CALL(cudaMemcpy(C, dC, sizeof C, cudaMemcpyDeviceToHost));
  matMulHost(A, B, R);
  for (register int i = 0; i < N * N; ++i)
    if (C[i] != R[i]) {
      printf("FAIL: C[%d] = %g expected %g\n", i, C[i], R[i]);
      return 1;
    }
  CUDA_SAFE_CALL(cudaFree(dA));
  CUDA_SAFE_CALL(cudaFree(dB));
  CUDA_SAFE_CALL(cudaFree(dC));
  printf("PASS\n");
  return 0;
}
