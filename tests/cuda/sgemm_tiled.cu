// Tiled SGEMM with 2-D shared-memory tiles: the k-loop loads one TILE x TILE
// tile of A and of B per iteration, with two barriers per iteration (a barrier
// in a loop whose trip count comes from a kernel argument). Handles sizes that
// are not multiples of the tile by zero-padding.
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

#define TILE 16

__global__ void sgemmTiled(int M, int N, int K, const float *A, const float *B, float *C) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int tx = threadIdx.x, ty = threadIdx.y;
  int row = blockIdx.y * TILE + ty, col = blockIdx.x * TILE + tx;
  float acc = 0.0f;
  for (int k0 = 0; k0 < K; k0 += TILE) {
    As[ty][tx] = (row < M && k0 + tx < K) ? A[row * K + k0 + tx] : 0.0f;
    Bs[ty][tx] = (k0 + ty < K && col < N) ? B[(k0 + ty) * N + col] : 0.0f;
    __syncthreads();
    for (int k = 0; k < TILE; ++k) acc += As[ty][k] * Bs[k][tx];
    __syncthreads();
  }
  if (row < M && col < N) C[row * N + col] = acc;
}

int main() {
  const int M = 130, N = 99, K = 141;
  float *A = (float *)malloc(M * K * 4), *B = (float *)malloc(K * N * 4), *R = (float *)malloc(M * N * 4);
  unsigned s = 42u;
  for (int i = 0; i < M * K; ++i) { s = s * 1664525u + 1013904223u; A[i] = (float)(s >> 8) / 16777216.0f - 0.5f; }
  for (int i = 0; i < K * N; ++i) { s = s * 1664525u + 1013904223u; B[i] = (float)(s >> 8) / 16777216.0f - 0.5f; }
  float *dA, *dB, *dC;
  CHECK(cudaMalloc(&dA, M * K * 4));
  CHECK(cudaMalloc(&dB, K * N * 4));
  CHECK(cudaMalloc(&dC, M * N * 4));
  CHECK(cudaMemcpy(dA, A, M * K * 4, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dB, B, K * N * 4, cudaMemcpyHostToDevice));
  dim3 block(TILE, TILE), grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);
  sgemmTiled<<<grid, block>>>(M, N, K, dA, dB, dC);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(R, dC, M * N * 4, cudaMemcpyDeviceToHost));
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double acc = 0, absacc = 0;
      for (int k = 0; k < K; ++k) { double p = (double)A[i * K + k] * B[k * N + j]; acc += p; absacc += fabs(p); }
      if (fabs(R[i * N + j] - acc) > 1e-5 * absacc + 1e-6) {
        printf("FAIL: C[%d][%d] = %f expected %f\n", i, j, R[i * N + j], acc);
        return 1;
      }
    }
  CHECK(cudaFree(dA)); CHECK(cudaFree(dB)); CHECK(cudaFree(dC));
  free(A); free(B); free(R);
  printf("PASS\n");
  return 0;
}
