// Double-precision tiled GEMM with a register-blocked micro-tile: each thread
// of a 16x8 block computes a 1x2 strip of a 16x16 output tile.
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

__global__ void dgemm(int M, int N, int K, double alpha, const double *A, const double *B, double *C) {
  __shared__ double As[TILE][TILE];
  __shared__ double Bs[TILE][TILE];
  int tx = threadIdx.x, ty = threadIdx.y;  // blockDim = (16, 8)
  int col = blockIdx.x * TILE + tx;
  int row0 = blockIdx.y * TILE + ty, row1 = row0 + 8;
  double acc0 = 0.0, acc1 = 0.0;
  for (int k0 = 0; k0 < K; k0 += TILE) {
    for (int r = ty; r < TILE; r += 8) {
      int ar = blockIdx.y * TILE + r;
      As[r][tx] = (ar < M && k0 + tx < K) ? A[ar * K + k0 + tx] : 0.0;
      Bs[r][tx] = (k0 + r < K && col < N) ? B[(k0 + r) * N + col] : 0.0;
    }
    __syncthreads();
    for (int k = 0; k < TILE; ++k) {
      acc0 += As[ty][k] * Bs[k][tx];
      acc1 += As[ty + 8][k] * Bs[k][tx];
    }
    __syncthreads();
  }
  if (col < N) {
    if (row0 < M) C[row0 * N + col] = alpha * acc0;
    if (row1 < M) C[row1 * N + col] = alpha * acc1;
  }
}

int main() {
  const int M = 100, N = 70, K = 90;
  const double alpha = 0.75;
  double *A = (double *)malloc(M * K * 8), *B = (double *)malloc(K * N * 8), *R = (double *)malloc(M * N * 8);
  unsigned long long s = 88172645463325252ull;
  auto rnd = [&]() { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return (double)(s >> 11) / 9007199254740992.0 - 0.5; };
  for (int i = 0; i < M * K; ++i) A[i] = rnd();
  for (int i = 0; i < K * N; ++i) B[i] = rnd();
  double *dA, *dB, *dC;
  CHECK(cudaMalloc(&dA, M * K * 8));
  CHECK(cudaMalloc(&dB, K * N * 8));
  CHECK(cudaMalloc(&dC, M * N * 8));
  CHECK(cudaMemcpy(dA, A, M * K * 8, cudaMemcpyHostToDevice));
  CHECK(cudaMemcpy(dB, B, K * N * 8, cudaMemcpyHostToDevice));
  dim3 block(TILE, 8), grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);
  dgemm<<<grid, block>>>(M, N, K, alpha, dA, dB, dC);
  CHECK(cudaGetLastError());
  CHECK(cudaMemcpy(R, dC, M * N * 8, cudaMemcpyDeviceToHost));
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      double acc = 0, absacc = 0;
      for (int k = 0; k < K; ++k) { acc += A[i * K + k] * B[k * N + j]; absacc += fabs(A[i * K + k] * B[k * N + j]); }
      acc *= alpha;
      if (fabs(R[i * N + j] - acc) > 1e-13 * absacc + 1e-15) {
        printf("FAIL: C[%d][%d] = %.17g expected %.17g\n", i, j, R[i * N + j], acc);
        return 1;
      }
    }
  CHECK(cudaFree(dA)); CHECK(cudaFree(dB)); CHECK(cudaFree(dC));
  free(A); free(B); free(R);
  printf("PASS\n");
  return 0;
}
